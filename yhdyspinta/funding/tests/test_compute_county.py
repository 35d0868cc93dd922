"""County funding: hand-computed examples per unit rule, properties, every input error."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.funding.compute import (
    CountyInput,
    FundingInputError,
    compute_county_funding,
    load_parameter_set,
    parameter_set_from_dict,
)

LAW = load_parameter_set("law_617_2021_level_2022")
SEED = load_parameter_set("seed_004_proposal")
EPS = D("1e-9")


def small_params(criteria, total="1000000", schedule=((2023, 30, 30), (2029, 200, 100)),
                 growth=None):
    """A one-group set: criteria = [(key, unit, share)]; shares must sum to 100."""
    data = {
        "name": "small", "title": "t", "year": 2023, "description": "test",
        "total_funding_eur": {"value": total, "source": "test"},
        "groups": [{"key": "sote", "label": "sote", "total_share": "100", "source": "test"}],
        "criteria": [
            {"key": k, "group": "sote", "label": k, "share": str(s), "unit": u,
             "unit_definition": "u", "legal_source": "l", "source": "s"}
            for k, u, s in criteria
        ],
        "county_transition": {"source": "test", "schedule": [
            {"year": y, "up": str(up), "down": str(down)} for y, up, down in schedule]},
        "municipal": {k: {"value": v, "source": "test"} for k, v in {
            "balance_cap_eur_per_resident": "60", "asset_compensation_threshold_pct": "0.5",
            "population_growth_criterion_eur": "29000000", "income_tax_cut_pp": "10"}.items()},
    }
    if growth:
        data["funding_growth"] = growth
    return parameter_set_from_dict(data)


A = CountyInput("A", "Alpha", 1000, service_need_coefficient="1.5")
B = CountyInput("B", "Beta", 3000, service_need_coefficient="0.5")
POP_NEED = small_params([("pop", "population", 40), ("need", "service_need", 60)])


def full(code, pop, **kw):
    """A county with every input the law set needs (round illustrative values)."""
    base = {"service_need_coefficient": 1, "foreign_language_speakers": pop // 10,
                "density_coefficient": 1, "island_population": pop // 100, "bilingual": True,
                "sami_population": pop // 1000, "university_hospital": True, "hyte_coefficient": 1,
                "rescue_risk_coefficient": 1}
    base.update(kw)
    return CountyInput(code, f"County {code}", pop, **base)


def test_hand_example_population_and_service_need():
    # total 1 000 000 €: population pool 400 000, service-need pool 600 000.
    # population: A 1000/4000 → 100 000, B 300 000.
    # service need units: A 1000 × 1.5 = 1500, B 3000 × 0.5 = 1500 → 300 000 each.
    # A = 400 000 € (400 €/resident), B = 600 000 € (200 €/resident).
    r = compute_county_funding(POP_NEED, [A, B])
    a, b = r.by_code("A"), r.by_code("B")
    assert (a.amount("pop"), a.amount("need")) == (D(100000), D(300000))
    assert (b.amount("pop"), b.amount("need")) == (D(300000), D(300000))
    assert (a.computed_funding_eur, a.computed_per_resident) == (D(400000), D(400))
    assert (b.computed_funding_eur, b.computed_per_resident) == (D(600000), D(200))
    assert a.breakdown[1].units == D(1500) and a.breakdown[1].share_of_units == D("0.5")
    assert a.change_per_resident is None and a.funding_after_eur == a.computed_funding_eur
    assert r.equalisation_total_eur is None
    assert r.total_funding_eur == D(1000000)


def test_hand_example_transition_symmetric_year():
    # Cap 2023..2028 here ±30. Earlier costs sum to the set's total (k = 1).
    # A earlier 300 000: d = (400 000 − 300 000)/1000 = +100, beyond +30 → −70 €/res = −70 000, after 330 000.
    # B earlier 700 000: d = (600 000 − 700 000)/3000 = −33.33…, beyond −30 → +3.33… €/res = +10 000.
    a, b = replace(A, earlier_costs_eur=300000), replace(B, earlier_costs_eur=700000)
    r = compute_county_funding(POP_NEED, [a, b], year=2025)
    ra, rb = r.by_code("A"), r.by_code("B")
    assert (ra.change_per_resident, ra.equalisation_per_resident) == (D(100), D(-70))
    assert (ra.equalisation_eur, ra.funding_after_eur) == (D(-70000), D(330000))
    assert (ra.cap_up, ra.cap_down) == (D(30), D(30))
    assert abs(rb.equalisation_eur - D(10000)) < EPS
    assert abs(rb.funding_after_eur - D(610000)) < EPS
    assert abs(r.equalisation_total_eur - D(-60000)) < EPS
    assert r.cost_level_factor == 1 and r.base_funding_eur == D(1000000)


def test_hand_example_transition_asymmetric_permanent():
    # From 2029 [−100, +200]: A earlier 600 000: d = (400 000 − 600 000)/1000 = −200 →
    # compensated +100 €/res = +100 000, after 500 000; B earlier 400 000: d = +66.67, within.
    a, b = replace(A, earlier_costs_eur=600000), replace(B, earlier_costs_eur=400000)
    r = compute_county_funding(POP_NEED, [a, b], year=2031)
    assert r.by_code("B").equalisation_eur == 0
    ra = r.by_code("A")
    assert (ra.change_per_resident, ra.equalisation_per_resident) == (D(-200), D(100))
    assert (ra.funding_after_eur, ra.funding_after_per_resident) == (D(500000), D(500))


def test_earlier_costs_at_an_older_price_level_are_indexed():
    # The same costs at half the level (k = 2) give the same equalisation: the defect was to
    # treat the level difference as every county's gain.
    a, b = replace(A, earlier_costs_eur=150000), replace(B, earlier_costs_eur=350000)
    r = compute_county_funding(POP_NEED, [a, b], year=2025)
    assert r.cost_level_factor == 2
    assert r.by_code("A").earlier_costs_indexed_eur == D(300000)
    assert r.by_code("A").equalisation_eur == D(-70000)


def test_law_schedule_year_2023_freezes_funding_at_indexed_earlier_costs():
    counties = [full("X", 1000, earlier_costs_eur=3_000_000),
                full("Y", 2000, earlier_costs_eur=9_000_000, bilingual=False)]
    r = compute_county_funding(LAW, counties, year=2023)
    for c in r.counties:
        assert abs(c.funding_after_eur - c.earlier_costs_indexed_eur) < D("1e-6")
    assert abs(sum(c.funding_after_eur for c in r.counties) - LAW.total_funding_eur) < D("1e-6")


# Each unit rule alone against population (50/50), total 1 000 000 → criterion pool 500 000.
@pytest.mark.parametrize("unit,kw_a,kw_b,share_a", [
    # density coefficient given: A 1000 × 2 = 2000, B 3000 × 0.5 = 1500 → 4/7
    ("density", {"density_coefficient": 2}, {"density_coefficient": "0.5"}, D(4) / 7),
    # from areas: coefficient = national density ÷ own density, so units = area × national
    # density: proportional to area, A 100 km², B 10 km² → 100/110
    ("density", {"area_km2": 100}, {"area_km2": 10}, D(100) / 110),
    ("foreign_language", {"foreign_language_speakers": 200},
     {"foreign_language_speakers": 600}, D(1) / 4),
    ("bilingual", {"bilingual": True}, {"bilingual": False}, D(1)),
    ("sami", {"sami_population": 50}, {}, D(1)),
    ("island", {"island_population": 10}, {"island_population": 30}, D(1) / 4),
    ("university_hospital", {"university_hospital": True}, {"university_hospital": True},
     D(1) / 4),
    # hyte: A 1000 × 1.2 = 1200, B 3000 × 0.8 = 2400 → 1/3
    ("hyte", {"hyte_coefficient": "1.2"}, {"hyte_coefficient": "0.8"}, D(1) / 3),
    # risk: A 1000 × 1, B 3000 × 2 → 1/7
    ("rescue_risk", {"rescue_risk_coefficient": 1}, {"rescue_risk_coefficient": 2}, D(1) / 7),
    ("service_need", {"service_need_coefficient": 2}, {"service_need_coefficient": 1},
     D(2) / 5),
])
def test_unit_rules_by_hand(unit, kw_a, kw_b, share_a):
    params = small_params([("pop", "population", 50), ("x", unit, 50)])
    a = CountyInput("A", "Alpha", 1000, **kw_a)
    b = CountyInput("B", "Beta", 3000, **kw_b)
    r = compute_county_funding(params, [a, b])
    assert abs(r.by_code("A").amount("x") - D(500000) * share_a) < EPS
    assert abs(r.by_code("B").amount("x") - D(500000) * (1 - share_a)) < EPS
    assert r.by_code("A").amount("pop") == D(125000)


def test_hyte_is_per_resident_until_2025_and_by_coefficient_from_2026():
    # law set: hyte pool = 21.2e9 × 0.972 / 100.001; X has 1/4 of residents, 1/2 of hyte units
    x, y = full("X", 1000, hyte_coefficient=3), full("Y", 3000, hyte_coefficient=1)
    pool = D(21_200_000_000) * D("0.972") / D("100.001")
    r25 = compute_county_funding(LAW, [x, y], year=2025)
    r26 = compute_county_funding(LAW, [x, y], year=2026)
    assert abs(r25.by_code("X").amount("sote_hyte") - pool / 4) < EPS
    assert abs(r26.by_code("X").amount("sote_hyte") - pool / 2) < EPS


def test_three_counties_law_set_by_hand():
    # Normalised pools: pool = 21.2e9 × share / 100.001 (published shares sum to 100.001).
    # Population pool = 21.2e9 × 13.046 / 100.001 = 276 575 200 000 / 100.001
    # = 2 765 752 000 − 2 765 752 000 × 0.001/100.001 (27 657.24) = 2 765 724 342.76 €;
    # C has half the residents (2000 of 4000) → 1 382 862 171.38 €.
    counties = [full("A", 1000), full("B", 1000), full("C", 2000)]
    r = compute_county_funding(LAW, counties)
    c = r.by_code("C")
    assert c.amount("sote_population").quantize(D("0.01")) == D("1382862171.38")
    # All inputs proportional to population → every criterion splits 1:1:2.
    assert abs(c.computed_funding_eur - D(10_600_000_000)) < D("1e-6")
    assert abs(r.total_funding_eur - D(21_200_000_000)) < D("1e-6")


def test_seed_foreign_language_priced_per_speaker():
    # Seed 004: foreign-language pool = 952.13 € × speakers, outside the share split;
    # shares sum exactly to 100 so share-based pools are 21.2e9 × (100 − 1.944)/100.
    counties = [full("A", 1000, foreign_language_speakers=100_000),
                full("B", 3000, foreign_language_speakers=300_000)]
    r = compute_county_funding(SEED, counties)
    assert r.criterion_pools["sote_foreign_language"] == D("952.13") * 400_000
    expected = D(21_200_000_000) * D("98.056") / 100 + D("952.13") * 400_000
    assert abs(r.total_funding_eur - expected) < D("1e-6")
    assert r.by_code("A").amount("sote_foreign_language") == D("952.13") * 100_000


# --- properties ----------------------------------------------------------------------------

coef = st.decimals(min_value=D("0.1"), max_value=D(3), places=3)


@st.composite
def counties(draw, with_costs=False):
    n = draw(st.integers(2, 6))
    result = []
    for i in range(n):
        pop = draw(st.integers(1, 1_000_000))
        result.append(CountyInput(
            f"{i:02d}", f"C{i}", pop, service_need_coefficient=draw(coef),
            foreign_language_speakers=draw(st.integers(0, pop)), density_coefficient=draw(coef),
            island_population=draw(st.integers(0, pop)), bilingual=draw(st.booleans()),
            sami_population=draw(st.integers(0, pop)),
            university_hospital=draw(st.booleans()), hyte_coefficient=draw(coef),
            rescue_risk_coefficient=draw(coef),
            earlier_costs_eur=draw(st.integers(1, pop * 8000)) if with_costs else None,
        ))
    # make sure every criterion has some units (zero totals are tested as errors)
    first = replace(result[0], bilingual=True, university_hospital=True,
                    island_population=1, sami_population=1, foreign_language_speakers=1)
    return [first, *result[1:]]


@settings(max_examples=60, deadline=None)
@given(counties(), st.integers(2023, 2035))
def test_property_amounts_sum_to_total_and_follow_units(cs, year):
    r = compute_county_funding(LAW, cs, year=year)
    total = sum(b.amount_eur for c in r.counties for b in c.breakdown)
    assert abs(total - LAW.total_funding_eur) < D("1e-6")
    assert abs(r.total_funding_eur - LAW.total_funding_eur) < D("1e-6")
    for key, pool in r.criterion_pools.items():
        assert abs(sum(c.amount(key) for c in r.counties) - pool) < D("1e-6")
        for c in r.counties:
            item = next(b for b in c.breakdown if b.key == key)
            assert item.share_of_units == item.units / r.criterion_units[key]
            assert abs(item.amount_eur - pool * item.units / r.criterion_units[key]) < EPS


@settings(max_examples=80, deadline=None)
@given(counties(with_costs=True), st.integers(2023, 2040))
def test_property_equalisation_keeps_change_within_the_years_cap(cs, year):
    r = compute_county_funding(LAW, cs, year=year)
    cap = LAW.transition_cap(year)
    for c in r.counties:
        after_change = c.change_per_resident + c.equalisation_per_resident
        assert -cap.down - EPS <= after_change <= cap.up + EPS
        if -cap.down <= c.change_per_resident <= cap.up:
            assert c.equalisation_eur == 0
        else:  # only the part beyond the cap is equalised
            bound = cap.up if c.change_per_resident > cap.up else -cap.down
            assert abs(after_change - bound) < EPS


# --- errors --------------------------------------------------------------------------------

def _err(params, cs, **kw):
    with pytest.raises(FundingInputError) as exc:
        compute_county_funding(params, cs, **kw)
    return str(exc.value)


def test_error_negative_and_zero_population():
    assert _err(POP_NEED, [replace(A, population=-5), B]) == (
        "county A (Alpha): negative population -5")
    assert _err(POP_NEED, [replace(A, population=0), B]) == (
        "county A (Alpha): population 0 (per-resident figures need residents)")
    assert _err(POP_NEED, [replace(A, population=1.5), B]) == (
        "county A (Alpha): population must be an integer")


def test_error_missing_and_unexpected_county():
    assert _err(POP_NEED, [A, B], expected_codes=["A", "B", "C"]) == (
        "county C missing from the inputs")
    assert _err(POP_NEED, [A, B], expected_codes=["A"]) == "county B is not in the expected list"
    assert _err(POP_NEED, [A, A]) == "county A appears twice in the inputs"
    assert _err(POP_NEED, []) == "no counties in the inputs"


def test_error_missing_coefficient_for_a_criterion_with_share():
    assert _err(POP_NEED, [A, replace(B, service_need_coefficient=None)]) == (
        "county B (Beta): service_need_coefficient missing, required by criterion need "
        "(share 60 %)")
    assert _err(LAW, [full("X", 10), full("Y", 10, rescue_risk_coefficient=None)]) == (
        "county Y (County Y): rescue_risk_coefficient missing, required by criterion "
        "rescue_risk (share 0.682 %)")
    assert _err(LAW, [full("X", 10), full("Y", 10, density_coefficient=None)]) == (
        "county Y (County Y): density_coefficient or area_km2 missing, required by criterion "
        "sote_density (share 1.458 %)")
    assert _err(LAW, [full("X", 10, density_coefficient=None, area_km2=5),
                      full("Y", 10)]) == (
        "county Y (County Y): area_km2 missing; national density needs every county's area")
    assert _err(LAW, [full("X", 10, density_coefficient=None, area_km2=0),
                      full("Y", 10, area_km2=3)]) == "county X (County X): area_km2 is 0"


def test_missing_coefficient_is_fine_for_a_criterion_without_share():
    params = small_params([("pop", "population", 100), ("need", "service_need", 0)])
    r = compute_county_funding(params, [CountyInput("A", "a", 10), CountyInput("B", "b", 30)])
    assert r.by_code("A").amount("need") == 0 and r.by_code("A").amount("pop") == D(250000)


def test_error_criterion_with_zero_total_units():
    cs = [full("X", 1000, island_population=0), full("Y", 3000, island_population=0)]
    assert _err(LAW, cs) == (
        "criterion sote_island: total units are 0 across the counties; "
        "cannot distribute its share 0.110 %")


def test_error_bad_numbers_and_partial_earlier_costs():
    assert _err(POP_NEED, [replace(A, service_need_coefficient="-1"), B]) == (
        "county A (Alpha): negative service_need_coefficient -1")
    assert _err(POP_NEED, [replace(A, service_need_coefficient="x"), B]) == (
        "county A (Alpha): service_need_coefficient: not a number: 'x'")
    assert _err(POP_NEED, [replace(A, earlier_costs_eur=1), B]) == (
        "county B (Beta): earlier_costs_eur missing (given for other counties; "
        "the transition equalisation needs all or none)")
    costs = [replace(A, earlier_costs_eur=1), replace(B, earlier_costs_eur=1)]
    assert _err(POP_NEED, costs, year=2022) == (
        "no transition equalisation cap for year 2022: schedule starts in 2023")


def test_float_inputs_are_read_exactly():
    r = compute_county_funding(POP_NEED, [replace(A, service_need_coefficient=1.5), B])
    assert r.by_code("A").amount("need") == D(300000)


def test_county_reasons_are_reasons_in_finnish_too():
    from django.utils import translation

    from yhdyspinta.core.localize import error_message
    from yhdyspinta.core.reasons import Reason

    params = load_parameter_set("law_617_2021_level_2022")
    counties = [CountyInput("01", "A", 0)]
    with pytest.raises(FundingInputError) as caught:
        compute_county_funding(params, counties)
    text = caught.value.args[0]
    assert str(caught.value) == "county 01 (A): population 0 (per-resident figures need residents)"
    assert isinstance(text, Reason)
    assert text.template == "%(county)s: population 0 (per-resident figures need residents)"
    with translation.override("fi"):
        assert error_message(caught.value) == (
            "hyvinvointialue 01 (A): väkiluku 0 (asukaskohtaiset luvut edellyttävät asukkaita)")
