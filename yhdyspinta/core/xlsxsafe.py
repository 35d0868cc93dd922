"""Opening uploaded XLSX files without letting a hostile file exhaust memory or time.

An .xlsx is a zip of XML files. A zip bomb (a few kilobytes that inflate to gigabytes) and an
XML bomb ("billion laughs": nested entities) both attack the reader, not the importer. So the
zip directory is checked *before* anything is unpacked: the number of entries, the declared
uncompressed sizes and the compression ratio. Python's zipfile never inflates an entry beyond
its declared size (it stops and fails the CRC check), so a lying directory cannot get past the
limits either. The XML is then parsed by openpyxl, which uses defusedxml (installed) and
refuses entity declarations. Every refusal is a `tabular.InputError` naming the file.
"""

import io
import zipfile
from pathlib import Path

from .reasons import reason
from .tabular import InputError

MAX_ROWS = 200_000  # rows of one sheet; the setting IMPORT_MAX_ROWS overrides it under Django
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # 200 MB of XML: far above any real import file
MAX_ENTRIES = 2000  # a workbook has a few dozen parts
MAX_RATIO = 200  # XML compresses 5–20×; zip bombs 1000× and more
RATIO_FLOOR = 1024 * 1024  # small entries may compress well (empty sheets); ratio checked above 1 MB


def _name_and_source(source, name):
    if isinstance(source, (bytes, bytearray, memoryview)):
        return name or "file.xlsx", io.BytesIO(bytes(source))
    if isinstance(source, (str, Path)):
        path = Path(source)
        return name or path.name, path
    return name or getattr(source, "name", None) or "file.xlsx", source  # file-like


def check_archive(source, *, name=None, max_uncompressed=MAX_UNCOMPRESSED, max_entries=MAX_ENTRIES,
                  max_ratio=MAX_RATIO):
    """Checks the zip directory of an XLSX without unpacking; raises InputError if it is unsafe."""
    name, handle = _name_and_source(source, name)
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # NotImplementedError: a directory entry claims a zip version Python cannot read
        raise InputError(name, None, reason("not an XLSX file (not a valid zip archive)")) from None
    if len(infos) > max_entries:
        raise InputError(name, None, reason("too many parts in the workbook (%(count)s > %(limit)s)", count=len(infos), limit=max_entries))
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_uncompressed:
            raise InputError(
                name, None, reason("the workbook unpacks to more than %(megabytes)s MB", megabytes=max_uncompressed // (1024 * 1024))
            )
        if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise InputError(name, None, reason("suspicious compression ratio in %(part)s (zip bomb?)", part=info.filename))
    return name


def open_workbook_safely(source, *, name=None, max_uncompressed=MAX_UNCOMPRESSED,
                         max_entries=MAX_ENTRIES, max_ratio=MAX_RATIO):
    """Loads an XLSX (path, bytes or binary file) read-only after the zip checks.

    Returns an openpyxl read-only workbook; iterate its sheets with `iter_sheet_rows` so that
    errors met while streaming a sheet (e.g. an entity declaration) also become InputError.
    """
    import openpyxl

    name = check_archive(source, name=name, max_uncompressed=max_uncompressed,
                         max_entries=max_entries, max_ratio=max_ratio)
    _name, handle = _name_and_source(source, name)
    if hasattr(handle, "seek"):
        handle.seek(0)
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken parts
        raise InputError(name, None, reason("not a readable XLSX workbook (%(detail)s)", detail=_reason(exc))) from None
    workbook.source_name = name  # so that errors met later while streaming name the same file
    return workbook


def max_rows(setting: str = "IMPORT_MAX_ROWS", default: int = MAX_ROWS) -> int:
    """The row limit of an import: the Django setting `setting` when Django is configured, else
    `default` (the CLI, the fuzzers). Importers with a larger file of their own name their setting
    (the readiness period import: READINESS_IMPORT_MAX_ROWS, docs/readiness.md)."""
    try:
        from django.conf import settings

        return getattr(settings, setting, default) if settings.configured else default
    except ImportError:
        return default


def too_many_rows(name, limit, line=None):
    """The refusal of a file past `limit` data rows; `line`: the first line past it, when known."""
    return InputError(name, line, reason("more than %(limit)s rows; split the file", limit=limit))


def iter_sheet_rows(workbook, *, name=None, sheet=None, limit=None):
    """Yields (row number, tuple of values) of one sheet (the first by default), refusing bad XML.

    Streams (the workbook is read-only): the header comes before the rest is read, so a caller
    that checks it refuses a wrong file at once. More than `limit` rows (default `max_rows()`)
    is refused: at once when the sheet declares its size, otherwise when the row is reached.
    """
    name = name or getattr(workbook, "source_name", None) or "file.xlsx"
    limit = limit or max_rows()
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    except (KeyError, IndexError):
        raise InputError(name, None, reason("no sheet %(sheet)s in the workbook", sheet=repr(sheet)) if sheet else reason("no sheets")) from None
    try:
        declared = worksheet.max_row  # from the sheet's <dimension>; None when it does not say
    except Exception:  # noqa: BLE001 - a broken dimension is found again while streaming
        declared = None
    if isinstance(declared, int) and declared > limit + 1:
        raise too_many_rows(name, limit)
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > limit + 1:  # the header and `limit` rows
                raise too_many_rows(name, limit, number)
            yield number, values
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse failure while streaming means "refused"
        raise InputError(name, None, reason("not a readable XLSX sheet (%(detail)s)", detail=_reason(exc))) from None


def _reason(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"):
        return reason("XML entity declarations are not allowed")
    return kind
