"""The one export response (CSV/XLSX) and the one PDF response every app returns (core.exports)."""

import io
import re
import zlib
from decimal import Decimal

import openpyxl
import pytest
from django.http import Http404
from django.test import RequestFactory

from yhdyspinta.core.exports import export_response, pdf_response, rows_to_csv
from yhdyspinta.core.models import AccessLog
from yhdyspinta.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _request(user=None, path="/x/?export=csv"):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


def test_csv_is_finnish_excel(world):
    response = export_response(_request(world.viewer), "csv", ["Nimi", "Osuus"],
                               [["=SUM(A1)", 1.5], ["Alfa", Decimal("2.25")], [None, 3]],
                               name="osuudet", model=Organisation, objects=[world.a1])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="osuudet.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: Excel opens it as UTF-8
    assert text[1:].split("\r\n") == ["Nimi;Osuus", "'=SUM(A1);1,5", "Alfa;2,25", ";3", ""]
    entry = AccessLog.objects.get(action="export", user=world.viewer)
    assert entry.object_ids == ""  # the organisation is public: no internal record named
    assert "csv /x/?export=csv" in entry.detail


def test_metadata_lines_come_before_the_header():
    text = rows_to_csv(["a", "b"], [[1, 2]], metadata=["Lähde: THL", "=danger"])
    assert text[1:].split("\r\n")[:4] == ["Lähde: THL", "'=danger", "", "a;b"]


def test_xlsx_keeps_numbers_and_metadata(world):
    response = export_response(_request(world.viewer, "/x/?export=xlsx"), "xlsx", ["Nimi", "Osuus"],
                               [["@cmd", Decimal("2.5")]], name="t", metadata=["Kausi 2024"], sheet="Osuudet")
    assert response["Content-Disposition"] == 'attachment; filename="t.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book["Osuudet"].iter_rows(values_only=True))
    assert rows[0][0] == "Kausi 2024" and rows[1][0] is None
    assert rows[2] == ("Nimi", "Osuus") and rows[3] == ("'@cmd", 2.5)
    assert AccessLog.objects.filter(action="export", user=world.viewer).count() == 1


def test_unknown_format_is_404_and_not_logged(world):
    with pytest.raises(Http404):
        export_response(_request(world.viewer), "exe", ["a"], [], name="t")
    assert not AccessLog.objects.exists()


def test_log_false_leaves_logging_to_the_caller(world):
    export_response(_request(world.viewer), "csv", ["a"], [[1]], name="t", log=False)
    assert not AccessLog.objects.exists()


def _pdf_objects(pdf: bytes) -> bytes:
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def test_pdf_is_tagged_with_language_and_title(world, settings, tmp_path):
    template = tmp_path / "t.html"
    template.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
                        "<body><main><h1>Otsikko</h1><p>{{ body }}</p></main></body></html>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path), *settings.TEMPLATES[0]["DIRS"]]}]
    from django.utils import translation

    with translation.override("sv"):
        response = pdf_response(_request(world.viewer, "/x/?export=pdf"), "t.html", {"body": "Teksti"},
                                name="raportti", title="Rapport 2024", model=Organisation, objects=[world.a1])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="raportti.pdf"'
    objects = _pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects  # tagged (PDF/UA-1)
    assert b"/Lang (sv)" in objects  # the template said no language; the response sets it
    assert b"Rapport 2024" in objects
    assert AccessLog.objects.filter(action="export", user=world.viewer, detail__startswith="pdf").exists()
