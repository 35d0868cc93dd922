"""core.tabular, the one CSV/XLSX reader: encodings, delimiters, header matching, refusals with lines."""

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from yhdyspinta.core import tabular
from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.core.tabular import (
    InputError,
    parse_date,
    parse_decimal,
    parse_int,
    read_records,
    read_rows,
)

ROWS = [(2, {"code": "091", "name": "Helsinki"}), (3, {"code": "853", "name": "Turku"})]

READS = {
    "UTF-8 with BOM, semicolons": ("\ufeffcode;name\r\n091;Helsinki\r\n853;Turku\r\n".encode(), ROWS),
    "UTF-8 without BOM, commas": (b"code,name\n091,Helsinki\n853,Turku\n", ROWS),
    "tabs": (b"code\tname\n091\tHelsinki\n853\tTurku\n", ROWS),
    "Windows-1252": ("code;name\n091;Hämeenlinna\n".encode("cp1252"), [(2, {"code": "091", "name": "Hämeenlinna"})]),
    "old Mac line ends (CR)": (b"code;name\r091;Helsinki\r853;Turku\r", ROWS),
    "quoted newline: the next row keeps its own line": (
        b'code;name\n091;"Helsinki\nHelsingfors"\n853;Turku\n',
        [(2, {"code": "091", "name": "Helsinki\nHelsingfors"}), (4, {"code": "853", "name": "Turku"})]),
    "blank lines and spaces skipped": (b"\ncode ; name \n\n 091 ; Helsinki \n;\n853;Turku\n",
                                       [(4, {"code": "091", "name": "Helsinki"}), (6, {"code": "853", "name": "Turku"})]),
    "Excel's empty trailing columns": (b"code;name;;\n091;Helsinki;;\n853;Turku;;\n", [
        (2, {"code": "091", "name": "Helsinki", "": ""}), (3, {"code": "853", "name": "Turku", "": ""})]),
    "only the header": (b"code;name\n", []),
    "header matched without case or spaces": (b"CODE;Name\n091;Helsinki\n853;Turku\n", ROWS),
    "an alias": (b"kuntakoodi;nimi\n091;Helsinki\n853;Turku\n", ROWS),
    "text (a str is content)": ("code,name\n091,Helsinki\n853,Turku\n", ROWS),
    "XLSX": (rows_to_xlsx(["Code", "name"], [["091", "Helsinki"], ["853", "Turku"]]), ROWS),
}


@pytest.mark.parametrize("case", READS, ids=list(READS))
def test_reads(case):
    data, expected = READS[case]
    rows = list(read_rows(data, name="kunnat.csv", required=("code", "name"), allowed=("code", "name"),
                          aliases={"kuntakoodi": "code", "nimi": "name"}))
    assert rows == expected


REFUSALS = {
    "empty file": (b"", None, "the file is empty"),
    "only blank lines": (b"\n\r\n ; \n", None, "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "not a CSV file (binary content)"),
    "invalid UTF-8 after a BOM": (b"\xef\xbb\xbfcode;name\n\xff\xfe;x\n", None, "marked as UTF-8"),
    "NUL later in the file": (b"code;name\n" + b"091;Helsinki\n" * 400 + b"853;Tur\x00ku\n", 402, "NUL"),
    "a short row": (b"code;name\n091;Helsinki\n853\n", 3, "expected 2 fields, got 1"),
    "a long row": (b"code;name\n091;Helsinki;x\n", 2, "expected 2 fields, got 3"),
    "a short row after a quoted newline": (b'code;name\n091;"a\nb"\n853\n', 4, "expected 2 fields, got 1"),
    "missing column": (b"code;;\n091;;\n", 1, "missing column 'name'"),
    "unknown column": (b"code;name;colour\n091;x;red\n", 1, "unknown column 'colour' (expected code, name)"),
    "duplicate column": (b"code;name;Code\n1;2;3\n", 1, "duplicate column 'code'"),
    "one column: no delimiter": (b"Kunnat 2021\nHelsinki\n", 1, "not a CSV file (no ';', ',' or tab"),
    "broken quoting in a row": (b'code;name\n091;"Hel"sinki"\n' + b"x" * 140_000 + b"\n", 3, "not a valid CSV row"),
    "XLSX row longer than the header": (rows_to_xlsx(["code", "name"], [["091", "Helsinki", "x"]]), 2,
                                        "expected 2 fields, got 3"),
    "not a workbook": (b"PK\x03\x04broken", None, "not an XLSX file"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_refusals_name_file_line_and_reason(case):
    data, line, text = REFUSALS[case]
    name = "kunnat.xlsx" if data.startswith(b"PK") else "kunnat.csv"
    with pytest.raises(InputError) as caught:
        list(read_rows(data, name=name, required=("code", "name"), allowed=("code", "name")))
    assert (caught.value.file, caught.value.line) == (name, line)
    assert text in caught.value.reason


def test_a_refusal_names_its_column_where_one_is_at_fault():
    with pytest.raises(InputError) as caught:
        list(read_rows(b"code;name\n", name="k.csv", required=("code", "name", "population")))
    assert caught.value.column == "population" and str(caught.value) == "k.csv, line 1: missing column 'population'"
    with pytest.raises(InputError) as caught:
        list(read_rows(b"x;y\n", name="k.csv", required=("code", "name")))
    assert caught.value.column is None and caught.value.reason == "missing columns 'code', 'name'"
    with pytest.raises(InputError) as caught:
        parse_decimal("paljon", "k.csv", 4, "population")
    assert (caught.value.line, caught.value.column) == (4, "population")


def test_xlsx_dates_and_numbers_become_the_text_a_csv_would_have():
    data = rows_to_xlsx(["task_id", "due", "share", "count", "when"],
                        [["T1", date(2021, 12, 31), 12.5, 3.0, datetime(2020, 8, 1, 10, 0)]])
    [(line, row)] = read_rows(data, name="r.xlsx")
    assert line == 2 and row == {"task_id": "T1", "due": "2021-12-31", "share": "12.5", "count": "3",
                                 "when": "2020-08-01 10:00:00"}
    assert parse_date(row["due"], "r.xlsx", 2, "due") == date(2021, 12, 31)
    assert parse_decimal(row["share"], "r.xlsx", 2, "share") == Decimal("12.5")
    assert parse_int(row["count"], "r.xlsx", 2, "count") == 3


def test_a_short_xlsx_row_is_padded():
    data = rows_to_xlsx(["code", "name", "note"], [["091", "Helsinki"]])
    assert list(read_rows(data, name="k.xlsx")) == [(2, {"code": "091", "name": "Helsinki", "note": ""})]


@pytest.mark.parametrize("text, expected", [
    ("31.12.2021", date(2021, 12, 31)), ("1.2.2021", date(2021, 2, 1)), ("2021-12-31", date(2021, 12, 31)),
    (" 2021-1-5 ", date(2021, 1, 5)), ("30.2.2022", None), ("2021-13-01", None), ("31/12/2021", None),
    ("٣١.١٢.٢٠٢١", None), ("", None),
])
def test_finnish_and_iso_dates(text, expected):
    if expected is None:
        with pytest.raises(InputError) as caught:
            parse_date(text, "f.csv", 3, "due")
        assert caught.value.reason.startswith("due: not a date: ") and caught.value.line == 3
    else:
        assert parse_date(text, "f.csv", 3, "due") == expected


@pytest.mark.parametrize("text, expected", [
    ("12,5", Decimal("12.5")), ("1 234,5", Decimal("1234.5")), ("1\xa0234", Decimal(1234)), ("-0,25", Decimal("-0.25")),
    ("1,2,3", None), ("NaN", None), ("x", None),
])
def test_decimal_commas(text, expected):
    if expected is None:
        with pytest.raises(InputError):
            parse_decimal(text, "f.csv", 2, "value")
    else:
        assert parse_decimal(text, "f.csv", 2, "value") == expected


def test_path_source_and_an_unreadable_path(tmp_path):
    path = tmp_path / "kunnat.csv"
    path.write_bytes(b"code;name\n091;Helsinki\n")
    assert list(read_rows(path)) == [(2, {"code": "091", "name": "Helsinki"})]
    with pytest.raises(InputError) as caught:
        list(read_rows(tmp_path / "nope.csv"))
    assert caught.value.file == "nope.csv" and caught.value.line is None and "cannot read file" in caught.value.reason


def test_the_import_row_limit_applies_to_csv_and_xlsx(monkeypatch):
    monkeypatch.setattr("yhdyspinta.core.xlsxsafe.max_rows", lambda: 2)
    ok = b"code;name\n1;a\n2;b\n"
    assert len(list(read_rows(ok, name="k.csv"))) == 2
    for data, name in ((ok + b"3;c\n", "k.csv"), (rows_to_xlsx(["code", "name"], [[1, "a"], [2, "b"], [3, "c"]]), "k.xlsx")):
        with pytest.raises(InputError, match="more than 2 rows"):
            list(read_rows(data, name=name))


def test_records_by_position_for_large_files():
    header, rows = read_records(b"Indicator_ID;value\n127;1,5\n\n128;2\n", name="v.csv", required=("indicator_id",))
    assert header == ["indicator_id", "value"] and list(rows) == [(2, ["127", "1,5"]), (4, ["128", "2"])]


def test_the_reader_needs_no_django():
    code = ("import sys; import yhdyspinta.core.tabular as t; "
            "assert 'django' not in sys.modules, 'django imported'; "
            "rows = list(t.read_rows(b'a;b\\n1;2\\n')); assert rows == [(2, {'a': '1', 'b': '2'})], rows")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                            cwd=Path(__file__).resolve().parents[3])
    assert result.returncode == 0, result.stderr


def test_delimiter_is_decided_once_from_the_header():
    assert tabular.sniff_delimiter("a;b;c\n1,5;2,5;3\n") == ";"
    assert tabular.sniff_delimiter("\n\na\tb\n") == "\t"
    assert tabular.sniff_delimiter("only\n") == ","
