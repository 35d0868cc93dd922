"""Panels another app adds to a record's detail page: its records linked to that record.

An app whose models point to another app's model (a forum's interfaces, a goal's interfaces)
registers the reverse relation in its `AppConfig.ready()`:

    panels.register_related("catalogue.Interface", "forums", _("Forums"), order=10)

and the detail page of `catalogue.Interface` shows `related_panels(obj, user)`: for each
registered relation, in `order`, its label and the linked records the user may view (at most
`limit`). The page's own app names no app that links to it, and a new app needs no change there.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedPanel:
    model: str  # "app_label.ModelName" of the record whose page shows the panel
    relation: str  # the reverse accessor on that record ("forums")
    label: str  # the panel's heading (a lazy translation)
    order: int = 100
    related: tuple = ()  # select_related paths the records' labels read (an agenda item's forum)


_PANELS: list[RelatedPanel] = []


def register_related(model: str, relation: str, label, order: int = 100, related: tuple = ()) -> None:
    """Show the records reached by `relation` on the detail page of `model` (idempotent)."""
    panel = RelatedPanel(model, relation, label, order, tuple(related))
    if all((p.model, p.relation) != (model, relation) for p in _PANELS):
        _PANELS.append(panel)
        _PANELS.sort(key=lambda p: p.order)


def registered(model) -> list[RelatedPanel]:
    return [p for p in _PANELS if p.model == model._meta.label]


def related_panels(obj, user, limit: int = 50) -> list[tuple[str, list]]:
    """[(label, records)] of the panels registered for `obj`'s model, restricted to what `user` may view."""
    panels = []
    for panel in registered(type(obj)):
        qs = getattr(obj, panel.relation).all()
        if hasattr(qs, "restrict"):
            qs = qs.restrict(user, "view")
        if panel.related:
            qs = qs.select_related(*panel.related)
        panels.append((panel.label, list(qs[:limit])))
    return panels
