"""National funding level over years (rahoituksen tason korotus).

The seed (004) raises national funding yearly by the social-expenditure
model's service-need growth (some-malli) + 0.2 percentage points until 2029;
the law's budget text (TAE 2023) says 2023–2029. The set's ``funding_growth``
holds which. Simplifications: the price index (hyvinvointialueindeksi) and the
law's 80 % rule for service-need growth from 2025 are not modelled; pass them
inside ``service_need_growth_pct`` if wanted.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError
from .parameters import HUNDRED, ParameterSet, to_decimal


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
    """Total funding of ``year``: the set's total raised year by year from ``params.year``."""
    if year < params.year:
        raise FundingInputError(reason("year %(year)s is before the parameter set's year %(set_year)s",
                                       year=year, set_year=params.year))
    total = params.total_funding_eur
    for y in range(params.year + 1, year + 1):
        if y not in service_need_growth_pct:
            raise FundingInputError(reason("service-need growth missing for year %(year)s", year=y))
        total *= 1 + growth_rate_pct(params, y, service_need_growth_pct[y]) / HUNDRED
    return total
