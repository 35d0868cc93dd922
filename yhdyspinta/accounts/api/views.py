from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import actions
from ..models import Membership, Role
from .serializers import MembershipSerializer


class MembershipViewSet(RestrictedModelViewSet):
    """Memberships: organisation admins manage their organisations' members.

    Writes go through accounts.actions, the same functions as the members pages (rights, no role
    above the actor's own, the last admin kept, audited)."""

    queryset = Membership.objects.select_related("user", "organisation")
    serializer_class = MembershipSerializer
    filterset_fields = ["organisation", "role", "user"]
    ordering_fields = ["created", "role"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = actions.add_membership(
            actor=self.request.user, user=data["user"], organisation=data["organisation"],
            role=data.get("role", Role.VIEWER))

    def perform_update(self, serializer):
        data = serializer.validated_data
        # An admin's change is theirs to keep: single sign-on no longer manages this membership.
        serializer.instance = actions.change_membership(
            serializer.instance, actor=self.request.user, role=data.get("role"),
            organisation=data.get("organisation"), user=data.get("user"))

    def perform_destroy(self, instance):
        actions.remove_membership(instance, actor=self.request.user)
