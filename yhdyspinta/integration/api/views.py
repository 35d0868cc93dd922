"""API: studies and parties; the published results (matrix cells with n < 5 suppressed, clusters,
boundary) as read-only actions of a study. Respondents and single answers are never exposed."""


from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from yhdyspinta.core.api.views import RestrictedModelViewSet
from yhdyspinta.core.audit import log_internal_reads
from yhdyspinta.core.filtersets import RestrictedFilterSet

from .. import actions, analysis
from ..filtersets import StudyFilterSet
from ..models import Study, StudyParty
from .serializers import StudyPartySerializer, StudySerializer


class StudyViewSet(RestrictedModelViewSet):
    queryset = Study.objects.select_related("owner")
    serializer_class = StudySerializer
    filterset_class = StudyFilterSet
    ordering_fields = ["id", "title", "status"]
    # the same rules as the study page: the default questionnaire on create, results recomputed on change
    create_action = actions.create_study
    update_action = actions.update_study

    def _results(self, request):
        study = self.get_object()
        log_internal_reads(request, Study, [study], detail=request.get_full_path())
        return study, analysis.results(study)

    @extend_schema(responses=inline_serializer("StudyMatrix", {
        "study": serializers.IntegerField(), "respondents": serializers.IntegerField(),
        "answers_used": serializers.IntegerField(), "answers_dropped": serializers.IntegerField(),
        "index": inline_serializer("StudyIndex", {"mean": serializers.FloatField(allow_null=True),
                                                  "sd": serializers.FloatField(allow_null=True)}),
        "min_n": serializers.IntegerField(help_text="cells with fewer answers are suppressed"),
        "cells": serializers.ListField(child=serializers.DictField(), help_text="task group × party: n, mean, interval"),
        "symmetric": serializers.ListField(child=serializers.DictField(), help_text="pairs a, b with their need")}))
    @action(detail=True)
    def matrix(self, request, pk=None):
        """Matrix cells (task group × party): n, mean index, 95 % interval; n < 5 suppressed."""
        study, res = self._results(request)
        return Response({"study": study.pk, "respondents": res["respondents"], "answers_used": res["answers_used"],
                         "answers_dropped": res["answers_dropped"], "index": {"mean": res["mean"], "sd": res["sd"]},
                         "min_n": analysis.MIN_N, "cells": res["cells"], "symmetric": res["symmetric"]})

    @extend_schema(responses=inline_serializer("StudyClusters", {
        "study": serializers.IntegerField(), "clusters": serializers.DictField(help_text="node → cluster"),
        "modularity": serializers.FloatField(allow_null=True), "stability": serializers.FloatField(allow_null=True),
        "positions": serializers.DictField(help_text="node → [x, y]")}))
    @action(detail=True)
    def clusters(self, request, pk=None):
        study, res = self._results(request)
        return Response({"study": study.pk, "clusters": res["clusters"], "modularity": res["modularity"],
                         "stability": res["stability"], "positions": res["positions"]})

    @extend_schema(responses=inline_serializer("StudyBoundary", {
        "error": serializers.CharField(allow_null=True, help_text="why no boundary was computed, else null"),
        "baseline": serializers.FloatField(required=False), "exact": serializers.BooleanField(required=False),
        "method": serializers.CharField(required=False), "assignment": serializers.DictField(required=False),
        "damage": serializers.FloatField(required=False, allow_null=True),
        "cut_share": serializers.FloatField(required=False, allow_null=True)}))
    @action(detail=True)
    def boundary(self, request, pk=None):
        study, _res = self._results(request)
        out = analysis.boundary(study)
        body = {k: v for k, v in out.items() if k not in ("key", "error_reason")}
        body["error"] = analysis.error_message(out)  # in the request's language
        return Response(body)


class PartyFilterSet(RestrictedFilterSet):
    class Meta:
        model = StudyParty
        fields = ["study", "organiser", "fixed_by_law"]


class StudyPartyViewSet(RestrictedModelViewSet, ReadOnlyModelViewSet):
    """Parties are read here; the owner edits them on the study's pages (which bump the results)."""

    queryset = StudyParty.objects.select_related("study")
    serializer_class = StudyPartySerializer
    filterset_class = PartyFilterSet
    ordering_fields = ["study", "order", "code"]
    http_method_names = ["get", "head", "options"]
