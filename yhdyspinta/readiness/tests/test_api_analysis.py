"""API for analysis: the figures' query checked (400 for unknown values), several regions, and the
figures as CSV (Finnish and international) and XLSX through the one export response."""

import io

import openpyxl

from conftest import api_client_for
from yhdyspinta.readiness import actions

from .factories import reporting_setup


def _setup(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    return period


def test_unknown_level_and_bad_region_are_400(world):
    period = _setup(world)
    api = api_client_for(world.viewer)
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    answer = api.get(url, {"level": "bogus"})
    assert answer.status_code == 400 and "bogus" in str(answer.json()["level"])
    assert "region, area, subarea" in str(answer.json()["level"])
    assert api.get(url, {"region": "abc"}).status_code == 400


def test_several_regions_and_levels(world):
    period = _setup(world)
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    body = api_client_for(world.viewer).get(url, {"region": f"{world.a1.pk},{world.b1.pk}",
                                                  "level": "region,area"}).json()
    assert {r["region"] for r in body["results"]} == {world.a1.pk, world.b1.pk}
    assert {r["level"] for r in body["results"]} == {"region", "area"}


def test_figures_as_finnish_and_international_csv(world):
    period = _setup(world)
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    answer = api_client_for(world.viewer).get(url, {"format": "csv", "level": "region"})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert "Yhdyspinta" in text and period.code in text
    header_at = next(i for i, line in enumerate(lines) if line.startswith("region;region_label"))
    rows = [line.split(";") for line in lines[header_at + 1:] if line]
    header = lines[header_at].split(";")
    by_region = {int(r[0]): dict(zip(header, r, strict=True)) for r in rows}
    assert by_region[world.a1.pk]["done_pct"] == "33"
    assert by_region[world.b1.pk]["reported"] == "False" and by_region[world.b1.pk]["done_pct"] == ""
    international = api_client_for(world.viewer).get(url, {"format": "csv", "dialect": "international"})
    assert "region,region_label" in international.content.decode("utf-8")


def test_figures_as_xlsx_numbers_are_numbers(world):
    period = _setup(world)
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    answer = api_client_for(world.viewer).get(url, {"format": "xlsx", "level": "region"})
    assert answer.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    values = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(values) if row[0] == "region")
    header = values[header_at]
    rows = [dict(zip(header, row, strict=True)) for row in values[header_at + 1:]]
    reported = next(r for r in rows if r["region"] == world.a1.pk)
    silent = next(r for r in rows if r["region"] == world.b1.pk)
    assert isinstance(reported["done_pct"], (int, float)) and silent["done_pct"] is None
    assert silent["reported"] is False


def test_list_as_csv(world):
    period = _setup(world)
    answer = api_client_for(world.viewer).get("/api/v1/readiness/reports/", {"period": period.pk, "format": "csv"})
    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('.csv"')
    assert "status" in answer.content.decode("utf-8")
    assert api_client_for(world.viewer).get("/api/v1/readiness/reports/", {"format": "pdf"}).status_code == 404


def test_national_totals_sum_counts_of_reporting_regions(world):
    from yhdyspinta.readiness.compute import national_totals
    from yhdyspinta.readiness.loaders import figures_for

    period = _setup(world)
    data = figures_for(period)
    total = next(f for f in national_totals(data.figures) if f.area == "" and f.subarea == "")
    reporting = [f for f in data.figures if f.level == "region" and f.reported]
    assert total.region == "" and total.reported
    assert total.applicable == sum(f.applicable for f in reporting)
    assert total.done == sum(f.done for f in reporting)


def test_national_export_has_status_column_empty_cells_and_the_national_row(world):
    from conftest import client_for

    period = _setup(world)
    answer = client_for(world.viewer).get(f"/readiness/periods/{period.pk}/", {"export": "xlsx"})
    assert answer.status_code == 200
    values = list(openpyxl.load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(values) if row[0] == "Alue")
    header, rows = values[header_at], values[header_at + 1:]
    assert header[1] == "Tila"
    silent = next(r for r in rows if r[0] == "Betala")
    assert silent[1] == "ei raportoitu" and all(cell is None for cell in silent[2:])
    assert not any(isinstance(cell, str) for row in rows for cell in row[2:])  # numbers never as text
    assert rows[-1][0].startswith("Koko maa")
    assert rows[-1][-1] == next(r for r in rows if r[0] == "Alfala")[-1]  # only Alfala reported
