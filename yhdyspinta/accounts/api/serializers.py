from rest_framework import serializers

from yhdyspinta.core.api.serializers import RestrictedSerializerMixin

from ..models import Membership


class MembershipSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "username", "organisation", "role", "source", "created"]
        read_only_fields = ["created", "source"]
