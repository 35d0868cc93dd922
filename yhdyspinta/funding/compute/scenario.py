"""Scenarios (skenaariot): change a parameter set, compare results with the base.

Parameter sets are frozen; every helper returns a validated copy, so a
scenario can never silently break the share sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from yhdyspinta.core.reasons import reason

from .county import CountyFundingResult, CountyInput, compute_county_funding
from .errors import FundingInputError
from .municipal import MunicipalFundingResult
from .parameters import ParameterSet, criterion_field, to_decimal, validate

ZERO = Decimal(0)


def with_changes(params: ParameterSet, name: str | None = None, **changes: Any) -> ParameterSet:
    """Copy with top-level fields replaced (e.g. ``total_funding_eur``), validated."""
    return validate(replace(params, name=name or f"{params.name}*", **changes))


def _set_share(params: ParameterSet, key: str, new: Decimal) -> ParameterSet:
    old = params.criterion(key)
    delta = new - old.share
    criteria = tuple(replace(c, share=new) if c.key == key else c for c in params.criteria)
    groups = tuple(replace(g, total_share=g.total_share + delta) if g.key == old.group else g
                   for g in params.groups)
    return replace(params, criteria=criteria, groups=groups)


def set_share(
    params: ParameterSet, key: str, share: Any, balance_key: str, name: str | None = None
) -> ParameterSet:
    """Copy with ``key``'s share set to ``share``; ``balance_key`` absorbs the difference.

    Seed 004 example: ``set_share(p, "sote_bilingual", "0.5", "sote_service_need")``.
    """
    new = to_decimal(share, criterion_field(key, "share"))
    if key == balance_key:
        raise FundingInputError(reason("criterion %(key)s cannot balance itself", key=key))
    delta = new - params.criterion(key).share
    balance = params.criterion(balance_key)
    if balance.share - delta < 0:
        raise FundingInputError(reason(
            "balance from %(key)s: only %(available)s points available, needs %(needed)s",
            key=balance_key, available=balance.share, needed=delta,
        ))
    result = _set_share(_set_share(params, key, new), balance_key, balance.share - delta)
    return validate(replace(result, name=name or f"{params.name}*"))


def move_share(
    params: ParameterSet, to_key: str, from_points: Mapping[str, Any], name: str | None = None
) -> ParameterSet:
    """Move share points from criteria to one criterion; the total stays 100.

    HE 38/2025 example: ``move_share(p, "sote_hyte", {"sote_population": "0.25",
    "sote_service_need": "0.25"})`` raises hyte by 0.5 points. Group totals
    follow when the move crosses groups (sote ↔ rescue).
    """
    amounts = {k: to_decimal(v, reason("move from %(key)s", key=k)) for k, v in from_points.items()}
    if to_key in amounts:
        raise FundingInputError(reason("cannot move share from %(key)s to itself", key=to_key))
    params.criterion(to_key)
    for key, points in amounts.items():
        crit = params.criterion(key)
        if points < 0:
            raise FundingInputError(reason("move from %(key)s: negative amount %(amount)s", key=key, amount=points))
        if crit.share - points < 0:
            raise FundingInputError(reason(
                "move from %(key)s: only %(available)s points available, asked %(asked)s",
                key=key, available=crit.share, asked=points,
            ))
    result = params
    for key, points in amounts.items():
        result = _set_share(result, key, result.criterion(key).share - points)
    result = _set_share(result, to_key, result.criterion(to_key).share + sum(amounts.values()))
    return validate(replace(result, name=name or f"{params.name}*"))


@dataclass(frozen=True)
class Difference:
    """Scenario − base for one county or municipality."""

    code: str
    name: str
    population: int
    base_eur: Decimal
    scenario_eur: Decimal
    difference_eur: Decimal
    difference_per_resident: Decimal


_SORT_KEYS = {"code", "name", "population", "base_eur", "scenario_eur",
              "difference_eur", "difference_per_resident"}


def _sorted(diffs: list[Difference], sort_by: str, descending: bool) -> list[Difference]:
    if sort_by not in _SORT_KEYS:
        raise FundingInputError(reason("cannot sort by %(key)s; one of %(keys)s",
                                       key=repr(sort_by), keys=str(sorted(_SORT_KEYS))))
    return sorted(diffs, key=lambda d: (getattr(d, sort_by), d.code), reverse=descending)


def _differences(base_rows, scenario_rows, field: str, refusal: str, sort_by: str,
                 descending: bool) -> list[Difference]:
    """Row by row (matched on code), `field` of the scenario minus that of the base."""
    other = {row.code: row for row in scenario_rows}
    if set(other) != {row.code for row in base_rows}:
        raise FundingInputError(refusal)
    diffs = []
    for b in base_rows:
        before, after = getattr(b, field), getattr(other[b.code], field)
        d = after - before
        diffs.append(Difference(b.code, b.name, b.population, before, after, d, d / b.population))
    return _sorted(diffs, sort_by, descending)


def compare_counties(
    base: CountyFundingResult, scenario: CountyFundingResult, after_equalisation: bool = True,
    sort_by: str = "difference_per_resident", descending: bool = True,
) -> list[Difference]:
    """Per-county difference of funding (after equalisation, or computed) between two runs."""
    field = "funding_after_eur" if after_equalisation else "computed_funding_eur"
    return _differences(base.counties, scenario.counties, field,
                        reason("base and scenario cover different counties"), sort_by, descending)


def compare_municipalities(
    base: MunicipalFundingResult, scenario: MunicipalFundingResult,
    sort_by: str = "difference_per_resident", descending: bool = True,
) -> list[Difference]:
    """Per-municipality difference of the total effect between two runs."""
    return _differences(base.municipalities, scenario.municipalities, "total_effect_eur",
                        reason("base and scenario cover different municipalities"), sort_by, descending)


def run_county_scenario(
    base: ParameterSet, scenario: ParameterSet, counties: Sequence[CountyInput],
    year: int | None = None, **compare: Any,
) -> list[Difference]:
    """Compute both sets on the same inputs and compare (keyword args go to compare_counties)."""
    return compare_counties(compute_county_funding(base, counties, year),
                            compute_county_funding(scenario, counties, year), **compare)
