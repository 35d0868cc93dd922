"""Plain computation: goal progress states, the composite index against hand-computed values, charts."""

import pytest

from yhdyspinta.indicators.compute.charts import line_chart
from yhdyspinta.indicators.compute.composite import Component, composite, scale
from yhdyspinta.indicators.compute.picture import differences, latest
from yhdyspinta.indicators.compute.progress import BEHIND, NO_DATA, ON_TRACK, path_value, progress

GOAL_UP = {"baseline_year": 2020, "baseline_value": 10.0, "target_year": 2030, "target_value": 20.0, "direction": "up"}
GOAL_DOWN = {**GOAL_UP, "baseline_value": 30.0, "target_value": 20.0, "direction": "down"}


def test_path_is_linear_and_stays_at_target():
    assert path_value(2025, 2020, 10, 2030, 20) == 15
    assert path_value(2035, 2020, 10, 2030, 20) == 20
    assert path_value(2019, 2020, 10, 2030, 20) == 10


@pytest.mark.parametrize("series, goal, state, path", [
    ({2024: 14.5}, GOAL_UP, ON_TRACK, 14.0),       # path 14 in 2024, 14.5 ≥ 14
    ({2024: 14.0}, GOAL_UP, ON_TRACK, 14.0),       # exactly on the path
    ({2024: 13.9, 2023: 99}, GOAL_UP, BEHIND, 14.0),  # only the latest year counts
    ({2024: 26.5}, GOAL_DOWN, BEHIND, 26.0),        # lower is better: 26.5 is above the path value 26
    ({2024: 25.0}, GOAL_DOWN, ON_TRACK, 26.0),
    ({2022: 27.0}, GOAL_DOWN, ON_TRACK, 28.0),
    ({2031: 20.5}, GOAL_DOWN, BEHIND, 20.0),
    ({}, GOAL_UP, NO_DATA, None),
    ({2019: 50.0}, GOAL_UP, NO_DATA, None),          # before the baseline year
    ({2024: None}, GOAL_UP, NO_DATA, None),
])
def test_progress_states(series, goal, state, path):
    result = progress(series, **goal)
    assert result.state == state
    assert result.path_value == path


def test_composite_against_hand_computed_values():
    comps = [Component("a", 0, 50, 2, "up"), Component("b", 10, 30, 1, "down"), Component("c", 0, 10, 1, "up")]
    result = composite(comps, {"a": 40, "b": 15, "c": 12})
    # a: 40/50*100 = 80; b: 100 - (15-10)/20*100 = 75; c: 120 → clipped 100
    assert result.scores == {"a": 80.0, "b": 75.0, "c": 100.0}
    # (2*80 + 75 + 100) / 4 = 83.75
    assert result.index == pytest.approx(83.75)
    low = composite(comps, {"a": -5, "b": 35, "c": 0})
    assert low.scores == {"a": 0.0, "b": 0.0, "c": 0.0} and low.index == 0
    missing = composite(comps, {"a": 40, "b": None})
    assert missing.index is None and missing.missing == ["b", "c"]


def test_scale_refuses_bad_bounds():
    assert scale(5, 0, 10, "down") == 50
    with pytest.raises(ValueError):
        scale(1, 5, 5)


def test_latest_and_differences():
    assert latest({2020: 1.0, 2022: None, 2021: 2.0}) == (2021, 2.0)
    assert latest({}) == (None, None)
    diffs = differences(100.0, {"x": 90.0, "y": 130.0, "z": 101.0, "w": None}, limit=2)
    assert diffs == [("y", 30.0), ("x", -10.0)]
    assert differences(None, {"x": 1}) == []


def test_line_chart_has_a_label_and_dashed_second_series():
    svg = line_chart([("Alue", [(2020, 1.0), (2021, 2.0)]), ("Koko maa", [(2020, 1.5), (2021, None)])],
                     title="Testi <x>")
    assert 'role="img"' in svg and 'aria-label="Testi &lt;x&gt;"' in svg
    assert svg.count("<polyline") == 2 and "chart-line chart-line-1" in svg
    assert line_chart([("Alue", [])], title="t") == ""
