"""Municipal side of the transfer: hand examples, neutrality, cap property, errors."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.funding.compute import (
    FundingInputError,
    MunicipalityInput,
    compute_municipal_transfer,
    load_parameter_set,
)
from yhdyspinta.funding.compute.municipal import distribution, neutral_shift, quantile

SEED = load_parameter_set("seed_004_proposal")
EPS = D("1e-12")

# M1, 1000 residents: costs 3 000 000 + 100 000 = 3 100 000; revenue 1 000 000 subsidies
#   + 10 000 000 × 10 % tax cut + 1 000 000 corporate tax = 3 000 000 → change +100 €/res.
# M2, 2000 residents: costs 2 900 000; revenue 3 000 000 → change −50 €/res.
M1 = MunicipalityInput("001", "Yksi", 1000, "05", sote_net_costs_eur=3_000_000,
                       rescue_net_costs_eur=100_000, state_subsidies_moved_eur=1_000_000,
                       income_tax_base_eur=10_000_000, corporate_tax_moved_eur=1_000_000,
                       income_tax_cut_pp=10)
M2 = MunicipalityInput("002", "Kaksi", 2000, "05", sote_net_costs_eur=2_900_000,
                       state_subsidies_moved_eur=1_000_000, income_tax_base_eur=10_000_000,
                       corporate_tax_moved_eur=1_000_000, income_tax_cut_pp=10)


def test_hand_example_balance_change():
    r = compute_municipal_transfer(SEED, [M1, M2], neutral=False)
    m1, m2 = r.by_code("001"), r.by_code("002")
    assert (m1.costs_moved_eur, m1.revenue_lost_eur) == (D(3_100_000), D(3_000_000))
    assert (m1.balance_change_eur, m1.balance_change_per_resident) == (D(100_000), D(100))
    assert m2.balance_change_per_resident == D(-50)


def test_hand_example_equalisation_without_neutrality():
    # Cap ±60: M1 +100 → 60, equalisation −40 €/res = −40 000 €; M2 −50 within → 0.
    # The state keeps the 40 000 €.
    r = compute_municipal_transfer(SEED, [M1, M2], neutral=False)
    m1, m2 = r.by_code("001"), r.by_code("002")
    assert (m1.result_per_resident, m1.equalisation_eur) == (D(60), D(-40000))
    assert (m2.result_per_resident, m2.equalisation_eur) == (D(-50), D(0))
    assert r.equalisation_net_eur == D(-40000) and r.financing_per_resident == 0


def test_hand_example_neutral_equalisation():
    # Σ pop × change = 100 000 − 100 000 = 0, so the equalisations must sum to 0.
    # Uniform term a with M1 capped: 60 × 1000 + (−50 + a) × 2000 = 0 → a = 20
    # (M1: 100 + 20 = 120 → capped at 60; M2: −30, inside).
    # Equalisation: M1 60 − 100 = −40 €/res (−40 000), M2 −30 + 50 = +20 €/res (+40 000).
    r = compute_municipal_transfer(SEED, [M1, M2])
    m1, m2 = r.by_code("001"), r.by_code("002")
    assert r.financing_per_resident == D(20)
    assert (m1.result_per_resident, m1.equalisation_eur) == (D(60), D(-40000))
    assert (m2.result_per_resident, m2.equalisation_eur) == (D(-30), D(40000))
    assert r.equalisation_net_eur == 0


def test_neutrality_impossible_when_mean_change_beyond_cap():
    # Both +100: mean beyond +60 → all end at +60, residual −80 000 borne by the state.
    m2 = replace(M2, sote_net_costs_eur=3_200_000)  # change (3.2M − 3.0M)/2000 = +100
    r = compute_municipal_transfer(SEED, [M1, m2])
    assert [m.result_per_resident for m in r.municipalities] == [D(60), D(60)]
    assert r.equalisation_net_eur == D(-120000)


def test_population_growth_criterion_and_asset_compensation():
    # 29 M€ to growth: only M1 grew (900 → 1000) → gross 29 000 000 to M1.
    # Financing equal €/resident: 29 000 000 / 3000 residents → M1 −9 666 666.67, M2 −19 333 333.33.
    # Asset compensation above 0.5 % of the tax base: M1 loss 80 000 − 50 000 = 30 000; M2 0.
    m1 = replace(M1, previous_population=900, asset_arrangement_loss_eur=80_000)
    m2 = replace(M2, previous_population=2100, asset_arrangement_loss_eur=40_000)
    r = compute_municipal_transfer(SEED, [m1, m2])
    a, b = r.by_code("001"), r.by_code("002")
    assert r.population_growth_applied
    assert (a.population_growth_eur, b.population_growth_eur) == (D(29_000_000), D(0))
    assert abs(a.population_growth_financing_eur + D(29_000_000) / 3) < EPS
    assert abs(b.population_growth_financing_eur + D(58_000_000) / 3) < EPS
    assert (a.asset_compensation_eur, b.asset_compensation_eur) == (D(30_000), D(0))
    # total M1 = 60 × 1000 + 29 000 000 − 9 666 666.67 + 30 000 = 19 423 333.33
    assert a.total_effect_eur.quantize(D("0.01")) == D("19423333.33")
    growth_net = sum(m.population_growth_eur + m.population_growth_financing_eur
                     for m in r.municipalities)
    assert abs(growth_net) < D("1e-9")


def test_default_tax_cut_comes_from_the_parameter_set():
    m = replace(M1, income_tax_cut_pp=None)  # seed: 13.0 points → 1 300 000 from the base
    r = compute_municipal_transfer(SEED, [m, M2], neutral=False)
    assert r.by_code("001").revenue_lost_eur == D(3_300_000)


def test_quartiles_by_hand():
    assert quantile([D(1), D(2), D(3), D(4), D(5)], D("0.25")) == D(2)
    s = distribution([D(4), D(1), D(3), D(2)])
    assert (s.minimum, s.q1, s.median, s.q3, s.maximum) == (
        D(1), D("1.75"), D("2.5"), D("3.25"), D(4))
    assert s.count == 4
    single = distribution([D(7)])
    assert single.q1 == single.maximum == D(7)


def test_neutral_shift_zero_when_all_inside():
    assert neutral_shift([D(10), D(-10)], [5, 5], D(60)) == 0


# --- properties ----------------------------------------------------------------------------

@st.composite
def municipalities(draw):
    n = draw(st.integers(1, 12))
    result = []
    for i in range(n):
        pop = draw(st.integers(1, 700_000))
        result.append(MunicipalityInput(
            f"{i:03d}", f"K{i}", pop,
            sote_net_costs_eur=draw(st.integers(0, pop * 6000)),
            rescue_net_costs_eur=draw(st.integers(0, pop * 200)),
            state_subsidies_moved_eur=draw(st.integers(0, pop * 2500)),
            income_tax_base_eur=draw(st.integers(0, pop * 30000)),
            corporate_tax_moved_eur=draw(st.integers(0, pop * 300)),
            previous_population=draw(st.integers(0, 700_000)),
        ))
    return [replace(result[0], previous_population=result[0].population - 1), *result[1:]]


@settings(max_examples=80, deadline=None)
@given(municipalities(), st.booleans())
def test_property_result_always_within_cap(ms, neutral):
    r = compute_municipal_transfer(SEED, ms, neutral=neutral)
    cap = SEED.municipal.balance_cap_eur_per_resident
    for m in r.municipalities:
        assert -cap <= m.result_per_resident <= cap
        assert abs(m.balance_change_per_resident + m.equalisation_per_resident
                   - m.result_per_resident) < EPS
    assert -cap <= r.stats_after.minimum <= r.stats_after.maximum <= cap


@settings(max_examples=80, deadline=None)
@given(municipalities())
def test_property_neutral_when_feasible(ms):
    r = compute_municipal_transfer(SEED, ms)
    total_pop = sum(m.population for m in ms)
    mean = sum(m.balance_change_eur for m in r.municipalities) / total_pop
    if abs(mean) < SEED.municipal.balance_cap_eur_per_resident:
        assert abs(r.equalisation_net_eur) < D("1e-9") * total_pop


# --- errors --------------------------------------------------------------------------------

def _err(ms, params=SEED):
    with pytest.raises(FundingInputError) as exc:
        compute_municipal_transfer(params, ms)
    return str(exc.value)


def test_errors():
    assert _err([]) == "no municipalities in the inputs"
    assert _err([replace(M1, population=0)]) == (
        "municipality 001 (Yksi): population must be positive, got 0")
    assert _err([replace(M1, population=-3)]) == (
        "municipality 001 (Yksi): population must be positive, got -3")
    assert _err([replace(M1, population="9")]) == (
        "municipality 001 (Yksi): population must be an integer")
    assert _err([M1, M1]) == "municipality 001 appears twice in the inputs"
    assert _err([replace(M1, previous_population=5), M2]) == (
        "municipality 002 (Kaksi): previous_population missing (given for others; "
        "the population-growth criterion needs all or none)")
    assert _err([replace(M1, previous_population=-1)]) == (
        "municipality 001 (Yksi): negative previous_population")
    assert _err([replace(M1, previous_population=2000), replace(M2, previous_population=2000)]) == (
        "population-growth criterion: no municipality grew; cannot distribute 29000000 €")
    assert _err([replace(M1, sote_net_costs_eur="many")]) == (
        "municipality 001 (Yksi): sote_net_costs_eur: not a number: 'many'")


def _neutral_shift_by_scan(changes, populations, cap):
    """The first implementation: every breakpoint evaluated in turn (O(n²)), kept as the reference."""
    from yhdyspinta.funding.compute.transition import clamp

    pops = [D(p) for p in populations]
    target = sum((p * c for p, c in zip(pops, changes)), D(0))
    total = sum(pops, D(0))
    if target >= cap * total:
        return cap - min(changes)
    if target <= -cap * total:
        return -cap - max(changes)

    def f(a):
        return sum((p * clamp(c + a, cap, cap) for p, c in zip(pops, changes)), D(0))

    points = sorted({b for c in changes for b in (-cap - c, cap - c)})
    prev_a, prev_f = points[0], f(points[0])
    for a in points[1:]:
        fa = f(a)
        if fa >= target:
            return a if fa == prev_f else prev_a + (target - prev_f) * (a - prev_a) / (fa - prev_f)
        prev_a, prev_f = a, fa
    return points[-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-400, 400), st.integers(1, 700_000)), min_size=1, max_size=40),
       st.sampled_from([D(1), D(60), D(100), D("0.5")]))
def test_neutral_shift_bisection_equals_the_scan(rows, cap):
    changes = [D(c) for c, _p in rows]
    populations = [p for _c, p in rows]
    assert neutral_shift(changes, populations, cap) == _neutral_shift_by_scan(changes, populations, cap)
