"""Readiness monitoring figures (valmiusaste ja eteneminen), without Django.

Two figures per region and roadmap area (domain.md S7):

* valmiusaste (readiness) relative to a target date such as 1.1.2023: of the region's
  applicable tasks due by the target, the share käynnissä (in progress or finishing on
  schedule) and the share valmis (done);
* eteneminen (progress): of the region's applicable tasks due by the period end (e.g. the
  end of Q4/2021), the share that is in progress, finishing on schedule or done.

Tasks that do not apply to a region (ei koske) never count in any denominator, which is
why Helsinki can show 43 % of 17 tasks. Percentages are rounded half up with exact integer
arithmetic, as in VM's published tables. The hot loop counts statuses per "cell" (tasks
sharing area, sub-area and due-window) so 1000 tasks x 300 regions stays well under a second.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
ON_SCHEDULE = "on_schedule"
DONE = "done"
NOT_APPLICABLE = "not_applicable"
STATUSES = (NOT_STARTED, IN_PROGRESS, ON_SCHEDULE, DONE, NOT_APPLICABLE)

# Finnish status names as they appear in VM's reporting template.
EI_ALOITETTU = "ei_aloitettu"
KAYNNISSA = "käynnissä"
VALMISTUU_AIKATAULUSSA = "valmistuu_aikataulussa"
VALMIS = "valmis"
EI_KOSKE = "ei_koske"
FINNISH_STATUSES = {
    EI_ALOITETTU: NOT_STARTED,
    KAYNNISSA: IN_PROGRESS,
    VALMISTUU_AIKATAULUSSA: ON_SCHEDULE,
    VALMIS: DONE,
    EI_KOSKE: NOT_APPLICABLE,
}
# Swedish status names (the Swedish import template)
SWEDISH_STATUSES = {
    "inte_påbörjad": NOT_STARTED, "pågår": IN_PROGRESS, "blir_klar_enligt_tidtabell": ON_SCHEDULE,
    "klar": DONE, "gäller_inte": NOT_APPLICABLE,
}
STATUS_ALIASES = {s: s for s in STATUSES} | FINNISH_STATUSES | SWEDISH_STATUSES | {"kaynnissa": IN_PROGRESS}
#: the import template's header and status words in a language (walk 6 #20); each is read back by
#: the importer (csvio aliases, normalise_status)
TEMPLATE_WORDS = {
    "fi": (("Alue", "Tehtävä", "Tila", "Kommentti"),
           {NOT_STARTED: "Ei aloitettu", IN_PROGRESS: "Käynnissä", ON_SCHEDULE: "Valmistuu aikataulussa",
            DONE: "Valmis", NOT_APPLICABLE: "Ei koske"}),
    "sv": (("Välfärdsområde", "Uppgift", "Status", "Kommentar"),
           {NOT_STARTED: "Inte påbörjad", IN_PROGRESS: "Pågår", ON_SCHEDULE: "Blir klar enligt tidtabell",
            DONE: "Klar", NOT_APPLICABLE: "Gäller inte"}),
}

# how far a status is along; used to check that reports never go backwards
STATUS_RANK = {NOT_STARTED: 0, IN_PROGRESS: 1, ON_SCHEDULE: 1, DONE: 2}

BANDS = ("lt25", "25-49", "50-75", "gt75")


@dataclass(frozen=True, slots=True)
class Task:
    """One roadmap task (tehtävä); `subarea` is "" when the area has no sub-areas."""

    task_id: str
    area: str
    subarea: str
    title: str
    due: date
    critical: bool = False
    title_sv: str = ""
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """One output row: a region x area, region x area x sub-area or whole-region total.

    `area` and `subarea` are "" on the region total; `subarea` is "" on area rows.
    Counts and percentages are None when the region reported nothing (`reported` False);
    a percentage is also None when its denominator is 0. `roadmap_tasks`/`roadmap_due`
    count all roadmap tasks in scope regardless of applicability ("Tehtävien lkm yht.").
    """

    region: str
    area: str
    subarea: str
    reported: bool
    applicable: int | None  # applicable tasks due by the target
    in_progress: int | None  # of those, in progress or on schedule
    done: int | None
    in_progress_pct: int | None
    done_pct: int | None
    due: int | None  # applicable tasks due by the period end
    started: int | None  # of those, in progress, on schedule or done
    progress_pct: int | None
    roadmap_tasks: int
    roadmap_due: int

    @property
    def level(self) -> str:
        """"region", "area" or "subarea"."""
        if not self.area:
            return "region"
        return "subarea" if self.subarea else "area"


def quarter_end(day: date) -> date:
    """Last day of the calendar quarter: the progress horizon of a monthly picture (the web's
    default for a period, and the CLI's for --period-end)."""
    month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def normalise_status(value: str) -> str:
    """Canonical English status for an English or Finnish name; ValueError if unknown."""
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return STATUS_ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown status {value!r}") from None


def round_half_up(numerator: int, denominator: int) -> int | None:
    """Percentage 100*numerator/denominator rounded half up (12.5 -> 13); None if denominator 0.

    Exact integer arithmetic: floats turn 0.285 into 28.499999 and Python's round() rounds
    half to even, and either would differ from the published tables.
    """
    if denominator == 0:
        return None
    if numerator < 0 or denominator < 0:
        raise ValueError("counts must be non-negative")
    return (200 * numerator + denominator) // (2 * denominator)


def band(pct: int | None) -> str | None:
    """Colour band of the published tables: under 25; 25-49; 50-75; over 75."""
    if pct is None:
        return None
    if pct < 25:
        return "lt25"
    if pct < 50:
        return "25-49"
    if pct <= 75:
        return "50-75"
    return "gt75"


_CODE = {NOT_STARTED: 0, IN_PROGRESS: 1, ON_SCHEDULE: 1, DONE: 2, NOT_APPLICABLE: 3}
_CODE |= {alias: _CODE[canon] for alias, canon in STATUS_ALIASES.items()}


class _Layout:
    """Groups (rows per region) and cells (tasks alike for counting), built once per call."""

    def __init__(self, tasks: Iterable[Task], period_end: date, target: date | None):
        self.groups: list[tuple[str, str]] = []  # (area, subarea) per row; ("", "") = region
        group_of: dict[tuple[str, str], int] = {}
        cell_of: dict[tuple, int] = {}
        self.cell_groups: list[tuple[int, ...]] = []
        self.cell_flags: list[tuple[bool, bool]] = []  # (due by target, due by period end)
        self.cell_size: list[int] = []
        self.task_cell: dict[str, int] = {}
        subareas: dict[str, list[str]] = {}
        tasks = list(tasks)
        for t in tasks:
            subs = subareas.setdefault(t.area, [])
            if t.subarea and t.subarea not in subs:
                subs.append(t.subarea)
        for area, subs in subareas.items():
            for key in [(area, ""), *((area, s) for s in subs)]:
                group_of[key] = len(self.groups)
                self.groups.append(key)
        group_of[("", "")] = len(self.groups)
        self.groups.append(("", ""))
        for t in tasks:
            if t.task_id in self.task_cell:
                raise ValueError(f"duplicate task id {t.task_id!r}")
            flags = (target is None or t.due <= target, t.due <= period_end)
            key = (t.area, t.subarea, flags)
            if key not in cell_of:
                cell_of[key] = len(self.cell_size)
                keys = [(t.area, ""), ("", "")] + ([(t.area, t.subarea)] if t.subarea else [])
                self.cell_groups.append(tuple(group_of[k] for k in keys))
                self.cell_flags.append(flags)
                self.cell_size.append(0)
            self.cell_size[cell_of[key]] += 1
            self.task_cell[t.task_id] = cell_of[key]
        self.roadmap = [[0, 0] for _ in self.groups]
        for cell, size in enumerate(self.cell_size):
            in_target, in_period = self.cell_flags[cell]
            for g in self.cell_groups[cell]:
                self.roadmap[g][0] += size * in_target
                self.roadmap[g][1] += size * in_period


def compute_figures(
    tasks: Iterable[Task],
    statuses_by_region: Mapping[str, Mapping[str, str]],
    period_end: date,
    target: date | None = None,
) -> list[Figure]:
    """Readiness and progress rows for every region, in the mapping's region order.

    Per region the rows are: each area (roadmap order) followed by its sub-areas, then the
    whole-region total. A region mapped to an empty dict reported nothing: its rows are
    flagged `reported=False` with None figures (shown as "ei raportoitu", never as 0 %).
    Statuses may be English or Finnish names; unknown task ids or statuses raise ValueError.
    """
    layout = _Layout(tasks, period_end, target)
    ncells = len(layout.cell_size)
    figures: list[Figure] = []
    for region, statuses in statuses_by_region.items():
        if not statuses:
            figures.extend(_unreported(region, layout))
            continue
        # counts[cell*4 + code]: code 0 not started, 1 in progress/on schedule, 2 done, 3 n/a
        counts = [0] * (ncells * 4)
        try:
            for task_id, status in statuses.items():
                counts[layout.task_cell[task_id] * 4 + _CODE[status]] += 1
        except KeyError as exc:
            raise ValueError(f"{region}: unknown task id or status {exc.args[0]!r}") from None
        # per group: applicable, in progress, done, due, started
        acc = [[0, 0, 0, 0, 0] for _ in layout.groups]
        for cell in range(ncells):
            base = cell * 4
            ip, dn, na = counts[base + 1], counts[base + 2], counts[base + 3]
            applicable = layout.cell_size[cell] - na
            in_target, in_period = layout.cell_flags[cell]
            for g in layout.cell_groups[cell]:
                a = acc[g]
                if in_target:
                    a[0] += applicable
                    a[1] += ip
                    a[2] += dn
                if in_period:
                    a[3] += applicable
                    a[4] += ip + dn
        for g, (area, subarea) in enumerate(layout.groups):
            applicable, ip, dn, due, started = acc[g]
            figures.append(
                Figure(
                    region=region,
                    area=area,
                    subarea=subarea,
                    reported=True,
                    applicable=applicable,
                    in_progress=ip,
                    done=dn,
                    in_progress_pct=round_half_up(ip, applicable),
                    done_pct=round_half_up(dn, applicable),
                    due=due,
                    started=started,
                    progress_pct=round_half_up(started, due),
                    roadmap_tasks=layout.roadmap[g][0],
                    roadmap_due=layout.roadmap[g][1],
                )
            )
    return figures


def _unreported(region: str, layout: _Layout) -> list[Figure]:
    none = dict.fromkeys(
        ("applicable", "in_progress", "done", "in_progress_pct", "done_pct", "due", "started",
         "progress_pct"),
    )
    return [
        Figure(region=region, area=area, subarea=subarea, reported=False,
               roadmap_tasks=layout.roadmap[g][0], roadmap_due=layout.roadmap[g][1], **none)
        for g, (area, subarea) in enumerate(layout.groups)
    ]


def national_totals(figures) -> list[Figure]:
    """The national row: per area (and sub-area, and the whole roadmap) the counts of all regions
    that reported, summed, and the percentages of those sums (not an average of percentages).
    `region` is "" on these rows; `reported` is False when no region reported."""
    sums: dict[tuple[str, str], list[int]] = {}
    roadmap: dict[tuple[str, str], tuple[int, int]] = {}
    for f in figures:
        key = (f.area, f.subarea)
        roadmap.setdefault(key, (f.roadmap_tasks, f.roadmap_due))
        total = sums.setdefault(key, [0, 0, 0, 0, 0, 0])
        if f.reported:
            for i, value in enumerate((f.applicable, f.in_progress, f.done, f.due, f.started)):
                total[i] += value or 0
            total[5] += 1
    rows = []
    for (area, subarea), (applicable, in_progress, done, due, started, reporters) in sums.items():
        reported = reporters > 0
        rows.append(Figure(
            region="", area=area, subarea=subarea, reported=reported,
            applicable=applicable if reported else None, in_progress=in_progress if reported else None,
            done=done if reported else None,
            in_progress_pct=round_half_up(in_progress, applicable) if reported else None,
            done_pct=round_half_up(done, applicable) if reported else None,
            due=due if reported else None, started=started if reported else None,
            progress_pct=round_half_up(started, due) if reported else None,
            roadmap_tasks=roadmap[(area, subarea)][0], roadmap_due=roadmap[(area, subarea)][1]))
    return rows
