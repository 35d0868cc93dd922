"""Demo inputs: real populations from the reference CSVs, deterministic illustrative rest."""

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

from yhdyspinta.funding.compute import compute_county_funding, load_parameter_set
from yhdyspinta.funding.compute.demo_inputs import (
    REF_DIR,
    demo_county_inputs,
    demo_municipality_inputs,
    municipality_rows,
)

LAW = load_parameter_set("law_617_2021_level_2022")


def test_counties_are_21_plus_helsinki_with_real_populations():
    cs = demo_county_inputs()
    codes = [c.code for c in cs]
    assert codes == [f"{i:02d}" for i in range(1, 22)] + ["90"]
    by_code = {c.code: c for c in cs}
    assert by_code["90"].population == 656920 and by_code["20"].population == 71664
    assert sum(c.population for c in cs) == 5_533_793 - 30_129  # all less Åland


def test_municipalities_are_mainland_with_real_populations():
    ms = demo_municipality_inputs()
    assert len(ms) == 309 - 16
    assert "91" not in {m.county_code for m in ms}
    assert sum(m.population for m in ms) == 5_503_664
    assert next(m for m in ms if m.name == "Helsinki").county_code == "90"
    assert len(municipality_rows()) == len(ms)


def test_sami_home_region_is_real_and_only_lapland():
    cs = {c.code: c for c in demo_county_inputs()}
    assert cs["21"].sami_population == 1808 + 6862 + 1219  # Enontekiö, Inari, Utsjoki
    assert all(c.sami_population == 0 for k, c in cs.items() if k != "21")


def test_deterministic_by_seed_and_plausible():
    assert demo_county_inputs(seed=1) == demo_county_inputs(seed=1)
    assert demo_county_inputs(seed=1) != demo_county_inputs(seed=2)
    assert demo_municipality_inputs(seed=3) == demo_municipality_inputs(seed=3)
    for c in demo_county_inputs():
        assert D("0.8") <= c.service_need_coefficient <= D("1.3")
        assert 0 < c.foreign_language_speakers < c.population


def test_earlier_costs_scaled_to_the_total():
    total = sum(c.earlier_costs_eur for c in demo_county_inputs(LAW))
    assert abs(total - LAW.total_funding_eur) < 50  # each county rounded to 1 €


@pytest.mark.parametrize("name", ["law_617_2021_level_2022", "seed_004_proposal"])
@pytest.mark.parametrize("year", range(2023, 2031))
def test_full_computation_runs_every_year(name, year):
    p = load_parameter_set(name)
    r = compute_county_funding(p, demo_county_inputs(p), year=year,
                               expected_codes=[f"{i:02d}" for i in range(1, 22)] + ["90"])
    assert len(r.counties) == 22


def test_reference_csvs_and_source_note_are_shipped():
    assert (REF_DIR / "SOURCE.md").read_text(encoding="utf-8").count("Statistics Finland") == 1
    assert {p.name for p in REF_DIR.glob("*.csv")} == {
        "municipalities_2021.csv", "wellbeing_services_counties_2021.csv"}


def test_calculator_imports_no_django():
    compute_dir = Path(__file__).resolve().parent.parent / "compute"
    for path in compute_dir.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "django" for n in names), path.name
