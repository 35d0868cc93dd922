"""National views (issue 20): the national row on the tables, the sub-area table's export, the
national trend (page, export, API), the figures' national row in the API, `Accept: text/csv`
and a national reader's self-service token reading an internal roadmap's figures."""

import csv
import io
from datetime import date

import openpyxl

from conftest import api_client_for, client_for
from yhdyspinta.accounts import api_tokens
from yhdyspinta.readiness import actions
from yhdyspinta.readiness.models import SubArea

from .factories import PeriodFactory, reporting_setup


def _setup(world, visibility="public"):
    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.a2, world.b1], tasks=4,
                                             visibility=visibility)
    area = tasks[0].area
    sub_a = SubArea.objects.create(area=area, code="a", letter="A", name="Eka", name_fi="Eka")
    sub_b = SubArea.objects.create(area=area, code="b", letter="B", name="Toka", name_fi="Toka")
    for task, sub in zip(tasks, (sub_a, sub_a, sub_b, sub_b), strict=True):
        task.subarea = sub
        task.save()
    # a1: 2 of 4 done; a2: 1 of 4 in progress; b1 reports nothing
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    actions.set_status(period, world.a1.pk, tasks[2], "done", actor=world.editor)
    actions.set_status(period, world.a2.pk, tasks[1], "in_progress", actor=world.coordinator)
    return roadmap, tasks, period, area


def _csv_rows(content, first):
    lines = content.decode("utf-8-sig").split("\r\n")
    header_at = next(i for i, line in enumerate(lines) if line.startswith(first))
    return lines[:header_at], list(csv.reader(lines[header_at:], delimiter=";"))


def test_national_page_has_the_national_row_of_summed_counts(world):
    _roadmap, _tasks, period, _area = _setup(world)
    page = client_for(world.viewer).get(f"/readiness/periods/{period.pk}/").content.decode()
    assert page.count('<tfoot><tr class="national-row"><th scope="row">Koko maa (raportoineet alueet)') == 2
    # progress: a1 2 of 4 started, a2 1 of 4, b1 not counted → 3 of 8 = 38 %
    footer = page.split('<tfoot><tr class="national-row">')[2]
    assert '<td class="num band-25-49">38 %' in footer.split("</tfoot>")[0]
    map_page = client_for(world.viewer).get(f"/readiness/periods/{period.pk}/map/").content.decode()
    national = map_page.split('<tfoot><tr class="national-row">')[1].split("</tfoot>")[0]
    assert "Koko maa (raportoineet alueet)" in national and "38 %" in national


def test_subarea_table_export_with_national_row_and_metadata(world):
    _roadmap, _tasks, period, area = _setup(world)
    client = client_for(world.viewer)
    url = f"/readiness/periods/{period.pk}/areas/{area.code}/"
    page = client.get(url).content.decode()
    assert 'href="?export=csv"' in page and "Koko maa (raportoineet alueet)" in page
    meta, rows = _csv_rows(client.get(url, {"export": "csv"}).content, "Alue;Tila")
    assert any(line.startswith("Lähde: Yhdyspinta") for line in meta)
    assert any(period.code in line for line in meta)
    header, body = rows[0], {r[0]: r for r in rows[1:] if r}
    assert header[2].startswith("Yhteensä") and header[3].startswith("A Eka")
    assert body[world.a1.name][1:] == ["raportoitu", "50", "50", "50"]
    assert body[world.b1.name][1:] == ["ei raportoitu", "", "", ""]  # empty cells, never text in numbers
    assert body["Koko maa (raportoineet alueet)"][2:] == ["38", "50", "25"]
    international = client.get(url, {"export": "csv", "dialect": "international"}).content.decode("utf-8-sig")
    assert "Alue,Tila," in international  # every download has the international option (core.exports)
    xlsx = client.get(url, {"export": "xlsx"})
    values = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    national = next(v for v in values if v[0] == "Koko maa (raportoineet alueet)")
    assert national[2:] == (38, 50, 25)
    assert client.get(url, {"export": "pdf"}).status_code == 200  # only csv/xlsx export; else the page


def test_national_trend_page_export_and_api(world):
    roadmap, tasks, october, _area = _setup(world)
    november = PeriodFactory(roadmap=roadmap, code="2021-11", end_date=date(2021, 11, 30))
    actions.close_period(october, actor=world.coordinator)
    for task in tasks:
        actions.set_status(november, world.a1.pk, task, "done", actor=world.editor)
    client = client_for(world.viewer)
    page = client.get(f"/readiness/{roadmap.pk}/trend/").content.decode()
    assert "<h1>Kehitys kausittain: Koko maa (raportoineet alueet)</h1>" in page
    assert '<option value="national" selected>' in page
    # Total progress: 3/8 = 38 % in 10/2021, a1 4 of 4 only in 11/2021 = 100 %
    assert '<td class="num">38 %</td><td class="num">100 %</td>' in page
    region_page = client.get(f"/readiness/{roadmap.pk}/trend/", {"region": world.a2.pk}).content.decode()
    assert f"Kehitys kausittain: {world.a2.name}" in region_page
    meta, rows = _csv_rows(client.get(f"/readiness/{roadmap.pk}/trend/", {"export": "csv"}).content, "period;")
    assert any(line.startswith("Lähde: Yhdyspinta") for line in meta)
    header = rows[0]
    totals = [dict(zip(header, r, strict=True)) for r in rows[1:] if r and r[header.index("level")] == "region"]
    assert [(r["period"], r["progress_pct"], r["reporting_regions"]) for r in totals] == [
        ("2021-10", "38", "2"), ("2021-11", "100", "1")]
    api = api_client_for(world.viewer)
    body = api.get(f"/api/v1/readiness/roadmaps/{roadmap.pk}/trend/", {"level": "region"}).json()
    assert [(r["period"], r["region"], r["progress_pct"]) for r in body["results"]] == [
        ("2021-10", None, 38), ("2021-11", None, 100)]
    both = api.get(f"/api/v1/readiness/roadmaps/{roadmap.pk}/trend/",
                   {"region": f"national,{world.b1.pk}", "level": "region"}).json()["results"]
    silent = [r for r in both if r["region"] == world.b1.pk]
    assert len(both) == 4 and all(not r["reported"] and r["progress_pct"] is None for r in silent)
    assert api.get(f"/api/v1/readiness/roadmaps/{roadmap.pk}/trend/", {"level": "subarea"}).status_code == 400
    assert api.get(f"/api/v1/readiness/roadmaps/{roadmap.pk}/trend/", {"region": "x"}).status_code == 400


def test_figures_national_row_and_accept_text_csv(world):
    _roadmap, _tasks, period, _area = _setup(world)
    api = api_client_for(world.viewer)
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    rows = api.get(url, {"region": "national", "level": "region"}).json()["results"]
    assert [(r["region"], r["region_label"], r["progress_pct"]) for r in rows] == [
        (None, "Koko maa (raportoineet alueet)", 38)]
    answer = api.get(url, {"level": "region"}, HTTP_ACCEPT="text/csv")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    assert "region;region_label" in answer.content.decode("utf-8")
    xlsx = api.get("/api/v1/readiness/reports/", HTTP_ACCEPT=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # a record is not a table: Accept text/csv stays 406 there; JSON is still the default
    assert api.get(f"/api/v1/readiness/periods/{period.pk}/", HTTP_ACCEPT="text/csv").status_code == 406
    assert api.get(url, HTTP_ACCEPT="application/json, text/csv").json()["period"] == period.code


def test_a_national_readers_own_token_reads_an_internal_roadmaps_figures(world, client):
    _roadmap, _tasks, period, _area = _setup(world, visibility="internal")
    url = f"/api/v1/readiness/periods/{period.pk}/figures/"
    assert client.get(url).status_code in (401, 403, 404)  # anonymous: an internal roadmap is not shown
    signed_in = client_for(world.national)
    assert signed_in.post("/account/tokens/new/", {"description": "analysis", "expires": ""}).status_code == 200
    _token, key = api_tokens.issue(world.national, description="analysis")
    answer = client.get(url, {"format": "csv", "region": "national"}, HTTP_AUTHORIZATION=f"Token {key}")
    assert answer.status_code == 200 and "Koko maa" in answer.content.decode("utf-8")
    refused = client.post(f"/api/v1/readiness/periods/{period.pk}/close/", HTTP_AUTHORIZATION=f"Token {key}")
    assert refused.status_code == 403  # read-only token, and a national reader writes nothing
