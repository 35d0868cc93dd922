"""County and municipal inputs: CSV (Finnish dialect) ⇄ stored rows ⇄ compute dataclasses.

No Django here: the web import, the demo loader and the CLI read files the same way, and a
refused file names its line and reason (yhdyspinta.core.tabular.InputError). Rows are stored
as dicts of strings so that Decimal values survive JSON exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError, parse_decimal, parse_int, read_rows

from .compute import CountyInput, FundingInputError, MunicipalityInput, ParameterSet
from .compute.demo_inputs import ALAND, county_rows

COUNTY_COLUMNS = tuple(f.name for f in fields(CountyInput))
MUNICIPAL_COLUMNS = tuple(f.name for f in fields(MunicipalityInput))
COUNTY_BOOLEANS = ("bilingual", "university_hospital")
COUNTY_INTEGERS = ("population",)
MUNICIPAL_INTEGERS = ("population", "previous_population")
TEXT = ("code", "name", "county_code")
#: Decimal inputs beyond these powers of ten are refused: no real euro sum, count or coefficient is
#: near them, and e.g. 1e999999 would overflow Decimal arithmetic in compute (decimal.Overflow).
MIN_EXPONENT, MAX_EXPONENT = -12, 15
TRUE = {"1", "true", "yes", "kyllä", "k", "x", "ja"}
FALSE = {"0", "false", "no", "ei", "e", "nej", ""}
#: unit rule -> the input column it needs (as compute/county.py)
NEEDS = {
    "service_need": "service_need_coefficient",
    "foreign_language": "foreign_language_speakers",
    "hyte": "hyte_coefficient",
    "rescue_risk": "rescue_risk_coefficient",
}


def organising_area_codes() -> list[str]:
    """The 21 counties and Helsinki (90) that the funding law covers (Åland excluded)."""
    return [r["code"] for r in county_rows() if r["code"] != ALAND]


def _name(source, name: str | None) -> str:
    return name or (source.name if isinstance(source, Path) else "file")


def _bool(value: str, name: str, line: int, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise InputError(name, line, reason("%(column)s: '%(value)s' is not yes/no (use 1 or 0)", column=column, value=value))


def _clean(row: dict, name: str, line: int, integers, booleans) -> dict:
    """Typed values of one CSV row; empty cells become None (booleans: False)."""
    out: dict = {}
    for column, value in row.items():
        if not column:  # an unnamed column (Excel's trailing ';'): fine while it stays empty
            if value:
                raise InputError(name, line, reason("'%(value)s' is in a column without a name in the header",
                                                    value=value))
            continue
        if column in TEXT:
            out[column] = value
        elif column in booleans:
            out[column] = _bool(value, name, line, column)
        elif value == "":
            out[column] = None
        elif column in integers:
            out[column] = parse_int(value, name, line, column)
        else:
            out[column] = parse_decimal(value, name, line, column)
        if isinstance(out[column], int | Decimal) and not isinstance(out[column], bool) and out[column] < 0:
            raise InputError(name, line, reason("%(column)s: negative value %(value)s", column=column, value=value))
        number = out[column]
        if isinstance(number, Decimal) and number and not MIN_EXPONENT <= number.adjusted() <= MAX_EXPONENT:
            raise InputError(name, line, reason("%(column)s: %(value)s is out of range (1e%(min)s to 1e%(max)s)",
                                                column=column, value=value, min=MIN_EXPONENT, max=MAX_EXPONENT))
    if not out.get("code"):
        raise InputError(name, line, reason("code: empty"))
    if out.get("population") is None:
        raise InputError(name, line, reason("population: empty"))
    return out


def _active_needs(params: ParameterSet | None, year: int | None) -> list[tuple[str, str, Decimal]]:
    """(column, criterion key, share) that the set's criteria with a share need in `year`."""
    if params is None:
        return []
    year = params.year if year is None else year
    out = []
    for crit in params.criteria:
        column = NEEDS.get(crit.unit_for(year))
        if column and (crit.share > 0 or crit.base_price_eur is not None):
            out.append((column, crit.key, crit.share))
    return out


def _check_once_with_residents(values: dict, name: str, line: int, seen: dict[str, int], twice) -> None:
    """A county or municipality row: its code not seen before (`twice(code, first line)` is the
    refusal) and a population above zero."""
    code = values["code"]
    if code in seen:
        raise InputError(name, line, twice(code, seen[code]))
    seen[code] = line
    if values["population"] == 0:
        raise InputError(name, line, reason("population: 0 (per-resident figures need residents)"))


def read_county_csv(source, *, name: str | None = None, params: ParameterSet | None = None,
                    year: int | None = None, expected: Iterable[str] | None = None) -> list[CountyInput]:
    """County inputs from CSV: all or nothing; the first bad row stops with file, line, reason.

    With `params`, a coefficient missing for a criterion with a share is refused on its line;
    with `expected` (county codes), a missing county is refused by name.
    """
    name = _name(source, name)
    needs = _active_needs(params, year)
    seen: dict[str, int] = {}
    result = []
    for line, row in read_rows(source, name=name, required=("code", "name", "population"),
                               allowed=COUNTY_COLUMNS):
        values = _clean(row, name, line, COUNTY_INTEGERS, COUNTY_BOOLEANS)
        _check_once_with_residents(values, name, line, seen, lambda code, first: reason(
            "county %(code)s appears twice (first on line %(line)s)", code=code, line=first))
        for column, key, share in needs:
            if values.get(column) is None:
                raise InputError(name, line, reason("%(column)s missing, required by criterion %(key)s (share %(share)s %%)",
                                                    column=column, key=key, share=share))
        result.append(CountyInput(**{k: v for k, v in values.items() if v is not None}))
    if not result:
        raise InputError(name, None, reason("no counties in the file"))
    for code in expected or ():
        if code not in seen:
            raise InputError(name, None, reason("county %(code)s missing from the inputs", code=code))
    if params is not None:
        from .compute import compute_county_funding

        try:
            compute_county_funding(params, result, year)
        except FundingInputError as exc:
            raise InputError(name, None, exc.args[0]) from None  # the Reason, translatable
    return result


def read_municipal_csv(source, *, name: str | None = None) -> list[MunicipalityInput]:
    """Municipal inputs from CSV, all or nothing, errors with file, line and reason."""
    name = _name(source, name)
    seen: dict[str, int] = {}
    result = []
    for line, row in read_rows(source, name=name, required=("code", "name", "population"),
                               allowed=MUNICIPAL_COLUMNS):
        values = _clean(row, name, line, MUNICIPAL_INTEGERS, ())
        _check_once_with_residents(values, name, line, seen, lambda code, first: reason(
            "municipality %(code)s appears twice (first on line %(line)s)", code=code, line=first))
        result.append(MunicipalityInput(**{k: v for k, v in values.items() if v is not None}))
    if not result:
        raise InputError(name, None, reason("no municipalities in the file"))
    given = [m.previous_population is not None for m in result]
    if any(given) and not all(given):
        missing = result[given.index(False)]
        raise InputError(name, seen[missing.code],
                         reason("previous_population: empty (given for others; needed for all or none)"))
    return result


def _to_text(value) -> object:
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    return str(value)


def to_rows(items) -> list[dict]:
    """Dataclass inputs → JSON-safe dicts (decimals as strings, so nothing is rounded)."""
    return [{k: _to_text(v) for k, v in asdict(item).items()} for item in items]


def county_inputs_from_rows(rows: list[dict]) -> list[CountyInput]:
    allowed = set(COUNTY_COLUMNS)
    return [CountyInput(**{k: v for k, v in row.items() if k in allowed}) for row in rows]


def municipality_inputs_from_rows(rows: list[dict]) -> list[MunicipalityInput]:
    allowed = set(MUNICIPAL_COLUMNS)
    return [MunicipalityInput(**{k: v for k, v in row.items() if k in allowed}) for row in rows]
