
import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet

from .models import Period, ReportingRegion, Roadmap, RoadmapTask, Status, StatusReport


class RoadmapFilterSet(RestrictedFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Roadmap
        fields = ["q", "owner", "visibility"]


class StatusReportFilterSet(RestrictedFilterSet):
    roadmap = django_filters.NumberFilter(field_name="period__roadmap", label=_("Roadmap"))
    period = django_filters.NumberFilter(field_name="period", label=_("Period"))
    period_code = django_filters.CharFilter(field_name="period__code", label=_("Period code"))
    region = django_filters.NumberFilter(field_name="region", label=_("Region"))
    task = django_filters.CharFilter(field_name="task__code", label=_("Task id"))
    area = django_filters.CharFilter(field_name="task__area__code", label=_("Area code"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    critical = django_filters.BooleanFilter(field_name="task__critical", label=_("Critical"))

    class Meta:
        model = StatusReport
        fields = ["roadmap", "period", "period_code", "region", "task", "area", "status", "critical"]


class TaskFilterSet(RestrictedFilterSet):
    area = django_filters.CharFilter(field_name="area__code", label=_("Area code"))
    subarea = django_filters.CharFilter(field_name="subarea__code", label=_("Sub-area code"))
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Due by"))

    class Meta:
        model = RoadmapTask
        fields = ["roadmap", "area", "subarea", "critical", "due_before"]


class ReportingRegionFilterSet(RestrictedFilterSet):
    class Meta:
        model = ReportingRegion
        fields = ["roadmap", "organisation"]


class PeriodFilterSet(RestrictedFilterSet):
    class Meta:
        model = Period
        fields = ["roadmap", "code", "closed"]
