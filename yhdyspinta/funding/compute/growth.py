"""National funding level of a year (koko maan rahoituksen taso).

The set's ``total_funding_eur`` is at the price level of ``price_level_year``
(the law set: 21.2 bn € at the 2022 level). The level of a later year is

    level(Y) = total × Π_{y = price_level_year+1 … Y} (1 + index_y/100) × (1 + growth_y/100)
               + new_tasks_eur + ex_post_correction_eur

where ``index_y`` is the change of the price index (hyvinvointialueindeksi)
and ``growth_y`` the service-need growth (palvelutarpeen kasvu) plus the set's
``funding_growth.extra_points`` in the years it is in force. New-task funding
(uusien tehtävien rahoitus) and the ex-post correction (jälkikäteistarkistus)
of the year are added in euros and, like the rest, distributed by the
criteria (the correction is allocated in proportion to funding). A known
level (e.g. the budget's figure) can be given instead of the build-up with
``NationalLevel.level_eur``. Simplification: the law's 80 % rule for
service-need growth is not modelled; pass the counted growth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError
from .parameters import HUNDRED, ParameterSet, to_decimal


@dataclass(frozen=True)
class NationalLevel:
    """National parameters of the funding year; every euro amount and percent may be str/int/Decimal.

    ``price_index_pct`` and ``service_need_growth_pct`` map year → percent for each year after
    the set's price level year up to the funding year. ``level_eur`` (optional) is the year's
    level before new tasks and the ex-post correction and replaces the build-up.
    """

    price_index_pct: Mapping[int, Any] = field(default_factory=dict)
    service_need_growth_pct: Mapping[int, Any] = field(default_factory=dict)
    new_tasks_eur: Any = 0
    ex_post_correction_eur: Any = 0
    level_eur: Any = None


def growth_rate_pct(params: ParameterSet, year: int, service_need_growth_pct: Any) -> Decimal:
    """The year's raise in percent: service-need growth + the extra points if in force."""
    rate = to_decimal(service_need_growth_pct, reason("service-need growth %(year)s", year=year))
    g = params.funding_growth
    if g is not None and g.first_year <= year <= g.last_year:
        rate += g.extra_points
    return rate


def national_funding(
    params: ParameterSet, year: int, service_need_growth_pct: Mapping[int, Any]
) -> Decimal:
    """Total funding of ``year``: the set's total raised by service-need growth only (no price index)."""
    return funding_level(params, year, NationalLevel(
        price_index_pct={y: 0 for y in range(params.price_level_year + 1, year + 1)},
        service_need_growth_pct=service_need_growth_pct,
    ))


def funding_level(params: ParameterSet, year: int, national: NationalLevel) -> Decimal:
    """The national funding of ``year`` (see the module docstring)."""
    start = params.price_level_year
    if year < start:
        raise FundingInputError(reason("year %(year)s is before the parameter set's year %(set_year)s",
                                       year=year, set_year=start))
    if national.level_eur is not None:
        total = to_decimal(national.level_eur, reason("funding level %(year)s", year=year))
    else:
        total = params.total_funding_eur
        for y in range(start + 1, year + 1):
            if y not in national.price_index_pct:
                raise FundingInputError(reason("price index change missing for year %(year)s", year=y))
            if y not in national.service_need_growth_pct:
                raise FundingInputError(reason("service-need growth missing for year %(year)s", year=y))
            index = to_decimal(national.price_index_pct[y], reason("price index change %(year)s", year=y))
            total *= (1 + index / HUNDRED) * (1 + growth_rate_pct(
                params, y, national.service_need_growth_pct[y]) / HUNDRED)
    total += to_decimal(national.new_tasks_eur, reason("new-task funding"))
    total += to_decimal(national.ex_post_correction_eur, reason("ex-post correction"))
    if total <= 0:
        raise FundingInputError(reason("the national funding level of %(year)s must be positive, got %(value)s",
                                       year=year, value=total))
    return total
