"""Reads of the facilities app: the support-service flows of a county, the schools of the proximity check."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import get_language

from .models import School, SupportService, WelfareService
from .proximity import SchoolRow


@dataclass
class Flow:
    direction: str  # "from_county" or "to_county"
    kind: str
    kind_label: str
    count: int
    value: Decimal


def support_flows(user, county) -> list[Flow]:
    """Support services the user may see between `county` and the organisations of its area, per
    direction and kind, with their number and annual value."""
    from .models import SupportKind

    visible = SupportService.objects.restrict(user, "view")
    parts = {
        "from_county": visible.filter(provider=county).filter(~Q(recipient=county), recipient__area=county),
        "to_county": visible.filter(recipient=county).filter(~Q(provider=county), provider__area=county),
    }
    labels = dict(SupportKind.choices)
    flows = []
    for direction, qs in parts.items():
        rows = qs.values("kind").annotate(n=Count("pk"), total=Sum("annual_value")).order_by("kind")
        flows += [Flow(direction, r["kind"], labels.get(r["kind"], r["kind"]), r["n"], r["total"] or Decimal(0))
                  for r in rows]
    return flows


def visible_schools(user, *, county=None, municipality=None, level=None):
    """The schools the user may view, of a county's area and/or a municipality."""
    schools = School.objects.restrict(user, "view")
    if county is not None:
        schools = schools.filter(municipality__area=county)
    if municipality is not None:
        schools = schools.filter(municipality=municipality)
    if level:
        schools = schools.filter(level=level)
    return schools


def school_rows(user, *, county=None, municipality=None, level=None) -> list[SchoolRow]:
    """The proximity check's rows: two queries (schools, then their services), whatever the count.
    A school's services share its visibility (WelfareService.visibility_path)."""
    schools = visible_schools(user, county=county, municipality=municipality, level=level)
    parts = ("unit__name", "municipality__name", "municipality__area__name", "unit__organisation__name")
    names = [column for part in parts for column in _language_columns(part)]
    width = len(names) // len(parts)
    rows = {}
    for pk, mun_id, area_id, organiser_id, lvl, pupils, *texts in schools.order_by().values_list(
            "pk", "municipality_id", "municipality__area_id", "unit__organisation_id", "level", "pupils", *names):
        school, municipality, area, organiser = (_first(texts[k:k + width]) for k in range(0, len(texts), width))
        rows[pk] = SchoolRow(pk, school, mun_id, municipality, area_id, lvl, pupils, area=area,
                             organiser_id=organiser_id, organiser=organiser)
    services = WelfareService.objects.filter(school__in=schools.order_by().values("pk")).order_by()
    for school_id, kind, days, premise in services.values_list("school_id", "kind", "days_per_week", "premise__name"):
        row = rows.get(school_id)
        if row is not None:
            row.days[kind] = days
            if premise:
                row.premises[kind] = premise
    return sorted(rows.values(), key=lambda r: (r.municipality, r.name, r.pk))


def _language_columns(field: str) -> list[str]:
    """A translated field's columns, the current language first, then Finnish (the fallback)."""
    language = (get_language() or "fi")[:2]
    order = dict.fromkeys((language, "fi", "sv", "en"))
    return [f"{field}_{code}" for code in order]


def _first(texts) -> str:
    return next((t for t in texts if t), "")
