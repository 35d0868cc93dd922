"""Writes of the knowledge base: value imports (idempotent upsert, all or nothing), refresh, saves.

Values are written in bulk (executemany) inside one transaction: a bad row anywhere refuses the
whole file before the first write. Each import leaves an `ImportRun` with its counts.
"""

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction

from yhdyspinta.core.actions import audited, require, save_form
from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations.models import Organisation, OrganisationKind

from .compute import parsing, sotkanet_regions
from .compute.jsonstat import is_jsonstat, parse_jsonstat
from .models import COUNTRY_CODE, ImportRun, Indicator, IndicatorSet, IndicatorValue, Level, Source

BATCH = 5000


@dataclass
class ImportSummary:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0
    notes: list = field(default_factory=list)  # e.g. old Sotkanet region ids translated
    calls: list = field(default_factory=list)  # the API addresses fetched (a refresh)
    illustrative: bool = False  # synthetic demo values
    run: ImportRun | None = None  # the provenance every written value points to

    def __str__(self):
        text = (f"{self.source}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.skipped} skipped")
        if self.indicators_created or self.indicators_updated:
            text += f"; indicators {self.indicators_created} created, {self.indicators_updated} updated"
        for note in self.notes:
            text += f"; {note}"
        return text


def country():
    """The whole country as a region: one organisation of kind "other" with code SSS (Koko maa)."""
    org, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.OTHER, code=COUNTRY_CODE,
        defaults={"name": "Koko maa", "name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"},
    )
    return org


def max_year() -> int:
    return date.today().year + 1


ORGANISER = "organiser"  # region kind of a municipality's row as the organiser of its services (Helsinki)


def region_ids() -> dict[tuple[str, str], int]:
    """(kind, official code) → organisation id for municipalities, counties and the country.

    A municipality that organises its own services (Helsinki) is also ("organiser", its code): the
    same organisation, whose values are then stored at the level "organiser".
    """
    ids = {("country", "SSS"): country().pk}
    for pk, kind, code, organises in Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY]
    ).exclude(code="").values_list("pk", "kind", "code", "organises_sote"):
        ids[(kind, code)] = pk
        if kind == OrganisationKind.MUNICIPALITY and organises:
            ids[(ORGANISER, code)] = pk
    return ids


def county_names() -> dict[str, list[str]]:
    """Product county code → its names (Finnish first; sv/en, short), for checking Sotkanet's region list."""
    names: dict[str, list[str]] = {}
    for code, *texts in Organisation.objects.filter(kind=OrganisationKind.COUNTY).exclude(code="").values_list(
            "code", "name_fi", "name", "name_sv", "name_en", "short_name_fi", "short_name_sv"):
        names[code] = list(dict.fromkeys(t for t in texts if t))
    if Organisation.objects.organising_areas().filter(kind=OrganisationKind.MUNICIPALITY, code="091").exists():
        names.setdefault("90", ["Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"])
    return names


def sotkanet_rows(payload, regions_payload, *, name, regions_name, names=None):
    """Sotkanet data rows with the region list checked (ids, codes, names; old ids translated) and
    Helsinki's organiser rows marked: (value rows, skipped count, notes)."""
    parsed = parsing.parse_sotkanet_regions(regions_payload, regions_name)
    resolved = sotkanet_regions.resolve(parsed, regions_payload, regions_name, county_names=names)
    rows, skipped = parsing.parse_sotkanet_values(payload, resolved.regions, name=name, max_year=max_year())
    if resolved.organiser_ids:
        marked = []
        for row in rows:
            raw = payload[row.where.number - 1] if isinstance(row.where, parsing.Position) else None
            if raw is not None and int(raw["region"]) in resolved.organiser_ids:
                row = row._replace(region=(ORGANISER, row.region[1]))
            marked.append(row)
        rows = marked
    return rows, skipped, list(resolved.notes)


# ---- file imports ---------------------------------------------------------------------------
def parse_file(path: Path, *, regions_payload=None, regions_name="regions", county_names=None):
    """Detects the format and returns (value rows, skipped count, indicator metadata dicts, notes)."""
    name = path.name
    data = path.read_bytes()
    if path.suffix.lower() == ".csv" or not data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith((b"[", b"{")):
        return parsing.parse_long_csv(data, name=name, max_year=max_year()), 0, [], []
    payload = parsing.load_json(data.decode("utf-8-sig", errors="replace"), name)
    if is_jsonstat(payload):
        return parse_jsonstat(payload, name=name, max_year=max_year()), 0, [], []
    if parsing.is_sotkanet_values(payload):
        if regions_payload is None:
            raise InputError(name, None, reason("Sotkanet data needs Sotkanet's region list (--regions FILE)"))
        rows, skipped, notes = sotkanet_rows(payload, regions_payload, name=name, regions_name=regions_name,
                                             names=county_names)
        return rows, skipped, [], notes
    if parsing.is_sotkanet_metadata(payload):
        return [], 0, parsing.parse_sotkanet_metadata(payload, name), []
    raise InputError(name, None, reason("unknown format: not Sotkanet JSON (data, metadata), JSON-stat 2.0 or long CSV"))


def import_file(path, *, actor=None, regions_path=None) -> ImportSummary:
    path = Path(path)
    regions_payload, regions_name = None, "regions"
    if regions_path:
        regions_name = Path(regions_path).name
        regions_payload = parsing.load_json(Path(regions_path).read_bytes(), regions_name)
    rows, skipped, metadata, notes = parse_file(path, regions_payload=regions_payload, regions_name=regions_name,
                                                county_names=county_names() if regions_payload else None)
    with audited(actor):
        source = path.name + (f" (+ {regions_name})" if regions_payload is not None and rows else "")
        summary = ImportSummary(source, skipped=skipped, notes=notes)
        start(summary, actor)
        if metadata:
            upsert_indicators(metadata, Source.SOTKANET, summary)
        if rows:
            write_values(rows, name=path.name, summary=summary)
        record(summary, actor)
    return summary


def may_import_values(user) -> bool:
    """Values are national statistics shared by everyone: administrators and holders of the model
    permission (the admin grants `indicators.add_indicatorvalue`, e.g. to a data steward group)."""
    return bool(getattr(user, "is_authenticated", False)
                and (user.is_superuser or user.has_perm("indicators.add_indicatorvalue")))


def import_upload(upload, *, actor, regions_upload=None) -> ImportSummary:
    """A file uploaded in the web page: written to a private temporary folder under its own name
    (so that errors name it), imported like a command-line file, then removed."""
    if not may_import_values(actor):
        raise PermissionDenied
    with tempfile.TemporaryDirectory(prefix="yhdyspinta-import-") as folder:
        paths = []
        for index, item in enumerate((upload, regions_upload)):
            if item is None:
                paths.append(None)
                continue
            safe_name = Path(item.name or "file").name[-120:] or "file"
            path = Path(folder) / str(index) / safe_name
            path.parent.mkdir()
            with path.open("wb") as out:
                for chunk in item.chunks():
                    out.write(chunk)
            paths.append(path)
        return import_file(paths[0], actor=actor, regions_path=paths[1])


def start(summary: ImportSummary, actor) -> ImportRun:
    """The run every value of this import will point to (its provenance), made before the first write."""
    summary.run = ImportRun.objects.create(
        source=summary.source[:300], user=actor if getattr(actor, "is_authenticated", False) else None,
        calls="\n".join(summary.calls), illustrative=summary.illustrative,
    )
    return summary.run


def record(summary: ImportSummary, actor):
    """The counts of the run (made by `start`, or now for a caller that did not start one)."""
    run = summary.run or start(summary, actor)
    run.created, run.updated, run.unchanged, run.skipped = (
        summary.created, summary.updated, summary.unchanged, summary.skipped)
    run.notes = "\n".join(str(n) for n in summary.notes)
    run.save(update_fields=["created", "updated", "unchanged", "skipped", "notes"])
    return run


# Said in the title of an indicator whose values are synthetic (the demo), in each language.
ILLUSTRATIVE_NOTE = {"fi": " (esimerkkiarvot)", "sv": " (exempelvärden)", "en": " (synthetic demo values)"}


def with_note(fields: dict, illustrative: bool) -> dict:
    """Titles with the illustrative note added (illustrative) or removed (real values)."""
    out = dict(fields)
    for lang, note in ILLUSTRATIVE_NOTE.items():
        key = f"title_{lang}"
        if key not in out:
            continue
        title = (out[key] or "").removesuffix(note)
        out[key] = (title + note)[-400:] if illustrative and title else title
    if "title" in out:
        out["title"] = out.get("title_fi") or out.get("title_en") or out["title"]
    return out


def upsert_indicators(metadata: list[dict], source: str, summary: ImportSummary):
    """Creates or updates indicators; an illustrative indicator keeps its flag and title note
    (its values stay synthetic until real values replace them all, see `settle_illustrative`)."""
    for fields in metadata:
        fields = {**fields, "title": fields["title_fi"] or fields["title_en"],
                  "description": fields["description_fi"], "unit": fields["unit_fi"],
                  "source_organisation": fields["source_organisation_fi"]}
        obj = Indicator.objects.filter(source=source, source_id=fields["source_id"]).first()
        if obj is None:
            Indicator.objects.create(source=source, **fields)
            summary.indicators_created += 1
            continue
        fields = with_note(fields, obj.illustrative)
        changed = [k for k, v in fields.items() if str(getattr(obj, k) or "") != str(v or "")]
        if changed:
            for key in changed:
                setattr(obj, key, fields[key])
            obj.save()
            summary.indicators_updated += 1


def write_values(rows, *, name: str, summary: ImportSummary):
    """Validates every row against the database, then upserts; call inside a transaction.

    Each written value points to `summary.run` (its provenance; `start()` makes it if the caller
    did not); unchanged values keep the run that wrote them.
    """
    run_id = (summary.run or start(summary, None)).pk
    wanted = {(r.source, r.source_id) for r in rows}
    indicators = {}
    for source in {s for s, _i in wanted}:
        ids = [i for s, i in wanted if s == source]
        for chunk in _chunks(ids, 900):
            indicators.update({(source, sid): pk for pk, sid in Indicator.objects.filter(
                source=source, source_id__in=chunk).values_list("pk", "source_id")})
    regions = region_ids()
    keyed = {}
    for row in rows:
        ind = indicators.get((row.source, row.source_id))
        if ind is None:
            raise InputError(name, _line(row), parsing.at(row.where, reason(
                "unknown indicator id '%(id)s' (%(source)s)", id=row.source_id, source=row.source)))
        region = regions.get(row.region)
        if region is None:
            raise InputError(name, _line(row), parsing.at(row.where, reason(
                "unknown region code '%(code)s' (%(kind)s)", code=row.region[1], kind=_kind(row.region[0]))))
        key = (ind, region, row.year, row.sex, Level.ORGANISER if row.region[0] == ORGANISER else Level.REGION)
        if key in keyed:
            raise InputError(name, _line(row), parsing.at(row.where, reason(
                "the same indicator, region, year and sex appear twice")))
        keyed[key] = (row.value, row.abs_value)
    existing = {}
    years = {k[2] for k in keyed}
    for chunk in _chunks(sorted({k[0] for k in keyed}), 500):
        qs = IndicatorValue.objects.filter(indicator_id__in=chunk, year__gte=min(years), year__lte=max(years)).order_by()
        for pk, ind, region, year, sex, level, value, abs_value in qs.values_list(
                "pk", "indicator_id", "region_id", "year", "sex", "level", "value", "abs_value").iterator(
                chunk_size=20000):
            key = (ind, region, year, sex, level)
            if key in keyed:
                existing[key] = (pk, value, abs_value)
    inserts, updates = [], []
    for key, (value, abs_value) in keyed.items():
        old = existing.get(key)
        if old is None:
            inserts.append((*key, value, abs_value, run_id))
        elif _same(old[1], value) and _same(old[2], abs_value):
            summary.unchanged += 1
        else:
            updates.append((value, abs_value, run_id, old[0]))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _write_postgresql(inserts, updates)
        else:
            _write_executemany(inserts, updates)
    summary.created += len(inserts)
    summary.updated += len(updates)
    settle_illustrative({k[0] for k in keyed})
    return summary


def settle_illustrative(indicator_ids) -> None:
    """An illustrative indicator becomes real once none of its values is synthetic any more (every
    one written by a non-demo import); its titles then lose the note. Else it stays illustrative."""
    for ind in Indicator.objects.filter(pk__in=list(indicator_ids), illustrative=True):
        synthetic = IndicatorValue.objects.filter(indicator=ind).filter(
            models.Q(import_run__isnull=True) | models.Q(import_run__illustrative=True)).exists()
        if not synthetic:
            for key, value in with_note({f"title_{lang}": getattr(ind, f"title_{lang}")
                                         for lang in ILLUSTRATIVE_NOTE} | {"title": ind.title}, False).items():
                setattr(ind, key, value)
            ind.illustrative = False
            ind.save()


COLUMNS = "indicator_id, region_id, year, sex, level, value, abs_value, import_run_id"


def _write_executemany(inserts, updates):
    table = IndicatorValue._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(inserts, BATCH):
            cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", chunk)
        for chunk in _chunks(updates, BATCH):
            cursor.executemany(f"UPDATE {table} SET value = %s, abs_value = %s, import_run_id = %s WHERE id = %s",
                               chunk)


def _write_postgresql(inserts, updates):
    """COPY instead of a round trip per row: new values straight in, changed ones through a temp table."""
    table = IndicatorValue._meta.db_table
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor
        if inserts:
            with cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
                for row in inserts:
                    copy.write_row(row)
        if updates:
            cursor.execute("CREATE TEMP TABLE yp_value_update (value double precision, "
                           "abs_value double precision, import_run_id bigint, id bigint) ON COMMIT DROP")
            with cursor.copy("COPY yp_value_update (value, abs_value, import_run_id, id) FROM STDIN") as copy:
                for row in updates:
                    copy.write_row(row)
            cursor.execute(f"UPDATE {table} t SET value = u.value, abs_value = u.abs_value, "
                           "import_run_id = u.import_run_id FROM yp_value_update u WHERE t.id = u.id")
            cursor.execute("DROP TABLE yp_value_update")


def _same(a, b):
    return a == b or (a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))


def _line(row):
    return row.where if isinstance(row.where, int) else None


def _kind(kind):
    """A region kind of the parsers ("municipality", "county", "country"), translatable."""
    if kind == "municipality":
        return reason("municipality")
    if kind == "county":
        return reason("county")
    if kind == "country":
        return reason("country")
    return kind


def _chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---- Sotkanet refresh -----------------------------------------------------------------------
def followed_indicator_ids(area=None) -> list[str]:
    sets = IndicatorSet.objects.filter(followed=True)
    if area is not None:
        sets = sets.filter(organisation__area=area)
    return sorted(set(Indicator.objects.filter(sets__in=sets, source=Source.SOTKANET)
                      .values_list("source_id", flat=True)), key=lambda s: (len(s), s))


def refresh_sotkanet(indicator_ids, years, *, client, actor=None) -> ImportSummary:
    """Fetches everything first (a network error raises SotkanetError, nothing written), then imports.

    The run records every address fetched (`ImportRun.calls`): the provenance of the values.
    """
    genders = ("total", "male", "female")
    regions_payload = client.regions()
    calls = [client.url("/regions")]
    names = county_names()
    metadata, rows, skipped, notes = [], [], 0, []
    for indicator_id in indicator_ids:
        meta = client.indicator(indicator_id)
        calls.append(client.url(f"/indicators/{indicator_id}"))
        metadata += parsing.parse_sotkanet_metadata(meta, calls[-1])
        payload = client.values(indicator_id, years, genders=genders)
        calls.append(client.values_url(indicator_id, years, genders=genders))
        if payload == []:
            continue
        got, skip, found = sotkanet_rows(payload, regions_payload, name=client.url("/json", [
            ("indicator", indicator_id)]), regions_name=calls[0], names=names)
        notes = notes or found
        rows += got
        skipped += skip
    summary = ImportSummary(f"Sotkanet {client.base_url}", skipped=skipped, notes=notes, calls=calls)
    with audited(actor):
        start(summary, actor)
        upsert_indicators(metadata, Source.SOTKANET, summary)
        if rows:
            write_values(rows, name=summary.source, summary=summary)
        record(summary, actor)
    return summary


# ---- page and API writes --------------------------------------------------------------------
def save_goal_part(form, *, actor, action):
    """Goal indicators and measures are written by those who may change their goal."""
    with audited(actor):
        require(actor, form.instance.goal, "change")
        return save_form(form, actor=actor, action=action)


def save_indicator_set(form, *, actor, action):
    return save_form(form, actor=actor, action=action)


# ---- welfare report approval: draft → waiting for approval → approved ---------------------------
def may_approve_report(user, report) -> bool:
    """Approving is for those who administer the report's organisation: its organisation admins
    and the county coordinators of its area (accounts.permissions ADMIN_ROLES), and superusers."""
    from yhdyspinta.accounts.permissions import ALL, org_ids

    ids = org_ids(user, "admin")
    return ids is ALL or report.organisation_id in ids


def _move_report(report, *, actor, was, to, refusal, stamps=None, approver=False):
    """The one way of the approval steps: lock the report, check the rights (`approver`: also
    may_approve_report) and that it is `was`, then set it `to` with the step's `stamps(report)`."""
    from django.core.exceptions import ValidationError

    from .models_reports import WelfareReport

    with audited(actor):
        report = WelfareReport.objects.select_for_update().get(pk=report.pk)
        require(actor, report, "change")
        if approver and not may_approve_report(actor, report):
            raise PermissionDenied
        if report.status != was:
            raise ValidationError(refusal)
        values = {"status": to, **(stamps(report) if stamps else {})}
        for name, value in values.items():
            setattr(report, name, value)
        report.save(update_fields=[*values, "version"])
        return report


def submit_report(report, *, actor):
    """A draft goes to approval; its approvers are notified once for this submission."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from yhdyspinta.notifications.hooks import notify_saved

    from .models_reports import ReportStatus

    with audited(actor):  # the step joins it: the approvers are notified in the same transaction
        report = _move_report(report, actor=actor, was=ReportStatus.DRAFT, to=ReportStatus.SUBMITTED,
                              refusal=_("Only a draft can be sent for approval."),
                              stamps=lambda _report: {"submitted_at": timezone.now()})
        return notify_saved(report)


def return_report_to_draft(report, *, actor):
    """A report waiting for approval goes back to the writers (withdrawn, or returned by an approver)."""
    from django.utils.translation import gettext as _

    from .models_reports import ReportStatus

    return _move_report(report, actor=actor, was=ReportStatus.SUBMITTED, to=ReportStatus.DRAFT,
                        refusal=_("Only a report waiting for approval can be returned to draft."))


def approve_report(report, *, actor):
    """An approver approves a report waiting for approval: it becomes public."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .models_reports import ReportStatus

    return _move_report(report, actor=actor, was=ReportStatus.SUBMITTED, to=ReportStatus.APPROVED,
                        refusal=_("Only a report waiting for approval can be approved."), approver=True,
                        stamps=lambda current: {"approved_on": current.approved_on or timezone.localdate()})
