"""Goal progress (tavoitteen eteneminen) from the latest value: on track / behind / no data.

Rule (docs/indicators.md): the path runs linearly from (baseline year, baseline value) to
(target year, target value) and stays at the target after the target year. The latest value
from the baseline year on is compared with the path value of its year: on track when it is at
least as good as the path in the desired direction, behind otherwise. No value from the
baseline year on → no data.
"""

from dataclasses import dataclass

ON_TRACK, BEHIND, NO_DATA = "on_track", "behind", "no_data"


@dataclass(frozen=True)
class Progress:
    state: str
    year: int | None = None
    value: float | None = None
    path_value: float | None = None


def path_value(year, baseline_year, baseline_value, target_year, target_value) -> float:
    if target_year <= baseline_year:
        return target_value
    share = min(max((year - baseline_year) / (target_year - baseline_year), 0.0), 1.0)
    return baseline_value + (target_value - baseline_value) * share


def progress(series: dict[int, float | None], *, baseline_year, baseline_value, target_year, target_value,
             direction: str) -> Progress:
    """`series`: {year: value}; direction "up" (higher is better) or "down"."""
    years = sorted(y for y, v in series.items() if v is not None and y >= baseline_year)
    if not years:
        return Progress(NO_DATA)
    year = years[-1]
    value = series[year]
    expected = path_value(year, baseline_year, baseline_value, target_year, target_value)
    good = value >= expected if direction == "up" else value <= expected
    return Progress(ON_TRACK if good else BEHIND, year, value, expected)
