"""Generates the duties of a county area from the rules (idempotent) and reads compliance."""

from django.db import transaction
from django.db.models import Count

from . import compute
from .models import AppliesTo, CouncilTerm, Duty, DutyRule


def _targets(rule, county, municipalities):
    if rule.applies_to == AppliesTo.COUNTY:
        return [None]
    return list(municipalities)


@transaction.atomic
def generate_duties(county, years: range) -> int:
    """Creates the missing duties of `county` and its municipalities for `years`; returns how many."""
    municipalities = list(county.area_members.municipalities().order_by("name"))
    terms = {kind: [(t.start, t.end) for t in CouncilTerm.objects.filter(kind=kind)] for kind in ("county",
                                                                                                  "municipal")}
    created = 0
    for rule in DutyRule.objects.filter(active=True):
        periods = compute.periods(rule.period_kind, years, terms[rule.council_kind], rule.due_month, rule.due_day)
        for municipality in _targets(rule, county, municipalities):
            for p in periods:
                _duty, new = Duty.objects.get_or_create(
                    rule=rule, county=county, municipality=municipality, period_start=p.start,
                    defaults={"period_end": p.end, "period_label": p.label, "due_date": p.due,
                              "required_count": rule.count_per_period},
                )
                created += new
    return created


def with_counts(queryset):
    return queryset.annotate(evidence_count=Count("evidence", distinct=True))


def duties_in_year(county, year: int):
    """The duties whose period includes `year`, with their evidence counts."""
    qs = Duty.objects.filter(county=county, period_start__year__lte=year, period_end__year__gte=year)
    return with_counts(qs.select_related("rule", "municipality"))


def compliance_matrix(county, year: int, today):
    """Rows: the county itself and each municipality; columns: the rules; cells: (duty, state) or None."""
    rules = list(DutyRule.objects.filter(duties__county=county).distinct().order_by("key"))
    cells: dict = {}
    for duty in duties_in_year(county, year):
        cells.setdefault((duty.municipality_id, duty.rule_id), []).append(
            (duty, compute.compliance_state(duty.evidence_count, duty.required_count, duty.due_date, today)))
    municipalities = list(county.area_members.municipalities().order_by("name"))
    rows = []
    for org in [None, *municipalities]:
        key = org.pk if org else None
        rows.append((org or county, [cells.get((key, r.pk), []) for r in rules]))
    return rules, rows
