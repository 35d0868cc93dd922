"""Exports: the one CSV/XLSX download and the one PDF download of every app.

No cell is ever run as a formula (CSV/formula injection). `rows_to_csv`/`rows_to_xlsx` are plain
Python (the CLIs use them); `export_response` and `pdf_response` are what views return.
"""

import csv
import io
import math
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Prefixes a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_cell(value, decimal_mark=","):
    """A cell as Finnish Excel reads it: decimal comma in numbers, formulas escaped, None empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", decimal_mark)  # never 1E+1 or 0E-21
    if isinstance(value, float) and not isinstance(value, bool):
        return str(value).replace(".", decimal_mark)
    return safe_cell(value)


def rows_to_csv(header, rows, *, delimiter=";", metadata=()) -> str:
    """CSV as Finnish Excel reads it: semicolons, decimal comma, UTF-8 with BOM, CRLF, escaped
    formulas. `metadata` lines (one cell each) come first, then an empty line, then the header.
    `delimiter=","` is the international dialect: decimal point."""
    decimal_mark = "." if delimiter == "," else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if metadata:
        for line in metadata:
            writer.writerow([safe_cell(str(line))])
        writer.writerow([])
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v, decimal_mark) for v in row])
    return "\ufeff" + buffer.getvalue()


def rows_to_xlsx(header, rows, *, sheet="Data", metadata=(), metadata_sheet=False) -> bytes:
    """XLSX with numbers as numbers; `metadata` lines above the header, or with `metadata_sheet`
    on a second sheet "Metadata" (the data sheet then starts with its header)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    if metadata_sheet and metadata:
        info = book.add_worksheet("Metadata")
        for r, line in enumerate(metadata):
            info.write_string(r, 0, str(safe_cell(str(line))))
        metadata = ()
    top = len(metadata) + 1 if metadata else 0  # metadata lines, an empty row, then the header
    for r, line in enumerate(metadata):
        ws.write_string(r, 0, str(safe_cell(str(line))))
    for c, h in enumerate(header):
        ws.write_string(top, c, str(safe_cell(str(h))), bold)
    for r, row in enumerate(rows, start=top + 1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, (int, float, Decimal)) and math.isfinite(v):
                ws.write_number(r, c, float(v) if isinstance(v, Decimal) else v)
            else:
                ws.write_string(r, c, str(safe_cell(str(v))))
    book.close()
    return buffer.getvalue()


def export_metadata(request, title, *, illustrative=False) -> list[str]:
    """The lines saying what a download is: its title, the address it came from (with the
    filters in its query) and when it was generated; with `illustrative` (the file holds invented
    values) the notice "Illustrative, not official figures." as well."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    lines = [str(title), _("Source: Yhdyspinta, %(address)s") % {"address": request.build_absolute_uri()},
             _("Generated at: %(time)s") % {"time": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")}]
    if illustrative:
        lines.append(_("Illustrative, not official figures."))
    return lines


def wants_metadata(request) -> bool:
    """False when the download is asked without its metadata lines (`?metadata=0`, for programs
    that read the header from the first line); every other download carries them."""
    return request is None or request.GET.get("metadata") not in ("0", "false", "no")


# ---- the one export response and the one PDF response ---------------------------------------
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
TABLE_FORMATS = ("csv", "xlsx")


def _log(request, fmt, model, objects, detail):
    from yhdyspinta.core.audit import log_access
    from yhdyspinta.core.models import AccessLog

    internal = [o for o in objects if getattr(o, "is_internal", False)]
    log_access(request, AccessLog.Action.EXPORT, model=model, objects=internal,
               detail=(detail or f"{fmt} {request.get_full_path()}")[:500])


def _attachment(response, filename, *, inline=False):
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def export_response(request, fmt, header, rows, *, name, model=None, objects=(), detail="",
                    metadata=(), sheet="Data", log=True, dialect=None, metadata_sheet=False):
    """A table as a CSV or XLSX download, logged as an EXPORT in the access log.

    CSV follows the Finnish Excel convention (`;`, decimal comma, UTF-8 with BOM, CRLF); XLSX
    keeps numbers as numbers. Every text cell is formula-escaped. `metadata` lines (source,
    period, filters…) come above the header, followed by an empty line. `objects` are the
    records the file holds (the internal ones are named in the log entry); `log=False` only
    for a view whose detail page already logged this download (ObjectDetailView EXPORT).
    Any `fmt` other than csv/xlsx is a 404. `dialect="international"`: CSV with `,` and `.`;
    without `dialect` the request's `?dialect=international` chooses it, so every download has the
    international option. `metadata_sheet`: XLSX only, the metadata on a sheet of its own.
    `?metadata=0` on the request leaves the metadata out (the first line is then the header).
    """
    from django.http import Http404, HttpResponse

    if fmt not in TABLE_FORMATS:
        raise Http404
    if dialect is None:
        dialect = "international" if request is not None and request.GET.get("dialect") == "international" else ""
    if not wants_metadata(request):
        metadata = ()
    rows = list(rows)
    if log:
        _log(request, fmt, model, objects, detail)
    if fmt == "csv":
        response = HttpResponse(rows_to_csv(header, rows, metadata=metadata,
                                                delimiter="," if dialect == "international" else ";"), content_type=CSV_TYPE)
    else:
        response = HttpResponse(rows_to_xlsx(header, rows, sheet=sheet, metadata=metadata,
                                             metadata_sheet=metadata_sheet),
                                content_type=XLSX_TYPE)
    return _attachment(response, f"{name}.{fmt}")


def render_pdf(request, template, context, *, title, lang=None) -> bytes:
    """Tagged PDF (PDF/UA-1) from an HTML template, with the document's language and title set.

    The template gets `lang` and `pdf_title`; whatever its <html lang> and <title> say, the PDF
    catalogue's /Lang and the title are set here, so a screen reader announces both."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language
    from weasyprint import HTML

    lang = lang or get_language() or "fi"
    html = render_to_string(template, {**context, "lang": lang, "pdf_title": title}, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/") if request else None).render()
    document.metadata.title = str(title)
    document.metadata.lang = lang
    return document.write_pdf(pdf_variant="pdf/ua-1")


def pdf_response(request, template, context, *, name, title, model=None, objects=(), detail="",
                 inline=False, log=True):
    """The one PDF download: `render_pdf` and an EXPORT access log entry (`log=False` only when
    an ObjectDetailView with access_action EXPORT has logged it already)."""
    from django.http import HttpResponse

    pdf = render_pdf(request, template, context, title=title)
    if log:
        _log(request, "pdf", model, objects, detail)
    return _attachment(HttpResponse(pdf, content_type=PDF_TYPE), f"{name}.pdf", inline=inline)
