"""The funding law in force: equalisation at a common price level, the national level, bilingualism."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.funding.compute import (
    CountyInput,
    FundingInputError,
    NationalLevel,
    compute_county_funding,
    funding_level,
    load_parameter_set,
)
from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs

from .test_compute_county import counties, small_params

LAW = load_parameter_set("law_617_2021_level_2022")
SEED = load_parameter_set("seed_004_proposal")
TOL = D("1e-3")  # euros, on totals of billions


def test_done_when_2023_total_at_the_set_level_after_equalisation():
    # The figure: 2023 level 22.5 bn €. Before the fix the equalisation took −1.30 bn €
    # and the total fell to 21.2 bn € (unindexed earlier costs); now it is exactly 22.5 bn €.
    level = NationalLevel(level_eur="22500000000")
    r = compute_county_funding(LAW, demo_county_inputs(LAW), year=2023, national=level)
    after = sum(c.funding_after_eur for c in r.counties)
    assert abs(r.total_funding_eur - D("22.5e9")) < TOL
    assert abs(after - D("22.5e9")) < TOL
    assert abs(r.equalisation_total_eur) < TOL


def test_national_level_by_hand():
    # 21.2 bn at the 2022 level; 2023: index 5 %, growth 2 % (+0.2 extra 2023–2029), new tasks 10 M,
    # ex-post correction 100 M → 21.2e9 × 1.05 × 1.022 + 110e6.
    n = NationalLevel(price_index_pct={2023: 5}, service_need_growth_pct={2023: 2},
                      new_tasks_eur=10_000_000, ex_post_correction_eur="100000000")
    assert funding_level(LAW, 2023, n) == D("21.2e9") * D("1.05") * D("1.022") + D("110e6")
    with pytest.raises(FundingInputError, match=r"^price index change missing for year 2024$"):
        funding_level(LAW, 2024, n)
    with pytest.raises(FundingInputError, match=r"^the national funding level of 2023 must be positive"):
        funding_level(LAW, 2023, NationalLevel(level_eur=1, ex_post_correction_eur=-2))


def test_ex_post_correction_is_distributed_in_proportion_to_funding():
    cs = demo_county_inputs(LAW)
    plain = compute_county_funding(LAW, cs, year=2024, national=NationalLevel(level_eur="23e9"))
    more = compute_county_funding(LAW, cs, year=2024, national=NationalLevel(
        level_eur="23e9", ex_post_correction_eur="1.41e9"))
    for a, b in zip(plain.counties, more.counties, strict=True):
        assert abs(b.computed_funding_eur / a.computed_funding_eur - D("24.41") / D(23)) < D("1e-12")
        assert b.equalisation_eur == a.equalisation_eur


@settings(max_examples=40, deadline=None)
@given(counties(with_costs=True), st.decimals(min_value=D("1e9"), max_value=D("40e9"), places=0))
def test_property_first_year_total_after_equalisation_is_the_level(cs, level):
    for params in (LAW, SEED):
        r = compute_county_funding(params, cs, year=2023, national=NationalLevel(level_eur=level))
        assert abs(sum(c.funding_after_eur for c in r.counties) - r.total_funding_eur) < TOL
    r = compute_county_funding(LAW, cs, year=2023, national=NationalLevel(level_eur=level))
    assert abs(r.total_funding_eur - level) < TOL


@settings(max_examples=40, deadline=None)
@given(counties(with_costs=True), st.integers(2023, 2040),
       st.decimals(min_value=D("0.5"), max_value=D(3), places=3))
def test_property_uniform_national_increase_changes_no_equalisation(cs, year, factor):
    low = compute_county_funding(LAW, cs, year=year, national=NationalLevel(level_eur="20e9"))
    high = compute_county_funding(LAW, cs, year=year, national=NationalLevel(level_eur=D("20e9") * factor))
    scaled = compute_county_funding(LAW, [replace(c, earlier_costs_eur=c.earlier_costs_eur * 7) for c in cs],
                                    year=year)
    for a, b, c in zip(low.counties, high.counties, scaled.counties, strict=True):
        assert abs(a.equalisation_per_resident - b.equalisation_per_resident) < D("1e-9")
        assert abs(a.equalisation_per_resident - c.equalisation_per_resident) < D("1e-9")


@settings(max_examples=40, deadline=None)
@given(counties(with_costs=True), st.integers(2023, 2040))
def test_property_caps_never_exceeded(cs, year):
    cap = SEED.transition_cap(year)
    r = compute_county_funding(SEED, cs, year=year, national=NationalLevel(level_eur="30e9"))
    for c in r.counties:
        assert -cap.down - D("1e-9") <= c.change_per_resident + c.equalisation_per_resident <= cap.up + D("1e-9")
    assert abs(sum(c.change_per_resident * c.population for c in r.counties)) < TOL


def _bilingual_set(weight):
    data_params = small_params([("pop", "population", 50), ("bil", "population", 50)])
    crit = replace(data_params.criterion("bil"), unit="bilingual_swedish", swedish_weight=D(weight))
    return replace(data_params, criteria=(data_params.criteria[0], crit))


def test_bilingual_weighted_by_swedish_speakers_by_hand():
    # w = 0.75: A (bilingual, 1000 residents, 400 Swedish speakers) 1000 × 0.25 + 400 × 0.75 = 550 units;
    # B (bilingual, 3000, 100) 750 + 75 = 825; C not bilingual → 0. Pool 500 000 → A 200 000, B 300 000.
    a = CountyInput("A", "a", 1000, bilingual=True, swedish_speakers=400)
    b = CountyInput("B", "b", 3000, bilingual=True, swedish_speakers=100)
    c = CountyInput("C", "c", 1000)
    r = compute_county_funding(_bilingual_set("0.75"), [a, b, c])
    assert (r.by_code("A").amount("bil"), r.by_code("B").amount("bil")) == (D(200000), D(300000))
    assert r.by_code("C").amount("bil") == 0
    with pytest.raises(FundingInputError, match="swedish_speakers missing, required by criterion bil"):
        compute_county_funding(_bilingual_set("0.75"), [a, replace(b, swedish_speakers=None), c])


def test_swedish_weight_is_validated():
    from yhdyspinta.funding.compute import validate
    with pytest.raises(FundingInputError, match=r"swedish_weight must be within \[0, 1\], got 2"):
        validate(_bilingual_set("2"))
    with pytest.raises(FundingInputError, match="unit bilingual_swedish needs swedish_weight"):
        p = _bilingual_set("0.5")
        validate(replace(p, criteria=(p.criteria[0], replace(p.criteria[1], swedish_weight=None))))


def test_swedish_speakers_column_reaches_the_bilingual_swedish_rule():
    from yhdyspinta.funding.inputs import read_county_csv

    cs = read_county_csv(b"code;name;population;bilingual;swedish_speakers\n"
                         b"A;a;1000;1;400\nB;b;3000;kyll\xc3\xa4;100\nC;c;1000;0;\n", name="counties.csv")
    r = compute_county_funding(_bilingual_set("0,75".replace(",", ".")), cs)
    assert (r.by_code("A").amount("bil"), r.by_code("B").amount("bil")) == (D(200000), D(300000))
