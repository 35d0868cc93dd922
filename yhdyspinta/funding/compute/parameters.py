"""Funding parameter sets (rahoitusparametrit): load, validate, look up.

A parameter set is data, not code: every number carries the public source it
comes from, so that a user can check it and a new year needs a JSON file, not
a release. Numbers are ``Decimal`` (exact shares; no float drift in sums).

JSON layout (one file per set in ``yhdyspinta/funding/parameters/``)::

    {"name", "title", "year", "description",
     "total_funding_eur": {"value", "source"},
     "share_tolerance_points": {"value", "source"},          # optional
     "price_level_year": {"value", "source"},                # optional, default "year"
     "groups": [{"key", "label", "total_share", "source"}],
     "criteria": [{"key", "group", "label", "share", "unit", "unit_definition",
                   "legal_source", "source",
                   "unit_from_year": {"2026": "hyte"},        # optional
                   "base_price_eur": "952.13",                # optional
                   "swedish_weight": {"value", "source"}}],   # unit bilingual_swedish only
     "county_transition": {"source", "schedule": [{"year", "up", "down"}]},
     "municipal": {"balance_cap_eur_per_resident": {"value", "source"},
                   "asset_compensation_threshold_pct": {...},
                   "population_growth_criterion_eur": {...},
                   "income_tax_cut_pp": {...}},
     "funding_growth": {"extra_points", "first_year", "last_year", "source"},  # optional
     "notes": ["..."],
     "translations": {"sv": {"title", "description", "notes": [...],        # optional: the texts
                             "criteria": {key: {"label", "unit_definition",   # in other languages
                                                "legal_source", "source"}},
                             "groups": {key: {"label", "source"}}}, "en": {...}}}

Texts are Finnish; ``translations`` gives them in Swedish and English (every part optional; a
missing one falls back to the Finnish). :meth:`ParameterSet.localized` picks a language.

Shares are percentage points of the counties' total funding. Shares of a group
must sum to the group's stated total, and the group totals to 100, within
``share_tolerance_points`` (default 1e-9; a set may declare a larger one only
with a source explaining it, e.g. rounding in the published table).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from yhdyspinta.core.reasons import reason

from .errors import FundingInputError

PARAMETERS_DIR = Path(__file__).resolve().parent.parent / "parameters"
DEFAULT_TOLERANCE = Decimal("1e-9")
HUNDRED = Decimal(100)

#: Unit rules a criterion can use; compute/county.py implements each one.
UNIT_RULES: dict[str, str] = {
    "population": "residents (asukasmäärä)",
    "service_need": "residents × sote service-need coefficient (palvelutarvekerroin)",
    "density": "residents × density coefficient (asukastiheyskerroin)",
    "foreign_language": "foreign-language speakers (vieraskieliset)",
    "bilingual": "residents of a bilingual county, 0 otherwise (kaksikielisyys)",
    "bilingual_swedish": "bilingual county: residents × (1 − w) + Swedish speakers × w, 0 otherwise "
                         "(kaksikielisyys weighted by the Swedish-speaking share; w = swedish_weight)",
    "sami": "Sámi home-region residents (saamelaisten kotiseutualue)",
    "island": "island residents (saaristoisuus)",
    "university_hospital": "residents of a county with a university hospital, 0 otherwise",
    "hyte": "residents × hyte coefficient (hyte-kerroin)",
    "rescue_risk": "residents × rescue risk coefficient (pelastustoimen riskikerroin)",
}


@dataclass(frozen=True)
class Group:
    """A funding group (sote or rescue) and its stated share of the total."""

    key: str
    label: str
    total_share: Decimal
    source: str


@dataclass(frozen=True)
class Criterion:
    """One funding criterion (määräytymistekijä) with its share and unit rule."""

    key: str
    group: str
    label: str
    share: Decimal
    unit: str
    unit_definition: str
    legal_source: str
    source: str
    unit_from_year: tuple[tuple[int, str], ...] = ()
    base_price_eur: Decimal | None = None
    swedish_weight: Decimal | None = None  # w of the bilingual_swedish rule
    swedish_weight_source: str = ""

    def unit_for(self, year: int) -> str:
        """The unit rule in force in ``year`` (e.g. hyte: €/resident, coefficients from 2026)."""
        unit = self.unit
        for from_year, later_unit in sorted(self.unit_from_year):
            if year >= from_year:
                unit = later_unit
        return unit


@dataclass(frozen=True)
class TransitionStep:
    """Cap of the county transition equalisation (siirtymätasaus) from ``year`` on.

    ``up``/``down`` are €/resident, both ≥ 0: the change (computed funding −
    earlier costs, per resident) is brought within [−down, +up].
    """

    year: int
    up: Decimal
    down: Decimal


@dataclass(frozen=True)
class MunicipalParameters:
    """Municipal side of the transfer (kuntien siirtymätasaus, omaisuuden kompensaatio)."""

    balance_cap_eur_per_resident: Decimal
    asset_compensation_threshold_pct: Decimal
    population_growth_criterion_eur: Decimal
    income_tax_cut_pp: Decimal


@dataclass(frozen=True)
class FundingGrowth:
    """Yearly raise of national funding: service-need growth + ``extra_points`` in years."""

    extra_points: Decimal
    first_year: int
    last_year: int
    source: str


@dataclass(frozen=True)
class ParameterSet:
    """A validated parameter set; build with :func:`parameter_set_from_dict`."""

    name: str
    title: str
    year: int
    description: str
    total_funding_eur: Decimal
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    transition_schedule: tuple[TransitionStep, ...]
    municipal: MunicipalParameters
    sources: Mapping[str, str]
    share_tolerance_points: Decimal = DEFAULT_TOLERANCE
    funding_growth: FundingGrowth | None = None
    notes: tuple[str, ...] = field(default=())
    price_level_year_value: int | None = None  # year whose price level total_funding_eur is
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # language → texts

    def localized(self, language: str | None) -> ParameterSet:
        """The set with its texts (title, description, notes, labels, unit definitions, sources) in
        ``language`` where ``translations`` has them; the numbers are the same."""
        texts = self.translations.get((language or "")[:2])
        if not texts:
            return self
        criteria, groups = texts.get("criteria", {}), texts.get("groups", {})
        return replace(
            self, title=texts.get("title", self.title), description=texts.get("description", self.description),
            notes=tuple(texts.get("notes", self.notes)),
            criteria=tuple(replace(c, **criteria.get(c.key, {})) for c in self.criteria),
            groups=tuple(replace(g, **groups.get(g.key, {})) for g in self.groups),
        )

    @property
    def price_level_year(self) -> int:
        """The year whose price level ``total_funding_eur`` and the earlier costs are at."""
        return self.year if self.price_level_year_value is None else self.price_level_year_value

    def criterion(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise FundingInputError(reason("unknown criterion %(key)s in parameter set %(name)s",
                                       key=repr(key), name=repr(self.name)))

    def transition_cap(self, year: int) -> TransitionStep:
        """The cap in force in ``year``; the last step stays in force (pysyvä tasaus)."""
        in_force = [s for s in self.transition_schedule if s.year <= year]
        if not in_force:
            first = self.transition_schedule[0].year
            raise FundingInputError(reason(
                "no transition equalisation cap for year %(year)s: schedule starts in %(first)s",
                year=year, first=first,
            ))
        return in_force[-1]


# --- parsing -------------------------------------------------------------------------------


def to_decimal(value: Any, what: str) -> Decimal:
    """Exact Decimal from str/int/Decimal (float via its repr); bool and junk are errors.

    ``what`` names the value in the error: a key path (data) or a ``reason(...)``.
    """
    if isinstance(value, bool) or value is None:
        raise FundingInputError(reason("%(what)s: not a number: %(value)s", what=what, value=repr(value)))
    if isinstance(value, float):
        value = repr(value)
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise FundingInputError(reason("%(what)s: not a number: %(value)s",
                                       what=what, value=repr(value))) from None
    if not result.is_finite():
        raise FundingInputError(reason("%(what)s: not a finite number: %(value)s",
                                       what=what, value=repr(value)))
    return result


def _check_keys(obj: Any, where: str, required: set[str], optional: set[str] = frozenset()):
    if not isinstance(obj, dict):
        raise FundingInputError(reason("%(where)s: expected an object, got %(type)s",
                                       where=where, type=type(obj).__name__))
    unknown = sorted(set(obj) - required - set(optional))
    if unknown:
        raise FundingInputError(reason("%(where)s: unknown key %(key)s", where=where, key=repr(unknown[0])))
    missing = sorted(required - set(obj))
    if missing:
        raise FundingInputError(reason("%(where)s: missing key %(key)s", where=where, key=repr(missing[0])))


def _list(obj: Any, where: str) -> list:
    if not isinstance(obj, list):
        raise FundingInputError(reason("%(where)s: expected a list", where=where))
    return obj


def _sourced(obj: Any, where: str) -> tuple[Decimal, str]:
    _check_keys(obj, where, {"value", "source"})
    return to_decimal(obj["value"], where), str(obj["source"])


def _year(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FundingInputError(reason("%(where)s: not a year: %(value)s", where=where, value=repr(value)))
    try:
        return int(value)
    except ValueError:
        raise FundingInputError(reason("%(where)s: not a year: %(value)s",
                                       where=where, value=repr(value))) from None


def criterion_field(key: Any, field: str) -> str:
    """"criterion sote_hyte: share": where a value of one criterion is (for error reasons)."""
    return reason("criterion %(key)s: %(field)s", key=key, field=field)


_TOP_REQUIRED = {
    "name", "title", "year", "description", "total_funding_eur", "groups", "criteria",
    "county_transition", "municipal",
}
_TOP_OPTIONAL = {"share_tolerance_points", "funding_growth", "notes", "price_level_year", "translations"}
TRANSLATED_LANGUAGES = ("fi", "sv", "en")
_CRITERION_REQUIRED = {
    "key", "group", "label", "share", "unit", "unit_definition", "legal_source", "source",
}
_MUNICIPAL_KEYS = {
    "balance_cap_eur_per_resident", "asset_compensation_threshold_pct",
    "population_growth_criterion_eur", "income_tax_cut_pp",
}


def parameter_set_from_dict(data: Mapping[str, Any]) -> ParameterSet:
    """Parse and validate a parameter set; raises FundingInputError with the exact reason."""
    _check_keys(data, reason("parameter set"), _TOP_REQUIRED, _TOP_OPTIONAL)
    sources: dict[str, str] = {}
    total, sources["total_funding_eur"] = _sourced(data["total_funding_eur"], "total_funding_eur")
    tolerance = DEFAULT_TOLERANCE
    if "share_tolerance_points" in data:
        tolerance, sources["share_tolerance_points"] = _sourced(
            data["share_tolerance_points"], "share_tolerance_points"
        )
    groups = []
    for i, g in enumerate(_list(data["groups"], "groups")):
        _check_keys(g, f"groups[{i}]", {"key", "label", "total_share", "source"})
        groups.append(Group(str(g["key"]), str(g["label"]),
                            to_decimal(g["total_share"], reason("group %(key)s: %(field)s", key=g["key"], field="total_share")),
                            str(g["source"])))
    criteria = []
    for i, c in enumerate(_list(data["criteria"], "criteria")):
        where = f"criteria[{i}]"
        _check_keys(c, where, _CRITERION_REQUIRED, {"unit_from_year", "base_price_eur", "swedish_weight"})
        by_year = c.get("unit_from_year", {})
        if not isinstance(by_year, dict):
            raise FundingInputError(reason("criterion %(key)s: unit_from_year must be an object", key=c["key"]))
        price = c.get("base_price_eur")
        weight = weight_source = None
        if "swedish_weight" in c:
            weight, weight_source = _sourced(c["swedish_weight"], criterion_field(c["key"], "swedish_weight"))
        criteria.append(Criterion(
            key=str(c["key"]), group=str(c["group"]), label=str(c["label"]),
            share=to_decimal(c["share"], criterion_field(c["key"], "share")),
            unit=str(c["unit"]), unit_definition=str(c["unit_definition"]),
            legal_source=str(c["legal_source"]), source=str(c["source"]),
            unit_from_year=tuple(
                (_year(y, criterion_field(c["key"], "unit_from_year")), str(u))
                for y, u in by_year.items()
            ),
            base_price_eur=None if price is None
            else to_decimal(price, criterion_field(c["key"], "base_price_eur")),
            swedish_weight=weight, swedish_weight_source=weight_source or "",
        ))
    transition = data["county_transition"]
    _check_keys(transition, "county_transition", {"source", "schedule"})
    sources["county_transition"] = str(transition["source"])
    steps = []
    for i, s in enumerate(_list(transition["schedule"], "county_transition.schedule")):
        _check_keys(s, f"county_transition.schedule[{i}]", {"year", "up", "down"})
        steps.append(TransitionStep(
            _year(s["year"], f"county_transition.schedule[{i}]: year"),
            to_decimal(s["up"], f"county_transition.schedule[{i}]: up"),
            to_decimal(s["down"], f"county_transition.schedule[{i}]: down"),
        ))
    _check_keys(data["municipal"], "municipal", _MUNICIPAL_KEYS)
    municipal_values = {}
    for key in sorted(_MUNICIPAL_KEYS):
        municipal_values[key], sources[f"municipal.{key}"] = _sourced(
            data["municipal"][key], f"municipal.{key}"
        )
    growth = None
    if "funding_growth" in data:
        g = data["funding_growth"]
        _check_keys(g, "funding_growth", {"extra_points", "first_year", "last_year", "source"})
        growth = FundingGrowth(to_decimal(g["extra_points"], "funding_growth.extra_points"),
                               _year(g["first_year"], "funding_growth.first_year"),
                               _year(g["last_year"], "funding_growth.last_year"),
                               str(g["source"]))
    level_year = None
    if "price_level_year" in data:
        _check_keys(data["price_level_year"], "price_level_year", {"value", "source"})
        level_year = _year(data["price_level_year"]["value"], "price_level_year")
        sources["price_level_year"] = str(data["price_level_year"]["source"])
    params = ParameterSet(
        name=str(data["name"]), title=str(data["title"]),
        year=_year(data["year"], "year"), description=str(data["description"]),
        total_funding_eur=total, groups=tuple(groups), criteria=tuple(criteria),
        transition_schedule=tuple(steps), municipal=MunicipalParameters(**municipal_values),
        sources=sources, share_tolerance_points=tolerance, funding_growth=growth,
        notes=tuple(str(n) for n in data.get("notes", ())), price_level_year_value=level_year,
    )
    validate(params)  # the numbers first: their reasons come before those of the texts
    if "translations" in data:
        params = replace(params, translations=_translations(
            data["translations"], {c.key for c in criteria}, {g.key for g in groups}))
    return params


def _texts(obj: Any, where: str, allowed: set[str]) -> dict[str, str]:
    _check_keys(obj, where, set(), allowed)
    for key, value in obj.items():
        if not isinstance(value, str):
            raise FundingInputError(reason("%(where)s: %(key)s must be text", where=where, key=key))
    return dict(obj)


def _translations(obj: Any, criteria: set[str], groups: set[str]) -> dict[str, dict[str, Any]]:
    """{"sv": {...}, "en": {...}} checked: known languages, keys, criteria and groups; texts only."""
    _check_keys(obj, "translations", set(), set(TRANSLATED_LANGUAGES))
    out = {}
    for language, texts in obj.items():
        where = f"translations.{language}"
        _check_keys(texts, where, set(), {"title", "description", "notes", "criteria", "groups"})
        parsed: dict[str, Any] = _texts({k: v for k, v in texts.items() if k in ("title", "description")},
                                        where, {"title", "description"})
        if "notes" in texts:
            parsed["notes"] = [str(n) for n in _list(texts["notes"], f"{where}.notes")]
        for part, known, fields in (("criteria", criteria, {"label", "unit_definition", "legal_source", "source"}),
                                    ("groups", groups, {"label", "source"})):
            if part in texts:
                _check_keys(texts[part], f"{where}.{part}", set(), known)
                parsed[part] = {key: _texts(value, f"{where}.{part}.{key}", fields)
                                for key, value in texts[part].items()}
        out[language] = parsed
    return out


def validate(params: ParameterSet) -> ParameterSet:  # noqa: C901 - a flat list of independent checks
    """Check a set's internal consistency; returns it unchanged or raises FundingInputError."""
    if not params.name:
        raise FundingInputError(reason("parameter set: empty name"))
    if params.total_funding_eur <= 0:
        raise FundingInputError(reason("total_funding_eur must be positive, got %(value)s",
                                       value=params.total_funding_eur))
    tol = params.share_tolerance_points
    if tol < 0 or tol > Decimal("0.01"):
        raise FundingInputError(reason("share_tolerance_points must be within [0, 0.01], got %(value)s", value=tol))
    group_keys = [g.key for g in params.groups]
    if len(set(group_keys)) != len(group_keys):
        raise FundingInputError(reason("groups: duplicate group key"))
    keys = [c.key for c in params.criteria]
    for key in keys:
        if keys.count(key) > 1:
            raise FundingInputError(reason("criteria: duplicate criterion key %(key)s", key=repr(key)))
    for c in params.criteria:
        if c.group not in group_keys:
            raise FundingInputError(reason("criterion %(key)s: unknown group %(group)s", key=c.key, group=repr(c.group)))
        if c.share < 0:
            raise FundingInputError(reason("criterion %(key)s: negative share %(share)s", key=c.key, share=c.share))
        for unit in (c.unit, *(u for _, u in c.unit_from_year)):
            if unit not in UNIT_RULES:
                raise FundingInputError(reason("criterion %(key)s: unknown unit rule %(unit)s", key=c.key, unit=repr(unit)))
        if c.base_price_eur is not None and c.base_price_eur < 0:
            raise FundingInputError(reason("criterion %(key)s: negative base_price_eur", key=c.key))
        uses_weight = "bilingual_swedish" in (c.unit, *(u for _, u in c.unit_from_year))
        if uses_weight and c.swedish_weight is None:
            raise FundingInputError(reason("criterion %(key)s: unit bilingual_swedish needs swedish_weight", key=c.key))
        if c.swedish_weight is not None and not 0 <= c.swedish_weight <= 1:
            raise FundingInputError(reason("criterion %(key)s: swedish_weight must be within [0, 1], got %(value)s",
                                           key=c.key, value=c.swedish_weight))
    for g in params.groups:
        if g.total_share < 0:
            raise FundingInputError(reason("group %(key)s: negative total_share %(share)s", key=g.key, share=g.total_share))
        summed = sum((c.share for c in params.criteria if c.group == g.key), Decimal(0))
        if abs(summed - g.total_share) > tol:
            raise FundingInputError(reason(
                "group %(key)s: criterion shares sum to %(sum)s, stated total %(total)s "
                "(difference %(difference)s exceeds tolerance %(tolerance)s)",
                key=g.key, sum=summed, total=g.total_share, difference=summed - g.total_share, tolerance=tol,
            ))
    group_sum = sum((g.total_share for g in params.groups), Decimal(0))
    if abs(group_sum - HUNDRED) > tol:
        raise FundingInputError(reason(
            "group totals sum to %(sum)s, not 100 (difference %(difference)s exceeds tolerance %(tolerance)s)",
            sum=group_sum, difference=group_sum - HUNDRED, tolerance=tol,
        ))
    if not params.transition_schedule:
        raise FundingInputError(reason("county_transition: empty schedule"))
    years = [s.year for s in params.transition_schedule]
    if years != sorted(set(years)):
        raise FundingInputError(reason("county_transition: schedule years must be strictly increasing"))
    for s in params.transition_schedule:
        if s.up < 0 or s.down < 0:
            raise FundingInputError(reason(
                "county_transition %(year)s: caps must be ≥ 0 (up %(up)s, down %(down)s)",
                year=s.year, up=s.up, down=s.down,
            ))
    for key, value in vars(params.municipal).items():
        if value < 0:
            raise FundingInputError(reason("municipal.%(key)s: negative value %(value)s", key=key, value=value))
    if params.price_level_year > params.year:
        raise FundingInputError(reason("price_level_year %(level)s is after the set's year %(year)s",
                                       level=params.price_level_year, year=params.year))
    growth = params.funding_growth
    if growth is not None and growth.last_year < growth.first_year:
        raise FundingInputError(reason("funding_growth: last_year before first_year"))
    return params


def load_parameter_set(source: str | Path) -> ParameterSet:
    """Load a set by name (file in PARAMETERS_DIR without .json) or by path."""
    path = Path(source)
    if path.suffix != ".json":
        path = PARAMETERS_DIR / f"{source}.json"
    if not path.is_file():
        raise FundingInputError(reason("no parameter set file %(file)s", file=repr(path.name)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise FundingInputError(reason("%(file)s: invalid JSON: %(detail)s", file=path.name, detail=str(exc))) from None
    return parameter_set_from_dict(data)


def available_parameter_sets() -> list[str]:
    """Names of the shipped parameter sets, sorted."""
    return sorted(p.stem for p in PARAMETERS_DIR.glob("*.json"))
