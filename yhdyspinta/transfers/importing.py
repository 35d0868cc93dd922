"""Inventory items of a transfer project from CSV/XLSX (the one reader, core.tabular).

Finnish spreadsheets as they come: `;` and decimal commas, UTF-8 with or without BOM or
Windows-1252, dates 31.12.2024, Finnish/Swedish column names and values. All rows or none:
every row is checked first, then all are written in one transaction; the first refusal names
file, line and reason, and nothing is written.
"""

from django.core.exceptions import ValidationError

from yhdyspinta.core.actions import audited
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import (
    InputError,
    column_key,
    parse_date,
    parse_decimal,
    parse_int,
    read_rows,
)

from . import actions
from .models import Decision, ItemKind, ItemStatus

REQUIRED = ("kind", "title", "from_party", "to_party", "owner")
OPTIONAL = ("decision", "due_date", "status", "quantity", "cost", "headcount", "fte", "evidence", "evidence_url",
            "notes", "visibility")
COLUMNS = (*REQUIRED, *OPTIONAL)
ALIASES = {
    "laji": "kind", "tyyppi": "kind", "typ": "kind", "nimi": "title", "otsikko": "title", "kohde": "title",
    "namn": "title", "mistä": "from_party", "luovuttaja": "from_party", "från": "from_party",
    "mihin": "to_party", "vastaanottaja": "to_party", "till": "to_party", "päätös": "decision", "beslut": "decision",
    "määräaika": "due_date", "takaraja": "due_date", "tidsfrist": "due_date", "vastuuorganisaatio": "owner",
    "omistaja": "owner", "vastuu": "owner", "ansvarig": "owner", "tila": "status", "tilanne": "status",
    "läge": "status", "määrä": "quantity", "lukumäärä": "quantity", "antal": "quantity", "kustannus": "cost",
    "kustannus_eur": "cost", "kustannukset": "cost", "kostnad": "cost", "henkilöstö": "headcount",
    "henkilömäärä": "headcount", "personal": "headcount", "htv": "fte", "årsverken": "fte", "näyttö": "evidence",
    "todenne": "evidence", "bevis": "evidence", "linkki": "evidence_url", "länk": "evidence_url",
    "huomiot": "notes", "lisätiedot": "notes", "anmärkningar": "notes", "julkisuus": "visibility",
    "synlighet": "visibility",
}
VALUES = {
    "kind": {**{k: k for k in ItemKind.values}, "sopimus": "contract", "sopimukset": "contract", "avtal": "contract",
             "omaisuus": "asset", "irtaimisto": "asset", "egendom": "asset", "tila": "premise", "tilat": "premise",
             "toimitila": "premise", "lokal": "premise", "lokaler": "premise", "tietojärjestelmä": "ict_system",
             "ict": "ict_system", "järjestelmä": "ict_system", "datasystem": "ict_system", "arkisto": "archive",
             "arkiv": "archive", "henkilöstöryhmä": "staff_group", "henkilöstö": "staff_group",
             "personalgrupp": "staff_group"},
    "decision": {**{k: k for k in Decision.values}, "": "undecided", "siirtyy": "moves", "flyttas": "moves",
                 "jää": "stays", "jää_luovuttajalle": "stays", "stannar": "stays", "jaetaan": "shared",
                 "yhteinen": "shared", "delas": "shared", "päättyy": "ends", "upphör": "ends",
                 "avoin": "undecided", "ei_päätetty": "undecided"},
    "status": {**{k: k for k in ItemStatus.values}, "": "open", "avoin": "open", "öppen": "open",
               "käynnissä": "in_progress", "pågår": "in_progress", "valmis": "done", "tehty": "done", "klar": "done"},
    "visibility": {"": "public", "public": "public", "julkinen": "public", "offentlig": "public",
                   "internal": "internal", "sisäinen": "internal", "intern": "internal"},
}


def _choice(row, column, name, line):
    value = column_key(row.get(column, "") or "")
    try:
        return VALUES[column][value]
    except KeyError:
        raise InputError(name, line, reason("%(column)s: unknown value '%(value)s'", column=column,
                                            value=row.get(column, "")), column) from None


def _party(parties, row, column, name, line):
    text = (row.get(column) or "").strip()
    key = column_key(text)
    for org in parties:
        if key and key in {column_key(org.name), column_key(org.short_name or ""), column_key(org.code or ""),
                           column_key(org.business_id or "")}:
            return org
    raise InputError(name, line, reason("%(column)s: '%(value)s' is not a party of the transfer project",
                                        column=column, value=text), column)


def parse_rows(project, source, name=None) -> list[tuple[int, dict]]:
    """(line, fields of an InventoryItem) of every row; raises InputError at the first bad one."""
    parties = list(project.parties.all())
    parsed = []
    for line, row in read_rows(source, name=name, required=REQUIRED, allowed=OPTIONAL, aliases=ALIASES):
        name = name or "file"
        for column in ("kind", "title", "from_party", "to_party", "owner"):
            if not row.get(column):
                raise InputError(name, line, reason("empty %(column)s", column=column), column)
        data = {"project": project, "title": row["title"], "kind": _choice(row, "kind", name, line),
                "decision": _choice(row, "decision", name, line), "status": _choice(row, "status", name, line),
                "visibility": _choice(row, "visibility", name, line),
                "from_party": _party(parties, row, "from_party", name, line),
                "to_party": _party(parties, row, "to_party", name, line),
                "owner": _party(parties, row, "owner", name, line),
                "evidence": row.get("evidence", ""), "evidence_url": row.get("evidence_url", ""),
                "notes": row.get("notes", "")}
        if row.get("due_date"):
            data["due_date"] = parse_date(row["due_date"], name, line, "due_date")
        for column, field, parser in (("quantity", "quantity", parse_int), ("cost", "internal_cost", parse_decimal),
                                      ("headcount", "internal_headcount", parse_int),
                                      ("fte", "internal_fte", parse_decimal)):
            if row.get(column):
                value = parser(row[column], name, line, column)
                if value < 0:
                    raise InputError(name, line, reason("%(column)s: '%(value)s' is negative", column=column,
                                                        value=row[column]), column)
                data[field] = value
        if project.visibility == "internal":
            data["visibility"] = "internal"
        parsed.append((line, data))
    if not parsed:
        raise InputError(name or "file", None, reason("no data rows"))
    return parsed


def import_items(project, source, name=None, *, acting_user) -> list:
    """All rows of the file as new items of `project`, or none (InputError naming the line)."""
    rows = parse_rows(project, source, name)
    created = []
    with audited(acting_user):
        for line, data in rows:
            try:
                created.append(actions.create_item(acting_user=acting_user, **data))
            except ValidationError as exc:
                raise InputError(name or "file", line, reason("refused: %(problem)s",
                                                              problem=" ".join(exc.messages))) from None
    return created
