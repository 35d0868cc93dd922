"""API: roadmaps, tasks, periods, status reports (filterable) and the figures of a period."""


from django.utils.translation import gettext as _
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

from .. import actions
from ..filtersets import (
    PeriodFilterSet,
    ReportingRegionFilterSet,
    RoadmapFilterSet,
    StatusReportFilterSet,
    TaskFilterSet,
)
from ..loaders import figures_for
from ..models import Period, ReportingRegion, Roadmap, RoadmapTask, StatusReport
from ..national import NATIONAL, national_figures, national_label, trend_rows
from .serializers import (
    FiguresQuerySerializer,
    FiguresSerializer,
    PeriodSerializer,
    ReportingRegionSerializer,
    RoadmapSerializer,
    StatusReportSerializer,
    TaskSerializer,
    TrendQuerySerializer,
    TrendSerializer,
)


class RoadmapViewSet(RestrictedModelViewSet):
    queryset = Roadmap.objects.select_related("owner")
    serializer_class = RoadmapSerializer
    filterset_class = RoadmapFilterSet
    ordering_fields = ["name", "target_date"]

    def perform_create(self, serializer):
        serializer.validated_data.setdefault("name", serializer.validated_data.get("name_fi", ""))
        super().perform_create(serializer)

    @extend_schema(parameters=[TrendQuerySerializer, *FORMAT_PARAMETERS], responses=TrendSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None, accepts_table=True)
    def trend(self, request, pk=None):
        """Readiness and progress over the roadmap's periods (oldest first), long form: the whole
        country's row (`?region=national`, the default) and/or regions (`?region=<org id>[,…]`), the
        region totals and areas (`?level=region|area`); closed periods give their published figures."""
        roadmap = self.get_object()
        query = TrendQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        regions = [v if v == NATIONAL else int(v) for v in query.validated_data.get("region") or [NATIONAL]]
        levels = query.validated_data.get("level")
        if levels and "subarea" in levels:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"level": _("The trend has the levels region and area.")})
        rows = [r for r in trend_rows(list(roadmap.periods.order_by("end_date")), regions)
                if not levels or r["level"] in levels]
        fmt = table_format(request)
        if fmt:
            meta = metadata_lines(request, title=_("Readiness trend"), extra=[
                _("Roadmap: %(name)s") % {"name": roadmap}, _("Closed periods: their published figures.")])
            return table_response(request, fmt, rows, name=f"readiness-trend-{roadmap.pk}", model=Roadmap,
                                  objects=[roadmap], metadata=meta)
        return Response({"roadmap": roadmap.pk, "target_date": roadmap.target_date, "results": rows})


class TaskViewSet(RestrictedModelViewSet):
    """Read-only: tasks change through the roadmap import, which checks the whole file."""

    queryset = RoadmapTask.objects.select_related("area", "subarea").prefetch_related("applies_to")
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    ordering_fields = ["code", "due_date", "order"]
    http_method_names = ["get", "head", "options"]


class PeriodViewSet(RestrictedModelViewSet):
    """Read-only, plus `close` and `figures`; periods are added on the roadmap page."""

    queryset = Period.objects.select_related("roadmap")
    serializer_class = PeriodSerializer
    filterset_class = PeriodFilterSet
    ordering_fields = ["end_date", "code"]
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        from rest_framework.exceptions import MethodNotAllowed

        raise MethodNotAllowed("POST")

    @extend_schema(parameters=[FiguresQuerySerializer, *FORMAT_PARAMETERS], responses=FiguresSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None, accepts_table=True)
    def figures(self, request, pk=None):
        """Readiness and progress per region x area (x sub-area), long form; `?region=<org id>[,<id>…]`
        (`national`: the whole country's row, the reporting regions' counts summed),
        `?level=region|area|subarea[,…]` (an unknown value is a 400); `?format=csv|xlsx` for a file."""
        period = self.get_object()
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        regions, levels = query.validated_data.get("region"), query.validated_data.get("level")
        data = figures_for(period)
        labels = {r.organisation_id: r.label for r in data.regions}
        rows = []
        national = national_figures(data) if regions and NATIONAL in regions else []
        for f in [*data.figures, *national]:
            if regions and f.region != "" and str(f.region) not in regions or levels and f.level not in levels:
                continue
            rows.append({
                "region": f.region if f.region != "" else None,
                "region_label": labels.get(f.region, "") if f.region != "" else national_label(), "area": f.area,
                "subarea": f.subarea, "level": f.level, "reported": f.reported, "applicable": f.applicable,
                "in_progress_pct": f.in_progress_pct, "done_pct": f.done_pct, "due": f.due,
                "progress_pct": f.progress_pct, "roadmap_tasks": f.roadmap_tasks, "roadmap_due": f.roadmap_due,
            })
        fmt = table_format(request)
        if fmt:
            meta = metadata_lines(request, title=_("Readiness figures"), extra=[
                _("Period: %(code)s (progress up to %(end)s)") % {"code": period.code, "end": period.progress_end},
                _("Roadmap: %(name)s") % {"name": period.roadmap},
                _("'reported' false: the region reported nothing and its figures are empty."),
            ])
            return table_response(request, fmt, rows, name=f"readiness-figures-{period.code}", model=Period,
                                  objects=[period], metadata=meta)
        return Response({"period": period.code, "progress_end": period.progress_end,
                         "target_date": period.roadmap.target_date, "results": rows})

    @extend_schema(request=None, responses=PeriodSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        period = actions.close_period(self.get_object(), actor=request.user)
        return Response(PeriodSerializer(period).data)


class ReportingRegionViewSet(RestrictedModelViewSet):
    """The reporting regions of roadmaps; the owner's editors add, relabel and remove them through
    the same actions as the roadmap's regions page and `manage.py reporting_regions`."""

    queryset = ReportingRegion.objects.select_related("roadmap", "organisation")
    serializer_class = ReportingRegionSerializer
    filterset_class = ReportingRegionFilterSet
    ordering_fields = ["order", "label"]

    def perform_create(self, serializer):
        serializer.instance = actions.add_reporting_region(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = actions.change_reporting_region(serializer.instance, actor=self.request.user,
                                                              **serializer.validated_data)

    def perform_destroy(self, instance):
        actions.remove_reporting_region(instance, actor=self.request.user)


class StatusReportViewSet(RestrictedModelViewSet):
    """Writes go through actions.set_status: open period, the region's own editors only."""

    queryset = StatusReport.objects.select_related("task", "period")
    serializer_class = StatusReportSerializer
    filterset_class = StatusReportFilterSet
    ordering_fields = ["updated_at", "task__code", "region"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        if StatusReport.objects.filter(period=data["period"], region=data["region"], task=data["task"]).exists():
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"task": _("This region already reported the task in this period; update it.")})
        serializer.instance = actions.set_status(
            data["period"], data["region"].pk, data["task"], data.get("status", "not_started"),
            data.get("comment", ""), actor=self.request.user)

    def perform_update(self, serializer):
        report = serializer.instance
        data = serializer.validated_data
        serializer.instance = actions.set_status(
            report.period, report.region_id, report.task, data.get("status", report.status),
            data.get("comment", report.comment), actor=self.request.user)

    def perform_destroy(self, instance):
        actions.delete_status(instance, actor=self.request.user)

