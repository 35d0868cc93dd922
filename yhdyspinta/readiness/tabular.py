"""Rows from an uploaded CSV or XLSX file, with line numbers for error messages.

CSV goes through `core.csvfiles` (';' or ',', UTF-8/BOM/Windows-1252); XLSX through
`core.xlsxsafe` (openpyxl in read-only mode after the zip checks). Both yield
(line, {column: text}) with stripped values.
"""

from __future__ import annotations

from datetime import date, datetime

from yhdyspinta.core.csvfiles import InputError, read_rows
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.xlsxsafe import iter_sheet_rows, open_workbook_safely

XLSX_MAGIC = b"PK\x03\x04"


def rows(data: bytes, name: str, *, required: tuple[str, ...], allowed: tuple[str, ...]):
    if name.lower().endswith(".xlsx") or data.startswith(XLSX_MAGIC):
        yield from _xlsx_rows(data, name, required, allowed)
    else:
        yield from read_rows(data, name=name, required=required, allowed=allowed)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data, name, required, allowed):
    # core.xlsxsafe: zip checks first, and errors met while streaming the sheet (a broken part,
    # a missing sheet or shared string) become InputError too, not only those of opening the file
    book = open_workbook_safely(data, name=name)
    it = (values for _number, values in iter_sheet_rows(book, name=name))
    try:
        header = [_text(h).lower() for h in next(it)]
    except StopIteration:
        raise InputError(name, None, reason("the file is empty")) from None
    while header and not header[-1]:
        header.pop()
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(name, 1, reason("missing column(s): %(columns)s", columns=", ".join(missing)))
    unknown = [c for c in header if c and c not in allowed]
    if unknown:
        raise InputError(name, 1, reason("unknown column(s): %(columns)s", columns=", ".join(unknown)))
    if len(set(header)) != len(header):
        raise InputError(name, 1, reason("duplicate column names"))
    for number, values in enumerate(it, start=2):
        cells = [_text(v) for v in values[: len(header)]]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, cells))
    book.close()
