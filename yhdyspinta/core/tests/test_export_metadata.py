"""Every list download says what it is (issue 20): an XLSX list export carries a "Metadata" sheet
(title, source address with the filters, generated at) beside its data sheet, whose first row
stays the header; the CSV list export stays one table."""

import io

import openpyxl

from conftest import client_for


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
    csv_text = client_for(world.viewer).get("/readiness/reports/", {"export": "csv"}).content.decode("utf-8-sig")
    assert not csv_text.startswith("Lähde")
