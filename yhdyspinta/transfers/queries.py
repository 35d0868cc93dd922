"""Reads: progress of a project's inventory per party and per kind, exports per kind."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import InventoryItem, ItemKind, ItemStatus


@dataclass
class Progress:
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def _progress(rows, key, labels) -> list[Progress]:
    total, done = Counter(), Counter()
    for row in rows:
        total[row[key]] += 1
        if row["status"] == ItemStatus.DONE:
            done[row[key]] += 1
    return [Progress(str(labels.get(k, k)), done[k], total[k]) for k in sorted(total, key=lambda k: str(labels.get(k, k)))]


def project_progress(project) -> dict:
    """{"all": Progress, "per_party": [...], "per_kind": [...]} over all the project's items, the
    internal ones too: counts only (kind, status, owner), never an item's details, so that nobody is
    told "complete" while an item they may not view is still open. An item counts for its owner."""
    rows = list(project.items.values("kind", "status", "owner_id", "owner__name"))
    owners = {r["owner_id"]: r["owner__name"] for r in rows}
    whole = Progress(_("All items"), sum(r["status"] == ItemStatus.DONE for r in rows), len(rows))
    return {"all": whole, "per_party": _progress(rows, "owner_id", owners),
            "per_kind": _progress(rows, "kind", dict(ItemKind.choices))}


def is_complete(project) -> bool:
    """A project is complete when it has items and every item of its inventory is done."""
    return project_progress(project)["all"].complete


EXPORT_COLUMNS = ("title", "from_party", "to_party", "decision", "owner", "due_date", "status", "quantity",
                  "internal_cost", "internal_headcount", "internal_fte", "evidence", "evidence_url")


def export_tables(items, user) -> list[tuple[str, list[str], list[list]]]:
    """For the decision papers: one table (label, header, rows) per kind; hidden fields left empty."""
    tables = []
    meta = InventoryItem._meta
    for kind, label in ItemKind.choices:
        chosen = [i for i in items if i.kind == kind]
        if not chosen:
            continue
        columns = [c for c in EXPORT_COLUMNS if kind == ItemKind.STAFF_GROUP or c not in ("internal_headcount",
                                                                                          "internal_fte")]
        header = [str(meta.get_field(c).verbose_name) for c in columns]
        rows = []
        for item in chosen:
            hidden = item.hidden_fields_for(user)
            rows.append([_cell(item, c, hidden) for c in columns])
        tables.append((str(label), header, rows))
    return tables


def _cell(item, column, hidden):
    if column in hidden:
        return ""
    if column in ("decision", "status"):
        return str(getattr(item, f"get_{column}_display")())
    value = getattr(item, column)
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return value


def roadmap_feeds(roadmap, user) -> list[tuple]:
    """[(task, project, Progress)] of the roadmap's tasks fed by transfer inventories the user may
    view (all of their items counted, see project_progress)."""
    from .models import TransferProject

    projects = (TransferProject.objects.restrict(user, "view").filter(roadmap_task__roadmap=roadmap)
                .select_related("roadmap_task").order_by("roadmap_task__order", "roadmap_task__code", "title"))
    return [(p.roadmap_task, p, project_progress(p)["all"]) for p in projects]
