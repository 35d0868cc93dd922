"""Loading and updating the classification of counties and municipalities.

The update compares a newer CSV of the same columns with the database, reports what changed
(merged away, moved county, renamed, population changed, new) and applies it in one
transaction. A municipality that ceased is closed (valid_until), never deleted.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError, parse_int, read_rows

from .models import Organisation, OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities_2021.csv"
COUNTIES_CSV = DATA_DIR / "wellbeing_services_counties_2021.csv"
POPULATION_YEAR = 2020
HELSINKI_AREA = "90"
ALAND = "91"
MUNICIPALITY_COLUMNS = ("code", "name_fi", "name_sv", "population", "county_code")
COUNTY_COLUMNS = ("code", "letter_code", "name_fi", "name_sv", "short_name_fi", "short_name_sv", "population")


@dataclass
class Change:
    kind: str  # new, ceased, moved, renamed, population, county_new, county_changed
    code: str
    description: str
    values: dict = field(default_factory=dict)

    def __str__(self):
        return f"{self.kind:<11} {self.code:<4} {self.description}"


MAX_NAME_LENGTH = {"short_name_fi": 100, "short_name_sv": 100}  # name_*: 200 (the columns' lengths)
MAX_POPULATION = 2_147_483_647  # the column's limit on every database; Finland has 5.6 million


def _parse(path: Path, columns, code_len: int):
    rows, seen = [], {}
    name = Path(path).name
    for line, row in read_rows(Path(path), required=columns):
        code = row["code"]
        if not (code.isascii() and code.isdigit()) or len(code) > code_len:
            raise InputError(name, line, reason("code '%(code)s' is not an official code", code=code))
        code = code.zfill(code_len)
        if code in seen:
            raise InputError(name, line, reason("duplicate code %(code)s (also on line %(first)s)",
                                                code=code, first=seen[code]))
        seen[code] = line
        if not row["name_fi"]:
            raise InputError(name, line, reason("name_fi is empty"))
        for column in ("name_fi", "name_sv", "short_name_fi", "short_name_sv"):
            limit = MAX_NAME_LENGTH.get(column, 200)
            if len(row.get(column) or "") > limit:
                raise InputError(name, line, reason("%(column)s is longer than %(limit)s characters",
                                                    column=column, limit=limit))
        population = parse_int(row["population"], name, line, "population")
        if population < 0:
            raise InputError(name, line, reason("population is negative"))
        if population > MAX_POPULATION:
            raise InputError(name, line, reason("population %(population)s is larger than any area's",
                                                population=population))
        rows.append((line, {**row, "code": code, "population": population}))
    return rows


def parse_counties(path=COUNTIES_CSV):
    return _parse(path, COUNTY_COLUMNS, 2)


def parse_municipalities(path=MUNICIPALITIES_CSV, county_codes=None):
    rows = _parse(path, MUNICIPALITY_COLUMNS, 3)
    if county_codes is not None:
        for line, row in rows:
            row["county_code"] = row["county_code"].zfill(2)
            if row["county_code"] not in county_codes:
                raise InputError(Path(path).name, line,
                                 reason("unknown county code '%(code)s'", code=row["county_code"]))
    return rows


def plan(municipality_rows, county_rows=()) -> list[Change]:
    """What applying these rows would change, without changing anything."""
    changes: list[Change] = []
    counties = {o.code: o for o in Organisation.objects.filter(kind=OrganisationKind.COUNTY)}
    for _line, row in county_rows:
        if row["code"] in (HELSINKI_AREA, ALAND):
            continue
        current = counties.get(row["code"])
        if current is None:
            changes.append(Change("county_new", row["code"], row["name_fi"], row))
        elif (current.name_fi, current.name_sv, current.population) != (
            row["name_fi"], row["name_sv"], row["population"]
        ):
            changes.append(Change("county_changed", row["code"], row["name_fi"], row))
    existing = {o.code: o for o in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).select_related("area")}
    in_file = set()
    for _line, row in municipality_rows:
        code = row["code"]
        in_file.add(code)
        current = existing.get(code)
        if current is None or current.valid_until is not None:
            changes.append(Change("new", code, f"{row['name_fi']} (county {row['county_code']})", row))
            continue
        old_area = current.area.area_code if current.area else ALAND
        if old_area != row["county_code"]:
            changes.append(Change("moved", code, f"{current.name_fi}: county {old_area} → {row['county_code']}", row))
        if (current.name_fi, current.name_sv) != (row["name_fi"], row["name_sv"]):
            changes.append(Change("renamed", code, f"{current.name_fi} → {row['name_fi']}", row))
        if current.population != row["population"]:
            changes.append(Change("population", code, f"{current.name_fi}: {current.population} → {row['population']}", row))
    for code, current in sorted(existing.items()):
        if code not in in_file and current.valid_until is None:
            changes.append(Change("ceased", code, f"{current.name_fi} ceased (merged away)", {}))
    return changes


def _area_for(county_code: str, counties: dict, helsinki):
    if county_code == HELSINKI_AREA:
        return helsinki
    if county_code == ALAND:
        return None
    return counties[county_code]


@transaction.atomic
def apply(municipality_rows, county_rows=(), *, effective: date | None = None) -> list[Change]:
    """Applies the classification; returns the changes made. All or nothing."""
    effective = effective or date.today()
    changes = plan(municipality_rows, county_rows)
    by_code = {row["code"]: row for _l, row in county_rows}
    for change in changes:
        if change.kind in ("county_new", "county_changed"):
            row = change.values
            Organisation.objects.update_or_create(
                kind=OrganisationKind.COUNTY, code=row["code"],
                defaults={
                    "name_fi": row["name_fi"], "name_sv": row["name_sv"], "name": row["name_fi"],
                    "short_name_fi": row["short_name_fi"], "short_name_sv": row["short_name_sv"],
                    "population": row["population"], "population_year": POPULATION_YEAR, "organises_sote": True,
                    "area_code": row["code"], "letter_code": row["letter_code"],
                },
            )
    for county in Organisation.objects.filter(kind=OrganisationKind.COUNTY, area__isnull=True):
        county.area = county
        county.save(update_fields=["area"])
    counties = {o.code: o for o in Organisation.objects.filter(kind=OrganisationKind.COUNTY)}
    helsinki = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, code="091").first()
    for change in changes:
        row = change.values
        if change.kind == "new":
            org, _created = Organisation.objects.update_or_create(
                kind=OrganisationKind.MUNICIPALITY, code=change.code,
                defaults={"name_fi": row["name_fi"], "name_sv": row["name_sv"], "name": row["name_fi"],
                              "population": row["population"], "population_year": POPULATION_YEAR,
                              "valid_until": None},
            )
            if row["county_code"] == HELSINKI_AREA:
                helsinki = org
                hki = by_code.get(HELSINKI_AREA, {})
                org.organises_sote, org.area_code = True, HELSINKI_AREA
                org.letter_code = hki.get("letter_code", "HKI")
                org.short_name_fi = hki.get("short_name_fi", row["name_fi"])
                org.short_name_sv = hki.get("short_name_sv", row["name_sv"])
            org.area = _area_for(row["county_code"], counties, helsinki)
            org.save()
        elif change.kind in ("moved", "renamed", "population"):
            org = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code=change.code)
            if change.kind == "moved":
                org.area = _area_for(row["county_code"], counties, helsinki)
            elif change.kind == "renamed":
                org.name_fi, org.name_sv = row["name_fi"], row["name_sv"]
            else:
                org.population, org.population_year = row["population"], POPULATION_YEAR
            org.save()
        elif change.kind == "ceased":
            org = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code=change.code)
            org.valid_until = effective
            org.save()
    return changes


def load_reference_data():
    """Loads the shipped 2021 classification (idempotent)."""
    county_rows = parse_counties()
    codes = {row["code"] for _l, row in county_rows}
    return apply(parse_municipalities(county_codes=codes), county_rows)
