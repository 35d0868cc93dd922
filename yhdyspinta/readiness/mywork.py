"""Readiness's panel on "My work" (core/mywork.py): reporting periods my organisation reports in."""

from datetime import timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from yhdyspinta.core import mywork

from .models import Period, ReportingRegion, RoadmapTask, StatusReport

AHEAD_DAYS = 31  # a period is due from the first day of its month (as its notification)
BEHIND_DAYS = 30  # an open period stays on the list for 30 days after its end date


@mywork.panel("readiness", gettext_lazy("Readiness reports due"), order=20,
              empty=gettext_lazy("No readiness reporting period is open for your organisation."))
def reports_due(desk):
    """Open periods (not closed; their month has begun, the end date at most 30 days past) of the
    roadmaps my organisations report on, with how many tasks have no status from us yet."""
    if not desk.org_ids:
        return None
    today = desk.today
    regions = list(ReportingRegion.objects.restrict(desk.user, "view").filter(organisation_id__in=desk.org_ids)
                   .select_related("organisation").values_list("roadmap_id", "organisation_id", "organisation__name"))
    if not regions:
        return None
    periods = [p for p in Period.objects.restrict(desk.user, "view").filter(
        roadmap_id__in={r for r, _o, _n in regions}, closed=False, end_date__gte=today - timedelta(days=BEHIND_DAYS),
        end_date__lte=today + timedelta(days=AHEAD_DAYS)).select_related("roadmap").order_by("end_date", "pk")
        if p.end_date.replace(day=1) <= today]
    if not periods:
        return mywork.Result()
    tasks = dict(RoadmapTask.objects.filter(roadmap_id__in={p.roadmap_id for p in periods}).order_by()
                 .values("roadmap_id").annotate(n=Count("pk")).values_list("roadmap_id", "n"))
    reported = {(p, r): n for p, r, n in StatusReport.objects.filter(
        period__in=periods, region_id__in=desk.org_ids).order_by().values("period_id", "region_id")
        .annotate(n=Count("pk")).values_list("period_id", "region_id", "n")}
    items = []
    for period in periods:
        for roadmap_id, org_id, name in regions:
            if roadmap_id != period.roadmap_id:
                continue
            left = max(tasks.get(roadmap_id, 0) - reported.get((period.pk, org_id), 0), 0)
            note = ngettext("%(left)s of %(n)s task without a status", "%(left)s of %(n)s tasks without a status",
                            tasks.get(roadmap_id, 0)) % {"left": left, "n": tasks.get(roadmap_id, 0)}
            note += ", " + _("period ends %(date)s") % {"date": formats.date_format(period.end_date, "SHORT_DATE_FORMAT")}
            text = f"{period.roadmap}: {period.code}" + (f" ({name})" if len(desk.org_ids) > 1 else "")
            flag = _("Past its end date") if period.end_date < today else ""
            items.append(mywork.Item(text, reverse("readiness:region", args=[period.pk, org_id]), note, flag,
                                     record=period))
    return mywork.Result(items=items[:desk.limit], total=len(items), more_url=reverse("readiness:roadmap_list"))
