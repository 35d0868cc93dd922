"""Database rows into `compute.compute_figures`: plain data in, figures out.

The formulas live in compute.py only. Here we fetch tasks and statuses with `values_list`
(about 300 000 status rows for a national period) and cache the result per period
revision, so a locked or unchanged period is computed once.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, fields

from django.db import connection

from yhdyspinta.core.versioned import VersionedCache

from .compute import NOT_APPLICABLE, Figure, Task, compute_figures
from .models import (
    Area,
    FigureStore,
    Period,
    PublishedFigures,
    ReportingRegion,
    RoadmapTask,
    StatusReport,
)

FIGURE_FIELDS = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True)
class RegionInfo:
    organisation_id: int
    label: str
    name: str
    code: str
    map_key: str


@dataclass(frozen=True)
class AreaInfo:
    code: str
    letter: str
    names: dict  # language -> name
    subareas: tuple  # of (code, letter, names)


def tasks_of(roadmap_id: int) -> list[Task]:
    """Roadmap tasks in area/sub-area order; `task_id` is the task's primary key."""
    rows = (RoadmapTask.objects.filter(roadmap_id=roadmap_id)
            .order_by("area__order", "area__code", "subarea__order", "subarea__code", "order", "code")
            .values_list("pk", "area__code", "subarea__code", "title", "due_date", "critical"))
    return [Task(pk, area, sub or "", title, due, critical) for pk, area, sub, title, due, critical in rows]


def regions_of(roadmap_id: int) -> list[RegionInfo]:
    rows = (ReportingRegion.objects.filter(roadmap_id=roadmap_id).order_by("order", "label", "organisation__name")
            .values_list("organisation_id", "label", "organisation__name", "organisation__code",
                         "organisation__letter_code"))
    return [RegionInfo(org, label or name, name, code, letter) for org, label, name, code, letter in rows]


def areas_of(roadmap_id: int) -> list[AreaInfo]:
    areas = []
    for area in Area.objects.filter(roadmap_id=roadmap_id).prefetch_related("subareas"):
        subs = tuple((s.code, s.letter, _names(s)) for s in area.subareas.all())
        areas.append(AreaInfo(area.code, area.letter, _names(area), subs))
    return areas


def _names(obj) -> dict:
    return {lang: getattr(obj, f"name_{lang}") or obj.name_fi or obj.code for lang in ("fi", "sv", "en")}


def statuses_of(period: Period, regions: list[RegionInfo], *, only: bool = False) -> dict[int, dict[int, str]]:
    """{organisation id: {task pk: status}}; a region without rows maps to {} (not reported).

    Tasks limited to other regions (`applies_to`) count as not applicable for a region.
    `only`: fetch just these regions' rows (for refreshing a few regions after a write).
    """
    result: dict[int, dict[int, str]] = {r.organisation_id: {} for r in regions}
    meta = StatusReport._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(meta.get_field(f).column) for f in ("region", "task", "status"))
    region_column = qn(meta.get_field("region").column)
    sql = f"SELECT {columns} FROM {qn(meta.db_table)} WHERE {qn(meta.get_field('period').column)} = %s"
    params = [period.pk]
    if only:
        sql += f" AND {region_column} IN ({', '.join(['%s'] * len(result))})"
        params += list(result)
    sql += f" ORDER BY {region_column}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        current_id, statuses = None, None
        for region_id, task_id, status in cursor.fetchall():
            if region_id != current_id:
                current_id, statuses = region_id, result.get(region_id)
            if statuses is not None:
                statuses[task_id] = status
    through = RoadmapTask.applies_to.through
    limited: dict[int, set[int]] = {}
    for task_id, org_id in through.objects.filter(roadmaptask__roadmap_id=period.roadmap_id).values_list(
            "roadmaptask_id", "organisation_id"):
        limited.setdefault(task_id, set()).add(org_id)
    for region_id, statuses in result.items():
        if statuses:
            for task_id, orgs in limited.items():
                if region_id not in orgs:
                    statuses[task_id] = NOT_APPLICABLE
    return result


@dataclass(frozen=True)
class PeriodFigures:
    """Everything a page about one period needs, computed once per period revision."""

    period_id: int
    regions: list
    areas: list
    figures: list

    def to_json(self) -> str:
        return json.dumps({
            "regions": [astuple(r) for r in self.regions],
            "areas": [[a.code, a.letter, a.names, [list(s) for s in a.subareas]] for a in self.areas],
            "figures": [[getattr(f, name) for name in FIGURE_FIELDS] for f in self.figures],
        }, separators=(",", ":"))

    @classmethod
    def from_json(cls, period_id: int, text: str) -> PeriodFigures:
        data = json.loads(text)
        return cls(
            period_id,
            [RegionInfo(*r) for r in data["regions"]],
            [AreaInfo(code, letter, names, tuple(tuple(s) for s in subs))
             for code, letter, names, subs in data["areas"]],
            [Figure(*row) for row in data["figures"]],
        )

    def by_region(self) -> dict[int, list[Figure]]:
        out: dict[int, list[Figure]] = {}
        for f in self.figures:
            out.setdefault(f.region, []).append(f)
        return out


MEMO_SIZE = 16
# The figures per period revision (core.versioned): memoised in the process, stored in FigureStore.
_FIGURES = VersionedCache(size=MEMO_SIZE)


def clear_cache() -> None:
    _FIGURES.clear()


def _key(period: Period) -> tuple:
    return (period.pk, period.roadmap_id, period.code, period.progress_end, period.roadmap.target_date)


def _stored(period: Period, revision: int) -> PeriodFigures | None:
    """The figures saved in the database for the period's `revision`, if any."""
    row = FigureStore.objects.filter(period_id=period.pk, revision=revision).values_list(
        "data", flat=True).first()
    return None if row is None else PeriodFigures.from_json(period.pk, row)


def _saver(period: Period):
    """Saves the figures of the period's current revision; update()/bulk_create keep this
    derived data out of the audit log."""
    def save(result: PeriodFigures) -> None:
        text = result.to_json()
        if not FigureStore.objects.filter(period_id=period.pk).update(revision=period.revision, data=text):
            FigureStore.objects.bulk_create(
                [FigureStore(period_id=period.pk, revision=period.revision, data=text)], ignore_conflicts=True)

    return save


def is_cached(period: Period) -> bool:
    return _FIGURES.peek(_key(period), period.revision) is not None


def refresh(period: Period, region_ids: set[int]) -> None:
    """After a status write: figures for the new revision, recomputing only `region_ids`.

    Called inside the writing transaction after the revision was raised by one; if it rolls
    back, the revision does too and the stored figures are never used. Without the previous
    revision's figures at hand, the next page computes everything (`figures_for`).
    """
    period.refresh_from_db(fields=["revision"])
    previous = period.revision - 1
    old = _FIGURES.peek(_key(period), previous) or _stored(period, previous)
    if old is None:
        return
    changed = [r for r in old.regions if r.organisation_id in region_ids]
    statuses = statuses_of(period, changed, only=True)
    tasks = tasks_of(period.roadmap_id)
    fresh = compute_figures(tasks, statuses, period.progress_end, period.roadmap.target_date)
    by_region = old.by_region()
    for f in fresh:
        by_region[f.region] = []
    for f in fresh:
        by_region[f.region].append(f)
    figures = [f for r in old.regions for f in by_region.get(r.organisation_id, [])]
    result = PeriodFigures(period.pk, old.regions, old.areas, figures)
    _FIGURES.put(_key(period), period.revision, result, _saver(period))


def published(period: Period) -> tuple[PublishedFigures, PeriodFigures] | None:
    """The newest publication of a closed period and its figures (None: open, or closed before
    snapshots were kept)."""
    if not period.closed:
        return None
    row = PublishedFigures.objects.filter(period_id=period.pk).order_by("-number").values_list(
        "pk", flat=True).first()
    if row is None:
        return None
    publication = PublishedFigures.objects.select_related("published_by").get(pk=row)
    # a publication never changes: one version (0) of it
    return publication, _FIGURES.get(("published", publication.pk), 0,
                                     lambda: PeriodFigures.from_json(period.pk, publication.data))


def figures_for(period: Period, *, use_cache: bool = True, live: bool = False) -> PeriodFigures:
    """Figures of a period: a closed period's published snapshot (frozen: later roadmap or status
    changes never alter it), else computed, memoised in the process and stored in the database
    per revision. `live=True` computes even for a closed period (to compare with the snapshot).

    The revision rises on every status or roadmap change, so a hit is never stale; status
    writes keep the figures current region by region (`refresh`).
    """
    if not live:
        frozen = published(period)
        if frozen is not None:
            return frozen[1]
    def compute() -> PeriodFigures:
        roadmap = period.roadmap
        regions = regions_of(roadmap.pk)
        figures = compute_figures(tasks_of(roadmap.pk), statuses_of(period, regions), period.progress_end,
                                  roadmap.target_date)
        return PeriodFigures(period.pk, regions, areas_of(roadmap.pk), figures)

    if not use_cache:
        return compute()
    return _FIGURES.get(_key(period), period.revision, compute, load=lambda: _stored(period, period.revision),
                        save=_saver(period))


def differing(a: PeriodFigures, b: PeriodFigures) -> int:
    """How many figure rows (region × area × sub-area) differ between two versions."""
    left = {(f.region, f.area, f.subarea): f for f in a.figures}
    right = {(f.region, f.area, f.subarea): f for f in b.figures}
    return sum(1 for key in left.keys() | right.keys() if left.get(key) != right.get(key)) + (
        a.regions != b.regions)


