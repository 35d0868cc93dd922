from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from yhdyspinta.core.actions import update_record
from yhdyspinta.core.api.views import RestrictedModelViewSet
from yhdyspinta.core.models import Visibility
from yhdyspinta.organisations.models import Organisation

from .. import actions
from ..filtersets import (
    AssessmentFilterSet,
    InterfaceFilterSet,
    RoundFilterSet,
    SearchSynonymFilterSet,
    ServiceFilterSet,
)
from ..models import (
    ContactPoint,
    Interface,
    InterfaceTemplate,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    SearchSynonym,
    Service,
    ServicePoint,
)
from .serializers import (
    AnswerSerializer,
    AssessmentSerializer,
    ContactPointSerializer,
    InstantiateSerializer,
    InterfaceSerializer,
    ReopenRoundSerializer,
    RetractSerializer,
    RoundSerializer,
    SearchSynonymSerializer,
    ServicePointSerializer,
    ServiceSerializer,
    TemplateSerializer,
)


class ServiceViewSet(RestrictedModelViewSet):
    """Services (palvelut) with their organiser, field and legal basis."""

    queryset = Service.objects.select_related("organisation")
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet
    ordering_fields = ["name", "organisation", "field"]


class ServicePointViewSet(RestrictedModelViewSet):
    """Service points; public when their service is public."""

    queryset = ServicePoint.objects.select_related("service")
    serializer_class = ServicePointSerializer
    filterset_fields = ["service", "municipality"]
    ordering_fields = ["name"]


class ContactPointViewSet(RestrictedModelViewSet):
    """Contact points (phone, e-mail, web) of services."""

    queryset = ContactPoint.objects.select_related("service")
    serializer_class = ContactPointSerializer
    filterset_fields = ["service"]
    ordering_fields = ["name"]


class SearchSynonymViewSet(RestrictedModelViewSet):
    """Search synonyms kept by editors (what residents type → words of the services it finds); every
    search uses them on top of the shipped list."""

    queryset = SearchSynonym.objects.select_related("organisation")
    serializer_class = SearchSynonymSerializer
    filterset_class = SearchSynonymFilterSet
    ordering_fields = ["language", "phrase"]


class InterfaceViewSet(RestrictedModelViewSet):
    """Interfaces (yhdyspinnat): writes validated by the actions (≥ 2 organisations, owners from parties)."""

    queryset = Interface.objects.prefetch_related("parties", "services", "responsibilities", "escalation_steps",
                                                  "owners", "assessments")
    serializer_class = InterfaceSerializer
    filterset_class = InterfaceFilterSet
    ordering_fields = ["title", "theme", "client_group", "updated_at"]
    # the rules of parties and owners, the right to add for the parties, before and after a change
    create_action = actions.create_interface
    update_action = actions.update_interface


class AssessmentViewSet(RestrictedModelViewSet):
    """Maturity assessments: created and read; only the comment may be corrected, so the history stays true.

    An assessment is not deleted: POST `retract/` with a `reason` withdraws it (it stays listed, marked
    retracted, and no longer counts as the current value). DELETE answers 405.
    """

    queryset = MaturityAssessment.objects.select_related("interface")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet
    ordering_fields = ["assessed_on", "dimension", "value"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    create_action = actions.assess_maturity  # recorded as the signed-in user, the date not in the future

    def perform_update(self, serializer):
        """Only the comment changes; a new value is a new assessment."""
        serializer.instance = actions.correct_assessment_comment(
            serializer.instance, acting_user=self.request.user,
            comment=serializer.validated_data.get("comment", serializer.instance.comment))

    def http_method_not_allowed(self, request, *args, **kwargs):
        if request.method == "DELETE":
            raise MethodNotAllowed("DELETE", detail=_(
                "An assessment is not deleted: retract it with a reason (POST …/retract/)."))
        return super().http_method_not_allowed(request, *args, **kwargs)

    @extend_schema(request=RetractSerializer, responses={200: AssessmentSerializer},
                   description="Retracts the assessment with a reason (required). It stays in the history, "
                               "marked retracted, and no longer counts as the current value.")
    @action(detail=True, methods=["post"], serializer_class=RetractSerializer)
    def retract(self, request, pk=None):
        assessment = self.get_object()
        body = RetractSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        retracted = actions.retract_assessment(assessment, acting_user=request.user,
                                               reason=body.validated_data["reason"])
        return Response(AssessmentSerializer(retracted, context=self.get_serializer_context()).data)


class TemplateViewSet(viewsets.ReadOnlyModelViewSet):
    """The seed templates; POST instantiate/ creates a county's missing interfaces."""

    queryset = InterfaceTemplate.objects.all()
    serializer_class = TemplateSerializer
    ordering_fields = ["order", "key"]  # the shipped templates are synced after migrate (catalogue.signals)

    @extend_schema(request=InstantiateSerializer, responses={200: inline_serializer("InstantiateResult", {
                       "interfaces": serializers.IntegerField(help_text="interfaces created"),
                       "existing": serializers.IntegerField(help_text="interfaces that existed and were kept"),
                       "services": serializers.IntegerField(help_text="services created")})},
                   description="Creates the missing interfaces of a county; returns counts of created and kept.")
    @action(detail=False, methods=["post"], serializer_class=InstantiateSerializer)
    def instantiate(self, request):
        if not request.user.is_authenticated:
            raise PermissionDenied
        body = InstantiateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        county = get_object_or_404(Organisation, pk=body.validated_data["county"])
        counts = actions.instantiate_templates(
            county, actor=request.user, keys=body.validated_data.get("keys"),
            visibility=Visibility.PUBLIC if body.validated_data["publish"] else Visibility.INTERNAL)
        return Response(counts, status=status.HTTP_200_OK)


def _update_round(round_, *, acting_user, include_county=None, **fields):
    """A round's texts and dates; `include_county` chose the respondents at opening (the scope is frozen)."""
    return update_record(round_, acting_user=acting_user, **fields)


class RoundViewSet(RestrictedModelViewSet):
    """Mapping rounds of a county."""

    queryset = MappingRound.objects.select_related("area")
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    ordering_fields = ["opens_on", "title"]

    create_action = actions.open_round  # by a county's writers; invitations to the answering organisations
    update_action = _update_round

    @extend_schema(request=None, responses={200: RoundSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Closes the round: no more answers until the coordinator reopens it."""
        round_ = self.get_object()
        actions.close_round(round_, acting_user=request.user)
        return Response(RoundSerializer(round_, context=self.get_serializer_context()).data)

    @extend_schema(request=ReopenRoundSerializer, responses={200: RoundSerializer})
    @action(detail=True, methods=["post"], serializer_class=ReopenRoundSerializer)
    def reopen(self, request, pk=None):
        """Reopens a closed round until `closes_on` (none: until closed); logged in its history."""
        round_ = self.get_object()
        body = ReopenRoundSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actions.reopen_round(round_, acting_user=request.user, closes_on=body.validated_data["closes_on"])
        return Response(RoundSerializer(round_, context=self.get_serializer_context()).data)


class AnswerViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    viewsets.GenericViewSet):
    """Answers of a round; POST answers (or re-answers) for one interface and organisation."""

    queryset = MappingAnswer.objects.select_related("round", "interface", "organisation")
    serializer_class = AnswerSerializer
    filterset_fields = ["round", "interface", "organisation"]
    ordering_fields = ["answered_at"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = actions.answer_round(data.pop("round"), acting_user=self.request.user, **data)
