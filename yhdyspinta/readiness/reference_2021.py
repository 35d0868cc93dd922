"""The national readiness picture 10/2021 rebuilt as task-level data (seed 003, S7).

VM published only rounded percentages ("Alueellisen toimeenpanon valmiusaste suhteessa
1.1.2023" and "eteneminen ... Q4/2021 asti"). The platform stores task statuses, so this
module builds a plausible roadmap and per-region statuses whose computed figures equal the
published tables cell by cell. Nothing is random: per region x area a tiny integer problem
(how many tasks done / käynnissä / not started, before and after the Q4/2021 horizon) is
solved by exhaustive search over counts.

Conventions: the progress horizon of a monthly picture is the end of its calendar quarter
(10/2021 and 11/2021 -> 2021-12-31, "tehtävät Q4/2021 asti"); a task counts when its due
date is on or before that day. Readiness counts tasks due by TARGET (1.1.2023) — every
roadmap task. Helsinki organises rescue services itself, so its pelastustoimi tasks are
ei koske; this is what makes its 43 % (6/14) possible. HUS reported nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .compute import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    ON_SCHEDULE,
    Figure,
    Task,
    compute_figures,
    round_half_up,
)
from .roadmap_2021 import AREAS, PHASES, Area, SubArea

__all__ = [
    "AREAS", "PERIODS", "REGIONS", "ROADMAP_NAME", "TARGET", "Area", "Period", "SubArea",
    "build_roadmap", "build_statuses", "figures", "load_published", "write_csvs",
]

PUBLISHED_DIR = Path(__file__).parent / "data" / "published"
ROADMAP_NAME = {
    "fi": "Alueellisen toimeenpanon tiekartta 2021–2022",
    "sv": "Färdplan för det regionala genomförandet 2021–2022",
    "en": "Roadmap for regional implementation 2021–2022",
}
TARGET = date(2023, 1, 1)
# seed 003 table order: 21 counties, Helsinki and HUS (HUS reported nothing in 10/2021)
REGIONS = (
    "Etelä-Karjala", "Etelä-Pohjanmaa", "Etelä-Savo", "Helsinki", "HUS", "Itä-Uusimaa",
    "Kainuu", "Kanta-Häme", "Keski-Pohjanmaa", "Keski-Suomi", "Keski-Uusimaa", "Kymenlaakso",
    "Lappi", "Länsi-Uusimaa", "Pirkanmaa", "Pohjanmaa", "Pohjois-Karjala", "Pohjois-Pohjanmaa",
    "Pohjois-Savo", "Päijät-Häme", "Satakunta", "Vantaa-Kerava", "Varsinais-Suomi",
)
NOT_REPORTING = frozenset({"HUS"})
# region -> title prefixes of tasks that do not apply to it
NOT_APPLICABLE_TOPICS = {"Helsinki": ("Pelastustoimen siirto", "Pelastustoimen palvelutasopäätös")}
_DUE_BY_Q4 = (date(2021, 9, 30), date(2021, 10, 31), date(2021, 11, 30), date(2021, 12, 31))
_DUE_2022 = (date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30), date(2022, 12, 31))


@dataclass(frozen=True)
class Period:
    """A monthly picture: statuses as of `snapshot`, progress over tasks due by `progress_end`."""

    code: str
    snapshot: date
    progress_end: date


PERIODS = {
    "2021-10": Period("2021-10", date(2021, 10, 31), date(2021, 12, 31)),
    "2021-11": Period("2021-11", date(2021, 11, 30), date(2021, 12, 31)),
}


def build_roadmap() -> list[Task]:
    """All roadmap tasks, ordered by area and sub-area; ids like "YP-C-03".

    Within a sub-area, tasks cycle through its topics phase by phase (PHASES), so early
    phases are due by Q4/2021 and later ones during 2022. The decision and go-live phases
    are critical: they must be in place when the responsibility moves on 1.1.2023.
    """
    tasks = []
    for area in AREAS:
        for sub in area.subareas:
            n_topics = len(sub.topics)
            total = sub.due_by_q4 + sub.later
            if total > n_topics * len(PHASES):
                raise ValueError(f"{sub.code}: not enough topics for {total} tasks")
            for i in range(total):
                topic, phase = sub.topics[i % n_topics], PHASES[i // n_topics]
                if i < sub.due_by_q4:
                    due = _DUE_BY_Q4[i * 4 // sub.due_by_q4]
                else:
                    due = _DUE_2022[(i - sub.due_by_q4) * 4 // sub.later]
                tasks.append(Task(
                    task_id=f"{area.short}-{sub.letter}-{i + 1:02d}",
                    area=area.code,
                    subarea=sub.code,
                    title=f"{topic[0]}: {phase[0]}",
                    due=due,
                    critical=phase is PHASES[3] or phase is PHASES[5],
                    title_sv=f"{topic[1]}: {phase[1]}",
                    title_en=f"{topic[2]}: {phase[2]}",
                ))
    return tasks


def load_published() -> dict[str, dict[tuple[str, str], tuple[int, int]]]:
    """The published 10/2021 tables with their addenda (rows the transcription missed).

    Keys: "readiness" (region, area) -> (in_progress_pct, done_pct); "progress"
    (region, area) -> (tasks_due, started_or_done_pct); "yhdyspinnat" (region, subarea or
    "total") -> (tasks_due, started_or_done_pct).
    """
    specs = {
        "readiness": ("readiness_2021_10", "area", ("in_progress_pct", "done_pct")),
        "progress": ("progress_2021_q4", "area", ("tasks_due", "started_or_done_pct")),
        "yhdyspinnat": ("progress_2021_q4_yhdyspinnat", "subarea",
                        ("tasks_due", "started_or_done_pct")),
    }
    result = {}
    for name, (stem, key, values) in specs.items():
        table = {}
        for suffix in ("", "_addendum"):
            with open(PUBLISHED_DIR / f"{stem}{suffix}.csv", encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    table[(row["region"], row[key])] = tuple(int(row[v]) for v in values)
        result[name] = table
    return result


def _counts(pct: int, denominator: int) -> list[int]:
    return [n for n in range(denominator + 1) if round_half_up(n, denominator) == pct]


def _solve(applicable, due, ip_pct, done_pct, started_options):
    """(in progress, done, started due) counts matching the published percentages."""
    later = applicable - due
    for started in started_options:
        for ip in _counts(ip_pct, applicable):
            for done in _counts(done_pct, applicable):
                if ip + done <= applicable and started <= ip + done <= started + later:
                    return ip, done, started
    raise ValueError("no task counts reproduce the published percentages")


def _spread(items: list, count: int, offset: int) -> list:
    """`count` of `items`, evenly spaced, so started tasks fall in every sub-area."""
    n = len(items)
    chosen = [t for k, t in enumerate(items) if ((k + offset) * count) % n < count] if n else []
    if len(chosen) != count:
        raise RuntimeError(f"could not spread {count} over {n} tasks")
    return chosen


def _assign_area(region_no, tasks, na, period_end, published, region, area):
    """Statuses of one region's tasks in one area (dict task_id -> status)."""
    statuses = {t.task_id: NOT_APPLICABLE for t in tasks if t.task_id in na}
    due = [t for t in tasks if t.task_id not in na and t.due <= period_end]
    later = [t for t in tasks if t.task_id not in na and t.due > period_end]
    ip_pct, done_pct = published["readiness"][(region, area.code)]
    if area.code == "yhdyspinnat":  # sub-area progress is published too: fixed per sub-area
        started_due = []
        for sub in area.subareas:
            sub_due = [t for t in due if t.subarea == sub.code]
            pct = published["yhdyspinnat"][(region, sub.code)][1]
            started_due += _spread(sub_due, _counts(pct, len(sub_due))[0], region_no)
        options = [len(started_due)]
    else:
        options = _counts(published["progress"][(region, area.code)][1], len(due))
    try:
        ip, done, started = _solve(len(due) + len(later), len(due), ip_pct, done_pct, options)
    except ValueError as exc:
        raise ValueError(f"{region}, {area.code}: {exc}") from None
    if area.code != "yhdyspinnat":
        started_due = _spread(due, started, region_no)
    started_due.sort(key=lambda t: t.due)  # the earliest started tasks are the done ones
    done_due = min(started, done)
    ip_due = started - done_due
    chosen_later = _spread(later, ip - ip_due + done - done_due, region_no)
    chosen_later.sort(key=lambda t: t.due)
    done_tasks = started_due[:done_due] + chosen_later[: done - done_due]
    ip_tasks = started_due[done_due:] + chosen_later[done - done_due:]
    for t in done_tasks:
        statuses[t.task_id] = DONE
    for i, t in enumerate(ip_tasks):
        statuses[t.task_id] = ON_SCHEDULE if i % 3 == 2 else IN_PROGRESS
    return {t.task_id: statuses.get(t.task_id, NOT_STARTED) for t in tasks}  # roadmap order


def _statuses_2021_10() -> dict[str, dict[str, str]]:
    published = load_published()
    roadmap = build_roadmap()
    period_end = PERIODS["2021-10"].progress_end
    result: dict[str, dict[str, str]] = {}
    for region_no, region in enumerate(REGIONS):
        result[region] = {}
        if region in NOT_REPORTING:
            continue
        prefixes = NOT_APPLICABLE_TOPICS.get(region, ())
        na = {t.task_id for t in roadmap if prefixes and t.title.startswith(prefixes)}
        for area in AREAS:
            tasks = [t for t in roadmap if t.area == area.code]
            result[region] |= _assign_area(region_no, tasks, na, period_end, published,
                                           region, area)
    return result


def _advance(statuses: dict[str, str], region_no: int) -> dict[str, str]:
    """One month on: every 4th not-started task starts, every 5th started one finishes."""
    advanced = {}
    for i, (task_id, status) in enumerate(statuses.items()):
        if status == NOT_STARTED and (i + region_no) % 4 == 0:
            status = IN_PROGRESS
        elif status in (IN_PROGRESS, ON_SCHEDULE) and (i + region_no) % 5 == 0:
            status = DONE
        advanced[task_id] = status
    return advanced


def build_statuses(period: str) -> dict[str, dict[str, str]]:
    """{region: {task_id: status}} for "2021-10" or "2021-11"; HUS maps to {} (no report).

    Every reporting region has a row for every task; 11/2021 only moves tasks forward.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    result = _statuses_2021_10()
    if period == "2021-11":
        result = {r: _advance(s, n) for n, (r, s) in enumerate(result.items())}
    return result


def figures(period: str = "2021-10") -> list[Figure]:
    """compute_figures() for a reference period, relative to TARGET."""
    return compute_figures(build_roadmap(), build_statuses(period),
                           PERIODS[period].progress_end, TARGET)


def write_csvs(directory: str | Path) -> list[Path]:
    """ROADMAP.csv, STATUSES_2021-10.csv / STATUSES_2021-11.csv and REGIONS.csv (the 23 reporting
    regions in table order, HUS included) in the CLI's format; the paths in this order."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "ROADMAP.csv"]
    regions = directory / "REGIONS.csv"
    with open(paths[0], "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(("task_id", "area", "subarea", "title", "due"))
        for t in build_roadmap():
            writer.writerow((t.task_id, t.area, t.subarea, t.title, t.due.isoformat()))
    with open(regions, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(("region",))
        writer.writerows((region,) for region in REGIONS)
    for period in PERIODS:
        path = directory / f"STATUSES_{period}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(("region", "task_id", "status"))
            for region, statuses in build_statuses(period).items():
                writer.writerows((region, t, s) for t, s in statuses.items())
        paths.append(path)
    return [*paths, regions]
