"""County funding (hyvinvointialueiden laskennallinen rahoitus) and its transition equalisation.

Each criterion's euro pool is split among counties in proportion to their
units (``parameters.UNIT_RULES``): county amount = pool × county units ÷
national units. Share-based pools are ``total × share ÷ Σ shares``: the
published shares are rounded (they sum to 100.001 in HE 38/2025), and
normalising by their sum distributes exactly the total funding. A criterion
with ``base_price_eur`` (seed 004 foreign-language rule) has the pool
base price × national units instead, so growth in its units raises the total.

Helsinki (90) is funded like a county (617/2021 § 1); Åland is outside the law.
All amounts are unrounded Decimal euros; round only for display.

Transition equalisation at a common price level (617/2021 § 35, siirtymätasaus):
the difference per resident between computed funding and earlier costs is
taken once, at the set's level (``total_funding_eur`` at ``price_level_year``),
and stays a fixed €/resident amount; only the year's cap changes. Earlier costs
are brought to that level with the level factor k = base funding ÷ Σ earlier
costs (the transferred costs define the level, so a national price or
service-need increase is not a county's gain)::

    base_i   = county i's computed funding at the set's total, base-year unit rules
    d_i      = (base_i − k × earlier_i) ÷ residents_i          (Σ d_i × residents_i = 0)
    eq_i(Y)  = clamp(d_i, −down_Y, +up_Y) − d_i                  (€/resident)
    after_i  = computed_i(Y) + eq_i(Y) × residents_i

Hence in the first year (cap 0) the equalisations sum to 0 and the national
total after equalisation is the year's set level; a uniform national increase
or a uniform scaling of the earlier costs changes no county's equalisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError
from .growth import NationalLevel, funding_level
from .parameters import Criterion, ParameterSet, to_decimal
from .transition import clamp

ZERO = Decimal(0)


@dataclass(frozen=True)
class CountyInput:
    """Inputs of one county (hyvinvointialue) or Helsinki.

    Numbers may be int, str, Decimal or float (floats are read via their repr).
    A coefficient left ``None`` is an error only if a criterion with a share
    needs it. ``density_coefficient`` wins over ``area_km2``; from areas the
    coefficient is national density ÷ county density (needs every county's area).
    ``earlier_costs_eur`` (pre-reform net costs, aiemmat nettokustannukset) is
    needed for the transition equalisation; give it for all counties or none.
    """

    code: str
    name: str
    population: int
    service_need_coefficient: Any = None
    foreign_language_speakers: Any = None
    density_coefficient: Any = None
    area_km2: Any = None
    island_population: Any = 0
    bilingual: bool = False
    sami_population: Any = 0
    university_hospital: bool = False
    hyte_coefficient: Any = None
    rescue_risk_coefficient: Any = None
    earlier_costs_eur: Any = None
    swedish_speakers: Any = None  # ruotsinkieliset, for the bilingual_swedish rule


@dataclass(frozen=True)
class CriterionAmount:
    """A county's part of one criterion."""

    key: str
    units: Decimal
    share_of_units: Decimal  # county units ÷ national units (0 if national units are 0)
    amount_eur: Decimal


@dataclass(frozen=True)
class CountyResult:
    """Funding of one county; transition fields are None without earlier costs."""

    code: str
    name: str
    population: int
    computed_funding_eur: Decimal  # laskennallinen rahoitus
    computed_per_resident: Decimal
    breakdown: tuple[CriterionAmount, ...]
    earlier_costs_eur: Decimal | None  # as given (price level of the inputs)
    change_per_resident: Decimal | None  # d: base funding − indexed earlier costs, per resident (fixed)
    cap_up: Decimal | None
    cap_down: Decimal | None
    equalisation_per_resident: Decimal | None  # siirtymätasaus; + paid, − deducted
    equalisation_eur: Decimal | None
    funding_after_eur: Decimal  # computed + equalisation
    funding_after_per_resident: Decimal
    earlier_costs_indexed_eur: Decimal | None = None  # k × earlier costs (the set's level)

    def amount(self, key: str) -> Decimal:
        for item in self.breakdown:
            if item.key == key:
                return item.amount_eur
        raise FundingInputError(reason("county %(code)s: no criterion %(key)s", code=self.code, key=repr(key)))


@dataclass(frozen=True)
class CountyFundingResult:
    """All counties for one parameter set and year."""

    parameter_set: str
    year: int
    total_funding_eur: Decimal  # Σ criterion pools (the set's total + price-based pools)
    criterion_pools: dict[str, Decimal]
    criterion_units: dict[str, Decimal]
    counties: tuple[CountyResult, ...]
    equalisation_total_eur: Decimal | None  # net cost of the equalisation to the state
    base_funding_eur: Decimal | None = None  # the set's level the equalisation is measured at
    cost_level_factor: Decimal | None = None  # k = base funding ÷ Σ earlier costs
    national: NationalLevel | None = None

    def by_code(self, code: str) -> CountyResult:
        for county in self.counties:
            if county.code == code:
                return county
        raise FundingInputError(reason("no county %(code)s in the result", code=repr(code)))


_NEEDS = {  # unit rule -> input field that must be present
    "service_need": "service_need_coefficient",
    "foreign_language": "foreign_language_speakers",
    "hyte": "hyte_coefficient",
    "rescue_risk": "rescue_risk_coefficient",
    "bilingual_swedish": "swedish_speakers",
}


def _label(c: CountyInput) -> str:
    return reason("county %(code)s (%(name)s)", code=c.code, name=c.name)


def _number(county: CountyInput, field: str) -> Decimal:
    value = to_decimal(getattr(county, field), reason("%(subject)s: %(field)s", subject=_label(county), field=field))
    if value < 0:
        raise FundingInputError(reason("%(county)s: negative %(field)s %(value)s",
                                       county=_label(county), field=field, value=value))
    return value


def _check_counties(counties: Sequence[CountyInput], expected: Iterable[str] | None) -> None:
    if not counties:
        raise FundingInputError(reason("no counties in the inputs"))
    codes = [c.code for c in counties]
    for code in codes:
        if codes.count(code) > 1:
            raise FundingInputError(reason("county %(code)s appears twice in the inputs", code=code))
    for c in counties:
        if isinstance(c.population, bool) or not isinstance(c.population, int):
            raise FundingInputError(reason("%(county)s: population must be an integer", county=_label(c)))
        if c.population < 0:
            raise FundingInputError(reason("%(county)s: negative population %(population)s",
                                           county=_label(c), population=c.population))
        if c.population == 0:
            raise FundingInputError(reason("%(county)s: population 0 (per-resident figures need residents)",
                                           county=_label(c)))
    if expected is not None:
        expected = list(expected)
        for code in expected:
            if code not in codes:
                raise FundingInputError(reason("county %(code)s missing from the inputs", code=code))
        for code in codes:
            if code not in expected:
                raise FundingInputError(reason("county %(code)s is not in the expected list", code=code))


def _density_coefficients(counties: Sequence[CountyInput], need: Criterion) -> dict[str, Decimal]:
    result = {c.code: _number(c, "density_coefficient")
              for c in counties if c.density_coefficient is not None}
    missing = [c for c in counties if c.density_coefficient is None]
    if not missing:
        return result
    for c in missing:
        if c.area_km2 is None:
            raise FundingInputError(reason(
                "%(county)s: density_coefficient or area_km2 missing, required by "
                "criterion %(key)s (share %(share)s %%)",
                county=_label(c), key=need.key, share=need.share,
            ))
    for c in counties:
        if c.area_km2 is None:
            raise FundingInputError(reason(
                "%(county)s: area_km2 missing; national density needs every county's area", county=_label(c)
            ))
        if _number(c, "area_km2") == 0:
            raise FundingInputError(reason("%(county)s: area_km2 is 0", county=_label(c)))
    national = sum(Decimal(c.population) for c in counties) / sum(
        _number(c, "area_km2") for c in counties
    )
    for c in missing:
        result[c.code] = national / (Decimal(c.population) / _number(c, "area_km2"))
    return result


def _units(rule: str, c: CountyInput, density: dict[str, Decimal], crit: Criterion | None = None) -> Decimal:
    pop = Decimal(c.population)
    if rule == "population":
        return pop
    if rule == "service_need":
        return pop * _number(c, "service_need_coefficient")
    if rule == "density":
        return pop * density[c.code]
    if rule == "foreign_language":
        return _number(c, "foreign_language_speakers")
    if rule == "bilingual":
        return pop if c.bilingual else ZERO
    if rule == "bilingual_swedish":
        if not c.bilingual:
            return ZERO
        w = crit.swedish_weight
        return pop * (1 - w) + _number(c, "swedish_speakers") * w
    if rule == "sami":
        return _number(c, "sami_population")
    if rule == "island":
        return _number(c, "island_population")
    if rule == "university_hospital":
        return pop if c.university_hospital else ZERO
    if rule == "hyte":
        return pop * _number(c, "hyte_coefficient")
    if rule == "rescue_risk":
        return pop * _number(c, "rescue_risk_coefficient")
    raise FundingInputError(reason("unknown unit rule %(unit)s", unit=repr(rule)))


def _active(criterion: Criterion) -> bool:
    return criterion.share > 0 or criterion.base_price_eur is not None


def criterion_units(
    params: ParameterSet, counties: Sequence[CountyInput], year: int
) -> dict[str, dict[str, Decimal]]:
    """Units per criterion per county code; inactive criteria get what is computable, else 0."""
    density_need = next(
        (c for c in params.criteria if c.unit_for(year) == "density" and _active(c)), None
    )
    density = _density_coefficients(counties, density_need) if density_need else {}
    units: dict[str, dict[str, Decimal]] = {}
    for crit in params.criteria:
        rule = crit.unit_for(year)
        field = _NEEDS.get(rule)
        per_county = {}
        for c in counties:
            needed = field and getattr(c, field) is None and (rule != "bilingual_swedish" or c.bilingual)
            if needed or (rule == "density" and not density):
                if _active(crit):
                    raise FundingInputError(reason(
                        "%(county)s: %(field)s missing, required by criterion %(key)s (share %(share)s %%)",
                        county=_label(c), field=field, key=crit.key, share=crit.share,
                    ))
                per_county[c.code] = ZERO
                continue
            per_county[c.code] = _units(rule, c, density, crit)
        units[crit.key] = per_county
    return units


def _pools(params: ParameterSet, units: dict[str, dict[str, Decimal]], total: Decimal):
    """Criterion pools for a national ``total``; price-based pools scale with total ÷ the set's total."""
    share_sum = sum((c.share for c in params.criteria), ZERO)
    ratio = total / params.total_funding_eur
    pools: dict[str, Decimal] = {}
    totals: dict[str, Decimal] = {}
    for crit in params.criteria:
        total_units = sum(units[crit.key].values(), ZERO)
        totals[crit.key] = total_units
        if crit.base_price_eur is not None:
            pools[crit.key] = crit.base_price_eur * ratio * total_units
        else:
            pools[crit.key] = total * crit.share / share_sum
            if crit.share > 0 and total_units == 0:
                raise FundingInputError(reason(
                    "criterion %(key)s: total units are 0 across the counties; "
                    "cannot distribute its share %(share)s %%",
                    key=crit.key, share=crit.share,
                ))
    return pools, totals


def _amounts(params, units, pools, totals, code):
    out = []
    for crit in params.criteria:
        u, total_u = units[crit.key][code], totals[crit.key]
        share = u / total_u if total_u else ZERO
        out.append(CriterionAmount(crit.key, u, share, pools[crit.key] * share))
    return tuple(out)


def compute_county_funding(
    params: ParameterSet,
    counties: Sequence[CountyInput],
    year: int | None = None,
    expected_codes: Iterable[str] | None = None,
    national: NationalLevel | None = None,
) -> CountyFundingResult:
    """Computed funding per county, its criterion breakdown and the year's equalisation.

    ``year`` (default ``params.year``) selects the unit rules (hyte from 2026)
    and the transition cap. ``national`` gives the year's national level
    (``growth.funding_level``); without it the set's total is distributed.
    Raises FundingInputError with the exact reason.
    """
    year = params.year if year is None else year
    _check_counties(counties, expected_codes)
    with_costs = [c for c in counties if c.earlier_costs_eur is not None]
    if with_costs and len(with_costs) != len(counties):
        lacking = next(c for c in counties if c.earlier_costs_eur is None)
        raise FundingInputError(reason(
            "%(county)s: earlier_costs_eur missing (given for other counties; "
            "the transition equalisation needs all or none)",
            county=_label(lacking),
        ))
    cap = params.transition_cap(year) if with_costs else None
    total = params.total_funding_eur if national is None else funding_level(params, year, national)
    units = criterion_units(params, counties, year)
    pools, totals = _pools(params, units, total)
    base = {}
    base_total = factor = None
    if cap is not None:  # the base comparison: the set's level, the first transition year's unit rules
        base_year = params.transition_schedule[0].year
        b_units = units if base_year == year else criterion_units(params, counties, base_year)
        b_pools, b_totals = _pools(params, b_units, params.total_funding_eur)
        base = {c.code: sum((a.amount_eur for a in _amounts(params, b_units, b_pools, b_totals, c.code)), ZERO)
                for c in counties}
        base_total = sum(b_pools.values(), ZERO)
        costs = sum((_number(c, "earlier_costs_eur") for c in counties), ZERO)
        if costs == 0:
            raise FundingInputError(reason("earlier costs sum to 0; the transition equalisation needs them"))
        factor = base_total / costs
    results = [_county_result(c, _amounts(params, units, pools, totals, c.code), cap, base.get(c.code), factor)
               for c in counties]
    eq_total = sum((r.equalisation_eur for r in results), ZERO) if cap else None
    return CountyFundingResult(
        parameter_set=params.name, year=year, total_funding_eur=sum(pools.values(), ZERO),
        criterion_pools=pools, criterion_units=totals, counties=tuple(results),
        equalisation_total_eur=eq_total, base_funding_eur=base_total, cost_level_factor=factor,
        national=national,
    )


def _county_result(c: CountyInput, breakdown: tuple[CriterionAmount, ...], cap, base, factor) -> CountyResult:
    pop = Decimal(c.population)
    computed = sum((b.amount_eur for b in breakdown), ZERO)
    earlier = indexed = change = eq_pr = eq = None
    after = computed
    if cap is not None:
        earlier = _number(c, "earlier_costs_eur")
        indexed = earlier * factor
        change = (base - indexed) / pop
        eq_pr = clamp(change, cap.down, cap.up) - change
        eq = eq_pr * pop
        after = computed + eq
    return CountyResult(
        code=c.code, name=c.name, population=c.population,
        computed_funding_eur=computed, computed_per_resident=computed / pop,
        breakdown=breakdown, earlier_costs_eur=earlier, change_per_resident=change,
        cap_up=cap.up if cap else None, cap_down=cap.down if cap else None,
        equalisation_per_resident=eq_pr, equalisation_eur=eq,
        funding_after_eur=after, funding_after_per_resident=after / pop, earlier_costs_indexed_eur=indexed,
    )
