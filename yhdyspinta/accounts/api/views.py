from django.core.exceptions import PermissionDenied

from yhdyspinta.accounts.permissions import ALL, org_ids
from yhdyspinta.core.actions import audited
from yhdyspinta.core.api.views import RestrictedModelViewSet

from ..models import Membership
from .serializers import MembershipSerializer


class MembershipViewSet(RestrictedModelViewSet):
    """Memberships: organisation admins manage their organisations' members."""

    queryset = Membership.objects.select_related("user", "organisation")
    serializer_class = MembershipSerializer
    filterset_fields = ["organisation", "role", "user"]
    ordering_fields = ["created", "role"]

    def _require_admin(self, organisation):
        ids = org_ids(self.request.user, "admin")
        if not (ids is ALL or organisation.pk in ids):
            raise PermissionDenied

    def perform_create(self, serializer):
        with audited(self.request.user):
            self._require_admin(serializer.validated_data["organisation"])
            serializer.save()

    def perform_update(self, serializer):
        with audited(self.request.user):
            self._require_admin(serializer.instance.organisation)
            self._require_admin(serializer.validated_data.get("organisation", serializer.instance.organisation))
            # An admin's change is theirs to keep: single sign-on no longer manages this membership.
            serializer.save(source="")

    def perform_destroy(self, instance):
        with audited(self.request.user):
            self._require_admin(instance.organisation)
            instance.delete()
