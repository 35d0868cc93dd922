"""Parsing indicator files into plain rows (no Django): Sotkanet JSON, long CSV, JSON-stat 2.0.

Every parser returns `ValueRow`s whose region is a product key (kind, official code); files that
are not in the expected shape raise `InputError(file, line, reason)` before anything is written.
Region rule (docs/indicators.md): Sotkanet KUNTA → municipality (3-digit code), HYVINVOINTIALUE →
county (the new 01–21 codes, zero-padded; 90 = Helsinki → municipality 091), MAA → whole country;
other region levels (seutukunta, maakunta, Åland 91 …) are skipped and counted.
"""

import math
from datetime import date
from typing import NamedTuple

from yhdyspinta.core import jsonsafe
from yhdyspinta.core.reasons import Reason, reason
from yhdyspinta.core.tabular import InputError, parse_decimal, parse_int, read_records

COUNTRY = ("country", "SSS")
SEXES = {"total": "total", "male": "male", "female": "female", "t": "total", "m": "male", "f": "female",
         "yhteensä": "total", "miehet": "male", "naiset": "female", "sss": "total", "1": "male", "2": "female"}
MIN_YEAR = 1900


class Position(NamedTuple):
    """Where a value sits in a JSON file ("row 3", "value 12", "indicator 1").

    Kept for every value row (a million of them), so a small tuple; it becomes a translatable
    Reason only when an error shows it. `str()` gives the English text.
    """

    kind: str  # "row", "value" or "indicator"
    number: int

    def describe(self) -> Reason:
        if self.kind == "row":
            return reason("row %(number)s", number=self.number)
        if self.kind == "value":
            return reason("value %(number)s", number=self.number)
        return reason("indicator %(number)s", number=self.number)

    def __str__(self):
        return str(self.describe())


def at(where, problem):
    """`problem` prefixed with its JSON position ("row 3: …"); a CSV line number (an int, given to
    InputError as the line) or no position leaves it as it is."""
    if where is None or isinstance(where, int):
        return problem
    label = where.describe() if isinstance(where, Position) else where
    return reason("%(where)s: %(problem)s", where=label, problem=problem)


class ValueRow(NamedTuple):
    """One value to store (a NamedTuple: a million of them are made in a large import)."""

    source: str
    source_id: str
    region: tuple[str, str] | None  # None: a region level the product does not store
    year: int
    sex: str
    value: float | None
    abs_value: float | None
    where: int | Position | str  # line number or array position, for error messages


def region_key(category: str, code) -> tuple[str, str] | None:
    """A Sotkanet (or product) region category and code → (kind, official code), None to skip."""
    cat = str(category).strip().upper()
    code = str(code).strip()
    if cat in ("MAA", "COUNTRY"):
        return COUNTRY
    if cat in ("KUNTA", "MUNICIPALITY"):
        return ("municipality", code.zfill(3)) if code.isdigit() else ("municipality", code)
    if cat in ("HYVINVOINTIALUE", "COUNTY"):
        if code.isdigit() and code.lstrip("0") == "90":  # no int(): "9²" and 5 000 digits pass isdigit()
            return ("municipality", "091")  # Helsinki organises sote itself
        if code.isdigit() and code.lstrip("0") == "91":
            return None  # Åland is not a wellbeing services county
        return ("county", code.zfill(2)) if code.isdigit() else ("county", code)
    return None


def check_year(year: int, name: str, where, max_year: int) -> int:
    if not MIN_YEAR <= year <= max_year:
        raise InputError(name, where if isinstance(where, int) else None, at(where, reason(
            "year %(year)s out of range %(first)s–%(last)s", year=year, first=MIN_YEAR, last=max_year)))
    return year


def load_json(data: bytes | str, name: str):
    """JSON with the same limits as every other JSON from outside (core.jsonsafe)."""
    try:
        return jsonsafe.loads(data)
    except jsonsafe.JSONRefused as exc:
        raise InputError(name, None, reason("not valid JSON (%(detail)s)", detail=exc.reason)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(name, None, reason("not valid JSON (%(detail)s)", detail=str(exc))) from None
    except RecursionError:
        raise InputError(name, None, reason("not valid JSON (nested too deeply)")) from None


# ---- Sotkanet -------------------------------------------------------------------------------
def parse_sotkanet_regions(payload, name="regions") -> dict[int, tuple[str, str]]:
    """/regions → {Sotkanet region id: (category, code)}."""
    if not isinstance(payload, list) or not all(
        isinstance(r, dict) and {"id", "code", "category"} <= r.keys() for r in payload
    ):
        raise InputError(name, None, reason("not Sotkanet's region list (objects with id, code, category expected)"))
    regions = {}
    for index, r in enumerate(payload):
        try:
            regions[int(r["id"])] = (str(r["category"]), str(r["code"]))
        except (TypeError, ValueError, OverflowError):  # e.g. an object, "x" or 1e999 as id
            raise InputError(name, None, reason("region %(number)s: id '%(id)s' is not a whole number",
                                                number=index + 1, id=str(r["id"]))) from None
    return regions


def is_sotkanet_values(payload) -> bool:
    return isinstance(payload, list) and bool(payload) and all(
        isinstance(r, dict) and {"indicator", "region", "year"} <= r.keys() for r in payload
    )


def is_sotkanet_metadata(payload) -> bool:
    items = payload if isinstance(payload, list) else [payload]
    return bool(items) and all(isinstance(i, dict) and {"id", "title"} <= i.keys()
                               and isinstance(i["title"], dict) for i in items)


def parse_sotkanet_values(payload, regions: dict[int, tuple[str, str]], *, name: str, max_year: int):
    """/json rows → (ValueRow list, skipped count). Rows without value and absValue are skipped."""
    if not is_sotkanet_values(payload):
        raise InputError(name, None, reason("not Sotkanet's data shape (a list of rows with indicator, region, "
                                            "year, gender, value expected)"))
    rows, skipped = [], 0
    for index, raw in enumerate(payload):
        where = Position("row", index + 1)
        try:
            indicator, region_id, year = int(raw["indicator"]), int(raw["region"]), int(raw["year"])
        except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999 is read as float infinity
            raise InputError(name, None, at(where, reason("indicator, region and year must be whole numbers"))) from None
        if region_id not in regions:
            raise InputError(name, None, at(where, reason("unknown Sotkanet region id %(region)s", region=region_id)))
        sex = SEXES.get(str(raw.get("gender", "total")).lower())
        if sex is None:
            raise InputError(name, None, at(where, reason("unknown gender '%(gender)s'", gender=str(raw.get("gender")))))
        check_year(year, name, where, max_year)
        value, abs_value = _number(raw.get("value"), name, where), _number(raw.get("absValue"), name, where)
        key = region_key(*regions[region_id])
        if key is None or (value is None and abs_value is None):
            skipped += 1
            continue
        rows.append(ValueRow("sotkanet", str(indicator), key, year, sex, value, abs_value, where))
    return rows, skipped


def parse_sotkanet_metadata(payload, name="indicators") -> list[dict]:
    """/indicators/{id} (one object or a list) → Indicator field dicts.

    Optional parts of another shape (a description that is not an object, a non-text label) count
    as absent; an id, decimals, years or date of the wrong type are refused with InputError.
    """
    if not is_sotkanet_metadata(payload):
        raise InputError(name, None, reason("not Sotkanet's indicator metadata (objects with id and title expected)"))
    items = payload if isinstance(payload, list) else [payload]
    out = []
    for index, item in enumerate(items):
        where = Position("indicator", index + 1)
        title = _object(item.get("title"))
        desc = _object(item.get("description"))
        org = _object(_object(item.get("organization")).get("title"))
        unit = _object(_object(item.get("primaryValueType")).get("title"))
        rng = _object(item.get("range"))
        levels = _object(_object(item.get("classifications")).get("region")).get("values")
        levels = [v for v in levels if isinstance(v, str)] if isinstance(levels, list) else []
        out.append({
            "source_id": _source_id(item["id"], name, where),
            **{f"title_{lang}": _text(title, lang)[:400] for lang in ("fi", "sv", "en")},
            **{f"description_{lang}": _text(desc, lang) for lang in ("fi", "sv", "en")},
            **{f"unit_{lang}": _text(unit, lang)[:100] for lang in ("fi", "sv", "en")},
            **{f"source_organisation_{lang}": _text(org, lang)[:200] for lang in ("fi", "sv", "en")},
            "decimals": _small_int(item.get("decimals"), name, where, reason("decimals")) or 0,
            "region_levels": ", ".join(levels)[:300],
            "first_year": _small_int(rng.get("start"), name, where, reason("range start")),
            "last_year": _small_int(rng.get("end"), name, where, reason("range end")),
            "data_updated": _date_text(item.get("data-updated"), name, where),
        })
    return out


def _object(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(obj: dict, lang: str) -> str:
    value = obj.get(lang)
    return value if isinstance(value, str) else ""


def _source_id(value, name, where) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not 0 < len(str(value)) <= 64:
        raise InputError(name, None, at(where, reason("id '%(id)s' is not an indicator id", id=str(value))))
    return str(value)


def _small_int(value, name, where, field) -> int | None:
    """A metadata count or year: None if absent, else a whole number 0–32767 (the column's range)."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 32767:
        raise InputError(name, None, at(where, reason("%(field)s '%(value)s' is not a whole number 0–32767",
                                                      field=field, value=str(value))))
    return value


def _date_text(value, name, where) -> str | None:
    """data-updated: 2025-04-29 (a time after the date is dropped), None if absent."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except (TypeError, ValueError):
        raise InputError(name, None, at(where, reason("data-updated '%(value)s' is not a date",
                                                      value=str(value)))) from None


def _number(value, name, where):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(name, None, at(where, reason("'%(value)s' is not a number", value=str(value))))
    if isinstance(value, (int, float)):
        try:
            number = float(value)  # OverflowError: an integer with hundreds of digits
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):  # as CSV values: 1e999 is read as infinity
            raise InputError(name, None, at(where, reason("'%(value)s' is not a finite number", value=str(value))))
        return number
    try:
        return float(parse_decimal(str(value), name, 0, "value"))
    except InputError:
        raise InputError(name, None, at(where, reason("'%(value)s' is not a number", value=str(value)))) from None


# ---- long CSV -------------------------------------------------------------------------------
CSV_COLUMNS = ("indicator_id", "region_code", "region_category", "year", "sex", "value", "abs_value")


class _Row:
    """A row read by position: `row["value"]` without building a dict per row."""

    __slots__ = ("index", "values")

    def __init__(self, index, values):
        self.index, self.values = index, values

    def __getitem__(self, column):
        return self.values[self.index[column]].strip()

    def get(self, column, default=""):
        position = self.index.get(column)
        return default if position is None else self.values[position].strip()


def fast_rows(source, *, name: str, required, allowed):
    """core.tabular.read_records for a million rows: rows read by position instead of as dicts."""
    header, records = read_records(source, name=name, required=required, allowed=allowed)
    index = {h: i for i, h in enumerate(header)}
    for number, values in records:
        yield number, _Row(index, values)


def _float(text: str, name: str, line: int, column: str) -> float | None:
    """A CSV number as float: the fast path for plain "12,5"/"12.5", else core's parse_decimal."""
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return float(parse_decimal(text, name, line, column))
    if not math.isfinite(number):
        raise InputError(name, line, reason("%(column)s: '%(value)s' is not a finite number", column=column, value=text))
    return number


def parse_long_csv(source, *, name: str, max_year: int, default_source="sotkanet"):
    """indicator_id;region_code;region_category;year;sex;value;abs_value (Finnish dialect welcome).

    An indicator id may carry its source as a prefix, e.g. "statfin:vaesto"; otherwise Sotkanet.
    """
    rows = []
    regions: dict = {}
    for line, raw in fast_rows(source, name=name, required=CSV_COLUMNS[:5], allowed=(*CSV_COLUMNS, "source")):
        ind = raw["indicator_id"]
        src, _sep, sid = ind.rpartition(":") if ":" in ind else (raw.get("source") or default_source, "", ind)
        if not sid:
            raise InputError(name, line, reason("indicator_id is empty"))
        where = (raw["region_category"], raw["region_code"])
        key = regions.get(where)
        if key is None:
            key = region_key(*where)
            if key is None:
                raise InputError(name, line, reason("unknown region category '%(category)s' "
                                                    "(KUNTA, HYVINVOINTIALUE, MAA expected)",
                                                    category=raw["region_category"]))
            if not raw["region_code"] and key != COUNTRY:
                raise InputError(name, line, reason("region_code is empty"))
            regions[where] = key
        year_text = raw["year"]
        fast = year_text.isascii() and year_text.isdigit() and len(year_text) < 10  # else "20²" reached int()
        year = int(year_text) if fast else parse_int(year_text, name, line, "year")
        check_year(year, name, line, max_year)
        sex = SEXES.get(raw["sex"].lower() or "total")
        if sex is None:
            raise InputError(name, line, reason("sex: '%(sex)s' is not total, male or female", sex=raw["sex"]))
        value = _float(raw.get("value", ""), name, line, "value")
        abs_value = _float(raw.get("abs_value", ""), name, line, "abs_value")
        if value is None and abs_value is None:
            raise InputError(name, line, reason("neither value nor abs_value given"))
        rows.append(ValueRow(src or default_source, sid, key, year, sex, value, abs_value, line))
    return rows
