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
