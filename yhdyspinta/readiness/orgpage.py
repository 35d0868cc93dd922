"""Readiness on an organisation's overview (core/orgpage.py): its latest status per roadmap task."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core import orgpage

from .models import StatusReport


@orgpage.section("readiness", gettext_lazy("Readiness statuses"), order=70,
                 empty=gettext_lazy("No status reports of the organisation you may see."))
def readiness(org, user):
    reports = (StatusReport.objects.restrict(user, "view").filter(region=org)
               .select_related("period", "period__roadmap", "task")
               .order_by("period__roadmap_id", "task_id", "-period__end_date", "-pk"))
    latest = {}
    for r in reports[:2000]:
        latest.setdefault((r.period.roadmap_id, r.task_id), r)
    rows = [orgpage.Row([str(r.period.roadmap), str(r.task), str(r.period), r.get_status_display()],
                        url=r.get_absolute_url(), record=r)
            for r in sorted(latest.values(), key=lambda r: (str(r.period.roadmap), r.task.code))]
    return orgpage.Table([_("Roadmap"), _("Task"), _("Period"), _("Status")], rows)
