"""Cronbach's α, item–total correlations and response rates against hand computation."""

import polars as pl
import pytest

from yhdyspinta.integration.compute.reliability import reliability, response_rates


def test_alpha_and_item_total_by_hand():
    # three answers: items (1, 2, 2), (2, 3, 2), (3, 4, 5)
    df = pl.DataFrame({"frequency": [1.0, 2.0, 3.0], "mutuality": [2.0, 3.0, 4.0], "need": [2.0, 2.0, 5.0],
                       "other": ["a", "b", "c"]})
    r = reliability(df)
    # population variances: 2/3, 2/3, 2; totals 5, 7, 12 → variance 26/3
    assert r.answers == 3
    assert r.alpha == pytest.approx(3 / 2 * (1 - (2 / 3 + 2 / 3 + 2) / (26 / 3)))
    # frequency vs the rest (4, 5, 9): r = 0.9449…
    assert r.item_total["frequency"] == pytest.approx(0.944911, abs=1e-6)


def test_incomplete_answers_are_left_out_and_constant_items_give_none():
    df = pl.DataFrame({"frequency": [1.0, None, 2.0, 3.0], "mutuality": [1.0, 1.0, 1.0, 1.0],
                       "need": [0.0, 4.0, 1.0, 2.0]})
    r = reliability(df)
    assert r.answers == 3 and r.item_total["mutuality"] is None
    assert reliability(df.head(1)).alpha is None


def test_response_rates_per_group_in_natural_order():
    rows = [("2.10", True), ("2.2", True), ("2.2", False), (None, False)]
    assert response_rates(rows) == [
        {"group": "2.2", "started": 2, "submitted": 1, "completion": 0.5},
        {"group": "2.10", "started": 1, "submitted": 1, "completion": 1.0},
        {"group": None, "started": 1, "submitted": 0, "completion": 0.0}]
