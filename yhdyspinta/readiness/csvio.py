"""Reading roadmap and status CSVs as regions actually send them.

Regions export from Excel, so files arrive with ';' or ',' as delimiter, UTF-8 with or
without BOM or Windows-1252, and dates as 2021-12-31 or 31.12.2021. Every problem is
reported as a ReadinessInputError naming file, line and reason, so a user can fix the
file without reading code.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from yhdyspinta.core.reasons import reason

from .compute import FINNISH_STATUSES, STATUSES, Task, normalise_status

ROADMAP_COLUMNS = ("task_id", "area", "subarea", "title", "due")
ROADMAP_REQUIRED = ("task_id", "area", "due")
STATUS_COLUMNS = ("region", "task_id", "status")

_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReadinessInputError(Exception):
    """A bad input file; str() is "file:line: reason" (line omitted for whole-file errors).

    `reason` is a `core.reasons.Reason`, so a page can show it translated (`core.localize`).
    """

    def __init__(self, file: str | Path, line: int | None, reason: str):
        self.file, self.line, self.reason = str(file), line, reason
        where = self.file if line is None else f"{self.file}:{line}"
        super().__init__(f"{where}: {reason}")


def parse_date(text: str) -> date:
    """ISO 2021-12-31 or Finnish 31.12.2021; ValueError otherwise."""
    text = text.strip()
    iso, finnish = _ISO_DATE.fullmatch(text), _FINNISH_DATE.fullmatch(text)
    try:
        if iso:
            return date.fromisoformat(text)
        if finnish:
            day, month, year = (int(g) for g in finnish.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ValueError(reason("not a date: %(text)s (expected YYYY-MM-DD or D.M.YYYY)", text=repr(text)))


def decode(raw: bytes, file: str | Path) -> str:
    """UTF-8 (BOM stripped), else Windows-1252; binary content is not a CSV."""
    if b"\x00" in raw:
        raise ReadinessInputError(file, 1, reason("not a CSV file (binary content)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadinessInputError(
            file, 1, reason("not a CSV file (undecodable byte: %(detail)s)", detail=str(exc))
        ) from None


def read_rows(
    path: str | Path, columns: Sequence[str], required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with stripped values; header checked against `columns`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReadinessInputError(
            path, None, reason("cannot read file: %(detail)s", detail=exc.strerror)
        ) from None
    text = decode(raw, path)
    first = text.lstrip("\r\n").partition("\n")[0]
    if not first.strip():
        raise ReadinessInputError(path, 1, reason("not a CSV file (empty)"))
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header: list[str] | None = None
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = _check_header(path, reader.line_num, record, columns, required)
                continue
            if len(record) != len(header):
                raise ReadinessInputError(
                    path, reader.line_num,
                    reason("expected %(expected)s fields, got %(found)s",
                           expected=len(header), found=len(record)),
                )
            yield reader.line_num, {k: v.strip() for k, v in zip(header, record, strict=True)}
    except csv.Error as exc:
        raise ReadinessInputError(
            path, reader.line_num, reason("not a CSV file (%(detail)s)", detail=str(exc))
        ) from None


def _check_header(path, line, record, columns, required) -> list[str]:
    header = [cell.strip().lower() for cell in record]
    if len(header) == 1 and len(columns) > 1:
        raise ReadinessInputError(
            path, line, reason("not a CSV file (no ',' or ';' delimiter; expected %(columns)s)",
                               columns=",".join(columns)),
        )
    for name in header:
        if name not in columns:
            raise ReadinessInputError(
                path, line, reason("unknown column %(column)s (expected %(columns)s)",
                                   column=repr(name), columns=", ".join(columns)),
            )
        if header.count(name) > 1:
            raise ReadinessInputError(path, line, reason("duplicate column %(column)s", column=repr(name)))
    for name in required:
        if name not in header:
            raise ReadinessInputError(path, line, reason("missing column %(column)s", column=repr(name)))
    return header


def read_roadmap(path: str | Path) -> list[Task]:
    """ROADMAP.csv: task_id,area,subarea,title,due (subarea and title may be empty)."""
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, ROADMAP_COLUMNS, ROADMAP_REQUIRED):
        task_id = row["task_id"]
        for name in ROADMAP_REQUIRED:
            if not row[name]:
                raise ReadinessInputError(path, line, reason("empty %(column)s", column=name))
        if task_id in seen:
            raise ReadinessInputError(
                path, line, reason("duplicate task id %(task)s (first on line %(first)s)",
                                   task=repr(task_id), first=seen[task_id]),
            )
        seen[task_id] = line
        try:
            due = parse_date(row["due"])
        except ValueError as exc:
            raise ReadinessInputError(
                path, line, reason("column 'due': %(problem)s", problem=exc.args[0])
            ) from None
        tasks.append(Task(task_id, row["area"], row.get("subarea", ""), row.get("title", ""), due))
    if not tasks:
        raise ReadinessInputError(path, None, reason("no tasks in the roadmap"))
    return tasks


def read_statuses(path: str | Path, task_ids: set[str]) -> dict[str, dict[str, str]]:
    """STATUSES.csv: region,task_id,status -> {region: {task_id: canonical status}}.

    Regions keep the order of their first appearance in the file.
    """
    result: dict[str, dict[str, str]] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, row in read_rows(path, STATUS_COLUMNS, STATUS_COLUMNS):
        region, task_id = row["region"], row["task_id"]
        if not region:
            raise ReadinessInputError(path, line, reason("empty region"))
        if task_id not in task_ids:
            raise ReadinessInputError(path, line, reason("unknown task id %(task)s", task=repr(task_id)))
        try:
            status = normalise_status(row["status"])
        except ValueError:  # same text as normalise_status's "unknown status 'x'", translatable
            allowed = ", ".join([*STATUSES, *FINNISH_STATUSES])
            raise ReadinessInputError(
                path, line, reason("unknown status %(status)s; expected one of %(allowed)s",
                                   status=repr(row["status"]), allowed=allowed)
            ) from None
        key = (region, task_id)
        if key in first_line:
            raise ReadinessInputError(
                path, line,
                reason("duplicate row for region %(region)s and task %(task)s (first on line %(first)s)",
                       region=repr(region), task=repr(task_id), first=first_line[key]),
            )
        first_line[key] = line
        result.setdefault(region, {})[task_id] = status
    return result
