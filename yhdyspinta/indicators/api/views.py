"""API: read-only statistics; goals, measures, composites and reports through the common write path."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from yhdyspinta.core.api.formats import (
    FORMAT_PARAMETERS,
    metadata_lines,
    table_format,
    table_response,
)
from yhdyspinta.core.api.views import RestrictedModelViewSet

from .. import queries
from ..filtersets import (
    CompositeFilterSet,
    IndicatorFilterSet,
    IndicatorSetFilterSet,
    IndicatorValueFilterSet,
    MeasureFilterSet,
    SharedGoalFilterSet,
    WelfareReportFilterSet,
)
from ..models import (
    Composite,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    Measure,
    SharedGoal,
    WelfareReport,
)
from . import serializers as s


class IndicatorViewSet(RestrictedModelViewSet):
    """Indicators are reference data from their sources: read-only here."""

    queryset = Indicator.objects.all()
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ("title", "source_id")
    http_method_names = ("get", "head", "options")

    @extend_schema(parameters=[s.AreasQuerySerializer, *FORMAT_PARAMETERS], responses=s.AreasSerializer)
    @action(detail=True, filter_backends=[], pagination_class=None, accepts_table=True)
    def areas(self, request, pk=None):
        """The indicator for the 21 counties and Helsinki (its organiser row where Sotkanet has one) and
        the whole country in one year (`?year=`, default the latest) and sex; `?format=csv|xlsx`."""
        indicator = self.get_object()
        query = s.AreasQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        sex = query.validated_data["sex"]
        data = queries.across_areas(indicator, year=query.validated_data.get("year"), sex=sex)
        rows = [{"region": r["region"].pk, "region_code": r["code"], "name": r["name"], "level": "area",
                 "year": data["year"], "value": r["value"], "previous": r["previous"], "change": r["change"]}
                for r in data["rows"]]
        if data["country"]:
            c = data["country"]
            rows.append({"region": c["region"].pk, "region_code": "", "name": c["name"], "level": "country",
                         "year": data["year"], "value": c["value"], "previous": c["previous"], "change": c["change"]})
        fmt = table_format(request)
        if fmt:
            meta = metadata_lines(request, title=indicator.title, illustrative=indicator.illustrative, extra=[
                f"{indicator.get_source_display()} {indicator.source_id}; {indicator.unit}".strip()])
            return table_response(request, fmt, rows, name=f"indicator-{indicator.source_id}-areas", model=Indicator,
                                  objects=[indicator], metadata=meta, decimal_names=("value", "previous", "change"))
        return Response({"indicator": indicator.pk, "sotkanet_id": indicator.source_id,
                         "illustrative": indicator.illustrative, "years": data["years"], "year": data["year"],
                         "sex": sex, "results": rows})


class IndicatorValueViewSet(RestrictedModelViewSet):
    """Values with filters (indicator, region, region_code, area, year range, sex); written by the loaders."""

    queryset = IndicatorValue.objects.select_related("region", "import_run")
    serializer_class = s.IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet
    ordering_fields = ("year", "region", "indicator")
    http_method_names = ("get", "head", "options")


class IndicatorSetViewSet(RestrictedModelViewSet):
    queryset = IndicatorSet.objects.prefetch_related("indicators")
    serializer_class = s.IndicatorSetSerializer
    filterset_class = IndicatorSetFilterSet
    ordering_fields = ("name",)


class SharedGoalViewSet(RestrictedModelViewSet):
    queryset = SharedGoal.objects.prefetch_related("actors", "goal_indicators")
    serializer_class = s.SharedGoalSerializer
    filterset_class = SharedGoalFilterSet
    ordering_fields = ("title", "organisation")

    @extend_schema(responses=s.GoalProgressSerializer)
    @action(detail=True)
    def progress(self, request, pk=None):
        """Progress of each goal indicator (on_track / behind / no_data) for the area and its municipalities."""
        goal = self.get_object()
        rows = queries.goal_progress(goal)

        def state(p):
            return {"state": p.state, "year": p.year, "value": p.value, "path_value": p.path_value}

        return Response({
            "goal": goal.pk, "status": queries.goal_status(rows),
            "indicators": [{
                "goal_indicator": r["gi"].pk, "indicator": r["gi"].indicator_id, "region": r["region"].pk,
                **state(r["progress"]),
                "municipalities": [{"region": m.pk, **state(p)} for m, p in r["municipalities"]],
            } for r in rows],
        })


class MeasureViewSet(RestrictedModelViewSet):
    queryset = Measure.objects.prefetch_related("indicators")
    serializer_class = s.MeasureSerializer
    filterset_class = MeasureFilterSet
    ordering_fields = ("title", "start", "end")


class CompositeViewSet(RestrictedModelViewSet):
    queryset = Composite.objects.prefetch_related("components")
    serializer_class = s.CompositeSerializer
    filterset_class = CompositeFilterSet
    ordering_fields = ("name",)

    @extend_schema(responses=s.CompositeResultsSerializer)
    @action(detail=True)
    def results(self, request, pk=None):
        """The index for every municipality or county, with component scores and the method."""
        comp = self.get_object()
        _components, results = queries.composite_results(comp)
        return Response({
            "composite": comp.pk,
            "method": "score = clip((value - lower) / (upper - lower) * 100, 0, 100), 100 - score when lower "
                      "is better; index = sum(weight * score) / sum(weight); no index if a component is missing",
            "results": [{"region": region.pk, "region_code": region.code, "index": res.index,
                         "scores": {str(k): v for k, v in res.scores.items()},
                         "missing": [int(m) for m in res.missing]} for region, res, _picked in results],
        })


class WelfareReportViewSet(RestrictedModelViewSet):
    queryset = WelfareReport.objects.prefetch_related(Prefetch("sections"))
    serializer_class = s.WelfareReportSerializer
    filterset_class = WelfareReportFilterSet
    ordering_fields = ("year", "title")
