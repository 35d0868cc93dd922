"""Reading CSV files as Finnish users have them.

Excel in Finland writes semicolons, decimal commas and UTF-8 with a BOM or Windows-1252;
dates come as 31.12.2021. Every importer reads through here so the rules are the same.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .reasons import reason


@dataclass
class InputError(Exception):
    """A refused input: names the file, the line (1-based, header = 1) and the reason."""

    file: str
    line: int | None
    reason: str

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(name, None, reason("not a text file (CSV expected)"))
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


def sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_rows(source, *, name: str | None = None, required: tuple[str, ...] = (), allowed=None):
    """Yields (line number, row dict) from a Path, bytes or text; checks the header first.

    `allowed`: None accepts extra columns; a collection refuses any column not in it.
    """
    if isinstance(source, Path):
        path = source
        name = name or path.name
        data = path.read_bytes()
        text = decode(data, name)
    elif isinstance(source, bytes):
        name = name or "file"
        text = decode(source, name)
    else:
        name = name or "file"
        text = source.lstrip("\ufeff")
    if not text.strip():
        raise InputError(name, None, reason("the file is empty"))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(name, line, reason("contains a NUL character (not a text file)"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except csv.Error as exc:
        raise InputError(name, 1, reason("not a CSV file (%(detail)s)", detail=str(exc))) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(name, 1, reason("missing column(s): %(columns)s", columns=", ".join(missing)))
    if allowed is not None:
        unknown = [c for c in header if c and c not in allowed]
        if unknown:
            raise InputError(name, 1, reason("unknown column(s): %(columns)s", columns=", ".join(unknown)))
    if len(set(header)) != len(header):
        raise InputError(name, 1, reason("duplicate column names"))
    from .xlsxsafe import max_rows, too_many_rows

    limit = max_rows()
    try:
        for number, values in enumerate(reader, start=2):
            if number > limit + 1:
                raise too_many_rows(name, limit)
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise InputError(name, number, reason("expected %(expected)s fields, found %(found)s", expected=len(header), found=len(values)))
            yield number, {h: v.strip() for h, v in zip(header, values)}
    except csv.Error as exc:
        raise InputError(name, reader.line_num, reason("not a valid CSV row (%(detail)s)", detail=str(exc))) from None


def parse_date(value: str, name: str, line: int, column: str) -> date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise InputError(name, line, reason("%(column)s: '%(value)s' is not a date (use 2021-12-31 or 31.12.2021)", column=column, value=value))


def parse_decimal(value: str, name: str, line: int, column: str) -> Decimal:
    cleaned = value.strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        result = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a number", column=column, value=value)) from None
    if not result.is_finite():
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a finite number", column=column, value=value))
    return result


def parse_int(value: str, name: str, line: int, column: str) -> int:
    number = parse_decimal(value, name, line, column)
    if number.adjusted() > 18:  # beyond any count we store; also stops 1e999999999 costing seconds of CPU
        raise InputError(name, line, reason("%(column)s: '%(value)s' is too large", column=column, value=value))
    if number != number.to_integral_value():
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a whole number", column=column, value=value))
    return int(number)
