"""Sotkanet's region list (/regions) checked and translated before any value is mapped (no Django).

Two facts of the real REST 1.1 list the plain code mapping got wrong (docs/indicators.md, "Regions"):

* Helsinki is listed twice: as a municipality (category KUNTA, code 91) and as the organiser of
  its own social, health and rescue services beside the counties (category HYVINVOINTIALUE,
  code 90). Both are the product's organisation Helsinki (municipality 091, `organises_sote`);
  the organiser's rows are stored at the level "organiser" (`ORGANISER_IDS` of the result), so
  an all-regions file no longer has the same key twice.
* Sotkanet renumbered the county-level regions (old ids 877–898 with old codes, new ids 956–978
  with the official codes). A list that still carries an old id with its old code put
  Pirkanmaa (old code 4) on Vantaa–Kerava (new code 04). Every county-level region is therefore
  checked by id, code AND name against the shipped table `data/sotkanet_hyvinvointialueet.csv`;
  an old id is translated to its county with a note, anything that does not agree is refused.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError

TABLE = Path(__file__).resolve().parent.parent / "data" / "sotkanet_hyvinvointialueet.csv"
COUNTY_LEVEL = "HYVINVOINTIALUE"
HELSINKI_ORGANISER = "90"


@dataclass(frozen=True)
class CountyRegion:
    name: str
    new_id: int
    old_id: int | None
    new_code: str
    old_code: str | None


@dataclass
class ResolvedRegions:
    """What the value parser needs: {Sotkanet id: (category, code)} with old ids translated."""

    regions: dict[int, tuple[str, str]]
    organiser_ids: set[int] = field(default_factory=set)
    notes: list = field(default_factory=list)  # translatable Reasons: old ids translated


def load_table(path: Path = TABLE) -> list[CountyRegion]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [CountyRegion(row["nimi"], int(row["uusi_id"]), int(row["vanha_id"]) if row["vanha_id"] else None,
                             row["uusi_code"], row["vanha_code"] or None)
                for row in csv.DictReader(handle)]


def normal_name(text) -> str:
    """Names compared without case, extra spaces or the kind of dash."""
    return re.sub(r"\s+", " ", str(text or "").replace("–", "-").replace("—", "-")).strip().casefold()


def _title(region: dict) -> str:
    title = region.get("title")
    if isinstance(title, dict):
        return str(title.get("fi") or title.get("sv") or title.get("en") or "")
    return str(title or "")


def _same_code(a, b) -> bool:
    a, b = str(a).strip(), str(b).strip()
    return a == b or (a.isdigit() and b.isdigit() and a.lstrip("0") == b.lstrip("0"))


def resolve(regions: dict[int, tuple[str, str]], payload, name: str, *,
            county_names: dict[str, list[str]] | None = None, table: list[CountyRegion] | None = None
            ) -> ResolvedRegions:
    """Checks the county-level rows of a parsed region list (`parsing.parse_sotkanet_regions`).

    `payload` is the raw list (for the names); `county_names` maps a product county code (two
    digits) to its names (the main one first), used for a county-level id the shipped table does
    not know.
    """
    table = load_table() if table is None else table
    by_new = {c.new_id: c for c in table}
    by_old = {c.old_id: c for c in table if c.old_id is not None}
    titles = {}
    for item in payload:
        try:
            titles[int(item["id"])] = _title(item)
        except (TypeError, ValueError, OverflowError, KeyError):
            continue
    out = ResolvedRegions(dict(regions))
    for region_id, (category, code) in regions.items():
        if str(category).strip().upper() != COUNTY_LEVEL:
            continue
        title = titles.get(region_id, "")
        known = by_new.get(region_id)
        if known is not None:
            if not _same_code(code, known.new_code):
                raise InputError(name, None, reason(
                    "region %(id)s: the list gives code %(code)s, but Sotkanet's county-level region %(id)s is "
                    "%(known)s with code %(expected)s", id=region_id, code=code, known=known.name,
                    expected=known.new_code))
            _check_name(name, region_id, title, known.name)
            new_code = known.new_code
        elif region_id in by_old:
            known = by_old[region_id]
            if not (_same_code(code, known.old_code or "") or _same_code(code, known.new_code)):
                raise InputError(name, None, reason(
                    "region %(id)s: the list gives code %(code)s, but Sotkanet's old county-level id %(id)s was "
                    "%(known)s with code %(expected)s", id=region_id, code=code, known=known.name,
                    expected=known.old_code))
            _check_name(name, region_id, title, known.name)
            new_code = known.new_code
            out.notes.append(reason(
                "old Sotkanet region id %(id)s (%(known)s, old code %(old)s) translated to the current code "
                "%(new)s", id=region_id, known=known.name, old=code, new=new_code.zfill(2)))
        else:
            product = (county_names or {}).get(str(code).strip().zfill(2))
            if product and title and normal_name(title) not in {normal_name(n) for n in product}:
                raise InputError(name, None, reason(
                    "region %(id)s: code %(code)s is %(product)s here, but the region list names it %(title)s; "
                    "an old region list? Use Sotkanet's current /regions", id=region_id, code=code,
                    product=product[0], title=title))
            new_code = str(code).strip()
        out.regions[region_id] = (category, new_code.lstrip("0") or "0")
        if _same_code(new_code, HELSINKI_ORGANISER):
            out.organiser_ids.add(region_id)
    return out


def _check_name(name, region_id, title, expected):
    if title and normal_name(title) != normal_name(expected):
        raise InputError(name, None, reason(
            "region %(id)s is %(expected)s in Sotkanet's county table, but the region list names it %(title)s",
            id=region_id, expected=expected, title=title))
