"""Municipal side of the funding transfer (rahoituksen siirto kunnista).

Per municipality: sote and rescue net costs move to the county; so do state
subsidies (valtionosuudet), part of the corporate-tax share (yhteisövero) and
income tax through a uniform cut of the municipal tax rate (seed 004: over
13 points, "kuntatalous puolittuu").

Sign: ``balance_change`` = costs moved away − revenue moved away, so positive
means the municipality's financial balance improves (same convention as the
county change). The transition equalisation (siirtymätasaus) caps it at
±``balance_cap_eur_per_resident`` (seed: ±60, earlier ±100).

Neutrality ("kustannusneutraali kunta-valtio-suhteessa"): with ``neutral=True``
a uniform €/resident term ``a`` is added to every change before the cap, solved
exactly so that the equalisations sum to zero; a municipality inside the cap
pays or receives ``a``, one at the cap gets exactly ±cap. So every result stays
within the cap and the system is neutral. (Simplification: the real system
adjusts state subsidies after the cap, which can move a capped municipality
past it by ``a``.) If the population-weighted mean change lies outside the cap
neutrality is impossible; all end at the cap and the residual is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError
from .parameters import HUNDRED, ParameterSet, to_decimal
from .transition import clamp

ZERO = Decimal(0)


@dataclass(frozen=True)
class MunicipalityInput:
    """Inputs of one municipality (kunta); euros per year, numbers as in CountyInput."""

    code: str
    name: str
    population: int
    county_code: str = ""
    sote_net_costs_eur: Any = 0  # siirtyvät sote-nettokustannukset
    rescue_net_costs_eur: Any = 0  # siirtyvät pelastustoimen nettokustannukset
    state_subsidies_moved_eur: Any = 0  # siirtyvät valtionosuudet
    income_tax_base_eur: Any = 0  # kunnallisverotuksessa verotettava tulo
    corporate_tax_moved_eur: Any = 0  # siirtyvä yhteisöveron osuus
    income_tax_cut_pp: Any = None  # None: the parameter set's uniform cut
    previous_population: int | None = None  # for the population-growth criterion
    asset_arrangement_loss_eur: Any = 0  # omaisuusjärjestelyjen vaikutus


@dataclass(frozen=True)
class MunicipalityResult:
    """Result of one municipality; per-resident values in €/resident."""

    code: str
    name: str
    county_code: str
    population: int
    costs_moved_eur: Decimal
    revenue_lost_eur: Decimal
    balance_change_eur: Decimal  # costs moved − revenue lost (+ = better off)
    balance_change_per_resident: Decimal
    equalisation_per_resident: Decimal  # siirtymätasaus (+ paid to the municipality)
    equalisation_eur: Decimal
    result_per_resident: Decimal  # balance change after equalisation, within ±cap
    population_growth_eur: Decimal  # gross share of the growth criterion
    population_growth_financing_eur: Decimal  # equal €/resident financing (≤ 0)
    asset_compensation_eur: Decimal  # omaisuuden kompensaatio
    total_effect_eur: Decimal  # result × population + growth net + asset compensation
    total_effect_per_resident: Decimal


@dataclass(frozen=True)
class DistributionStats:
    """Min, quartiles (linear interpolation, inclusive) and max of €/resident values."""

    count: int
    minimum: Decimal
    q1: Decimal
    median: Decimal
    q3: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class MunicipalFundingResult:
    parameter_set: str
    cap_eur_per_resident: Decimal
    neutral: bool
    financing_per_resident: Decimal  # the uniform term a (0 when not neutral)
    equalisation_net_eur: Decimal  # Σ equalisation; 0 when neutrality is achieved
    population_growth_applied: bool
    municipalities: tuple[MunicipalityResult, ...]
    stats_before: DistributionStats  # of balance_change_per_resident
    stats_after: DistributionStats  # of result_per_resident

    def by_code(self, code: str) -> MunicipalityResult:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise FundingInputError(reason("no municipality %(code)s in the result", code=repr(code)))


def quantile(sorted_values: Sequence[Decimal], q: Decimal) -> Decimal:
    """Inclusive linear-interpolation quantile of a sorted, non-empty sequence."""
    if not sorted_values:
        raise FundingInputError(reason("no values for statistics"))
    pos = (len(sorted_values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def distribution(values: Sequence[Decimal]) -> DistributionStats:
    ordered = sorted(values)
    q = [quantile(ordered, Decimal(k) / 4) for k in range(5)]
    return DistributionStats(len(ordered), q[0], q[1], q[2], q[3], q[4])


def neutral_shift(
    changes: Sequence[Decimal], populations: Sequence[int], cap: Decimal
) -> Decimal:
    """Uniform shift a with Σ pop·clamp(change + a, ±cap) = Σ pop·change (exact, piecewise linear)."""
    pops = [Decimal(p) for p in populations]
    target = sum((p * c for p, c in zip(pops, changes)), ZERO)
    total_pop = sum(pops, ZERO)
    if target >= cap * total_pop:
        return cap - min(changes)
    if target <= -cap * total_pop:
        return -cap - max(changes)

    def f(a: Decimal) -> Decimal:
        return sum((p * clamp(c + a, cap, cap) for p, c in zip(pops, changes)), ZERO)

    # f is non-decreasing and linear between the breakpoints: bisect for the first breakpoint
    # where f reaches the target (O(n log n); a scan of every breakpoint was O(n²)).
    points = sorted({b for c in changes for b in (-cap - c, cap - c)})
    low, high = 1, len(points) - 1
    while low < high:
        middle = (low + high) // 2
        if f(points[middle]) >= target:
            high = middle
        else:
            low = middle + 1
    a, fa = points[low], f(points[low])
    if fa < target:
        return points[-1]  # unreachable: f(last) = cap·Σpop > target
    prev_a = points[low - 1]
    prev_f = f(prev_a)
    if fa == prev_f:
        return a
    return prev_a + (target - prev_f) * (a - prev_a) / (fa - prev_f)


def _check(municipalities: Sequence[MunicipalityInput]) -> None:
    if not municipalities:
        raise FundingInputError(reason("no municipalities in the inputs"))
    codes = [m.code for m in municipalities]
    for m in municipalities:
        label = _label(m)
        if codes.count(m.code) > 1:
            raise FundingInputError(reason("municipality %(code)s appears twice in the inputs", code=m.code))
        if isinstance(m.population, bool) or not isinstance(m.population, int):
            raise FundingInputError(reason("%(municipality)s: population must be an integer", municipality=label))
        if m.population <= 0:
            raise FundingInputError(reason("%(municipality)s: population must be positive, got %(population)s",
                                           municipality=label, population=m.population))
        if m.previous_population is not None and m.previous_population < 0:
            raise FundingInputError(reason("%(municipality)s: negative previous_population", municipality=label))
    given = [m.previous_population is not None for m in municipalities]
    if any(given) and not all(given):
        m = municipalities[given.index(False)]
        raise FundingInputError(reason(
            "%(municipality)s: previous_population missing "
            "(given for others; the population-growth criterion needs all or none)",
            municipality=_label(m),
        ))


def _label(m: MunicipalityInput) -> str:
    return reason("municipality %(code)s (%(name)s)", code=m.code, name=m.name)


def _num(m: MunicipalityInput, field: str, value: Any = None) -> Decimal:
    value = getattr(m, field) if value is None else value
    return to_decimal(value, reason("%(subject)s: %(field)s", subject=_label(m), field=field))


def compute_municipal_transfer(
    params: ParameterSet, municipalities: Sequence[MunicipalityInput], neutral: bool = True
) -> MunicipalFundingResult:
    """Balance change, equalisation, growth criterion and asset compensation per municipality."""
    _check(municipalities)
    mp = params.municipal
    cap = mp.balance_cap_eur_per_resident
    costs, revenue, changes = [], [], []
    for m in municipalities:
        cut = mp.income_tax_cut_pp if m.income_tax_cut_pp is None else _num(m, "income_tax_cut_pp")
        cost = _num(m, "sote_net_costs_eur") + _num(m, "rescue_net_costs_eur")
        rev = (_num(m, "state_subsidies_moved_eur") + _num(m, "corporate_tax_moved_eur")
               + _num(m, "income_tax_base_eur") * cut / HUNDRED)
        costs.append(cost)
        revenue.append(rev)
        changes.append((cost - rev) / m.population)
    pops = [m.population for m in municipalities]
    shift = neutral_shift(changes, pops, cap) if neutral else ZERO
    total_pop = Decimal(sum(pops))
    growth_applied = municipalities[0].previous_population is not None
    growths = [Decimal(max(0, m.population - m.previous_population)) if growth_applied else ZERO
               for m in municipalities]
    total_growth = sum(growths, ZERO)
    pool = mp.population_growth_criterion_eur
    if growth_applied and pool > 0 and total_growth == 0:
        raise FundingInputError(reason(
            "population-growth criterion: no municipality grew; cannot distribute %(pool)s €", pool=pool
        ))
    results = []
    for m, cost, rev, change, growth in zip(municipalities, costs, revenue, changes, growths):
        pop = Decimal(m.population)
        after = clamp(change + shift, cap, cap)
        eq_pr = after - change
        gross = pool * growth / total_growth if growth_applied else ZERO
        financing = -pool * pop / total_pop if growth_applied else ZERO
        loss = _num(m, "asset_arrangement_loss_eur")
        threshold = _num(m, "income_tax_base_eur") * mp.asset_compensation_threshold_pct / HUNDRED
        asset = max(ZERO, loss - threshold)
        total = after * pop + gross + financing + asset
        results.append(MunicipalityResult(
            code=m.code, name=m.name, county_code=m.county_code, population=m.population,
            costs_moved_eur=cost, revenue_lost_eur=rev, balance_change_eur=cost - rev,
            balance_change_per_resident=change, equalisation_per_resident=eq_pr,
            equalisation_eur=eq_pr * pop, result_per_resident=after,
            population_growth_eur=gross, population_growth_financing_eur=financing,
            asset_compensation_eur=asset, total_effect_eur=total,
            total_effect_per_resident=total / pop,
        ))
    return MunicipalFundingResult(
        parameter_set=params.name, cap_eur_per_resident=cap, neutral=neutral,
        financing_per_resident=shift,
        equalisation_net_eur=sum((r.equalisation_eur for r in results), ZERO),
        population_growth_applied=growth_applied, municipalities=tuple(results),
        stats_before=distribution(changes),
        stats_after=distribution([r.result_per_resident for r in results]),
    )
