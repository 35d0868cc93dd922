"""National parameters of funding years as published (VM releases, the state budget), with sources.

The figures live in ``parameters/national/published_levels.json`` (one entry per year, each value
``{"value", "source"[, "approximate"]}``); they belong to the law set ``law_617_2021_level_2022``
(21.2 bn € at the 2022 price level). ``published_national(year)`` turns a year's figures into the
``NationalLevel`` the calculator takes:

- a year with the price index and service-need growth (2023) builds its level from the set's total
  like any user input, and adds the new-task funding;
- a year with only a published total (2025) uses it as the known level: ``level_eur`` = published
  total − ex-post correction (derived), ``ex_post_correction_eur`` = the published correction, so
  the distributed total is the published one.

``published_level_eur`` is the figure the source states, to compare with (it is rounded where
``approximate``). No Django import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .growth import NationalLevel
from .parameters import PARAMETERS_DIR

PUBLISHED_PATH: Path = PARAMETERS_DIR / "national" / "published_levels.json"
_AMOUNTS = ("price_index_pct", "service_need_growth_pct", "new_tasks_eur", "ex_post_correction_eur",
            "published_level_eur")


@dataclass(frozen=True)
class PublishedYear:
    year: int
    national: NationalLevel
    published_level_eur: Decimal | None
    approximate: bool
    sources: dict[str, str] = field(default_factory=dict)


def _entry(raw: dict) -> PublishedYear:
    year = int(raw["year"])
    unknown = set(raw) - {"year", *_AMOUNTS}
    if unknown:
        raise ValueError(f"{PUBLISHED_PATH.name}, year {year}: unknown key {min(unknown)!r}")
    values = {key: Decimal(str(raw[key]["value"])) for key in _AMOUNTS if key in raw}
    sources = {key: str(raw[key]["source"]) for key in _AMOUNTS if key in raw}
    if not all(sources.values()):
        raise ValueError(f"{PUBLISHED_PATH.name}, year {year}: a value without its source")
    approximate = any(raw[key].get("approximate", False) for key in _AMOUNTS if key in raw)
    correction = values.get("ex_post_correction_eur", Decimal(0))
    published = values.get("published_level_eur")
    if "price_index_pct" in values and "service_need_growth_pct" in values:
        national = NationalLevel(price_index_pct={year: values["price_index_pct"]},
                                 service_need_growth_pct={year: values["service_need_growth_pct"]},
                                 new_tasks_eur=values.get("new_tasks_eur", 0), ex_post_correction_eur=correction)
    elif published is not None:
        national = NationalLevel(level_eur=published - correction, ex_post_correction_eur=correction)
    else:
        raise ValueError(f"{PUBLISHED_PATH.name}, year {year}: neither index and growth nor a published level")
    return PublishedYear(year, national, published, approximate, sources)


def published_years(path: Path | None = None) -> dict[int, PublishedYear]:
    """Every published year, by year."""
    data = json.loads((path or PUBLISHED_PATH).read_text(encoding="utf-8"))
    entries = [_entry(raw) for raw in data["years"]]
    return {e.year: e for e in entries}


def published_national(year: int) -> PublishedYear | None:
    """The published national parameters of ``year``, or None when none were found."""
    return published_years().get(year)
