"""The follow-up actions (toimenpiteet) of every meeting the user may see: filters by area, forum,
owner and status, "late only" (open past the deadline), CSV/XLSX through the list's export."""

from yhdyspinta.core.views.generic import ObjectListView

from ..filtersets import FollowUpActionFilterSet
from ..models import FollowUpAction
from ..tables import FollowUpActionTable


class FollowUpActionListView(ObjectListView):
    model = FollowUpAction
    table_class = FollowUpActionTable
    filterset_class = FollowUpActionFilterSet
    export_name = "follow-up-actions"
    related = ("owner__organisation", "decision__item__meeting__forum")
