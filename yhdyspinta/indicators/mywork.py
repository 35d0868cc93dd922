"""The knowledge base's panel on "My work" (core/mywork.py): welfare reports waiting for the
user's approval (to those who approve: organisation admins, county coordinators)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.accounts.permissions import ALL, org_ids
from yhdyspinta.core import mywork

from .models_reports import ReportStatus, WelfareReport


@mywork.panel("approvals", gettext_lazy("Welfare reports waiting for my approval"), order=15,
              empty=gettext_lazy("No welfare report is waiting for your approval."))
def approvals(desk):
    ids = org_ids(desk.user, "admin")
    if not ids:
        return None  # approves nothing: no panel
    qs = WelfareReport.objects.restrict(desk.user, "view").filter(status=ReportStatus.SUBMITTED)
    if ids is not ALL:
        qs = qs.filter(organisation_id__in=ids)
    qs = qs.select_related("organisation").order_by("submitted_at", "pk")
    shown = list(qs[:desk.limit])
    total = len(shown) if len(shown) < desk.limit else qs.count()
    items = [mywork.Item(f"{r.title} ({r.organisation}, {r.year})", r.get_absolute_url(),
                         _("sent for approval %(when)s") % {"when": formats.date_format(
                             timezone.localtime(r.submitted_at), "SHORT_DATETIME_FORMAT")} if r.submitted_at else "",
                         record=r) for r in shown]
    return mywork.Result(items=items, total=total,
                         more_url=reverse("indicators:report_list") + f"?status={ReportStatus.SUBMITTED}")
