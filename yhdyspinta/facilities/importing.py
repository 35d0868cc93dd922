"""Lease lists as counties keep them (CSV or XLSX): the row parser on top of the one reader,
core.tabular (semicolons, decimal commas, BOM/Windows-1252, dates 31.12.2021).

Columns (Finnish names as aliases; case and spaces do not matter):
municipality (kunta), building (rakennus), building_id (rakennustunnus), address (osoite),
premise (tila), area (pinta_ala), landlord (vuokranantaja), tenant (vuokralainen),
reference (sopimusnumero), starts_on (alkaa), ends_on (päättyy), notice_months (irtisanomisaika_kk),
transitional (siirtymäkauden_sopimus), capital_cost (pääomavuokra), maintenance_cost (ylläpitovuokra),
index_clause (indeksiehto), option_starts (optio_alkaa), option_ends (optio_päättyy),
option_exercise_by (optio_viimeistään). Organisations are named by code or name.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError, parse_date, parse_decimal, parse_int, read_rows

REQUIRED = ("municipality", "building", "premise", "landlord", "tenant", "starts_on")
OPTIONAL = ("building_id", "address", "area", "reference", "ends_on", "notice_months", "transitional",
            "capital_cost", "maintenance_cost", "index_clause", "option_starts", "option_ends",
            "option_exercise_by")
ALIASES = {
    "kunta": "municipality", "rakennus": "building", "rakennustunnus": "building_id",
    "pysyvä_rakennustunnus": "building_id", "osoite": "address", "tila": "premise", "pinta_ala": "area",
    "vuokranantaja": "landlord", "vuokralainen": "tenant", "sopimusnumero": "reference", "alkaa": "starts_on",
    "päättyy": "ends_on", "irtisanomisaika_kk": "notice_months", "siirtymäkauden_sopimus": "transitional",
    "pääomavuokra": "capital_cost", "ylläpitovuokra": "maintenance_cost", "indeksiehto": "index_clause",
    "optio_alkaa": "option_starts", "optio_päättyy": "option_ends", "optio_viimeistään": "option_exercise_by",
}
YES = {"1", "x", "k", "kyllä", "kylla", "yes", "y", "true", "ja"}
NO = {"", "0", "e", "ei", "no", "n", "false", "nej"}


@dataclass
class LeaseRow:
    line: int
    municipality: str
    building: str
    building_id: str
    address: str
    premise: str
    area: Decimal | None
    landlord: str
    tenant: str
    reference: str
    starts_on: date
    ends_on: date | None
    notice_months: int | None
    transitional: bool
    capital_cost: Decimal | None
    maintenance_cost: Decimal | None
    index_clause: str
    option_starts: date | None
    option_ends: date | None
    option_exercise_by: date | None


def _opt(value, parse, name, line, column):
    return parse(value, name, line, column) if value else None


def _bool(value, name, line):
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InputError(name, line, reason("transitional: '%(value)s' is not yes or no", value=value), "transitional")


def parse_leases(source, name: str | None = None) -> list[LeaseRow]:
    """Every row of a lease list, or the first InputError (file, line, reason)."""
    name = name or getattr(source, "name", None) or "leases.csv"
    rows = []
    for line, row in read_rows(source, name=name, required=REQUIRED, allowed=REQUIRED + OPTIONAL, aliases=ALIASES):
        get = row.get
        for column in REQUIRED:
            if not get(column):
                raise InputError(name, line, reason("%(column)s is empty", column=column), column)
        option = [get("option_starts", ""), get("option_ends", "")]
        if any(option) and not all(option):
            raise InputError(name, line, reason("an option period needs both its start and its end"), "option_ends")
        rows.append(LeaseRow(
            line=line, municipality=get("municipality"), building=get("building"),
            building_id=get("building_id", ""), address=get("address", ""), premise=get("premise"),
            area=_opt(get("area", ""), parse_decimal, name, line, "area"),
            landlord=get("landlord"), tenant=get("tenant"), reference=get("reference", ""),
            starts_on=parse_date(get("starts_on"), name, line, "starts_on"),
            ends_on=_opt(get("ends_on", ""), parse_date, name, line, "ends_on"),
            notice_months=_opt(get("notice_months", ""), parse_int, name, line, "notice_months"),
            transitional=_bool(get("transitional", ""), name, line),
            capital_cost=_opt(get("capital_cost", ""), parse_decimal, name, line, "capital_cost"),
            maintenance_cost=_opt(get("maintenance_cost", ""), parse_decimal, name, line, "maintenance_cost"),
            index_clause=get("index_clause", ""),
            option_starts=_opt(option[0], parse_date, name, line, "option_starts"),
            option_ends=_opt(option[1], parse_date, name, line, "option_ends"),
            option_exercise_by=_opt(get("option_exercise_by", ""), parse_date, name, line, "option_exercise_by"),
        ))
    return rows


# ---- pupil counts (oppilasmäärät): numbers per school, never names --------------------------------
PUPIL_REQUIRED = ("pupils",)
PUPIL_OPTIONAL = ("school_code", "school", "municipality", "counted_on")
PUPIL_ALIASES = {
    "koulukoodi": "school_code", "oppilaitosnumero": "school_code", "oppilaitoskoodi": "school_code",
    "skolkod": "school_code", "koulu": "school", "oppilaitos": "school", "skola": "school",
    "kunta": "municipality", "kommun": "municipality", "oppilaita": "pupils", "oppilasmäärä": "pupils",
    "oppilaat": "pupils", "elever": "pupils", "antal_elever": "pupils", "laskentapäivä": "counted_on",
    "tilastointipäivä": "counted_on", "päivämäärä": "counted_on", "datum": "counted_on",
}


@dataclass
class PupilRow:
    line: int
    school_code: str
    school: str
    municipality: str
    pupils: int
    counted_on: date | None


def parse_pupil_counts(source, name: str | None = None) -> list[PupilRow]:
    """Every row of a pupil-count file, or the first InputError (file, line, reason). A school is
    named by its school code, or by its name and municipality; columns other than these (a pupil's
    name, an identity code) refuse the whole file: the count is a number, not personal data."""
    name = name or getattr(source, "name", None) or "pupils.csv"
    rows, seen = [], {}
    for line, row in read_rows(source, name=name, required=PUPIL_REQUIRED,
                               allowed=PUPIL_REQUIRED + PUPIL_OPTIONAL, aliases=PUPIL_ALIASES):
        get = row.get
        code, school, municipality = get("school_code", ""), get("school", ""), get("municipality", "")
        if not code and not (school and municipality):
            raise InputError(name, line, reason("name the school by its school code, or by school and municipality"),
                             "school")
        if not get("pupils"):
            raise InputError(name, line, reason("%(column)s is empty", column="pupils"), "pupils")
        pupils = parse_int(get("pupils"), name, line, "pupils")
        if pupils < 0:
            raise InputError(name, line, reason("pupils: a count cannot be negative (%(value)s)", value=pupils),
                             "pupils")
        key = code or f"{school.casefold()}|{municipality.casefold()}"
        if key in seen:
            raise InputError(name, line, reason("the same school is already on line %(line)s", line=seen[key]),
                             "school")
        seen[key] = line
        rows.append(PupilRow(line=line, school_code=code, school=school, municipality=municipality, pupils=pupils,
                             counted_on=_opt(get("counted_on", ""), parse_date, name, line, "counted_on")))
    return rows
