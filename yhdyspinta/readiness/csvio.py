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

from .compute import FINNISH_STATUSES, STATUSES, Task, normalise_status

ROADMAP_COLUMNS = ("task_id", "area", "subarea", "title", "due")
ROADMAP_REQUIRED = ("task_id", "area", "due")
STATUS_COLUMNS = ("region", "task_id", "status")

_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReadinessInputError(Exception):
    """A bad input file; str() is "file:line: reason" (line omitted for whole-file errors)."""

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
    raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD or D.M.YYYY)")


def decode(raw: bytes, file: str | Path) -> str:
    """UTF-8 (BOM stripped), else Windows-1252; binary content is not a CSV."""
    if b"\x00" in raw:
        raise ReadinessInputError(file, 1, "not a CSV file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadinessInputError(file, 1, f"not a CSV file (undecodable byte: {exc})") from None


def read_rows(
    path: str | Path, columns: Sequence[str], required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with stripped values; header checked against `columns`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReadinessInputError(path, None, f"cannot read file: {exc.strerror}") from None
    text = decode(raw, path)
    first = text.lstrip("\r\n").partition("\n")[0]
    if not first.strip():
        raise ReadinessInputError(path, 1, "not a CSV file (empty)")
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
                    f"expected {len(header)} fields, got {len(record)}",
                )
            yield reader.line_num, {k: v.strip() for k, v in zip(header, record, strict=True)}
    except csv.Error as exc:
        raise ReadinessInputError(path, reader.line_num, f"not a CSV file ({exc})") from None


def _check_header(path, line, record, columns, required) -> list[str]:
    header = [cell.strip().lower() for cell in record]
    if len(header) == 1 and len(columns) > 1:
        raise ReadinessInputError(
            path, line, f"not a CSV file (no ',' or ';' delimiter; expected {','.join(columns)})"
        )
    for name in header:
        if name not in columns:
            raise ReadinessInputError(
                path, line, f"unknown column {name!r} (expected {', '.join(columns)})"
            )
        if header.count(name) > 1:
            raise ReadinessInputError(path, line, f"duplicate column {name!r}")
    for name in required:
        if name not in header:
            raise ReadinessInputError(path, line, f"missing column {name!r}")
    return header


def read_roadmap(path: str | Path) -> list[Task]:
    """ROADMAP.csv: task_id,area,subarea,title,due (subarea and title may be empty)."""
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, ROADMAP_COLUMNS, ROADMAP_REQUIRED):
        task_id = row["task_id"]
        for name in ROADMAP_REQUIRED:
            if not row[name]:
                raise ReadinessInputError(path, line, f"empty {name}")
        if task_id in seen:
            raise ReadinessInputError(
                path, line, f"duplicate task id {task_id!r} (first on line {seen[task_id]})"
            )
        seen[task_id] = line
        try:
            due = parse_date(row["due"])
        except ValueError as exc:
            raise ReadinessInputError(path, line, f"column 'due': {exc}") from None
        tasks.append(Task(task_id, row["area"], row.get("subarea", ""), row.get("title", ""), due))
    if not tasks:
        raise ReadinessInputError(path, None, "no tasks in the roadmap")
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
            raise ReadinessInputError(path, line, "empty region")
        if task_id not in task_ids:
            raise ReadinessInputError(path, line, f"unknown task id {task_id!r}")
        try:
            status = normalise_status(row["status"])
        except ValueError as exc:
            allowed = ", ".join([*STATUSES, *FINNISH_STATUSES])
            raise ReadinessInputError(path, line, f"{exc}; expected one of {allowed}") from None
        key = (region, task_id)
        if key in first_line:
            raise ReadinessInputError(
                path, line,
                f"duplicate row for region {region!r} and task {task_id!r} "
                f"(first on line {first_line[key]})",
            )
        first_line[key] = line
        result.setdefault(region, {})[task_id] = status
    return result
