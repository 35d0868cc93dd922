"""The published national parameters of funding years (VM's release of 20.9.2022 for 2023, TAE 2025
for 2025) reproduce the published national levels, and every figure carries its source."""

import json
from decimal import Decimal as D

import pytest

from yhdyspinta.funding.compute import compute_county_funding, funding_level, load_parameter_set
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs
from yhdyspinta.funding.compute.published import PUBLISHED_PATH, published_national, published_years

LAW = load_parameter_set("law_617_2021_level_2022")
TOL = D("1e-3")


def test_2023_index_growth_and_new_tasks_give_the_published_level():
    # 21.2e9 × 1.0352 × (1 + (1.02 + 0.2)/100) + 275e6 = 22 488 929 … €: "noin 22,5 miljardia euroa"
    y2023 = published_national(2023)
    level = funding_level(LAW, 2023, y2023.national)
    assert level == D("21.2e9") * D("1.0352") * D("1.0122") + D("275e6")
    assert y2023.approximate and abs(level - y2023.published_level_eur) < D("0.05e9")  # rounded to 0.1 bn
    assert "20.9.2022" in y2023.sources["price_index_pct"] and "3,52" in y2023.sources["price_index_pct"]


def test_2023_published_year_distributes_its_whole_level_and_the_first_year_equalises_to_zero():
    national = published_national(2023).national
    r = compute_county_funding(LAW, demo_county_inputs(LAW), year=2023, national=national)
    level = funding_level(LAW, 2023, national)
    assert abs(r.total_funding_eur - level) < TOL
    assert abs(sum(c.funding_after_eur for c in r.counties) - level) < TOL


def test_2025_published_total_is_the_distributed_total_with_the_ex_post_correction_inside():
    y2025 = published_national(2025)
    assert y2025.national.ex_post_correction_eur == D("1.4e9")
    assert funding_level(LAW, 2025, y2025.national) == D("26.2e9") == y2025.published_level_eur
    assert "HE 109/2024" in y2025.sources["published_level_eur"]
    assert published_national(2024) is None  # the 24,7 bn appropriation is not the level (see not_found)


def test_every_published_value_names_its_source(tmp_path):
    data = json.loads(PUBLISHED_PATH.read_text(encoding="utf-8"))
    for entry in data["years"]:
        for key, value in entry.items():
            if key != "year":
                assert set(value) <= {"value", "source", "approximate"} and len(value["source"]) > 20
    broken = tmp_path / "p.json"
    entry = {"year": 2023, "new_tasks_eur": {"value": "1", "source": ""}, "published_level_eur": {
        "value": "1", "source": "x"}}
    broken.write_text(json.dumps({"years": [entry]}), encoding="utf-8")
    with pytest.raises(ValueError, match="without its source"):
        published_years(broken)
    broken.write_text(json.dumps({"years": [{"year": 2023, "levle": {"value": "1", "source": "x"}}]}))
    with pytest.raises(ValueError, match="unknown key 'levle'"):
        published_years(broken)
