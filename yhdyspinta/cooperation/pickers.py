"""Labels of cooperation records in record pickers (core/pickers.py): an agenda item or a
decision names its forum and meeting date, so "§ 1 Tilannekatsaus" of 140 is unambiguous."""

from .models import AgendaItem, Decision, Meeting

labels = {
    AgendaItem: lambda item: f"{item.meeting} {item}",
    Decision: lambda decision: f"{decision.item.meeting} {decision}",
}
related = {
    Meeting: ("forum",),
    AgendaItem: ("meeting__forum",),
    Decision: ("item__meeting__forum",),
}
# the user's own area through the decision's own meeting link (org_paths go through the agenda item)
scope_paths = {Decision: ("meeting__forum__organisations", "meeting__forum__area")}
search_fields = {
    AgendaItem: ("title", "meeting__forum__name"),
    Decision: ("item__title",),
    Meeting: ("forum__name", "place"),
}
