"""Reads of the readiness app that pages, the CLI and the actions share (writes are in actions.py)."""

from __future__ import annotations

from yhdyspinta.accounts.permissions import ALL, org_ids

from . import compute
from .csvio import ROADMAP_COLUMNS, STATUS_COLUMNS
from .models import Period, ReportingRegion, Roadmap, RoadmapTask, StatusReport


def may_report_for(actor, region_id: int) -> bool:
    ids = org_ids(actor, "change")
    return ids is ALL or region_id in ids


def export_roadmap(roadmap: Roadmap) -> tuple[list[str], list[list]]:
    """Header and rows in the import format (the CLI's ROADMAP.csv plus optional columns)."""
    rows = (roadmap.tasks.order_by("order", "code")
            .values_list("code", "area__code", "subarea__code", "title_fi", "due_date", "critical",
                         "title_sv", "title_en"))
    return list(ROADMAP_COLUMNS), [
        [code, area, sub or "", title or "", due.isoformat(), "yes" if critical else "no", sv or "", en or ""]
        for code, area, sub, title, due, critical, sv, en in rows
    ]


def region_lookup(roadmap_id: int) -> dict[str, int]:
    """Lower-cased label, names (fi/sv/en, short) and code of each reporting region -> id."""
    lookup: dict[str, int] = {}
    fields = ("organisation__name_fi", "organisation__name_sv", "organisation__name_en",
              "organisation__short_name_fi", "organisation__short_name_sv", "organisation__code", "label")
    for org_id, *names in ReportingRegion.objects.filter(roadmap_id=roadmap_id).values_list(
            "organisation_id", *fields):
        for n in names:
            if n:
                lookup.setdefault(n.strip().lower(), org_id)
    return lookup


def template_rows(period: Period, actor, language: str | None = None) -> tuple[list[str], list[list]]:
    """The import template: a row per task for each region the actor may report for, prefilled; the
    header and status words in `language` (Finnish, Swedish; English codes otherwise)."""
    regions = [r for r in ReportingRegion.objects.filter(roadmap_id=period.roadmap_id)
               .select_related("organisation").order_by("order", "label")
               if may_report_for(actor, r.organisation_id)]
    tasks = list(RoadmapTask.objects.filter(roadmap_id=period.roadmap_id).order_by("order", "code")
                 .values_list("pk", "code"))
    current = {(r, t): (s, c) for r, t, s, c in StatusReport.objects.filter(
        period=period, region_id__in=[r.organisation_id for r in regions]).values_list(
        "region_id", "task_id", "status", "comment")}
    header, words = compute.TEMPLATE_WORDS.get((language or "")[:2], (STATUS_COLUMNS, {}))
    rows = []
    for region in regions:
        for pk, code in tasks:
            status, comment = current.get((region.organisation_id, pk), (compute.NOT_STARTED, ""))
            rows.append([region.organisation.name, code, words.get(status, status), comment])
    return list(header), rows
