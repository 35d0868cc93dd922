"""CSV and XLSX from the API: `?format=csv|xlsx` on lists and table actions, in long form.

The file is the one export response of every page (`core.exports.export_response`): Finnish CSV
(`;`, decimal comma, UTF-8 with BOM) unless `?dialect=international` (`,` and `.`), XLSX with
numbers as numbers, metadata lines above the header (source address, generated at, API version,
and a notice where the figures are illustrative), and the EXPORT access-log entry. Other formats
keep DRF's own answer (`?format=json`, `?format=api`).

`Accept: text/csv` (or the XLSX media type) asks for the same file without the query parameter,
on the endpoints that answer with a table (lists, and actions declared with `accepts_table=True`);
elsewhere such an Accept header stays a 406, as DRF answers any media type it cannot give.
"""

import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers as drf

from yhdyspinta.core.exports import TABLE_FORMATS, export_metadata, export_response

FORMAT_PARAMETERS = [
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"],
                     description="csv or xlsx: the same rows as a file (long form, metadata lines first)"),
    OpenApiParameter("dialect", OpenApiTypes.STR, enum=["finnish", "international"],
                     description="CSV only: finnish (default; ';' and decimal comma) or international (',' and '.')"),
    OpenApiParameter("metadata", OpenApiTypes.STR, enum=["1", "0"],
                     description="csv/xlsx: 0 leaves the metadata lines out, so the first line is the header"),
]


MEDIA_TYPES = {"text/csv": "csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


def accepted_format(request):
    """'csv' or 'xlsx' when the Accept header names one of their media types before any JSON type."""
    for part in request.META.get("HTTP_ACCEPT", "").split(","):
        media_type = part.split(";")[0].strip().lower()
        if media_type in MEDIA_TYPES:
            return MEDIA_TYPES[media_type]
        if media_type in ("application/json", "text/html", "*/*"):
            return None
    return None


def table_format(request):
    """'csv' or 'xlsx' when the request asks for a file (`?format=`, or the Accept header), else None."""
    fmt = request.query_params.get("format") if hasattr(request, "query_params") else request.GET.get("format")
    if fmt in TABLE_FORMATS:
        return fmt
    return None if fmt else accepted_format(request)


def metadata_lines(request, *, title="", extra=(), illustrative=False):
    lines = export_metadata(request, title)[0 if title else 1:]  # title, source, generated at
    lines += [
        _("API version: %(version)s") % {"version": settings.SPECTACULAR_SETTINGS.get("VERSION", "")},
        *[str(line) for line in extra],
    ]
    if illustrative:
        lines.append(_("Illustrative, not official figures."))
    return lines


def _cell(value, decimal_field=False):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if decimal_field and isinstance(value, str) and value:
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def _decimal_names(serializer) -> set:
    child = getattr(serializer, "child", serializer)
    fields = getattr(child, "fields", {})
    return {name for name, field in fields.items() if isinstance(field, (drf.DecimalField, drf.FloatField))}


def table_response(request, fmt, rows, *, name, header=None, model=None, objects=(), metadata=(),
                   decimal_names=()):
    """Dict rows (as the JSON answer gives them) as a file; the header is the keys of the first row."""
    rows = list(rows)
    header = list(header or (rows[0].keys() if rows else []))
    decimal_names = set(decimal_names)
    body = [[_cell(row.get(h), h in decimal_names) for h in header] for row in rows]
    delimiter = "," if request.query_params.get("dialect") == "international" else ";"
    return export_response(request, fmt, header, body, name=name, model=model, objects=objects,
                           metadata=metadata, dialect="international" if delimiter == "," else "finnish")


class TableFormatMixin:
    """On a viewset: `?format=csv|xlsx` passes content negotiation (the answer is a file, not a
    rendered body) and `list` answers with the whole filtered list as a file."""

    export_title = ""
    export_illustrative = False
    accepts_table = False  # an @action answering with a table sets accepts_table=True (Accept: text/csv)

    def perform_content_negotiation(self, request, force=False):
        fmt = table_format(request)
        by_query = request.query_params.get("format") in TABLE_FORMATS
        if fmt and (by_query or getattr(self, "action", None) == "list" or self.accepts_table):
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)

    def list(self, request, *args, **kwargs):
        fmt = table_format(request)
        if not fmt:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        cap = getattr(settings, "IMPORT_MAX_ROWS", 100_000)
        records = list(queryset[:cap])
        serializer = self.get_serializer(records, many=True)
        model = queryset.model
        from yhdyspinta.core.audit import log_internal_parts

        rows = serializer.data
        log_internal_parts(request, records, rows, detail=request.get_full_path())
        # an empty list still has its header: the serializer's readable fields
        header = None if rows else [n for n, f in serializer.child.fields.items() if not f.write_only]
        return table_response(request, fmt, rows, name=model._meta.model_name, header=header, model=model,
                              objects=records,
                              metadata=metadata_lines(request, title=self.export_title or model._meta.verbose_name_plural,
                                                      illustrative=self.export_illustrative),
                              decimal_names=_decimal_names(serializer))
