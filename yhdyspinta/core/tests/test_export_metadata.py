"""Every list download says what it is (issue 20): an XLSX list export carries a "Metadata" sheet
(title, source address with the filters, generated at) beside its data sheet, whose first row
stays the header; a CSV list export has the same lines above its header, then an empty line,
and `?metadata=0` leaves them out for programs that read the header from the first line. A list
holding invented values says "illustrative, not official"."""

import csv
import io

import openpyxl

from conftest import api_client_for, client_for
from yhdyspinta.indicators.tests.factories import IndicatorFactory, IndicatorValueFactory


def test_list_xlsx_has_a_metadata_sheet_and_the_data_sheet_starts_with_its_header(world):
    answer = client_for(world.viewer).get("/readiness/reports/", {"export": "xlsx", "status": "done"})
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[1] == "Metadata" and book.active.title == book.sheetnames[0]
    lines = [row[0] for row in book["Metadata"].iter_rows(values_only=True)]
    assert lines[1].startswith("Lähde: Yhdyspinta, http://testserver/readiness/reports/?")
    assert "status=done" in lines[1] and lines[2].startswith("Muodostettu: ")
    header = next(book.active.iter_rows(values_only=True))
    assert all(isinstance(cell, str) and cell for cell in header)


def _lines(answer):
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))


def test_list_csv_has_metadata_lines_above_the_header_unless_asked_without(world):
    client = client_for(world.viewer)
    lines = _lines(client.get("/readiness/reports/", {"export": "csv", "status": "done"}))
    blank = lines.index([])
    meta, header = lines[:blank], lines[blank + 1]
    assert [len(line) for line in meta] == [1] * len(meta) and meta[0] == ["Tilannetiedot"]
    assert meta[1][0].startswith("Lähde: Yhdyspinta, http://testserver/readiness/reports/?")
    assert "status=done" in meta[1][0] and meta[2][0].startswith("Muodostettu: ")
    assert all(cell for cell in header) and len(header) > 1
    bare = _lines(client.get("/readiness/reports/", {"export": "csv", "status": "done", "metadata": "0"}))
    assert bare[0] == header and [] not in bare
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        "/readiness/reports/", {"export": "xlsx", "metadata": "0"}).content))
    assert book.sheetnames == [book.active.title]  # no Metadata sheet either


def test_a_list_with_invented_values_says_so_and_one_without_does_not(world):
    IndicatorFactory(illustrative=False)
    client = client_for(world.viewer)
    plain = _lines(client.get("/indicators/", {"export": "csv"}))
    assert "Havainnollistavia lukuja, ei virallisia." not in [line[0] for line in plain if line]
    IndicatorFactory(illustrative=True)
    meta = _lines(client.get("/indicators/", {"export": "csv"}))
    assert "Havainnollistavia lukuja, ei virallisia." in [line[0] for line in meta[:meta.index([])]]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/indicators/", {"export": "xlsx"}).content))
    assert "Havainnollistavia lukuja, ei virallisia." in [row[0] for row in book["Metadata"].iter_rows(values_only=True)]


def test_api_lists_take_metadata_0_too(world):
    api = api_client_for(world.viewer)
    empty = _lines(api.get("/api/v1/indicators/values/", {"format": "csv", "metadata": "0"}))
    assert len(empty) == 1 and "value" in empty[0]  # an empty list's file still has its header
    IndicatorValueFactory(region=world.a1)
    full = _lines(api.get("/api/v1/indicators/values/", {"format": "csv"}))
    blank = full.index([])
    assert "Rajapinnan versio: 1.0.0" in [line[0] for line in full[:blank]]
    bare = _lines(api.get("/api/v1/indicators/values/", {"format": "csv", "metadata": "0"}))
    assert "value" in full[blank + 1] and len(full) == blank + 3  # the header and one row
    assert bare == full[blank + 1:]
