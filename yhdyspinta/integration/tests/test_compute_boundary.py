"""Boundary optimiser (missä rajapinta aiheuttaa vähiten vaurioita) vs brute force."""

import math

import numpy as np
import pytest

from yhdyspinta.integration.compute.boundary import (
    UnknownNodeError,
    bootstrap_sides,
    brute_force_boundary,
    damage_of,
    known_need_matrix,
    optimise_boundary,
)
from yhdyspinta.integration.compute.errors import IntegrationComputeError
from yhdyspinta.integration.compute.synthetic import planted_needs

SIDES = ("municipality", "county")


def random_case(rng, n_free, n_fixed):
    n = n_free + n_fixed
    nodes = [f"v{i:02d}" for i in range(n)]
    # weights around the baseline so need − baseline takes both signs; some negative needs
    needs = {(a, b): float(rng.uniform(-30, 230)) for i, a in enumerate(nodes)
             for b in nodes[i + 1:] if rng.random() < 0.85}
    order = rng.permutation(n)
    fixed = {nodes[k]: (SIDES[rng.integers(2)], bool(j < n_fixed)) for j, k in enumerate(order)}
    return nodes, needs, fixed


@pytest.mark.parametrize("case", range(45))
def test_exact_equals_brute_force(case):
    rng = np.random.default_rng(case)
    n_free = int(rng.integers(1, 15))
    nodes, needs, fixed = random_case(rng, n_free, int(rng.integers(0, 4)))
    kt = []
    if case % 3 == 0:
        free = [v for v in nodes if not fixed[v][1]]
        if len(free) >= 3:
            kt = [tuple(rng.choice(free, 2, replace=False))]
    ms = {"county": int(rng.integers(len(nodes) // 3, len(nodes)))} if case % 4 == 1 else None
    try:
        ref, _ref_assign = brute_force_boundary(needs, fixed, keep_together=kt, max_size=ms)
    except IntegrationComputeError:
        with pytest.raises(IntegrationComputeError):
            optimise_boundary(needs, fixed, keep_together=kt, max_size=ms)
        return
    res = optimise_boundary(needs, fixed, keep_together=kt, max_size=ms)
    assert res.exact is True
    assert res.damage == pytest.approx(ref, abs=1e-6)
    for v, (org, is_fixed) in fixed.items():
        if is_fixed:
            assert res.assignment[v] == org
    for a, b in kt:
        assert res.assignment[a] == res.assignment[b]
    if ms:
        assert sum(s == "county" for s in res.assignment.values()) <= ms["county"]
    # recompute the reported figures independently (unknown pairs add nothing by default)
    need, known = known_need_matrix(needs, sorted(fixed))
    x = np.array([SIDES.index(res.assignment[v]) for v in sorted(fixed)])
    w = np.where(known, need - 100, 0.0)
    assert res.damage == pytest.approx(float(damage_of(w, x)))
    assert res.damage <= res.current_damage + 1e-9 or kt or ms


@pytest.mark.parametrize("case", range(10))
def test_heuristic_also_matches_small_cases(case):
    rng = np.random.default_rng(100 + case)
    _nodes, needs, fixed = random_case(rng, 12, 2)
    ref, _ = brute_force_boundary(needs, fixed)
    res = optimise_boundary(needs, fixed, exact_limit=0)
    assert res.exact is False and res.method == "heuristic"
    assert res.damage == pytest.approx(ref, abs=1e-6)


def test_heuristic_path_above_limit_reports_not_exact():
    needs, block = planted_needs((15, 15), seed=1)
    fixed = {v: (SIDES[b], False) for v, b in block.items()}
    res = optimise_boundary(needs, fixed, exact_limit=10)
    assert res.exact is False and res.method == "heuristic"
    # planted halves are the natural boundary
    assert all(res.assignment[v] == res.assignment["n00"] for v, b in block.items() if b == 0)


def test_figures_cut_share_flags_and_move_costs():
    needs = {("a", "b"): 200.0, ("a", "c"): 50.0, ("b", "c"): 20.0, ("c", "d"): 180.0,
             ("a", "d"): -40.0}
    fixed = {"a": ("municipality", True), "b": ("county", False), "c": ("county", False),
             "d": ("county", True)}
    res = optimise_boundary(needs, fixed, baseline=100, flag_above=140)
    # current: a | b c d separated pairs a-b (200), a-c (50), a-d (0)
    assert res.current_cut == pytest.approx(250)
    assert res.current_damage == pytest.approx(100 - 50 - 100)
    total = 200 + 50 + 20 + 180
    assert res.current_cut_share == pytest.approx(250 / total)
    assert res.separated_current[0] == ("a", "b", 200.0)
    assert res.flagged_pairs == 2 and res.current_flagged_cut_share == pytest.approx(0.5)
    ref, _ = brute_force_boundary(needs, fixed)
    assert res.damage == pytest.approx(ref)
    assert res.assignment["b"] == "municipality" and res.assignment["c"] == "county"
    assert set(res.move_cost) == {"b", "c"}
    assert all(v >= -1e-9 for v in res.move_cost.values())  # optimum: no single move helps


def test_unknown_node_is_an_error_but_unmentioned_fixed_node_is_fine():
    fixed = {"a": ("municipality", True), "b": ("county", False), "z": ("county", True)}
    res = optimise_boundary({("a", "b"): 150.0}, fixed)
    assert "z" in res.assignment
    with pytest.raises(UnknownNodeError):
        optimise_boundary({("a", "q"): 150.0}, fixed)


def test_conflicting_keep_together_is_an_error():
    fixed = {"a": ("municipality", True), "b": ("county", True)}
    with pytest.raises(IntegrationComputeError):
        optimise_boundary({("a", "b"): 150.0}, fixed, keep_together=[("a", "b")])


def test_bootstrap_sides_from_answers():
    from yhdyspinta.integration.compute.parties import default_fixed
    from yhdyspinta.integration.compute.synthetic import synthetic_study
    fixed = {k: ("municipality" if o == "other" else o, k not in ("2.3", "2.16", "2.17"))
             for k, (o, _f) in default_fixed().items()}
    shares = bootstrap_sides(synthetic_study(seed=2).answers, fixed, n_boot=5, seed=1)
    assert set(shares) == set(fixed)
    for v, s in shares.items():
        assert s["municipality"] + s["county"] == pytest.approx(1.0)
        if fixed[v][1]:
            assert s[fixed[v][0]] == 1.0
    assert shares["2.17"]["municipality"] >= 0.6  # immigrant services stay municipal


def test_bootstrap_sides_from_callable():
    needs, block = planted_needs((4, 4), seed=1)
    fixed = {v: (SIDES[b], v in ("n0", "n7")) for v, b in block.items()}

    def draw(rng):
        return {k: v + rng.normal(0, 5) for k, v in needs.items()}

    shares = bootstrap_sides(draw, fixed, n_boot=8, seed=3)
    assert shares["n1"]["municipality"] == 1.0


def test_other_organiser_nodes_sit_on_neither_side():
    from yhdyspinta.integration.compute.parties import default_fixed
    fixed = default_fixed()
    needs = {("2.1", "2.19"): 300.0, ("2.3", "2.16"): 180.0, ("2.1", "2.3"): 90.0}
    res = optimise_boundary(needs, fixed, baseline=0)  # damage = cut
    assert res.assignment["2.19"] == "other" and res.current_assignment["2.21"] == "other"
    assert res.assignment["2.16"] == res.assignment["2.3"] == "county"  # 2.16 free, 2.3 fixed
    assert res.current_cut == pytest.approx(180.0)  # 2.1–2.19 ignored, 2.3–2.16 separated
    fixed["2.20"] = ("other", False)  # `other` need not be marked fixed: it is never assigned
    res = optimise_boundary({**needs, ("2.1", "2.20"): 120.0, ("2.16", "2.20"): 160.0}, fixed)
    assert res.assignment["2.20"] == "other"
    side_1, side_16 = res.assignment["2.1"], res.assignment["2.16"]
    expected = {"municipality": 0.0, "county": 0.0}
    expected[side_1] += 120.0
    expected[side_16] += 160.0
    assert res.other_needs["2.20"] == expected
    assert res.other_needs["2.19"][side_1] == 300.0


def seven_nodes():
    """The issue's 7-node shape: 2.16 is rated only towards the municipality's nodes, and
    more than half of its pairs nobody rated."""
    fixed = {"m1": ("municipality", True), "m2": ("municipality", True), "c1": ("county", True),
             "c2": ("county", True), "c3": ("county", True), "c4": ("county", True),
             "x": ("municipality", False)}
    needs = {("m1", "m2"): 150.0, ("c1", "c2"): 150.0, ("c3", "c4"): 150.0, ("c1", "c3"): 130.0,
             ("m1", "x"): 40.0, ("m2", "x"): 70.0, ("c1", "x"): 110.0}
    return needs, fixed


def test_unknown_pairs_add_nothing_by_default_and_the_other_treatments_are_compared():
    needs, fixed = seven_nodes()
    res = optimise_boundary(needs, fixed)
    # x–c2, x–c3, x–c4 unknown: ignored, x costs (40−100)+(70−100) with the municipality
    # side separated vs (110−100) towards c1 → it belongs to the county
    assert res.unknown == "ignore" and ("c2", "x") in res.unknown_pairs
    assert res.assignment["x"] == "county"
    assert res.damage == pytest.approx((40 - 100) + (70 - 100) + (130 - 100) * 0 +
                                       sum(v - 100 for (a, b), v in needs.items()
                                           if {a[0], b[0]} == {"m", "c"}))
    # treating them as need 0 earns −100 each for separating: x stays municipal
    zero = res.alternatives["zero"]
    assert zero["moved"] == ["x"]
    assert res.alternatives["baseline"]["moved"] == []  # same damage weights as ignore
    ref, assign = brute_force_boundary(needs, fixed, unknown="zero")
    assert assign["x"] == "municipality" and zero["damage"] == pytest.approx(ref)


@pytest.mark.parametrize("unknown", ["ignore", "baseline", "zero"])
@pytest.mark.parametrize("case", range(12))
def test_every_treatment_and_other_nodes_equal_brute_force(case, unknown):
    rng = np.random.default_rng(500 + case)
    nodes, needs, fixed = random_case(rng, int(rng.integers(2, 11)), int(rng.integers(0, 3)))
    for v in rng.choice(nodes, int(rng.integers(0, 3)), replace=False):
        fixed[v] = ("other", bool(rng.integers(2)))
    needs = {k: (float("nan") if rng.random() < 0.1 else v) for k, v in needs.items()}
    if all(org == "other" or is_fixed for org, is_fixed in fixed.values()):
        return
    ref, ref_assign = brute_force_boundary(needs, fixed, unknown=unknown)
    res = optimise_boundary(needs, fixed, unknown=unknown)
    assert res.damage == pytest.approx(ref, abs=1e-6)
    assert {v for v, s in res.assignment.items() if s == "other"} == \
        {v for v, s in ref_assign.items() if s == "other"}
    pairs = {(a, b) if a < b else (b, a) for (a, b), v in needs.items() if not math.isnan(v)}
    inner = sorted(v for v in fixed if fixed[v][0] != "other")
    expected_unknown = {(a, b) for i, a in enumerate(inner) for b in inner[i + 1:]
                        if (min(a, b), max(a, b)) not in pairs}
    assert {tuple(sorted(p)) for p in res.unknown_pairs} == expected_unknown


def test_a_treatment_that_does_not_exist_is_refused():
    needs, fixed = seven_nodes()
    with pytest.raises(IntegrationComputeError, match="unknown pairs"):
        optimise_boundary(needs, fixed, unknown="guess")
