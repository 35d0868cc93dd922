"""Transfers' panel on "My work" (core/mywork.py): my organisations' inventory items due or overdue."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yhdyspinta.accounts.models import Role
from yhdyspinta.core import mywork

from .models import InventoryItem, ItemStatus

COORDINATOR = Role.COUNTY_COORDINATOR

AHEAD_DAYS = 30  # an item shows from 30 days before its due date, and stays while overdue


@mywork.panel("transfers", gettext_lazy("Transfer items due"), order=60,
              empty=gettext_lazy("No inventory item of your organisation is due within 30 days."))
def items_due(desk):
    """Items my organisations own, and for a county coordinator the items of the transfer projects
    of the county's area (who follow them; they get the same e-mail, notifications.producers), not
    done, due within 30 days or overdue (oldest first)."""
    if not desk.org_ids:
        return None
    coordinated = desk.user.memberships.filter(role=COORDINATOR).values("organisation_id")
    items = (InventoryItem.objects.restrict(desk.user, "view")
             .filter(Q(owner_id__in=desk.org_ids) | Q(project__area_id__in=coordinated))
             .filter(due_date__isnull=False,
                     due_date__lte=desk.today + timedelta(days=AHEAD_DAYS))
             .exclude(status=ItemStatus.DONE).select_related("project").order_by("due_date", "pk"))
    total = items.count()
    result = []
    for item in items[:desk.limit]:
        note = _("%(project)s, due %(date)s") % {
            "project": item.project, "date": formats.date_format(item.due_date, "SHORT_DATE_FORMAT")}
        flag = _("Overdue") if item.due_date < desk.today else ""
        result.append(mywork.Item(str(item), item.get_absolute_url(), note, flag, record=item))
    return mywork.Result(items=result, total=total,
                         more_url=reverse("transfers:item_list") + f"?due_before={desk.today + timedelta(days=AHEAD_DAYS)}")
