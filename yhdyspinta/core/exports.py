"""Spreadsheet-safe exports: no cell is ever run as a formula (CSV/formula injection)."""

import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Prefixes a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def rows_to_csv(header, rows, *, delimiter=";") -> str:
    """CSV as Finnish Excel reads it: semicolons, UTF-8 with BOM, CRLF, escaped formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell("" if v is None else v) for v in row])
    return "\ufeff" + buffer.getvalue()


def rows_to_xlsx(header, rows, *, sheet="Data") -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    for c, h in enumerate(header):
        ws.write_string(0, c, str(safe_cell(str(h))), bold)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(safe_cell(str(v))))
    book.close()
    return buffer.getvalue()
