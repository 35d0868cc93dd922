"""National parameters on the county calculator and the API; the not-official notice on exports."""

import io
from decimal import Decimal as D

import openpyxl

from conftest import api_client_for, client_for
from yhdyspinta.funding.compute import NationalLevel, compute_county_funding


def test_calculator_takes_the_national_level_and_keeps_it_after_equalisation(demo, world):
    law, inputs = demo["law"], demo["counties"]
    response = client_for(None).get("/funding/", {"parameter_set": law.pk, "year": 2023, "inputs": inputs.pk,
                                                  "level_eur": "22500000000"})
    assert response.status_code == 200
    rows = response.context["table"].rows
    assert abs(sum(row["after"] for row in rows) - D("22.5e9")) < D("1e-3")
    page = response.content.decode()
    assert 'name="level_eur"' in page and 'name="ex_post_correction_eur"' in page
    assert "samassa hintatasossa" in page  # the page speaks Finnish by default


def test_calculator_builds_the_level_from_index_growth_new_tasks_and_correction(demo, world):
    law, inputs = demo["law"], demo["counties"]
    response = client_for(None).get("/funding/", {
        "parameter_set": law.pk, "year": 2024, "inputs": inputs.pk, "price_index_pct": "5,0",
        "service_need_growth_pct": "1,5", "new_tasks_eur": "10000000", "ex_post_correction_eur": "1410000000"})
    params = law.parameters()
    expected = compute_county_funding(params, inputs.county_inputs(), 2024, national=NationalLevel(
        price_index_pct={2023: 5, 2024: 5}, service_need_growth_pct={2023: "1.5", 2024: "1.5"},
        new_tasks_eur=10_000_000, ex_post_correction_eur=1_410_000_000))
    assert response.context["result"].total_funding_eur == expected.total_funding_eur
    shown = {row["code"]: row["after"] for row in response.context["table"].rows}
    assert all(shown[c.code] == c.funding_after_eur for c in expected.counties)


def test_exports_carry_the_not_official_notice(demo, world):
    client = client_for(world.viewer)
    csv_text = client.get("/funding/", {"export": "csv"}).content.decode("utf-8-sig")
    first = csv_text.split("\r\n")[0]
    assert "ei virallisia lukuja" in first and "valtiovarainministeriö" in first
    assert "havainnollistava" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(client.get("/funding/municipal/", {"export": "xlsx"}).content))
    assert "ei virallisia lukuja" in str(book.active["A1"].value)


def test_api_compute_with_national_parameters(demo, world):
    api = api_client_for(world.viewer)
    body = {"parameter_set": demo["law"].pk, "year": 2023, "inputs": demo["counties"].pk,
            "level_eur": "22500000000"}
    result = api.post("/api/v1/funding/compute/", body, format="json")
    assert result.status_code == 200, result.json()
    data = result.json()
    # whole euros per county, the total the sum of the rounded rows: within ½ € a county of the level
    half_per_county = D("0.5") * len(data["counties"])
    assert data["total_funding_eur"] == sum(c["computed_funding_eur"] for c in data["counties"])
    assert abs(D(data["total_funding_eur"]) - D("22.5e9")) <= half_per_county
    assert abs(sum(D(c["funding_after_eur"]) for c in data["counties"]) - D("22.5e9")) <= half_per_county
    assert data["national"]["level_eur"] == 22500000000 and data["cost_level_factor"] is not None
    built = api.post("/api/v1/funding/compute/", {
        "parameter_set": demo["law"].pk, "year": 2024, "inputs": demo["counties"].pk,
        "price_index_pct": {"2023": "5", "2024": "2"}, "service_need_growth_pct": {"2023": "1", "2024": "1"},
        "ex_post_correction_eur": "1000"}, format="json")
    assert built.status_code == 200, built.json()
    expected = D("21.2e9") * D("1.05") * D("1.012") * D("1.02") * D("1.012") + 1000
    assert abs(D(built.json()["total_funding_eur"]) - expected) <= D("0.5") * len(built.json()["counties"])
    missing = api.post("/api/v1/funding/compute/", {
        "parameter_set": demo["law"].pk, "year": 2024, "inputs": demo["counties"].pk,
        "price_index_pct": {"2024": "2"}, "service_need_growth_pct": {"2024": "1"}}, format="json")
    assert missing.status_code == 400
    assert "hintaindeksin muutos puuttuu vuodelta 2023" in str(missing.json())
    bad_key = api.post("/api/v1/funding/compute/", {
        "parameter_set": demo["law"].pk, "inputs": demo["counties"].pk, "price_index_pct": {"x": "2"}},
        format="json")
    assert bad_key.status_code == 400 and "avainten on oltava vuosia" in str(bad_key.json())


def test_calculator_and_api_use_the_published_figures_of_the_year_with_their_sources(demo, world):
    from yhdyspinta.funding.compute import funding_level
    from yhdyspinta.funding.compute.published import published_national

    law, inputs = demo["law"], demo["counties"]
    level = funding_level(law.parameters(), 2023, published_national(2023).national)
    response = client_for(None).get("/funding/", {"parameter_set": law.pk, "year": 2023, "inputs": inputs.pk,
                                                  "published": "on"})
    assert response.context["result"].total_funding_eur == level
    page = response.content.decode()
    assert "3,52 prosenttia" in page and "20.9.2022" in page and 'name="published"' in page
    none = client_for(None).get("/funding/", {"parameter_set": law.pk, "year": 2024, "inputs": inputs.pk,
                                              "published": "on"})
    assert none.context.get("result") is None and "vuodelta 2024 ei ole julkaistuja" in none.context["error"]
    api = api_client_for(world.viewer)
    body = {"parameter_set": law.pk, "year": 2025, "inputs": inputs.pk, "published": True}
    data = api.post("/api/v1/funding/compute/", body, format="json").json()
    assert data["national"]["ex_post_correction_eur"] == 1400000000
    assert abs(D(data["total_funding_eur"]) - D("26.2e9")) <= D("0.5") * len(data["counties"])
    refused = api.post("/api/v1/funding/compute/", {**body, "year": 2024}, format="json")
    assert refused.status_code == 400 and "vuodelta 2024 ei ole julkaistuja" in str(refused.json())


def test_an_amount_beyond_any_budget_is_refused_on_its_field_not_a_server_error(demo, world):
    law, inputs = demo["law"], demo["counties"]
    for field in ("level_eur", "new_tasks_eur", "ex_post_correction_eur"):
        for amount in ("1e30", "1E+28", "99999999999999999999"):
            response = client_for(None).get("/funding/", {"parameter_set": law.pk, "year": 2026,
                                                          "inputs": inputs.pk, field: amount})
            assert response.status_code == 200, (field, amount)
            assert response.context["form"].errors.get(field), (field, amount)


def test_api_takes_the_largest_amount_it_accepts_without_a_server_error(demo, world):
    api = api_client_for(world.viewer)
    for field in ("level_eur", "new_tasks_eur", "ex_post_correction_eur"):
        body = {"parameter_set": demo["law"].pk, "year": 2023, "inputs": demo["counties"].pk,
                field: "999999999999999999.99"}
        assert api.post("/api/v1/funding/compute/", body, format="json").status_code in (200, 400), field
        body[field] = "1e30"
        assert api.post("/api/v1/funding/compute/", body, format="json").status_code == 400, field


def test_an_input_sets_columns_are_named_in_the_pages_language_and_yes_no_in_words(demo, world):
    url = f"/funding/inputs/{demo['counties'].pk}/"
    finnish = client_for(None).get(url).content.decode()
    assert "Palvelutarvekerroin" in finnish and "(service_need_coefficient)" in finnish  # the file's column too
    assert ">True<" not in finnish and ">False<" not in finnish
    swedish = client_for(None).get(f"/sv{url}").content.decode()
    assert "Servicebehovskoefficient" in swedish and "Tvåspråkig" in swedish
