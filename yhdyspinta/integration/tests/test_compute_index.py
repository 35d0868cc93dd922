"""Index (integraatiotarve): exact mean 100 / SD 40, dropping rules, cells, symmetry."""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yhdyspinta.integration.compute.errors import IntegrationComputeError
from yhdyspinta.integration.compute.index import (
    cell_matrix,
    compare_by,
    compute_index,
    flags,
    symmetric_need,
)


def frame(rows, extra=None):
    cols = ["respondent_id", "group", "party", "frequency", "mutuality", "need"]
    df = pl.DataFrame(rows, schema={c: (pl.Float64 if k >= 3 else pl.String)
                                    for k, c in enumerate(cols)}, orient="row")
    if extra:
        df = df.with_columns(pl.Series(k, v) for k, v in extra.items())
    return df


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 400), st.floats(0, 0.4))
def test_index_mean_100_sd_40(seed, n, p_missing):
    rng = np.random.default_rng(seed)
    x = np.column_stack([rng.integers(0, 5, n), rng.integers(0, 3, n),
                         rng.integers(0, 5, n)]).astype(float)
    x[rng.random((n, 3)) < p_missing] = np.nan
    x[:3] = [[0, 0, 0], [4, 2, 4], [2, 1, 3]]  # guarantee spread in every item
    rows = [(f"r{i}", "2.1", "2.2", *(None if np.isnan(v) else v for v in x[i])) for i in range(n)]
    res = compute_index(frame(rows))
    idx = res.answers["index"].drop_nulls().to_numpy()
    assert len(idx) == res.answers_used
    assert res.answers_used + res.answers_dropped == n
    assert abs(idx.mean() - 100) < 1e-9
    assert abs(idx.std() - 40) < 1e-9
    assert abs(res.mean - 100) < 1e-9 and abs(res.sd - 40) < 1e-9


def test_dropping_rule_counts_answers_with_fewer_than_two_items():
    rows = [("a", "2.1", "2.2", 0, 0, 0), ("b", "2.1", "2.2", 4, 2, 4),
            ("c", "2.1", "2.2", 2, None, 3), ("d", "2.1", "2.2", None, None, 4),
            ("e", "2.1", "2.2", None, None, None), ("f", "2.1", "2.2", 1, 1, None)]
    res = compute_index(frame(rows))
    assert res.answers_used == 4
    assert res.answers_dropped == 2
    kept = res.answers.filter(pl.col("index").is_not_null())["respondent_id"].to_list()
    assert kept == ["a", "b", "c", "f"]


def test_standardisation_matches_hand_computation():
    rows = [("a", "g", "p", 0, 0, 0), ("b", "g", "p", 2, 1, 2), ("c", "g", "p", 4, 2, 4),
            ("d", "g", "p", 4, None, 0)]
    res = compute_index(frame(rows))
    x = np.array([[0, 0, 0], [2, 1, 2], [4, 2, 4], [4, np.nan, 0]])
    z = (x - np.nanmean(x, 0)) / np.nanstd(x, 0)
    avg = np.nanmean(z, 1)
    expected = 100 + 40 * (avg - avg.mean()) / avg.std()
    assert np.allclose(res.answers["index"].to_numpy(), expected)


def test_zero_spread_is_a_clear_error():
    rows = [("a", "g", "p", 2, 1, 0), ("b", "g", "p", 2, 0, 4), ("c", "g", "p", 2, 2, 1)]
    with pytest.raises(IntegrationComputeError, match="frequency has zero spread"):
        compute_index(frame(rows))


def _study():
    from yhdyspinta.integration.compute.synthetic import synthetic_study
    return synthetic_study(seed=3)


def test_cells_bootstrap_interval_contains_mean_and_n_matches():
    res = compute_index(_study().answers)
    cells = cell_matrix(res, n_boot=300, seed=5)
    fast = {(c.group, c.party): c for c in cell_matrix(res, n_boot=0)}
    assert len(cells) == len(fast)
    for c in cells:
        assert c.ci_low <= c.mean_index <= c.ci_high
        f = fast[(c.group, c.party)]
        assert f.n == c.n and abs(f.mean_index - c.mean_index) < 1e-9
    again = cell_matrix(res, n_boot=300, seed=5)
    assert [c.ci_low for c in again] == [c.ci_low for c in cells]  # seeded


def test_symmetric_need_means_both_directions_or_takes_the_one():
    rows = [("r1", "A", "B", 4, 2, 4), ("r2", "B", "A", 0, 0, 0), ("r3", "A", "C", 2, 1, 2),
            ("r4", "C", "C", 1, 1, 1)]
    cells = cell_matrix(compute_index(frame(rows)), n_boot=0)
    by = {(c.group, c.party): c.mean_index for c in cells}
    sym = symmetric_need(cells)
    assert set(sym) == {("A", "B"), ("A", "C")}
    assert sym[("A", "B")] == pytest.approx((by[("A", "B")] + by[("B", "A")]) / 2)
    assert sym[("A", "C")] == pytest.approx(by[("A", "C")])


def test_flags_above_threshold_only():
    cells = cell_matrix(compute_index(_study().answers), n_boot=0)
    fl = flags(cells, 140)
    assert fl and all(c.mean_index > 140 for c in fl)
    assert len(fl) == sum(c.mean_index > 140 for c in cells)


def test_compare_by_size_group_difference_and_interval():
    res = compute_index(_study().answers)
    comp = compare_by(res, "size_group", "large", by=(), n_boot=500, seed=2)
    assert len(comp) == 1
    c = comp[0]
    ans = res.answers.filter(pl.col("index").is_not_null())
    ma = ans.filter(pl.col("size_group") == "large")["index"].mean()
    mb = ans.filter(pl.col("size_group") != "large")["index"].mean()
    assert c.diff == pytest.approx(ma - mb)
    assert c.ci_low <= c.diff <= c.ci_high
    per_cell = compare_by(res, "size_group", "large", n_boot=50)
    assert {(x.group, x.party) for x in per_cell} == {
        (x.group, x.party) for x in cell_matrix(res, n_boot=0)}


def test_the_comparison_resamples_respondents_not_answers():
    """Hand-computed: side a has respondent A (three answers of 100) and B (one answer of 50).
    Resampling two respondents gives only the means 100 (AA), 87.5 (AB: 350 / 4) and 50 (BB),
    so the 95 % interval of side a is [50, 100] exactly; resampling the four answers would
    almost never reach 50. Side b is one respondent with 80: its mean never moves."""
    import polars as pl

    from yhdyspinta.integration.compute.index import cluster_bootstrap_means
    rows = [("A", 100.0, "a")] * 3 + [("B", 50.0, "a"), ("C", 80.0, "b")]
    df = pl.DataFrame({"respondent_id": [r[0] for r in rows], "group": ["2.1"] * 5,
                       "party": [f"2.{k}" for k in (2, 3, 4, 2, 2)], "index": [r[1] for r in rows],
                       "side": [r[2] for r in rows]})
    (comp,) = compare_by(df, "side", "a", by=("group",), n_boot=4000, seed=5)
    assert comp.mean_a == pytest.approx(87.5) and comp.mean_b == 80.0 and comp.diff == pytest.approx(7.5)
    assert (comp.ci_low, comp.ci_high) == (pytest.approx(50 - 80), pytest.approx(100 - 80))
    means = cluster_bootstrap_means(np.array([300.0, 50.0]), np.array([3, 1]), 4000,
                                    np.random.default_rng(1))
    assert set(np.round(means, 6)) == {100.0, 87.5, 50.0}


def test_intervals_do_not_depend_on_the_import_order():
    from yhdyspinta.integration.compute.synthetic import synthetic_study
    study = synthetic_study(seed=3)
    shuffled = study.answers.sample(fraction=1.0, shuffle=True, seed=11)
    a, b = compute_index(study.answers), compute_index(shuffled)
    def flat(items):  # the index itself may differ in the last bit (summation order)
        return [round(x, 9) if isinstance(x, float) else x for item in items for x in vars(item).values()]

    assert flat(cell_matrix(a, n_boot=200, seed=4)) == flat(cell_matrix(b, n_boot=200, seed=4))
    assert flat(compare_by(a, "size_group", "large", by=("group",), n_boot=200, seed=4)) == \
        flat(compare_by(b, "size_group", "large", by=("group",), n_boot=200, seed=4))
    groups = [c.group for c in compare_by(a, "size_group", "large", by=("group",), n_boot=0)]
    assert groups.index("2.2") < groups.index("2.10")  # natural order, not text order
