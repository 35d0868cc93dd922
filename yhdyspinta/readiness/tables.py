import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Roadmap, StatusReport


class RoadmapTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    visibility = tables.Column(verbose_name=_("Visibility"))

    class Meta:
        model = Roadmap
        fields = ("name", "owner", "target_date", "visibility")
        caption = _("Roadmaps")


class StatusReportTable(tables.Table):
    task = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name=_("Task"),
                         accessor="task__code")
    title = tables.Column(accessor="task__title", verbose_name=_("Title"), orderable=False)

    class Meta:
        model = StatusReport
        fields = ("period", "region", "task", "title", "status", "comment", "updated_at")
        caption = _("Status reports")
