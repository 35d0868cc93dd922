"""Situational picture helpers: latest values and the municipalities that differ most from the county."""


def latest(series: dict[int, float | None]) -> tuple[int | None, float | None]:
    years = [y for y, v in series.items() if v is not None]
    if not years:
        return None, None
    year = max(years)
    return year, series[year]


def differences(county_value: float | None, municipal: dict, *, limit: int = 3) -> list[tuple[object, float]]:
    """Municipalities whose value differs most from the county's, as (key, relative difference %)."""
    if county_value in (None, 0):
        return []
    diffs = [(key, (value - county_value) / abs(county_value) * 100.0)
             for key, value in municipal.items() if value is not None]
    diffs.sort(key=lambda kv: abs(kv[1]), reverse=True)
    return diffs[:limit]
