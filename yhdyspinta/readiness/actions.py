"""All writes of the readiness app: validate, write and audit in one transaction.

Status changes check three things: the period is open (a closed period is locked), the
actor edits the region's own report (members of that organisation, or its county
coordinator), and the task and region belong to the roadmap. Imports are all or nothing:
the first bad line raises `InputError(file, line, reason)` and nothing is written.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from yhdyspinta.accounts.permissions import ALL, org_ids
from yhdyspinta.core.actions import audited, require
from yhdyspinta.core.middleware import current_request_id
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations.models import Organisation, OrganisationKind

from . import bulk, compute, loaders
from .csvio import roadmap_rows, status_rows
from .models import (
    Area,
    Period,
    PeriodEvent,
    PublishedFigures,
    ReportBatch,
    ReportChange,
    ReportingRegion,
    Roadmap,
    RoadmapTask,
    StatusReport,
    SubArea,
)
from .queries import may_report_for, region_lookup


def bump(roadmap_id: int, period_id: int | None = None) -> None:
    """New revision: cached figures of the period (or all the roadmap's periods) expire."""
    qs = Period.objects.filter(roadmap_id=roadmap_id)
    if period_id is not None:
        qs = qs.filter(pk=period_id)
    qs.update(revision=F("revision") + 1)
    if period_id is None:
        # A roadmap change expires every period; the newest one is the page read next, so its
        # figures are computed here (inside the writing transaction) rather than on its first view.
        from .loaders import figures_for

        newest = Period.objects.filter(roadmap_id=roadmap_id).select_related("roadmap").order_by("-end_date").first()
        if newest is not None:
            figures_for(newest)


def check_open(period: Period) -> None:
    if period.closed:
        raise ValidationError(
            _("Period %(period)s is closed; its status reports can no longer be changed.")
            % {"period": period.code})


# ---- roadmap -----------------------------------------------------------------------------
def import_roadmap(roadmap: Roadmap, data: bytes, name: str, *, actor) -> dict:
    """Create or update tasks (and their areas/sub-areas) from a ROADMAP file; all or nothing.

    Tasks missing from the file are kept: deleting a task would delete its reports.
    """
    with audited(actor):
        require(actor, roadmap, "change")
        parsed = roadmap_rows(data, name=name)  # csvio: the row parser of the CLI too
        # an area is found by its code or its (Finnish) name; a new one gets a URL-safe code made
        # from the name ("Sote-palvelut ä" → "sote-palvelut-a"), the text stays its name
        areas = {a.code: a for a in roadmap.areas.all()}
        areas.update({a.name_fi: a for a in areas.copy().values() if a.name_fi and a.name_fi not in areas})
        subs = {(s.area_id, s.code): s for s in SubArea.objects.filter(area__roadmap=roadmap)}
        subs.update({(s.area_id, s.name_fi): s for s in subs.copy().values() if s.name_fi
                     and (s.area_id, s.name_fi) not in subs})
        existing = {t.code: t for t in roadmap.tasks.all()}
        created = updated = 0
        for order, row in enumerate(parsed):
            code = row.task_id
            area = areas.get(row.area)
            if area is None:
                slug = safe_code(row.area, {a.code for a in areas.values()}, "area")
                area = areas[row.area] = areas[slug] = Area.objects.create(
                    roadmap=roadmap, code=slug, name=row.area, name_fi=row.area,
                    order=len({a.pk for a in areas.values()}))
            subarea = None
            if row.subarea:
                subarea = subs.get((area.pk, row.subarea))
                if subarea is None:
                    letter = row.subarea[:1].upper() if row.subarea[1:2] in ("_", "") else ""
                    slug = safe_code(row.subarea, {c for (a, c), _s in subs.items() if a == area.pk}, "subarea")
                    subarea = subs[(area.pk, row.subarea)] = subs[(area.pk, slug)] = SubArea.objects.create(
                        area=area, code=slug, letter=letter, name=row.subarea,
                        name_fi=row.subarea, order=len({s.pk for s in subs.values()}))
            values = {"area": area, "subarea": subarea, "due_date": row.due, "critical": row.critical,
                      "title": row.title, "title_fi": row.title, "order": order}
            for lang in ("sv", "en"):
                if getattr(row, f"title_{lang}"):
                    values[f"title_{lang}"] = getattr(row, f"title_{lang}")
            task = existing.get(code)
            if task is None:
                RoadmapTask.objects.create(roadmap=roadmap, code=code, **values)
                created += 1
            elif any(getattr(task, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(task, k, v)
                task.save()
                updated += 1
        bump(roadmap.pk)
        return {"created": created, "updated": updated, "unchanged": len(parsed) - created - updated}


def safe_code(text: str, taken: set, fallback: str) -> str:
    """A URL-safe code (ASCII slug, at most 80 characters) for an area or sub-area named `text`,
    kept apart from the translated names; unchanged when `text` is already one."""
    if re.fullmatch(r"[-a-zA-Z0-9_]{1,80}", text):
        return text  # already safe in a URL (e.g. "A_sopimukset"): kept as it is
    code = slugify(text)[:80].strip("-") or fallback
    if code not in taken:
        return code
    number = 2
    while f"{code[:76]}-{number}" in taken:
        number += 1
    return f"{code[:76]}-{number}"


# ---- status reports ----------------------------------------------------------------------
def set_status(period: Period, region_id: int, task: RoadmapTask, status: str, comment: str = "", *,
               actor) -> StatusReport:
    """One region's status of one task; refused when the period is closed."""
    with audited(actor):
        period = Period.objects.select_for_update().get(pk=period.pk)
        check_open(period)
        if not may_report_for(actor, region_id):
            raise PermissionDenied
        if task.roadmap_id != period.roadmap_id:
            raise ValidationError({"task": _("The task is not on this period's roadmap.")})
        if not ReportingRegion.objects.filter(roadmap_id=period.roadmap_id, organisation_id=region_id).exists():
            raise ValidationError({"region": _("The organisation does not report on this roadmap.")})
        if status not in compute.STATUSES:
            raise ValidationError({"status": _("Unknown status.")})
        report, created = StatusReport.objects.get_or_create(
            period=period, region_id=region_id, task=task, defaults={"status": status, "comment": comment})
        if not created and (report.status, report.comment) != (status, comment):
            report.status, report.comment = status, comment
            report.save()
        bump(period.roadmap_id, period.pk)
        loaders.refresh(period, {region_id})
        return report


def delete_status(report: StatusReport, *, actor) -> None:
    with audited(actor):
        check_open(report.period)
        require(actor, report, "delete")
        report.delete()
        bump(report.period.roadmap_id, report.period_id)
        loaders.refresh(report.period, {report.region_id})


def import_period_statuses(period: Period, data: bytes, name: str, *, actor) -> dict:
    """A whole period's statuses (region,task_id,status[,comment]) from CSV or XLSX.

    All or nothing: every line is checked before anything is written. Only changed
    reports are written, in bulk: one audited `ReportBatch` (who, when, the file, the counts) and a
    `ReportChange` row old → new for each written report.
    """
    with audited(actor):
        period = Period.objects.select_for_update().get(pk=period.pk)
        check_open(period)
        regions = region_lookup(period.roadmap_id)
        tasks = dict(RoadmapTask.objects.filter(roadmap_id=period.roadmap_id).values_list("code", "pk"))
        allowed_ids = org_ids(actor, "change")

        def region(text, line):
            region_id = regions.get(text.lower())
            if region_id is None:
                raise InputError(name, line, reason("unknown region %(region)s (not a reporting region of "
                                                    "this roadmap)", region=repr(text)), "region")
            if allowed_ids is not ALL and region_id not in allowed_ids:
                raise InputError(name, line, reason("you may not report for region %(region)s",
                                                    region=repr(text)), "region")
            return region_id

        rows = status_rows(data, name=name, tasks=tasks, region=region)  # csvio: the CLI's row parser too
        wanted = {(r.region, tasks[r.task_id]): (r.status, r.comment) for r in rows}
        if not wanted:
            raise InputError(name, None, reason("no status rows in the file"))
        result = _write_reports(period, wanted, actor, file_name=name)
        bump(period.roadmap_id, period.pk)
        loaders.refresh(period, {region for region, _task in wanted})
        if not loaders.is_cached(period):
            loaders.figures_for(period)  # a whole period changed: have the national table ready
        return result


def row_fingerprint(status: str, comment: str) -> str:
    """A short, stable fingerprint of one row as a page showed it (no lost update on the region form)."""
    return hashlib.sha256(f"{status}\x1f{(comment or '').strip()[:2000]}".encode()).hexdigest()[:12]


def parse_fingerprints(token: str | None) -> dict[int, str]:
    """"pk:fingerprint;…" from the region form; anything malformed is left out (that row is then
    compared with what is stored, as before)."""
    shown = {}
    for part in (token or "").split(";"):
        pk, _sep, fingerprint = part.partition(":")
        if pk.isdigit() and len(fingerprint) == 12:
            shown[int(pk)] = fingerprint
    return shown


def save_region_statuses(period: Period, region_id: int, wanted: dict[int, tuple[str, str]], *,
                         actor, loaded: dict[int, tuple[str, str]] | None = None) -> dict:
    """The region page's bulk form: {task pk: (status, comment)} for one region, one transaction.

    `loaded` holds the fingerprint of the (status, comment) the form showed for the rows it changes
    (`row_fingerprint`): a row that someone
    else changed meanwhile refuses the whole save, so no update is lost.
    """
    with audited(actor):
        period = Period.objects.select_for_update().get(pk=period.pk)
        check_open(period)
        if not may_report_for(actor, region_id):
            raise PermissionDenied
        if not ReportingRegion.objects.filter(roadmap_id=period.roadmap_id, organisation_id=region_id).exists():
            raise ValidationError(_("The organisation does not report on this roadmap."))
        tasks = set(RoadmapTask.objects.filter(roadmap_id=period.roadmap_id).values_list("pk", flat=True))
        for task_id, (status, _comment) in wanted.items():
            if task_id not in tasks or status not in compute.STATUSES:
                raise ValidationError(_("Unknown task or status."))
        if loaded:
            stored = {t: (s, c) for t, s, c in StatusReport.objects.filter(
                period=period, region_id=region_id, task_id__in=list(loaded)).values_list("task_id", "status", "comment")}
            changed = [t for t, was in loaded.items()
                       if row_fingerprint(*stored.get(t, (compute.NOT_STARTED, ""))) != was]
            if changed:
                codes = sorted(RoadmapTask.objects.filter(pk__in=changed).values_list("code", flat=True))
                raise ValidationError(
                    _("Someone else saved these tasks after you opened the page, so nothing was saved: "
                      "%(codes)s. Their saved statuses are shown now; make your changes again.")
                    % {"codes": ", ".join(codes)}, code="conflict")
        result = _write_reports(period, {(region_id, t): v for t, v in wanted.items()}, actor, region_id)
        bump(period.roadmap_id, period.pk)
        loaders.refresh(period, {region_id})
        return result


def _write_reports(period, wanted, actor, only_region=None, file_name="") -> dict:
    """Insert new and update changed reports in bulk; the write is a `ReportBatch` (made through
    the ORM, so django-auditlog records it) and every created or changed report a `ReportChange`
    row old → new in our own table (docs/audit.md, "Bulk writes")."""
    rows = StatusReport.objects.filter(period=period)
    if only_region is not None:
        rows = rows.filter(region_id=only_region)
    existing = {
        (region, task): (pk, status, comment)
        for pk, region, task, status, comment in rows.values_list(
            "pk", "region_id", "task_id", "status", "comment").iterator(chunk_size=20000)
    }
    now = timezone.now()
    stamp = bulk.prep(StatusReport, "updated_at", now)
    new, changed, log = [], [], []
    for (region_id, task_id), (status, comment) in wanted.items():
        old = existing.get((region_id, task_id))
        if old is None:
            new.append((period.pk, region_id, task_id, status, comment, stamp))
        elif (old[1], old[2]) != (status, comment):
            changed.append((status, comment, stamp, old[0]))
            log.append((old[0], ReportChange.UPDATED, old[1], status, old[2], comment))
    bulk.insert_rows(StatusReport, ["period", "region", "task", "status", "comment", "updated_at"], new,
                     prepared=True)
    bulk.update_rows(StatusReport, ["status", "comment", "updated_at"], changed, prepared=True)
    if new:
        created = {(r, t): pk for pk, r, t in rows.values_list("pk", "region_id", "task_id").iterator(
            chunk_size=20000)}
        log += [(created[(r, t)], ReportChange.CREATED, "", s, "", c) for _p, r, t, s, c, _ts in new]
    result = {"created": len(new), "updated": len(changed), "unchanged": len(wanted) - len(new) - len(changed)}
    if not log:
        return result  # nothing written, nothing to record
    batch = ReportBatch.objects.create(  # an ordinary audited save: its auditlog entry names actor and address
        period=period, kind=ReportBatch.Kind.REGION_FORM if only_region is not None else ReportBatch.Kind.IMPORT,
        file_name=file_name[:300], at=now, by=actor if getattr(actor, "is_authenticated", False) else None,
        cid=current_request_id() or "", **result)
    bulk.insert_rows(ReportChange, ["batch", "report_id", "action", "old_status", "status", "old_comment", "comment"],
                     [(batch.pk, *entry) for entry in log], prepared=True)
    return result


# ---- periods -----------------------------------------------------------------------------
def create_period(roadmap: Roadmap, code: str, end_date: date, progress_end: date | None = None, *,
                  actor) -> Period:
    with audited(actor):
        require(actor, roadmap, "change")
        if Period.objects.filter(roadmap=roadmap, code=code).exists():
            raise ValidationError({"code": _("The roadmap already has this period.")})
        return Period.objects.create(roadmap=roadmap, code=code, end_date=end_date, progress_end=progress_end)


def close_period(period: Period, *, actor) -> Period:
    """Only the roadmap owner's editors close a period; its reports are then locked and its
    figures published: stored as a snapshot that pages, API and exports serve from now on."""
    with audited(actor):
        require(actor, period, "change")
        period = Period.objects.select_for_update().select_related("roadmap").get(pk=period.pk)
        if period.closed:
            raise ValidationError(_("Period %(period)s is already closed.") % {"period": period.code})
        return publish(period, actor)


def publish(period: Period, actor) -> Period:
    """Closes `period` (locked by the caller) and stores its figures as the next publication;
    `closed_at`/`closed_by` keep the first closing, every closing is a `PeriodEvent`."""
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    figures = loaders.figures_for(period, live=True)
    number = (PublishedFigures.objects.filter(period=period).aggregate(n=Max("number"))["n"] or 0) + 1
    publication = PublishedFigures.objects.create(period=period, number=number, data=figures.to_json(),
                                                  published_at=now, published_by=user)
    period.closed = True
    if period.closed_at is None:
        period.closed_at, period.closed_by = now, user
    period.save()
    PeriodEvent.objects.create(period=period, action=PeriodEvent.Action.CLOSED, at=now, by=user,
                               publication=publication)
    return period


def reopen_period(period: Period, *, actor) -> Period:
    """Open again for corrections; the publications and the history stay (a new closing publishes
    a new version beside the earlier ones)."""
    with audited(actor):
        require(actor, period, "change")
        period = Period.objects.select_for_update().get(pk=period.pk)
        if not period.closed:
            raise ValidationError(_("Period %(period)s is not closed.") % {"period": period.code})
        period.closed = False
        period.save()
        PeriodEvent.objects.create(period=period, action=PeriodEvent.Action.REOPENED, at=timezone.now(),
                                   by=actor if getattr(actor, "is_authenticated", False) else None)
        return period


# ---- reporting regions --------------------------------------------------------------------
REGION_KINDS = (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY, OrganisationKind.JOINT_AUTHORITY)


def region_choices(roadmap: Roadmap):
    """Organisations that can report: counties, municipalities (Helsinki, or a county's own
    municipalities on its own roadmap) and joint authorities (HUS), active, not yet reporting."""
    return (Organisation.objects.active().filter(kind__in=REGION_KINDS)
            .exclude(pk__in=ReportingRegion.objects.filter(roadmap=roadmap).values("organisation"))
            .order_by("kind", "name"))


def add_reporting_region(*, roadmap: Roadmap, organisation: Organisation, label: str = "", order=None,
                         acting_user=None, actor=None) -> ReportingRegion:
    """The one write path of pages, API and command: the roadmap owner's editors add a region."""
    actor = actor or acting_user
    with audited(actor):
        require(actor, roadmap, "change")
        if organisation.kind not in REGION_KINDS or not organisation.is_active:
            raise ValidationError({"organisation": _(
                "A reporting region is an active county, municipality or joint authority.")})
        if ReportingRegion.objects.filter(roadmap=roadmap, organisation=organisation).exists():
            raise ValidationError({"organisation": _("%(organisation)s already reports on this roadmap.")
                                   % {"organisation": organisation.name}})
        if order is None:
            order = (ReportingRegion.objects.filter(roadmap=roadmap).aggregate(n=Max("order"))["n"] or 0) + 1
        region = ReportingRegion.objects.create(roadmap=roadmap, organisation=organisation,
                                                label=(label or "").strip(), order=order)
        bump(roadmap.pk)  # the open periods' tables gain a row; published ones keep their snapshot
        return region


def change_reporting_region(region: ReportingRegion, *, label=None, order=None, acting_user=None, actor=None,
                            **ignored) -> ReportingRegion:
    """A region's table label and order; the organisation itself is fixed (its reports are its)."""
    actor = actor or acting_user
    with audited(actor):
        require(actor, region.roadmap, "change")
        organisation = ignored.get("organisation")
        if organisation is not None and organisation != region.organisation:
            raise ValidationError({"organisation": _(
                "The organisation of a reporting region cannot be changed; remove it and add the other.")})
        if label is not None:
            region.label = label.strip()
        if order is not None:
            region.order = order
        region.save()
        bump(region.roadmap_id)
        return region


def remove_reporting_region(region: ReportingRegion, *, acting_user=None, actor=None) -> None:
    """Refused while the region has status reports on the roadmap (they would drop out of every
    table); a region that never reported can go."""
    actor = actor or acting_user
    with audited(actor):
        require(actor, region.roadmap, "change")
        reports = StatusReport.objects.filter(period__roadmap_id=region.roadmap_id,
                                              region_id=region.organisation_id).count()
        if reports:
            raise ValidationError(_("%(region)s has %(count)s status reports on this roadmap, so it cannot be "
                                    "removed; change its label instead.")
                                  % {"region": str(region), "count": reports})
        roadmap_id = region.roadmap_id
        region.delete()
        bump(roadmap_id)


__all__ = ["InputError", "add_reporting_region", "change_reporting_region", "close_period", "create_period",
           "delete_status", "import_period_statuses", "import_roadmap", "publish",
           "remove_reporting_region", "reopen_period", "save_region_statuses", "set_status"]


def save_structure(form, *, actor, action: str):
    """A roadmap, an area or a task saved from its page: the owner's writers only; the roadmap's
    figures are recomputed (a new revision) because tasks and areas change what counts."""
    from yhdyspinta.core.actions import save_form

    with audited(actor):
        instance = form.instance
        roadmap = instance if isinstance(instance, Roadmap) else _roadmap_of(instance)
        if roadmap is not None and roadmap.pk and not isinstance(instance, Roadmap):
            require(actor, roadmap, "change")
        obj = save_form(form, actor=actor, action=action)
        bump(obj.pk if isinstance(obj, Roadmap) else _roadmap_of(obj).pk)
        return obj


def _roadmap_of(part):
    """The roadmap of an area or task (`roadmap`), or of a sub-area (through its area)."""
    if isinstance(part, SubArea):
        return part.area.roadmap if part.area_id else None
    return getattr(part, "roadmap", None)
