"""The proximity principle of student welfare (opiskeluhuollon lähipalveluperiaate): its legal
basis as data and the check of schools without an on-site service of each kind.

No database here (only Django's lazy translation for the texts, as in rules.py): `queries.school_rows`
reads the rows, this module decides. What could not be checked against the act's text in this
workplace is marked `verified=False` and listed in docs/facilities.md.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

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
    area: str = ""  # the county's name
    organiser_id: int | None = None  # the education organiser: the school unit's organisation
    organiser: str = ""

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


# ---- staffing ratios of the curator and psychologist services (henkilöstömitoitus) ---------------------
@dataclass(frozen=True)
class StaffingRatio:
    """The most pupils a full-time school curator or psychologist may serve, from a date, with its source."""

    kind: str
    max_pupils: int
    in_force_from: date
    source: str
    summary: object
    verified: bool = False
    url: str = ""


# Found with the workplace's search of stored pages (4 December 2026): the government proposal HE
# 165/2021 (Edilex) proposed the ratios; news after the act came into force (Yle 2022, Kaleva) and the
# psychologists' and social workers' unions give the values and dates below; the Finnish National
# Agency for Education names the amending act 1146/2021. The consolidated text of 1287/2013 on
# Finlex was stored only in part, so the section number and the act's own wording are not verified.
_STAFFING_SOURCE = "oppilas- ja opiskelijahuoltolaki 1287/2013 (muutos 1146/2021, HE 165/2021)"
_HE_165_2021 = "https://www.edilex.fi/he/20210165"
STAFFING_RATIOS = {
    "curator": StaffingRatio(
        "curator", 670, date(2022, 1, 1), _STAFFING_SOURCE,
        _("At most 670 pupils or students per full-time school curator, in basic and upper-secondary education "
          "alike (from 1.1.2022)."), url=_HE_165_2021),
    "psychologist": StaffingRatio(
        "psychologist", 780, date(2023, 8, 1), _STAFFING_SOURCE,
        _("At most 780 pupils or students per full-time school psychologist, in basic and upper-secondary "
          "education alike (from 1.8.2023)."), url=_HE_165_2021),
}
STAFFED_KINDS = tuple(STAFFING_RATIOS)
DAYS_PER_FTE = Decimal(5)  # assumption: a full-time employee works five days a week; days on site / 5 = FTE
GROUPINGS = ("county", "municipality", "organiser")

WITHIN, OVER, NO_STAFF, NO_PUPILS = "within", "over", "no_staff", "no_pupils"


def fte(days) -> Decimal:
    """Full-time equivalents of `days` a week on site (days / 5)."""
    return Decimal(days or 0) / DAYS_PER_FTE


@dataclass
class StaffingRow:
    """A county, municipality or education organiser: its schools, the pupils of those with a count,
    and the full-time equivalents of each service on site in those schools."""

    grouping: str
    key: int | None
    name: str
    schools: int = 0
    counted: int = 0  # schools with a pupil count (only these enter the ratio)
    pupils: int = 0
    fte: dict = field(default_factory=lambda: dict.fromkeys(STAFFED_KINDS, Decimal(0)))

    def per_fte(self, kind: str) -> Decimal | None:
        """Pupils per full-time equivalent, rounded to a whole pupil; None without staff or pupils."""
        staff = self.fte[kind]
        if not staff or not self.counted:
            return None
        return (Decimal(self.pupils) / staff).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def status(self, kind: str) -> str:
        """Against the ratio: within (at most the maximum), over, no staff on site, or no pupil count."""
        if not self.counted or not self.pupils:
            return NO_PUPILS
        staff = self.fte[kind]
        if not staff:
            return NO_STAFF
        return OVER if self.pupils > STAFFING_RATIOS[kind].max_pupils * staff else WITHIN

    def cells(self) -> list[tuple[str, Decimal, Decimal | None, str]]:
        """(kind, FTE, pupils per FTE, status) for each staffed kind (tables)."""
        return [(kind, self.fte[kind], self.per_fte(kind), self.status(kind)) for kind in STAFFED_KINDS]


def _group_of(row, grouping: str) -> tuple[int | None, str]:
    if grouping == "county":
        return row.area_id, row.area
    if grouping == "municipality":
        return row.municipality_id, row.municipality
    return row.organiser_id, row.organiser


def staffing(rows, grouping: str) -> list[StaffingRow]:
    """Per county, municipality or education organiser (`grouping`): pupils per full-time curator
    and psychologist on site. Only schools with a pupil count enter the ratio (their pupils and their
    services' days); the others are counted in `schools`. Sorted by name."""
    out: dict = {}
    for row in rows:
        key, name = _group_of(row, grouping)
        entry = out.get(key)
        if entry is None:
            entry = out[key] = StaffingRow(grouping, key, name)
        entry.schools += 1
        if row.pupils is None:
            continue
        entry.counted += 1
        entry.pupils += row.pupils
        for kind in STAFFED_KINDS:
            entry.fte[kind] += fte(row.days.get(kind))
    return sorted(out.values(), key=lambda e: (e.name, e.key or 0))
