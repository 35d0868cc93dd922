"""The one reader of uploaded and command-line tables: CSV and XLSX into rows. No Django.

Excel in Finland writes semicolons, decimal commas and UTF-8 with a BOM or Windows-1252; dates
come as 31.12.2021. Every importer (the pages, the API, the management commands and the plain
Python CLIs) reads through here, so the rules are the same everywhere:

- encoding: UTF-8 with or without BOM, else Windows-1252; binary content is refused;
- delimiter: the most frequent of ``;``, ``,`` and tab on the header line (once per file);
- XLSX: the first sheet, through ``core.xlsxsafe`` (zip and XML bomb checks, streamed);
- header: matched by ``match_header`` — case, spaces and the app's aliases (Finnish, Swedish
  names) do not matter, so ``Task_ID``, ``task id`` and ``task_id`` are the same column;
- size: more than ``IMPORT_MAX_ROWS`` rows is refused (CSV and XLSX alike; an importer may
  pass a ``limit`` of its own, e.g. the readiness period import's national file);
- values: ``parse_date`` (2021-12-31 or 31.12.2021), ``parse_decimal`` (decimal comma),
  ``parse_int``.

Every refusal is an ``InputError(file, line, reason, column)``; ``line`` is 1-based (header = 1)
or None for the whole file, and ``reason`` a translatable ``core.reasons.Reason`` that pages show
with ``core.localize.error_message``. An app keeps only its row parser on top of ``read_rows``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .reasons import reason

DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class InputError(Exception):
    """A refused input: the file, the line (1-based, header = 1; None: the whole file), the reason
    and, where one cell is at fault, its column."""

    file: str
    line: int | None
    reason: str
    column: str | None = None

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


# ---- bytes and text ----------------------------------------------------------------------
def load(source, name: str | None = None) -> tuple[bytes | str, str]:
    """(content, file name) of a Path, bytes, text or binary file object.

    A str is the text of the file, not a path (pass a Path to read a file).
    """
    if isinstance(source, Path):
        try:
            return source.read_bytes(), name or str(source.name)
        except OSError as exc:
            raise InputError(name or source.name, None,
                             reason("cannot read file: %(detail)s", detail=exc.strerror or str(exc))) from None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "file"
    if isinstance(source, str):
        return source, name or "file"
    return source.read(), name or getattr(source, "name", None) or "file"  # an uploaded file


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM removed), else Windows-1252; NUL bytes mean a binary file, not a table."""
    if b"\x00" in data[:4096]:
        raise InputError(name, None, reason("not a CSV file (binary content)"))
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError(name, None, reason("marked as UTF-8 but byte %(byte)s is not UTF-8", byte=exc.start + 3)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(name, None, reason("unknown text encoding (byte %(byte)s)", byte=exc.start)) from None


def text_of(source, name: str | None = None) -> tuple[str, str]:
    """(decoded text, file name) of a CSV source; the BOM of a str is removed too."""
    content, name = load(source, name)
    text = decode(content, name) if isinstance(content, bytes) else content.lstrip("\ufeff")
    return text, name


def sniff_delimiter(text: str) -> str:
    """The most frequent of ';', ',' and tab on the first non-blank line (',' when none)."""
    first = next((line for line in re.split(r"\r\n|\r|\n", text, maxsplit=50) if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def is_xlsx(content, name: str = "") -> bool:
    head = content[:4] if isinstance(content, (bytes, bytearray)) else b""
    return name.lower().endswith(".xlsx") or head == XLSX_MAGIC


# ---- records: (line, list of cells) --------------------------------------------------------
def csv_records(text: str, name: str, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) of CSV text; a quoted cell may span lines."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(name, line, reason("contains a NUL character (not a text file)"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as exc:
        what = (reason("not a CSV file (%(detail)s)", detail=str(exc)) if start == 1
                else reason("not a valid CSV row (%(detail)s)", detail=str(exc)))
        raise InputError(name, reader.line_num or 1, what) from None


def cell_text(value) -> str:
    """An XLSX cell as the text a CSV would have: dates ISO, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_records(data: bytes, name: str, limit: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of the first sheet; trailing empty cells removed."""
    from .xlsxsafe import iter_sheet_rows, open_workbook_safely

    book = open_workbook_safely(data, name=name)
    try:
        for number, values in iter_sheet_rows(book, name=name, limit=limit):
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            yield number, cells
    finally:
        book.close()


def records(source, *, name: str | None = None, kind: str | None = None, limit: int | None = None
            ) -> tuple[str, bool, Iterator[tuple[int, list[str]]]]:
    """(file name, is XLSX, records) of a CSV or XLSX source; `kind` "csv"/"xlsx", or None to tell
    by the name and the first bytes; `limit`: the XLSX row limit (default `IMPORT_MAX_ROWS`)."""
    content, name = load(source, name)
    if kind == "xlsx" or (kind is None and is_xlsx(content, name)):
        if isinstance(content, str):
            content = content.encode("utf-8")
        return name, True, xlsx_records(content, name, limit)
    text = decode(content, name) if isinstance(content, bytes) else content.lstrip("\ufeff")
    return name, False, csv_records(text, name)


# ---- the header ------------------------------------------------------------------------------
def column_key(text: str) -> str:
    """'Task_ID', ' task id ' and 'TASK-ID' are the same column: 'task_id'."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lstrip("\ufeff").strip()).casefold()


def _names(columns: Iterable[str]) -> str:
    return ", ".join(repr(c) for c in columns)


def match_header(cells: list[str], name: str, *, required: Iterable[str] = (), allowed: Iterable[str] | None = None,
                 aliases: Mapping[str, str] | None = None, line: int = 1) -> list[str]:
    """The header as canonical column names; the one place where headers are matched.

    A cell whose `column_key` is that of a required or allowed column, or of an alias
    ({"tehtävä": "task_id"}), becomes that column; other cells keep their text (stripped).
    `allowed`: None keeps unknown columns, a collection refuses them. Empty header cells
    (Excel's trailing ';') are kept as "" and never refused.
    """
    required = tuple(required)
    known = {column_key(c): c for c in (*required, *(allowed or ()))}
    for alias, target in (aliases or {}).items():
        known.setdefault(column_key(alias), target)
    header = [known.get(column_key(c), str(c).strip().lstrip("\ufeff").strip()) for c in cells]
    if len(header) == 1 and len(required) > 1:
        raise InputError(name, line, reason("not a CSV file (no ';', ',' or tab between columns; expected %(columns)s)",
                                            columns=", ".join(required)))
    if allowed is not None:
        permitted = set(allowed) | set(required)
        unknown = [c for c in header if c and c not in permitted]
        expected = ", ".join(dict.fromkeys((*required, *allowed)))
        if len(unknown) == 1:
            raise InputError(name, line, reason("unknown column %(column)s (expected %(columns)s)",
                                                column=repr(unknown[0]), columns=expected), unknown[0])
        if unknown:
            raise InputError(name, line, reason("unknown columns %(names)s (expected %(columns)s)",
                                                names=_names(unknown), columns=expected))
    duplicates = [c for i, c in enumerate(header) if c and c in header[:i]]
    if duplicates:
        raise InputError(name, line, reason("duplicate column %(column)s", column=repr(duplicates[0])), duplicates[0])
    missing = [c for c in required if c not in header]
    if len(missing) == 1:
        raise InputError(name, line, reason("missing column %(column)s", column=repr(missing[0])), missing[0])
    if missing:
        raise InputError(name, line, reason("missing columns %(names)s", names=_names(missing)))
    return header


# ---- rows ----------------------------------------------------------------------------------
def read_records(source, *, name: str | None = None, required: Iterable[str] = (), allowed: Iterable[str] | None = None,
                 aliases: Mapping[str, str] | None = None, kind: str | None = None, limit: int | None = None
                 ) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """(canonical header, (line, cells) of the data rows) of a CSV or XLSX source.

    The header is the first non-blank record and is checked at once (`match_header`). Data rows
    skip blank records, have exactly the header's number of cells (an XLSX row may be shorter:
    it is padded), and more than `limit` of them (default `IMPORT_MAX_ROWS`) is refused, naming
    the first line past it.
    """
    from .xlsxsafe import max_rows, too_many_rows

    limit = limit or max_rows()
    name, xlsx, stream = records(source, name=name, kind=kind, limit=limit)
    first = next(((line, cells) for line, cells in stream if any(c.strip() for c in cells)), None)
    if first is None:
        raise InputError(name, None, reason("the file is empty"))
    header_line, cells = first
    header = match_header(cells, name, required=required, allowed=allowed, aliases=aliases, line=header_line)
    width = len(header)

    def rows():
        count = 0
        for line, cells in stream:
            count += 1
            if count > limit:
                raise too_many_rows(name, limit, line)
            if (not cells or not cells[0].strip()) and not any(c.strip() for c in cells):
                continue  # a blank line (the first cell is looked at first: a million rows)
            if len(cells) != width:
                if xlsx and len(cells) < width:
                    cells = cells + [""] * (width - len(cells))
                else:
                    raise InputError(name, line, reason("expected %(expected)s fields, got %(found)s",
                                                        expected=width, found=len(cells)))
            yield line, cells

    return header, rows()


def read_rows(source, *, name: str | None = None, required: Iterable[str] = (), allowed: Iterable[str] | None = None,
              aliases: Mapping[str, str] | None = None, kind: str | None = None, limit: int | None = None
              ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: stripped text}) of every data row of a CSV or XLSX file; see `read_records`.

    `source`: a Path, bytes, text (a str is content, not a path) or an uploaded file.
    """
    header, rows = read_records(source, name=name, required=required, allowed=allowed, aliases=aliases, kind=kind,
                                limit=limit)
    for line, cells in rows:
        yield line, {h: v.strip() for h, v in zip(header, cells)}


# ---- values --------------------------------------------------------------------------------
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_FINNISH_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def date_value(text: str) -> date:
    """2021-12-31 or 31.12.2021 (also 1.2.2021); ValueError with a translatable reason otherwise."""
    cleaned = str(text).strip()
    iso, finnish = _ISO_DATE.fullmatch(cleaned), _FINNISH_DATE.fullmatch(cleaned)
    try:
        if iso:
            return date(*(int(g) for g in iso.groups()))
        if finnish:
            day, month, year = (int(g) for g in finnish.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ValueError(reason("not a date: %(text)s (expected YYYY-MM-DD or D.M.YYYY)", text=repr(cleaned)))


def parse_date(value: str, name: str, line: int, column: str) -> date:
    try:
        return date_value(value)
    except ValueError as exc:
        raise InputError(name, line, reason("%(column)s: %(problem)s", column=column, problem=exc.args[0]), column) from None


def parse_decimal(value: str, name: str, line: int, column: str) -> Decimal:
    """'1 234,5' → Decimal('1234.5'); text that is no finite number is refused on its line."""
    cleaned = str(value).strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        result = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a number", column=column, value=value),
                         column) from None
    if not result.is_finite():
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a finite number", column=column,
                                            value=value), column)
    return result


def parse_int(value: str, name: str, line: int, column: str) -> int:
    number = parse_decimal(value, name, line, column)
    if number.adjusted() > 18:  # beyond any count we store; also stops 1e999999999 costing seconds of CPU
        raise InputError(name, line, reason("%(column)s: '%(value)s' is too large", column=column, value=value), column)
    if number != number.to_integral_value():
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a whole number", column=column, value=value), column)
    return int(number)
