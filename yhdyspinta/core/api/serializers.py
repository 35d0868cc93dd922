"""Link fields of the API accept only records the reader may view (the serializer side of
`yhdyspinta.core.forms.RestrictedFormMixin`).

`RestrictedSerializerMixin.get_fields()` passes the queryset of every PrimaryKeyRelatedField
(and the child of every many=True ManyRelatedField) through `restrict(user, "view")` with the
request's user. DRF resolves link ids field by field before any `validate_<field>()`,
`validate()` or action runs, so a hidden id answers 400 with exactly the message of a missing
one (`Invalid pk "7" - object does not exist.`) and no later check can name the hidden record.
Narrower querysets a serializer sets itself stay; the restriction is applied on top.
"""

from django.contrib.auth.models import AnonymousUser
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField


def restrict_serializer_field(field, user) -> None:
    if isinstance(field, ManyRelatedField):
        field = field.child_relation
    if not isinstance(field, RelatedField) or field.read_only:
        return
    queryset = field.queryset
    if queryset is not None and hasattr(queryset, "restrict"):
        field.queryset = queryset.restrict(user, "view")


class RestrictedSerializerMixin:
    """First base of every serializer with link fields; the user comes from the request in the
    context (or from `self.user`, for serializers that take `user=` themselves)."""

    def restriction_user(self):
        user = getattr(self, "user", None)
        if user is None:
            request = self.context.get("request")
            user = getattr(request, "user", None)
        return user if user is not None else AnonymousUser()

    def get_fields(self):
        fields = super().get_fields()
        user = self.restriction_user()
        for field in fields.values():
            restrict_serializer_field(field, user)
        return fields


class RestrictedModelSerializer(RestrictedSerializerMixin, serializers.ModelSerializer):
    """A ModelSerializer whose link fields accept only records the reader may view."""
