"""Pages and API compute with compute's numbers; scenarios; exports."""

import io
import json
import re

import openpyxl
import pytest

from conftest import api_client_for, client_for
from yhdyspinta.funding import actions
from yhdyspinta.funding.compute import (
    compute_county_funding,
    compute_municipal_transfer,
    run_county_scenario,
)
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs

from .factories import InputSetFactory, ParameterSetFactory, law_data


def test_calculator_numbers_are_computes_numbers(demo, world):
    law, inputs = demo["law"], demo["counties"]
    response = client_for(None).get("/funding/", {"parameter_set": law.pk, "year": 2026, "inputs": inputs.pk})
    assert response.status_code == 200
    expected = compute_county_funding(law.parameters(), demo_county_inputs(law.parameters()), 2026)
    shown = {row["code"]: row for row in response.context["table"].rows}
    assert len(shown) == 22
    for county in expected.counties:
        assert shown[county.code]["after"] == county.funding_after_eur
        assert shown[county.code]["equalisation_pr"] == county.equalisation_per_resident
        assert shown[county.code]["c_sote_hyte"] == county.amount("sote_hyte") / county.population
    page = response.content.decode()
    pirkanmaa = expected.by_code("08")
    assert f"{round(pirkanmaa.funding_after_eur):,}".replace(",", "\xa0") in page
    assert "valtiovarainministeriö" in page and law.title in page and inputs.title in page
    assert '<svg class="map"' in page and '<svg class="chart"' in page


def test_calculator_sorts_and_exports_csv(demo, world):
    client = client_for(world.viewer)
    response = client.get("/funding/", {"sort": "population", "order": "asc"})
    populations = [row["population"] for row in response.context["table"].rows]
    assert populations == sorted(populations)
    csv_text = client.get("/funding/", {"export": "csv"}).content.decode("utf-8-sig")
    # 22 counties + the header + the not-official notice lines (set, data, funding year, source address,
    # generated at) and the blank line after them
    assert csv_text.count("\r\n") == 23 + 7 and "Pirkanmaan hyvinvointialue" in csv_text
    lines = csv_text.split("\r\n")
    assert lines[3].startswith("Rahoitusvuosi: ") and lines[4].startswith("Lähde: Yhdyspinta, http://testserver/funding/?")
    assert lines[5].startswith("Muodostettu: ") and lines[6] == ""


def test_municipal_page(demo, world):
    response = client_for(None).get("/funding/municipal/")
    assert response.status_code == 200
    params = demo["law"].parameters()
    expected = compute_municipal_transfer(params, demo["municipalities"].municipality_inputs())
    shown = {row["code"]: row for row in response.context["table"].rows}
    assert shown["837"]["result_pr"] == expected.by_code("837").result_per_resident
    assert all(abs(row["result_pr"]) <= 60 for row in shown.values())
    assert '<svg class="map"' in response.content.decode()


def test_unchanged_copy_differs_by_zero_through_the_web(demo, world):
    client = client_for(world.editor)
    response = client.post(f"/funding/sets/{demo['law'].pk}/copy/",
                           {"name": "kopio", "title": "Muuttamaton kopio", "title_sv": "Oförändrad kopia",
                            "title_en": "Unchanged copy", "owner": world.a1.pk, "visibility": "internal"})
    assert response.status_code == 302
    copy = demo["law"].scenarios.get(name="kopio")
    assert (copy.title_fi, copy.title_sv, copy.title_en) == ("Muuttamaton kopio", "Oförändrad kopia", "Unchanged copy")
    page = client.get(f"/funding/sets/{copy.pk}/compare/")
    assert page.status_code == 200
    rows = page.context["table"].rows
    assert len(rows) == 22 and all(row["difference"] == 0 for row in rows)
    assert all(row["difference_pr"] == 0 for row in page.context["m_table"].rows)
    body = page.content.decode()
    assert 'id="municipal-difference-title"' in body and '<svg class="map"' in body
    assert sum(count for _low, _high, count in page.context["m_bins"]) == len(page.context["m_table"].rows)
    by_population = client.get(f"/funding/sets/{copy.pk}/compare/", {"msort": "population", "morder": "asc"})
    populations = [row["population"] for row in by_population.context["m_table"].rows]
    assert populations == sorted(populations) and len(populations) > 290
    assert client_for(world.other).get(f"/funding/sets/{copy.pk}/compare/").status_code == 404


def test_hyte_scenario_through_the_web(demo, world):
    client = client_for(world.editor)
    scenario = actions.copy_parameter_set(demo["law"], actor=world.editor, name="s", title="S", owner=world.a1)
    response = client.post(f"/funding/sets/{scenario.pk}/move/",
                           {"to_key": "sote_hyte", "from_sote_population": "0,25", "from_sote_service_need": "0.25"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(f"/funding/sets/{scenario.pk}/compare/", {"base": demo["law"].pk, "year": 2026,
                                                                 "inputs": demo["counties"].pk})
    rows = page.context["table"].rows
    scenario.refresh_from_db()
    expected = run_county_scenario(demo["law"].parameters(), scenario.parameters(),
                                   demo["counties"].county_inputs(), 2026)
    assert {r["code"]: r["difference"] for r in rows} == {d.code: d.difference_eur for d in expected}
    assert any(row["difference"] != 0 for row in rows)
    bad = client.post(f"/funding/sets/{scenario.pk}/move/", {"to_key": "sote_hyte", "from_sote_sami": "5"},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200
    assert "move from sote_sami: only 0.013 points available, asked 5" in bad.content.decode()
    assert client_for(world.editor).get(f"/funding/sets/{demo['law'].pk}/move/").status_code == 403


def test_scenario_xlsx_escapes_formulas(world):
    law = ParameterSetFactory(owner=None)
    inputs = InputSetFactory()
    inputs.rows[0]["name"] = "=HYPERLINK(\"http://evil.example\")"
    inputs.save()
    scenario = actions.copy_parameter_set(law, actor=world.editor, name="x", title="X", owner=world.a1)
    response = client_for(world.editor).get(f"/funding/sets/{scenario.pk}/compare/",
                                            {"base": law.pk, "year": 2026, "inputs": inputs.pk, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    # + the notice, the scenario, the base, the data, the funding year, the source address, generated at, a blank line
    assert sheet.max_row == 23 + 8


def _post_shares_over_one(world, language):
    """A parameter set whose first criterion alone takes the whole group: a 400 in `language`."""
    api = api_client_for(world.editor)
    api.cookies["django_language"] = language
    data = law_data()
    data["criteria"][0]["share"] = "1"
    response = api.post("/api/v1/funding/parameter-sets/", {"owner": world.a1.pk, "data": data}, format="json")
    assert response.status_code == 400
    return api, response


def test_api_create_validates_and_computes(demo, world):
    api, response = _post_shares_over_one(world, "en")
    assert re.match(r"group sote: criterion shares sum to", response.json()["data"][0])
    result = api.post("/api/v1/funding/compute/", {"parameter_set": demo["law"].pk, "year": 2026,
                                                   "inputs": demo["counties"].pk}, format="json")
    assert result.status_code == 200
    expected = compute_county_funding(demo["law"].parameters(), demo["counties"].county_inputs(), 2026)
    body = result.json()
    assert body["counties"][0]["funding_after_eur"] == int(expected.counties[0].funding_after_eur.quantize(1, rounding="ROUND_HALF_UP"))
    compare = api.post("/api/v1/funding/compare/", {"parameter_set": demo["scenario"].pk, "year": 2026,
                                                    "inputs": demo["counties"].pk}, format="json")
    assert compare.status_code == 200 and len(compare.json()["differences"]) == 22
    default_inputs = api.post("/api/v1/funding/compute/", {"parameter_set": demo["law"].pk}, format="json")
    assert default_inputs.status_code == 200 and default_inputs.json()["year"] == demo["law"].year
    bad_year = api.post("/api/v1/funding/compute/", {"parameter_set": demo["law"].pk, "year": 2020,
                                                     "inputs": demo["counties"].pk}, format="json")
    assert bad_year.status_code == 400
    assert "schedule starts in 2023" in json.dumps(bad_year.json())


def test_import_pages_show_the_exact_reason(world):
    client = client_for(world.editor)
    client.cookies["django_language"] = "en"
    data = law_data()
    data["colour"] = "blue"
    response = client.post("/funding/sets/import/", {"text": json.dumps(data), "owner": world.a1.pk,
                                                     "visibility": "public"})
    assert response.status_code == 200
    assert "parameter set: unknown key &#x27;colour&#x27;" in response.content.decode()
    csv = b"code;name;population\n01;A;-3\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/funding/inputs/import/", {
        "kind": "county", "file": SimpleUploadedFile("hva.csv", csv), "name": "x", "title": "X",
        "owner": world.a1.pk, "visibility": "public"})
    assert "hva.csv, line 2: population: negative value -3" in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pages_in_three_languages(demo, world, language):
    client = client_for(None)
    client.cookies["django_language"] = language
    for url in ("/funding/", "/funding/sets/", f"/funding/sets/{demo['law'].pk}/", "/funding/inputs/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()
    legal = {"fi": "4 luku, pelastustoimen", "sv": "4 kap., kalkylerade kostnader för räddningsväsendet",
             "en": "chapter 4, calculated costs of rescue services"}[language]
    assert legal in client.get(f"/funding/sets/{demo['law'].pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_api_patch_of_the_numbers_is_a_new_version(world):
    scenario = ParameterSetFactory(owner=world.a1)
    data = law_data()
    data["criteria"][8]["share"] = "1.472"  # hyte +0.5 ...
    data["criteria"][1]["share"] = "12.546"  # ... from population
    api = api_client_for(world.editor)
    api.cookies["django_language"] = "en"
    response = api.patch(f"/api/v1/funding/parameter-sets/{scenario.pk}/", {"data": data}, format="json")
    assert response.status_code == 200, response.content
    scenario.refresh_from_db()
    assert scenario.version == 2
    assert scenario.versions.first().saved_by == world.editor
    data["criteria"][8]["share"] = "9"
    response = api.patch(f"/api/v1/funding/parameter-sets/{scenario.pk}/", {"data": data}, format="json")
    assert response.status_code == 400 and "group sote" in response.json()["data"][0]
    scenario.refresh_from_db()
    assert scenario.version == 2


def test_a_set_without_base_asks_for_one(world):
    plain = ParameterSetFactory()
    response = client_for(None).get(f"/funding/sets/{plain.pk}/compare/")
    assert response.status_code == 200 and "cells" not in response.context
    assert b"errorlist" not in response.content


def test_refusal_reasons_are_shown_in_finnish(demo, world):
    """The reasons of compute and of the CSV reader are translated on pages and in the API."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.editor)
    client.cookies["django_language"] = "fi"
    data = law_data()
    data["colour"] = "blue"
    page = client.post("/funding/sets/import/", {"text": json.dumps(data), "owner": world.a1.pk,
                                                 "visibility": "public"}).content.decode()
    assert "parametrijoukko: tuntematon avain &#x27;colour&#x27;" in page and "unknown key" not in page
    page = client.post("/funding/inputs/import/", {
        "kind": "county", "file": SimpleUploadedFile("hva.csv", b"code;name;population\n01;A;-3\n"),
        "name": "x", "title": "X", "owner": world.a1.pk, "visibility": "public"}).content.decode()
    assert "hva.csv, rivi 2: population: negatiivinen arvo -3" in page
    scenario = actions.copy_parameter_set(demo["law"], actor=world.editor, name="s", title="S", owner=world.a1)
    page = client.post(f"/funding/sets/{scenario.pk}/move/",
                       {"to_key": "sote_hyte", "from_sote_sami": "5"}).content.decode()
    assert "siirto kriteeristä sote_sami: vain" in page and "points available" not in page

    api, response = _post_shares_over_one(world, "fi")
    assert response.json()["data"][0].startswith("ryhmä sote: määräytymistekijöiden osuuksien summa on ")
    bad_year = api.post("/api/v1/funding/compute/", {"parameter_set": demo["law"].pk, "year": 2020,
                                                     "inputs": demo["counties"].pk}, format="json")
    assert bad_year.status_code == 400
    assert bad_year.json()["non_field_errors"] == [
        "vuodelle 2020 ei ole siirtymätasauksen rajaa: aikataulu alkaa vuonna 2023"]


@pytest.mark.parametrize(("language", "label", "description"), [
    ("fi", "Asukasmäärä", "Rahoituslain (617/2021) 3 §:n"),
    ("sv", "Invånarantal", "Andelarna för bestämningsgrunderna"),
    ("en", "Population", "The criteria shares of 617/2021"),
])
def test_parameter_set_page_is_in_the_pages_language(demo, world, language, label, description):
    """Walk 5 #26: descriptions, unit definitions and labels of a shipped set follow the page."""
    prefix = "" if language == "fi" else f"/{language}"
    page = client_for(None).get(f"{prefix}/funding/sets/{demo['law'].pk}/").content.decode()
    assert description in page and f"<th scope=\"row\">{label} <small>" in page
    seed = client_for(None).get(f"{prefix}/funding/sets/{demo['seed'].pk}/").content.decode()
    assert "Seed 004" not in seed and "seed 004" not in seed and description not in seed
    if language != "en":
        assert "residents ×" not in page + seed and "(simplification)" not in page + seed
    grouped = {"fi": "29\xa0000\xa0000", "sv": "29\xa0000\xa0000", "en": "29,000,000"}[language]
    assert grouped in seed or grouped.replace("\xa0", " ") in seed or grouped.replace("\xa0", "\u202f") in seed
    assert ">29000000<" not in seed  # walk 6 #12: the municipal euros grouped as every other amount
    if language == "fi":  # the owning organisation, not another app's "responsible person"
        assert "<dt>Omistaja</dt>" in page and "Vastuuhenkilö" not in page
