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

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import (
    InputError,
    column_key,
    load,
    parse_date,
    parse_decimal,
    parse_int,
    read_rows,
    records,
)

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
SWEDISH = {"skolkod", "skola", "kommun", "elever", "datum"}


def column_label(column: str, aliases) -> str:
    """A column as a message names it when the file does not have it: its Finnish name, its Swedish
    name when the importer accepts one, and the English one ("kunta / municipality")."""
    names = [a for a, c in aliases.items() if c == column]
    finnish = [a for a in names if a not in SWEDISH][:1]
    swedish = [a for a in names if a in SWEDISH][:1]
    return " / ".join(dict.fromkeys([*finnish, *swedish, column]))


def file_columns(source, name, *, required, allowed, aliases) -> tuple[bytes | str, dict[str, str]]:
    """(the file's content, {column: its header as written in the file}) for messages that name the
    file's own column ("päättyy", not "ends_on"). Columns the file does not have are named by
    `column_label`. An unknown, duplicate or missing column is refused here, naming the file's
    headers and the accepted names in Finnish (Swedish) and English."""
    content, name = load(source, name)
    written = {c: column_label(c, aliases) for c in (*required, *allowed)}
    _, _, stream = records(content, name=name)
    try:
        first = next(((line, cells) for line, cells in stream if any(c.strip() for c in cells)), None)
    finally:
        stream.close()
    if first is None or (len(first[1]) == 1 and len(required) > 1):
        return content, written  # empty, or not a table: read_rows says so
    line, cells = first
    cells = [str(c).strip().lstrip("\ufeff").strip() for c in cells]
    known = {column_key(c): c for c in (*required, *allowed)}
    for alias, target in aliases.items():
        known.setdefault(column_key(alias), target)
    header = [known.get(column_key(c)) for c in cells]
    expected = ", ".join(written[c] for c in dict.fromkeys((*required, *allowed)))
    unknown = [text for text, column in zip(cells, header) if text and column is None]
    if len(unknown) == 1:
        raise InputError(name, line, reason("unknown column %(column)s (expected %(columns)s)",
                                            column=repr(unknown[0]), columns=expected), unknown[0])
    if unknown:
        raise InputError(name, line, reason("unknown columns %(names)s (expected %(columns)s)",
                                            names=", ".join(repr(c) for c in unknown), columns=expected))
    for i, column in enumerate(header):
        if column and column in header[:i]:
            other = cells[header.index(column)]
            raise InputError(name, line, reason("the columns %(first)s and %(second)s are the same column (%(column)s)",
                                                first=repr(other), second=repr(cells[i]), column=written[column]),
                             cells[i])
    missing = [written[c] for c in required if c not in header]
    if len(missing) == 1:
        raise InputError(name, line, reason("missing column %(column)s", column=repr(missing[0])), missing[0])
    if missing:
        raise InputError(name, line, reason("missing columns %(names)s", names=", ".join(repr(c) for c in missing)))
    written.update((column, text) for text, column in zip(cells, header) if column)
    return content, written


def no_rows(name):
    return InputError(name, None, reason("the file has no rows: only the header line (nothing was imported)"))


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
    columns: dict[str, str] = field(default_factory=dict, repr=False)  # column -> its header in the file

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def _opt(value, parse, name, line, column):
    return parse(value, name, line, column) if value else None


def _bool(value, name, line, column):
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InputError(name, line, reason("%(column)s: '%(value)s' is not yes or no", column=column, value=value), column)


def parse_leases(source, name: str | None = None) -> list[LeaseRow]:
    """Every row of a lease list, or the first InputError (file, line, reason). Messages name a
    column as the file writes it (`LeaseRow.columns`)."""
    name = name or getattr(source, "name", None) or "leases.csv"
    content, col = file_columns(source, name, required=REQUIRED, allowed=OPTIONAL, aliases=ALIASES)
    rows = []
    for line, row in read_rows(content, name=name, required=REQUIRED, allowed=REQUIRED + OPTIONAL, aliases=ALIASES):
        get = row.get
        for column in REQUIRED:
            if not get(column):
                raise InputError(name, line, reason("%(column)s is empty", column=col[column]), col[column])
        option = [get("option_starts", ""), get("option_ends", "")]
        if any(option) and not all(option):
            raise InputError(name, line, reason("an option period needs both its start and its end (%(columns)s)",
                                                columns=f"{col['option_starts']}, {col['option_ends']}"),
                             col["option_ends"])
        rows.append(LeaseRow(
            line=line, municipality=get("municipality"), building=get("building"),
            building_id=get("building_id", ""), address=get("address", ""), premise=get("premise"),
            area=_opt(get("area", ""), parse_decimal, name, line, col["area"]),
            landlord=get("landlord"), tenant=get("tenant"), reference=get("reference", ""),
            starts_on=parse_date(get("starts_on"), name, line, col["starts_on"]),
            ends_on=_opt(get("ends_on", ""), parse_date, name, line, col["ends_on"]),
            notice_months=_opt(get("notice_months", ""), parse_int, name, line, col["notice_months"]),
            transitional=_bool(get("transitional", ""), name, line, col["transitional"]),
            capital_cost=_opt(get("capital_cost", ""), parse_decimal, name, line, col["capital_cost"]),
            maintenance_cost=_opt(get("maintenance_cost", ""), parse_decimal, name, line, col["maintenance_cost"]),
            index_clause=get("index_clause", ""),
            option_starts=_opt(option[0], parse_date, name, line, col["option_starts"]),
            option_ends=_opt(option[1], parse_date, name, line, col["option_ends"]),
            option_exercise_by=_opt(get("option_exercise_by", ""), parse_date, name, line, col["option_exercise_by"]),
            columns=col,
        ))
    if not rows:
        raise no_rows(name)
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
    content, col = file_columns(source, name, required=PUPIL_REQUIRED, allowed=PUPIL_OPTIONAL, aliases=PUPIL_ALIASES)
    rows, seen = [], {}
    for line, row in read_rows(content, name=name, required=PUPIL_REQUIRED,
                               allowed=PUPIL_REQUIRED + PUPIL_OPTIONAL, aliases=PUPIL_ALIASES):
        get = row.get
        code, school, municipality = get("school_code", ""), get("school", ""), get("municipality", "")
        if not code and not (school and municipality):
            raise InputError(name, line, reason("name the school by its school code (%(code)s), or by school "
                                                "(%(school)s) and municipality (%(municipality)s)",
                                                code=col["school_code"], school=col["school"],
                                                municipality=col["municipality"]), col["school"])
        if not get("pupils"):
            raise InputError(name, line, reason("%(column)s is empty", column=col["pupils"]), col["pupils"])
        pupils = parse_int(get("pupils"), name, line, col["pupils"])
        if pupils < 0:
            raise InputError(name, line, reason("%(column)s: a count cannot be negative (%(value)s)",
                                                column=col["pupils"], value=pupils), col["pupils"])
        key = code or f"{school.casefold()}|{municipality.casefold()}"
        if key in seen:
            raise InputError(name, line, reason("the same school is already on line %(line)s", line=seen[key]),
                             col["school_code"] if code else col["school"])
        seen[key] = line
        rows.append(PupilRow(line=line, school_code=code, school=school, municipality=municipality, pupils=pupils,
                             counted_on=_opt(get("counted_on", ""), parse_date, name, line, col["counted_on"])))
    if not rows:
        raise no_rows(name)
    return rows
