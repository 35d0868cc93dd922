"""Facilities' panel on "My work" (core/mywork.py): lease deadlines of my organisations."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.core import mywork

from .models import Lease
from .reminders import NOTICE, deadlines

AHEAD_DAYS = 30  # deadlines whose reminder day comes within 30 days


@mywork.panel("leases", gettext_lazy("Lease deadlines"), order=52,
              empty=gettext_lazy("No lease of your organisation has a notice or option deadline coming."))
def leases(desk):
    """Last notice days and option dates of leases where my organisation is landlord or tenant."""
    if not desk.org_ids:
        return None
    mine = Lease.objects.restrict(desk.user, "view").filter(landlord__in=desk.org_ids) | \
        Lease.objects.restrict(desk.user, "view").filter(tenant__in=desk.org_ids)
    due = deadlines(mine, desk.today, ahead=AHEAD_DAYS)
    shown = due[:desk.limit]
    records = Lease.objects.select_related("premise__building", "tenant").in_bulk([d.lease_id for d in shown])
    items = []
    for d in shown:
        lease = records[d.lease_id]
        day = formats.date_format(d.day, "SHORT_DATE_FORMAT")
        note = (_("last notice day %(date)s") if d.kind == NOTICE else _("use the option by %(date)s")) % {
            "date": day}
        flag = _("Reminder date reached") if d.remind_on <= desk.today else ""
        items.append(mywork.Item(str(lease), lease.get_absolute_url(), note, flag, record=lease))
    return mywork.Result(items=items, total=len(due), more_url=reverse("facilities:lease_list"))
