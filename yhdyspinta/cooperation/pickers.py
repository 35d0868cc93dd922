"""Record pickers (core/pickers.py) of cooperation records. An agenda item's and a decision's label
is their `__str__` (models.meetings.item_label: forum — meeting date — § n title), the same as in
every select and on the interface card, so "§ 1 Tilannekatsaus" of 140 is unambiguous; `related`
reads the forum with the item."""

from .models import AgendaItem, Decision, Meeting

related = {
    Meeting: ("forum",),
    AgendaItem: ("meeting__forum",),
    Decision: ("item__meeting__forum",),
}
# the user's own area through the decision's own meeting link (org_paths go through the agenda item)
scope_paths = {Decision: ("meeting__forum__organisations", "meeting__forum__area")}
search_fields = {
    AgendaItem: ("title", "meeting__forum__name"),
    Decision: ("item__title", "item__meeting__forum__name"),  # as its label: forum — date — § title
    Meeting: ("forum__name", "place"),
}
