from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from yhdyspinta.catalogue.models import Interface
from yhdyspinta.core.api.views import RestrictedModelViewSet
from yhdyspinta.core.concurrency import etag
from yhdyspinta.organisations.models import Organisation, Person

from .. import actions
from ..filtersets import (
    AgendaItemFilterSet,
    AgreementFilterSet,
    DecisionFilterSet,
    DutyFilterSet,
    EscalationFilterSet,
    FollowUpActionFilterSet,
    ForumFilterSet,
    ForumMemberFilterSet,
    MeetingFilterSet,
)
from ..models import (
    AgendaItem,
    Agreement,
    Decision,
    Duty,
    DutyEvidence,
    Escalation,
    FollowUpAction,
    Forum,
    ForumMember,
    Meeting,
)
from . import serializers as s


def _ids(lookup, model):
    """Prefetches a relation whose rows the serializer needs only as primary keys."""
    return Prefetch(lookup, queryset=model.objects.only("pk"))


class ForumViewSet(RestrictedModelViewSet):
    queryset = Forum.objects.select_related("area").prefetch_related(
        _ids("organisations", Organisation), _ids("interfaces", Interface))
    serializer_class = s.ForumSerializer
    filterset_class = ForumFilterSet
    ordering_fields = ("name", "level")


class ForumMemberViewSet(RestrictedModelViewSet):
    queryset = ForumMember.objects.select_related("person", "organisation")
    serializer_class = s.ForumMemberSerializer
    filterset_class = ForumMemberFilterSet
    ordering_fields = ("role",)


class MeetingViewSet(RestrictedModelViewSet):
    queryset = Meeting.objects.select_related("forum", "minutes_checked_by", "minutes_approved_by").prefetch_related(
        _ids("participants", Person), _ids("forum__organisations", Organisation))
    serializer_class = s.MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ("starts_at",)

    def _minutes_step(self, request, step):
        """The page's buttons (views.minutes.MinutesStateView) call the same actions: the rights to
        change the meeting, the state and the attendance rules are theirs (403 / 400 with a reason)."""
        meeting = self.get_object()  # 404 for those who may not see the meeting
        if not request.user.is_authenticated:
            raise PermissionDenied
        step(meeting, actor=request.user)
        meeting.refresh_from_db()  # the saved version and the stamps
        response = Response(self.get_serializer(meeting).data)
        response["ETag"] = etag(meeting)  # the new version: a client's next PATCH sends it in If-Match
        return response

    @extend_schema(request=None, responses={200: s.MeetingSerializer})
    @action(detail=True, methods=["post"], url_path="check-minutes")
    def check_minutes(self, request, pk=None):
        """Draft → checked (actions.mark_minutes_checked): needs the attendance and two minute
        checkers; sets who and when and, when empty, `minutes_checked_on` (the minutes turn public)."""
        return self._minutes_step(request, actions.mark_minutes_checked)

    @extend_schema(request=None, responses={200: s.MeetingSerializer})
    @action(detail=True, methods=["post"], url_path="approve-minutes")
    def approve_minutes(self, request, pk=None):
        """Checked → approved (actions.approve_minutes): the minutes are frozen, later changes are
        correction entries (`corrections/`)."""
        return self._minutes_step(request, actions.approve_minutes)


class AgendaItemViewSet(RestrictedModelViewSet):
    queryset = AgendaItem.objects.select_related("meeting__forum").prefetch_related(
        _ids("meeting__forum__organisations", Organisation), _ids("interfaces", Interface))
    serializer_class = s.AgendaItemSerializer
    filterset_class = AgendaItemFilterSet
    ordering_fields = ("number",)


class DecisionViewSet(RestrictedModelViewSet):
    queryset = Decision.objects.select_related("item")
    serializer_class = s.DecisionSerializer
    filterset_class = DecisionFilterSet
    ordering_fields = ("meeting",)


class FollowUpActionViewSet(RestrictedModelViewSet):
    queryset = FollowUpAction.objects.all()
    serializer_class = s.FollowUpActionSerializer
    filterset_class = FollowUpActionFilterSet
    ordering_fields = ("deadline", "status")


class EscalationViewSet(RestrictedModelViewSet):
    queryset = Escalation.objects.select_related("raised_by", "to_forum")
    serializer_class = s.EscalationSerializer
    filterset_class = EscalationFilterSet
    ordering_fields = ("raised_on", "state")

    @extend_schema(request=s.TransitionSerializer, responses={200: s.EscalationSerializer})
    @action(detail=True, methods=["post"], serializer_class=s.TransitionSerializer)
    def transition(self, request, pk=None):
        """Moves the escalation to `target` (raised → on_agenda → decided → done, or rejected)."""
        esc = self.get_object()
        body = s.TransitionSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        if not request.user.is_authenticated:
            raise PermissionDenied
        actions.transition_escalation(esc, body.validated_data["target"], actor=request.user,
                                      reason=body.validated_data.get("reason", ""),
                                      agenda_item=body.validated_data.get("agenda_item"))
        return Response(s.EscalationSerializer(esc, context=self.get_serializer_context()).data)


class DutyViewSet(viewsets.ReadOnlyModelViewSet):
    """Duties are generated from the rules; evidence is linked through /evidence/."""

    queryset = Duty.objects.select_related("rule")
    serializer_class = s.DutySerializer
    filterset_class = DutyFilterSet
    ordering_fields = ("due_date",)

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


class DutyEvidenceViewSet(RestrictedModelViewSet):
    queryset = DutyEvidence.objects.all()
    serializer_class = s.DutyEvidenceSerializer
    filterset_fields = ("duty", "kind")
    ordering_fields = ("date",)

    @extend_schema(request=s.BulkEvidenceSerializer, responses={201: s.DutyEvidenceSerializer(many=True)})
    @action(detail=False, methods=["post"], serializer_class=s.BulkEvidenceSerializer)
    def bulk(self, request):
        """Links the same evidence to the duty of every listed municipality (one transaction)."""
        body = s.BulkEvidenceSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        if not request.user.is_authenticated:
            raise PermissionDenied
        created = actions.add_evidence_in_bulk(actor=request.user, **body.validated_data)
        data = s.DutyEvidenceSerializer(created, many=True, context=self.get_serializer_context()).data
        return Response(data, status=201)


class AgreementViewSet(RestrictedModelViewSet):
    queryset = Agreement.objects.prefetch_related(
        _ids("parties", Organisation), _ids("interfaces", Interface), _ids("forums", Forum))
    serializer_class = s.AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering_fields = ("title", "valid_until")
    # the agreement rules (dates, the parties' legal checks) in one place, as on the pages
    create_action = actions.create_agreement
    update_action = actions.update_agreement
