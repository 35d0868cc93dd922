"""The premises-lease rules of the implementing act as data, each with its source.

Data and date arithmetic (only Django's lazy translation for the summaries): `models.Lease.clean()` and the reminders read these values, so a
rule changes here and nowhere else. What could not be checked against the act's text in this
workplace is marked `verified=False` and listed in docs/facilities.md.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    key: str
    value: object
    source: str
    summary: object
    verified: bool = False
    url: str = ""


# Laki sosiaali- ja terveydenhuollon sekä pelastustoimen järjestämistä koskevan uudistuksen
# täytäntöönpanosta ja sitä koskevan lainsäädännön voimaanpanosta (voimaanpanolaki) 616/2021.
ACT = "616/2021"
# The Ministry of Finance's project page of the lease decree (VM160:00/2021) restates 22 §: the
# premises pass to the county on 1.1.2023, the lease runs at least until 31.12.2025, the county may
# extend it by one year by notifying the municipality at least 12 months before the term ends, and
# the parties may agree otherwise. That page agrees with the values below; the act's own text was
# not found, so those rules keep `verified=False` (docs/facilities.md).
VM_PAGE = "https://vm.fi/en/project?tunnus=VM160%3A00%2F2021"
# Valtioneuvoston asetus kunnan ja hyvinvointialueen välisen siirtymäkauden vuokrasopimuksen vuokran
# määräytymisestä vuosina 2023–2026 (272/2022), given 7.4.2022 under 616/2021 22 §. Its 1–4 § were
# read on Finlex (the original text) through the workplace's search on 4 December 2026: 1 § applies
# it "22 §:n 2 momentin mukaisella vuokra-ajalla" (so the lease term is 22 § 2 mom.), 2 § the rent
# is a total rent of capital rent and maintenance rent, 3 § capital rent = 6 % return on the
# building's technical value, 4 § the technical value: book costs adjusted by the building cost
# index and an assumed depreciation of 1.75 per cent a year, at most 70 %. Its later sections (maintenance
# rent, the internal-rent alternative) were not in the stored text: not encoded.
DECREE = "VNA 272/2022"
DECREE_URL = "https://www.finlex.fi/fi/laki/alkup/2022/20220272"

RULES = {
    rule.key: rule
    for rule in (
        Rule("transition_start", date(2023, 1, 1), f"{ACT} 22 §",
             _("Municipal premises used by the county's services pass to the county by lease from 1.1.2023."),
             url=VM_PAGE),
        Rule("minimum_term_years", 3, f"{ACT} 22 § 2 mom.",
             _("The lease term of such a transitional lease is at least three years from 1.1.2023."),
             url=VM_PAGE),
        Rule("option_years", 1, f"{ACT} 22 § 2 mom.",
             _("The county may extend the lease by one year (option)."),
             url=VM_PAGE),
        Rule("rent_components", ("capital_cost", "maintenance_cost"), f"{DECREE} 2 §",
             _("The rent of the transition period (2023–2026) is a total rent made of a capital rent and a "
               "maintenance rent."), verified=True, url=DECREE_URL),
        Rule("capital_return_rate", Decimal("0.06"), f"{DECREE} 3 §",
             _("The capital rent is a return of 6 per cent on the technical value of the building or premises."),
             verified=True, url=DECREE_URL),
        Rule("depreciation_per_year", Decimal("0.0175"), f"{DECREE} 4 §",
             _("The technical value is the municipality's book costs adjusted by the building cost index, less "
               "an assumed depreciation of 1.75 per cent a year from when the investment was taken into use."),
             verified=True, url=DECREE_URL),
        Rule("max_depreciation", Decimal("0.70"), f"{DECREE} 4 §",
             _("The assumed depreciation of a building or premises in use is at most 70 per cent."),
             verified=True, url=DECREE_URL),
    )
}


def technical_value(book_cost: Decimal, index_factor: Decimal, years_in_use: Decimal) -> Decimal:
    """The decree's technical value (272/2022 4 § 1 mom.): the book cost times the building cost
    index's change (`index_factor`, e.g. index now / index when taken into use), less the assumed
    depreciation of 1.75 % for each year in use, at most 70 %."""
    rate, most = RULES["depreciation_per_year"].value, RULES["max_depreciation"].value
    worn = min(rate * Decimal(years_in_use), most)
    return book_cost * index_factor * (1 - worn)


def capital_rent_per_year(value: Decimal) -> Decimal:
    """The decree's capital rent (272/2022 3 §): the 6 % return on the technical value. **Assumption**:
    the return is a yearly one (the decree's rent is paid monthly: a twelfth of this)."""
    return (value * RULES["capital_return_rate"].value).quantize(Decimal("0.01"))


def minimum_end(starts_on: date) -> date:
    """The earliest allowed last day of a transitional lease that starts on `starts_on`: the
    minimum term counted from the later of the start and the transition date."""
    begin = max(starts_on, RULES["transition_start"].value)
    years = RULES["minimum_term_years"].value
    try:
        end = begin.replace(year=begin.year + years)
    except ValueError:  # 29 February
        end = begin.replace(year=begin.year + years, day=28)
    return date.fromordinal(end.toordinal() - 1)


def notice_deadline(ends_on: date | None, notice_months: int | None) -> date | None:
    """The last day to give notice so that a fixed-term lease ends on `ends_on` (not renewed)."""
    if ends_on is None or not notice_months:
        return None
    month = ends_on.month - notice_months
    year = ends_on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = ends_on.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def option_end(ends_on: date) -> date:
    """The last day of the statutory one-year option period after a term ending on `ends_on`."""
    years = RULES["option_years"].value
    try:
        return ends_on.replace(year=ends_on.year + years)
    except ValueError:
        return ends_on.replace(year=ends_on.year + years, day=28)


# Pysyvä rakennustunnus (VTJ-PRT): nine digits and a check character, computed as in the personal
# identity code: the nine-digit number modulo 31 indexes this alphabet.
PRT_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def building_id_problem(value: str) -> str | None:
    """None for a valid permanent building identifier, else the reason ('format' or 'check')."""
    text = value.strip().upper()
    if len(text) != 10 or not text[:9].isdigit():
        return "format"
    if PRT_CHECK[int(text[:9]) % 31] != text[9]:
        return "check"
    return None


def prt_with_check(digits: str) -> str:
    """A valid identifier from nine digits (demo data and tests)."""
    return digits + PRT_CHECK[int(digits) % 31]
