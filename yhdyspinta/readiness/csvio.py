"""The readiness row parsers: ROADMAP and STATUSES files, for the CLI and the web import alike.

Files are read by the one reader, `core.tabular` (CSV or XLSX; ';', ',' or tab; UTF-8 with or
without BOM or Windows-1252; headers matched without regard to case, with the Finnish and
Swedish names below). This module checks the rows: `roadmap_rows` and `status_rows` are what
`readiness report` (cli.py) and the import pages (actions.py) both use, so a file is accepted or
refused the same way by both. Every refusal is an `InputError(file, line, reason)`; the CLI's
`read_roadmap`/`read_statuses` raise it as `ReadinessInputError` ("file:line: reason").
"""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date
from pathlib import Path
from typing import NamedTuple

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError, date_value, read_rows
from yhdyspinta.core.xlsxsafe import max_rows

from .compute import FINNISH_STATUSES, STATUSES, Task, normalise_status

ROADMAP_COLUMNS = ("task_id", "area", "subarea", "title", "due", "critical", "title_sv", "title_en")
ROADMAP_REQUIRED = ("task_id", "area", "due")
ROADMAP_ALIASES = {
    "tehtävä": "task_id", "tehtävän_tunnus": "task_id", "tunnus": "task_id", "uppgift": "task_id",
    "osio": "area", "område": "area", "osa_alue": "subarea", "delområde": "subarea",
    "otsikko": "title", "nimi": "title", "rubrik": "title", "määräaika": "due", "takaraja": "due",
    "tidsfrist": "due", "kriittinen": "critical", "kritisk": "critical",
}
STATUS_COLUMNS = ("region", "task_id", "status", "comment")
STATUS_REQUIRED = ("region", "task_id", "status")
STATUS_ALIASES = {
    "alue": "region", "hyvinvointialue": "region", "välfärdsområde": "region", "område": "region",
    "tehtävä": "task_id", "tehtävän_tunnus": "task_id", "tunnus": "task_id", "uppgift": "task_id",
    "tila": "status", "tilanne": "status", "kommentti": "comment", "kommentar": "comment",
}
#: Rows of a STATUSES file: a whole period of the national roadmap (1 000 tasks × 300 regions =
#: 300 000 rows) fits, other imports keep IMPORT_MAX_ROWS (200 000). The setting
#: READINESS_IMPORT_MAX_ROWS overrides it under Django; the plain CLI uses this number.
PERIOD_MAX_ROWS = 400_000
TRUE = {"1", "true", "yes", "x", "kyllä", "kylla", "ja", "k"}
FALSE = {"", "0", "false", "no", "ei", "nej", "e"}


class RoadmapRow(NamedTuple):
    line: int
    task_id: str
    area: str
    subarea: str
    title: str
    due: date
    critical: bool
    title_sv: str
    title_en: str


class StatusRow(NamedTuple):
    line: int
    region: object  # the key `status_rows`' `region` gave (the text itself by default)
    region_text: str
    task_id: str
    status: str  # canonical (normalise_status)
    comment: str


class ReadinessInputError(InputError):
    """The CLI's refusal: str() is "file:line: reason" (line omitted for whole-file errors).

    `reason` is a `core.reasons.Reason`, so a page can show it translated (`core.localize`).
    """

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.reason}"


def parse_date(text: str) -> date:
    """ISO 2021-12-31 or Finnish 31.12.2021; ValueError otherwise (core.tabular.date_value)."""
    return date_value(text)


def roadmap_rows(source, *, name: str) -> list[RoadmapRow]:
    """The checked rows of a ROADMAP file (task_id, area, due required; subarea, title, critical,
    title_sv, title_en optional); a duplicate task id, an empty required cell, a bad date or an
    unknown yes/no is refused on its line."""
    rows: list[RoadmapRow] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(source, name=name, required=ROADMAP_REQUIRED, allowed=ROADMAP_COLUMNS,
                               aliases=ROADMAP_ALIASES):
        for column in ROADMAP_REQUIRED:
            if not row[column]:
                raise InputError(name, line, reason("empty %(column)s", column=column), column)
        task_id = row["task_id"]
        if task_id in seen:
            raise InputError(name, line, reason("duplicate task id %(task)s (first on line %(first)s)",
                                                task=repr(task_id), first=seen[task_id]), "task_id")
        seen[task_id] = line
        try:
            due = date_value(row["due"])
        except ValueError as exc:
            raise InputError(name, line, reason("column 'due': %(problem)s", problem=exc.args[0]), "due") from None
        critical = row.get("critical", "").lower()
        if critical not in TRUE | FALSE:
            raise InputError(name, line, reason("column 'critical': %(value)s is not yes or no",
                                                value=repr(row["critical"])), "critical")
        rows.append(RoadmapRow(line, task_id, row["area"], row.get("subarea", ""), row.get("title", ""), due,
                               critical in TRUE, row.get("title_sv", ""), row.get("title_en", "")))
    if not rows:
        raise InputError(name, None, reason("no tasks in the roadmap"))
    return rows


def status_rows(source, *, name: str, tasks: Container[str],
                region: Callable[[str, int], object] | None = None) -> list[StatusRow]:
    """The checked rows of a STATUSES file (region, task_id, status; comment optional).

    `tasks`: the roadmap's task ids. `region(text, line)`: the key of a region (raising
    InputError for one the caller does not accept); by default the text itself. A second row
    for the same region key and task is refused, naming the first.
    """
    rows: list[StatusRow] = []
    first_line: dict[tuple, int] = {}
    allowed = ", ".join([*STATUSES, *FINNISH_STATUSES])
    for line, row in read_rows(source, name=name, required=STATUS_REQUIRED, allowed=STATUS_COLUMNS,
                               aliases=STATUS_ALIASES, limit=status_max_rows()):
        text, task_id = row["region"], row["task_id"]
        if not text:
            raise InputError(name, line, reason("empty region"), "region")
        key = text if region is None else region(text, line)
        if task_id not in tasks:
            raise InputError(name, line, reason("unknown task id %(task)s", task=repr(task_id)), "task_id")
        try:
            status = normalise_status(row["status"])
        except ValueError:  # same text as normalise_status's "unknown status 'x'", translatable
            raise InputError(name, line, reason("unknown status %(status)s; expected one of %(allowed)s",
                                                status=repr(row["status"]), allowed=allowed), "status") from None
        if (key, task_id) in first_line:
            raise InputError(name, line, reason(
                "duplicate row for region %(region)s and task %(task)s (first on line %(first)s)",
                region=repr(text), task=repr(task_id), first=first_line[key, task_id]))
        first_line[key, task_id] = line
        rows.append(StatusRow(line, key, text, task_id, status, row.get("comment", "")))
    return rows


def status_max_rows() -> int:
    """The row limit of a STATUSES file (`PERIOD_MAX_ROWS`, or READINESS_IMPORT_MAX_ROWS)."""
    return max_rows("READINESS_IMPORT_MAX_ROWS", PERIOD_MAX_ROWS)


def region_rows(source, *, name: str) -> list[str]:
    """A REGIONS file: its `region` column (other columns are ignored), in order; blank cells skipped."""
    regions: dict[str, int] = {}
    for line, row in read_rows(source, name=name, required=("region",), aliases=STATUS_ALIASES):
        text = row["region"]
        if not text:
            continue
        if text in regions:
            raise InputError(name, line, reason("duplicate region %(region)s", region=repr(text)), "region")
        regions[text] = line
    return list(regions)


# ---- the CLI -----------------------------------------------------------------------------
def _for_cli(exc: InputError) -> ReadinessInputError:
    """The CLI has always named line 1 for a file that is no table at all (binary, empty)."""
    whole_file_of_ours = exc.line is None and getattr(exc.reason, "template", "") == "no tasks in the roadmap"
    line = exc.line if exc.line is not None or whole_file_of_ours else 1
    return ReadinessInputError(exc.file, line, exc.reason, exc.column)


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ReadinessInputError(str(path), None, reason("cannot read file: %(detail)s", detail=exc.strerror)) from None


def read_roadmap(path: str | Path) -> list[Task]:
    """ROADMAP.csv (or .xlsx) for `readiness report`: task_id,area,subarea,title,due."""
    data = _read(path)
    try:
        rows = roadmap_rows(data, name=str(path))
    except InputError as exc:
        raise _for_cli(exc) from None
    return [Task(r.task_id, r.area, r.subarea, r.title, r.due) for r in rows]


def read_statuses(path: str | Path, task_ids: set[str]) -> dict[str, dict[str, str]]:
    """STATUSES.csv: region,task_id,status -> {region: {task_id: canonical status}}.

    Regions keep the order of their first appearance in the file.
    """
    data = _read(path)
    try:
        rows = status_rows(data, name=str(path), tasks=task_ids)
    except InputError as exc:
        raise _for_cli(exc) from None
    result: dict[str, dict[str, str]] = {}
    for r in rows:
        result.setdefault(r.region, {})[r.task_id] = r.status
    return result


def read_regions(path: str | Path) -> list[str]:
    """REGIONS.csv for `readiness report --regions`: the reporting regions in table order."""
    data = _read(path)
    try:
        return region_rows(data, name=str(path))
    except InputError as exc:
        raise _for_cli(exc) from None
