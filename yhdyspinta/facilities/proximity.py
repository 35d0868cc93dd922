"""The proximity principle of student welfare (opiskeluhuollon lähipalveluperiaate): its legal
basis as data and the check of schools without an on-site service of each kind.

No database here (only Django's lazy translation for the texts, as in rules.py): `queries.school_rows`
reads the rows, this module decides. What could not be checked against the act's text in this
workplace is marked `verified=False` and listed in docs/facilities.md.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .rules import Rule

KINDS = ("health", "curator", "psychologist")

_CURATOR_AND_PSYCHOLOGIST = (
    "oppilas- ja opiskelijahuoltolaki 1287/2013 9 § 2 mom. (633/2021)",
    _("The wellbeing services county organises the school curator and psychologist services primarily in "
      "the school; the education provider offers suitable premises for them, and only when it cannot are "
      "they given in suitable premises in the school's immediate vicinity."),
)
LEGAL_BASIS = {
    "curator": Rule("curator", None, *_CURATOR_AND_PSYCHOLOGIST, verified=True,
                    url="https://www.finlex.fi/fi/laki/alkup/2021/20210633"),
    "psychologist": Rule("psychologist", None, *_CURATOR_AND_PSYCHOLOGIST, verified=True,
                         url="https://www.finlex.fi/fi/laki/alkup/2021/20210633"),
    "health": Rule(
        "health", None, "terveydenhuoltolaki 1326/2010 16 § (opiskeluhuoltopalvelujen lähipalveluperiaate, HE 19/2022)",
        _("School health care is a student-welfare service of the county; the amendment for the counties "
          "(HE 19/2022) added to the Health Care Act that the student-welfare services are given close to the "
          "pupils. The section and the amending act's number are not verified here."),
        verified=False, url="https://www.eduskunta.fi/FI/vaski/EduskunnanVastaus/Sivut/EV_46+2022.aspx"),
}


@dataclass
class SchoolRow:
    """A school as the check sees it: days a week on site per service kind, and the premise used."""

    pk: int
    name: str
    municipality_id: int
    municipality: str
    area_id: int | None
    level: str
    pupils: int | None
    days: dict = field(default_factory=dict)  # kind -> Decimal
    premises: dict = field(default_factory=dict)  # kind -> premise name

    def on_site(self, kind: str) -> bool:
        return bool(self.days.get(kind))

    def cells(self) -> list[tuple[str, Decimal | None, str]]:
        """(kind, days a week or None, premise name) in the order of KINDS (for tables)."""
        return [(kind, self.days.get(kind), self.premises.get(kind, "")) for kind in KINDS]


def missing(rows, kind: str) -> list[SchoolRow]:
    """The schools without an on-site service of `kind`."""
    return [row for row in rows if not row.on_site(kind)]


@dataclass
class MunicipalitySummary:
    municipality_id: int
    municipality: str
    schools: int = 0
    pupils: int = 0
    without: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    days: dict = field(default_factory=lambda: dict.fromkeys(KINDS, Decimal(0)))

    def without_cells(self) -> list[tuple[str, int]]:
        return [(kind, self.without[kind]) for kind in KINDS]


def by_municipality(rows) -> list[MunicipalitySummary]:
    """Per municipality: schools, pupils, schools without each service on site, days a week in all."""
    out: dict[int, MunicipalitySummary] = {}
    for row in rows:
        entry = out.get(row.municipality_id)
        if entry is None:
            entry = out[row.municipality_id] = MunicipalitySummary(row.municipality_id, row.municipality)
        entry.schools += 1
        entry.pupils += row.pupils or 0
        for kind in KINDS:
            if row.on_site(kind):
                entry.days[kind] += row.days[kind]
            else:
                entry.without[kind] += 1
    return sorted(out.values(), key=lambda e: e.municipality)


def totals(rows) -> dict:
    """Schools without each kind of service in all the rows: {kind: count}."""
    counts = defaultdict(int)
    for row in rows:
        for kind in KINDS:
            if not row.on_site(kind):
                counts[kind] += 1
    return {kind: counts[kind] for kind in KINDS}
