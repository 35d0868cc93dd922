"""XLSX bombs are refused before unpacking; exports never hand a spreadsheet a formula.

The bombs are built in memory: a zip bomb (one 300 MB entry of zeros, about 300 kB packed),
a zip with thousands of entries, a lying directory (declared small, inflates large) and a
billion-laughs XML bomb inside an otherwise valid workbook.
"""

import csv
import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.core.exports import FORMULA_PREFIXES, rows_to_csv, rows_to_xlsx, safe_cell
from yhdyspinta.core.tabular import InputError
from yhdyspinta.core.xlsxsafe import iter_sheet_rows, open_workbook_safely

MB = 1024 * 1024


def valid_xlsx(rows=(("code", "value"), ("837", 1))) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb(size=300 * MB) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * MB
            for _ in range(size // MB):
                entry.write(chunk)
    return buffer.getvalue()


def replace_part(xlsx: bytes, part: str, content: bytes) -> bytes:
    source, target = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == part else source.read(info))
    return target.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def refuse(data, **limits):
    """Opens and reads the whole first sheet; returns the InputError and peak memory.

    Times are bench figures (bench/trust/bench_limits.py), not assertions that flake under load."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            book = open_workbook_safely(data, name="upload.xlsx", **limits)
            list(iter_sheet_rows(book, name="upload.xlsx"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.file == "upload.xlsx"
    return caught.value, peak


def test_valid_workbook_reads():
    book = open_workbook_safely(valid_xlsx(), name="ok.xlsx")
    assert list(iter_sheet_rows(book)) == [(1, ("code", "value")), (2, ("837", 1))]


def test_valid_workbook_from_path(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(valid_xlsx())
    assert [row for _n, row in iter_sheet_rows(open_workbook_safely(path))][1] == ("837", 1)


def test_zip_bomb_refused_before_unpacking():
    bomb = zip_bomb()
    assert len(bomb) < 2 * MB
    error, peak = refuse(bomb)
    assert "MB" in error.reason or "ratio" in error.reason
    assert peak < 10 * MB


def test_high_ratio_entry_refused_even_under_the_size_limit():
    error, _peak = refuse(zip_bomb(20 * MB))
    assert "ratio" in error.reason


def test_too_many_entries_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(3000):
            archive.writestr(f"xl/part{n}.xml", "")
    error, _peak = refuse(buffer.getvalue())
    assert "too many parts" in error.reason


def test_lying_directory_cannot_inflate_beyond_declared_size():
    """A bomb whose directory claims tiny sizes: zipfile stops at the declared size (bad CRC)."""
    xlsx = replace_part(valid_xlsx(), "xl/worksheets/sheet1.xml", b"<a>" + b" " * (50 * MB) + b"</a>")
    patched = bytearray(xlsx)
    archive = zipfile.ZipFile(io.BytesIO(xlsx))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (4096).to_bytes(4, "little")
    assert patched.count(real) >= 2  # local header and central directory
    patched = bytearray(bytes(patched).replace(real, fake))
    _error, peak = refuse(bytes(patched))
    assert peak < 20 * MB


def test_billion_laughs_in_a_sheet_refused():
    bomb = replace_part(valid_xlsx(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    error, peak = refuse(bomb)
    assert "entity" in error.reason.lower() or "readable" in error.reason
    assert peak < 20 * MB


def test_billion_laughs_in_shared_strings_and_workbook_refused():
    laughs = BILLION_LAUGHS.replace(b"<worksheet", b"<workbook").replace(b"</worksheet>", b"</workbook>")
    _error, _peak = refuse(replace_part(valid_xlsx(), "xl/workbook.xml", laughs))


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04broken", b"not a zip at all", valid_xlsx()[:500]])
def test_broken_files_refused(data):
    error, _peak = refuse(data)
    assert error.reason


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=20000))
def test_corrupted_workbooks_refused_only_with_input_error(noise, offset):
    data = bytearray(valid_xlsx())
    position = offset % len(data)
    data[position:position + len(noise)] = noise
    try:
        list(iter_sheet_rows(open_workbook_safely(bytes(data), name="fuzz.xlsx")))
    except InputError as exc:
        assert exc.file == "fuzz.xlsx"


# ---- exports -----------------------------------------------------------------------------
cell = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", "=HYPERLINK(\"http://x\")"]),
    st.builds(lambda p, t: p + t, st.sampled_from(FORMULA_PREFIXES), st.text(max_size=10)),
    st.integers(), st.none(), st.booleans(),
)


def _dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=6))
def test_csv_export_escapes_every_formula(rows):
    header = [f"=col{n}" for n in range(len(rows[0]))]
    text = rows_to_csv(header, rows)
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(parsed) == len(rows) + 1
    for out_row, in_row in zip(parsed[1:], rows):
        for out, value in zip(out_row, in_row):
            if isinstance(value, str):  # numbers such as -1 stay numbers
                assert not _dangerous(out)
            if _dangerous(value):
                assert out == "'" + value
    assert all(not _dangerous(h) for h in parsed[0])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=5))
def test_xlsx_export_escapes_every_formula(rows):
    data = rows_to_xlsx(["a", "b", "c", "d"], rows)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            out = sheet.cell(row=r, column=c)
            assert out.data_type != "f"
            assert not _dangerous(out.value)
            if _dangerous(value):  # xlsxwriter writes control characters as _xHHHH_
                assert out.value.startswith("'")


def test_safe_cell_leaves_numbers_and_plain_text():
    assert safe_cell(-5) == -5
    assert safe_cell("Tampere") == "Tampere"
    assert safe_cell("=1") == "'=1"


def test_xlsx_header_is_escaped():
    book = openpyxl.load_workbook(io.BytesIO(rows_to_xlsx(["=HYPERLINK(\"http://x\")"], [])))
    assert not _dangerous(book.active.cell(row=1, column=1).value)
