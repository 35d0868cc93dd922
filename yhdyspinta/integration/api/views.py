"""API: studies and parties; the published results (matrix cells with n < 5 suppressed, clusters,
boundary) as read-only actions of a study. Respondents and single answers are never exposed."""


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

    @action(detail=True)
    def matrix(self, request, pk=None):
        """Matrix cells (task group × party): n, mean index, 95 % interval; n < 5 suppressed."""
        study, res = self._results(request)
        return Response({"study": study.pk, "respondents": res["respondents"], "answers_used": res["answers_used"],
                         "answers_dropped": res["answers_dropped"], "index": {"mean": res["mean"], "sd": res["sd"]},
                         "min_n": analysis.MIN_N, "cells": res["cells"], "symmetric": res["symmetric"]})

    @action(detail=True)
    def clusters(self, request, pk=None):
        study, res = self._results(request)
        return Response({"study": study.pk, "clusters": res["clusters"], "modularity": res["modularity"],
                         "stability": res["stability"], "positions": res["positions"]})

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
