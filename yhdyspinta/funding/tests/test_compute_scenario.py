"""Scenarios and the national funding level."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings

from yhdyspinta.funding.compute import (
    CountyInput,
    FundingInputError,
    compare_counties,
    compare_municipalities,
    compute_county_funding,
    compute_municipal_transfer,
    load_parameter_set,
    move_share,
    national_funding,
    run_county_scenario,
    set_share,
    with_changes,
)
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs, demo_municipality_inputs

from .test_compute_county import counties, full, small_params
from .test_compute_municipal import M1, M2

LAW = load_parameter_set("law_617_2021_level_2022")
SEED = load_parameter_set("seed_004_proposal")


def test_move_share_hyte_he_38_2025_example():
    # hyte 0.972 → 1.472, population 13.046 → 12.796, service need 79.156 → 78.906
    p = move_share(LAW, "sote_hyte", {"sote_population": "0.25", "sote_service_need": "0.25"})
    assert p.criterion("sote_hyte").share == D("1.472")
    assert p.criterion("sote_population").share == D("12.796")
    assert p.criterion("sote_service_need").share == D("78.906")
    assert {g.key: g.total_share for g in p.groups} == {"sote": D("97.727"), "rescue": D("2.273")}
    assert p.name == "law_617_2021_level_2022*"
    assert LAW.criterion("sote_hyte").share == D("0.972")  # the base is untouched


def test_move_share_across_groups_moves_group_totals():
    p = move_share(SEED, "sote_hyte", {"rescue_risk": "0.1"}, name="x")
    assert {g.key: g.total_share for g in p.groups} == {"sote": D("97.827"), "rescue": D("2.173")}
    assert p.name == "x"


def test_set_share_seed_bilingual_example():
    p = set_share(LAW, "sote_bilingual", "0.5", "sote_service_need")
    assert p.criterion("sote_bilingual").share == D("0.5")
    assert p.criterion("sote_service_need").share == D("79.142")


def test_move_share_changes_funding_by_hand():
    # Two equal-sized counties; X hyte coefficient 3, Y 1 (2026: by coefficient).
    # Hyte +0.5 points taken from population: population treats them equally, hyte gives
    # X 3/4. Pool moved = 21.2e9 × 0.5 / 100.001; X gains (3/4 − 1/2) of it, Y loses as much.
    cs = [full("X", 1000, hyte_coefficient=3), full("Y", 1000, hyte_coefficient=1)]
    scen = move_share(LAW, "sote_hyte", {"sote_population": "0.5"})
    diffs = run_county_scenario(LAW, scen, cs, year=2026, after_equalisation=False)
    moved = D(21_200_000_000) * D("0.5") / D("100.001")
    assert [d.code for d in diffs] == ["X", "Y"]
    assert abs(diffs[0].difference_eur - moved / 4) < D("1e-6")
    assert abs(diffs[1].difference_eur + moved / 4) < D("1e-6")
    assert abs(diffs[0].difference_per_resident - moved / 4000) < D("1e-9")


@settings(max_examples=40, deadline=None)
@given(counties(with_costs=True))
def test_property_unchanged_copy_has_zero_differences(cs):
    copy = with_changes(LAW, name="copy")
    for diff in run_county_scenario(LAW, copy, cs, year=2027):
        assert diff.difference_eur == 0 and diff.difference_per_resident == 0


def test_unchanged_copy_zero_for_municipalities_and_sorting():
    base = compute_municipal_transfer(SEED, [M1, M2])
    same = compute_municipal_transfer(with_changes(SEED), [M1, M2])
    assert all(d.difference_eur == 0 for d in compare_municipalities(base, same))
    lower_cap = with_changes(SEED, municipal=replace(SEED.municipal,
                                                     balance_cap_eur_per_resident=D(30)))
    diffs = compare_municipalities(base, compute_municipal_transfer(lower_cap, [M1, M2]),
                                   sort_by="name", descending=False)
    assert [d.name for d in diffs] == ["Kaksi", "Yksi"]


def test_compare_sorting_and_errors():
    cs = demo_county_inputs(LAW)
    diffs = run_county_scenario(LAW, SEED, cs, year=2029)
    values = [d.difference_per_resident for d in diffs]
    assert values == sorted(values, reverse=True) and len(diffs) == 22
    by_pop = run_county_scenario(LAW, SEED, cs, year=2029, sort_by="population",
                                 descending=False)
    # Keski-Pohjanmaa (67 988) smallest, Helsinki (656 920) largest
    assert by_pop[0].code == "18" and by_pop[-1].code == "90"
    with pytest.raises(FundingInputError, match=r"^cannot sort by 'size'; one of "):
        run_county_scenario(LAW, SEED, cs, sort_by="size")
    a = compute_county_funding(LAW, cs)
    b = compute_county_funding(LAW, cs[:-1])
    with pytest.raises(FundingInputError, match=r"^base and scenario cover different counties$"):
        compare_counties(a, b)
    m = compute_municipal_transfer(SEED, [M1, M2])
    with pytest.raises(FundingInputError,
                       match=r"^base and scenario cover different municipalities$"):
        compare_municipalities(m, compute_municipal_transfer(SEED, [M1]))


@pytest.mark.parametrize("call,expected", [
    (lambda: move_share(LAW, "sote_sami", {"sote_island": "0.2"}),
     "move from sote_island: only 0.110 points available, asked 0.2"),
    (lambda: move_share(LAW, "sote_sami", {"sote_island": "-0.1"}),
     "move from sote_island: negative amount -0.1"),
    (lambda: move_share(LAW, "sote_sami", {"sote_sami": "0.001"}),
     "cannot move share from sote_sami to itself"),
    (lambda: move_share(LAW, "nope", {"sote_sami": "0.001"}),
     "unknown criterion 'nope' in parameter set 'law_617_2021_level_2022'"),
    (lambda: set_share(LAW, "sote_island", "1", "sote_sami"),
     "balance from sote_sami: only 0.013 points available, needs 0.890"),
    (lambda: set_share(LAW, "sote_island", "1", "sote_island"),
     "criterion sote_island cannot balance itself"),
    (lambda: with_changes(LAW, total_funding_eur=D(-1)),
     "total_funding_eur must be positive, got -1"),
])
def test_scenario_errors(call, expected):
    with pytest.raises(FundingInputError) as exc:
        call()
    assert str(exc.value) == expected


def test_national_funding_growth_by_hand():
    # Seed rule: +0.2 points through 2028, none from 2029.
    # 2024: 1000 × 1.022 = 1022; 2029: × 1.02 (no extra) = 1042.44
    growth = {"extra_points": "0.2", "first_year": 2023, "last_year": 2028, "source": "t"}
    p = small_params([("pop", "population", 100)], total="1000", growth=growth)
    g = {y: 2 for y in range(2024, 2030)}
    assert national_funding(p, 2023, g) == D(1000)
    assert national_funding(p, 2024, g) == D(1022)
    assert national_funding(p, 2029, g) == D(1000) * D("1.022") ** 5 * D("1.02")
    with pytest.raises(FundingInputError, match=r"^service-need growth missing for year 2025$"):
        national_funding(p, 2025, {2024: 2})
    with pytest.raises(FundingInputError, match=r"^year 2022 is before the parameter set's "
                                                r"year 2023$"):
        national_funding(p, 2022, g)


def test_national_funding_feeds_a_scenario():
    total = national_funding(SEED, 2025, {2023: "1.5", 2024: "1.5", 2025: "1.5"})
    raised = with_changes(SEED, total_funding_eur=total)
    cs = [CountyInput("A", "a", 10, service_need_coefficient=1, foreign_language_speakers=1,
                      density_coefficient=1, island_population=1, bilingual=True,
                      sami_population=1, university_hospital=True, hyte_coefficient=1,
                      rescue_risk_coefficient=1)]
    r = compute_county_funding(raised, cs, year=2025)
    assert r.by_code("A").amount("sote_population") > compute_county_funding(
        SEED, cs, year=2025).by_code("A").amount("sote_population")


def test_demo_municipalities_run_both_sets():
    for p in (LAW, SEED):
        r = compute_municipal_transfer(p, demo_municipality_inputs(p))
        assert abs(r.equalisation_net_eur) < D("1e-6")
        assert r.stats_after.maximum <= 60
