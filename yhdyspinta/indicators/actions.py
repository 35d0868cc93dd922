"""Writes of the knowledge base: value imports (idempotent upsert, all or nothing), refresh, saves.

Values are written in bulk (executemany) inside one transaction: a bad row anywhere refuses the
whole file before the first write. Each import leaves an `ImportRun` with its counts.
"""

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from yhdyspinta.core.actions import audited, require, save_form
from yhdyspinta.core.csvfiles import InputError
from yhdyspinta.core.reasons import reason
from yhdyspinta.organisations.models import Organisation, OrganisationKind

from .compute import parsing
from .compute.jsonstat import is_jsonstat, parse_jsonstat
from .models import COUNTRY_CODE, ImportRun, Indicator, IndicatorSet, IndicatorValue, Source

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

    def __str__(self):
        text = (f"{self.source}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.skipped} skipped")
        if self.indicators_created or self.indicators_updated:
            text += f"; indicators {self.indicators_created} created, {self.indicators_updated} updated"
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


def region_ids() -> dict[tuple[str, str], int]:
    """(kind, official code) → organisation id for municipalities, counties and the country."""
    ids = {("country", "SSS"): country().pk}
    for pk, kind, code in Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY]
    ).exclude(code="").values_list("pk", "kind", "code"):
        ids[(kind, code)] = pk
    return ids


# ---- file imports ---------------------------------------------------------------------------
def parse_file(path: Path, *, regions_payload=None):
    """Detects the format and returns (value rows, skipped count, indicator metadata dicts)."""
    name = path.name
    data = path.read_bytes()
    if path.suffix.lower() == ".csv" or not data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith((b"[", b"{")):
        return parsing.parse_long_csv(data, name=name, max_year=max_year()), 0, []
    payload = parsing.load_json(data.decode("utf-8-sig", errors="replace"), name)
    if is_jsonstat(payload):
        return parse_jsonstat(payload, name=name, max_year=max_year()), 0, []
    if parsing.is_sotkanet_values(payload):
        if regions_payload is None:
            raise InputError(name, None, reason("Sotkanet data needs Sotkanet's region list (--regions FILE)"))
        regions = parsing.parse_sotkanet_regions(regions_payload, "regions")
        rows, skipped = parsing.parse_sotkanet_values(payload, regions, name=name, max_year=max_year())
        return rows, skipped, []
    if parsing.is_sotkanet_metadata(payload):
        return [], 0, parsing.parse_sotkanet_metadata(payload, name)
    raise InputError(name, None, reason("unknown format: not Sotkanet JSON (data, metadata), JSON-stat 2.0 or long CSV"))


def import_file(path, *, actor=None, regions_path=None) -> ImportSummary:
    path = Path(path)
    regions_payload = None
    if regions_path:
        regions_payload = parsing.load_json(Path(regions_path).read_bytes(), Path(regions_path).name)
    rows, skipped, metadata = parse_file(path, regions_payload=regions_payload)
    with audited(actor):
        summary = ImportSummary(path.name, skipped=skipped)
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


def record(summary: ImportSummary, actor):
    ImportRun.objects.create(
        source=summary.source[:300], created=summary.created, updated=summary.updated,
        unchanged=summary.unchanged, skipped=summary.skipped,
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )


def upsert_indicators(metadata: list[dict], source: str, summary: ImportSummary):
    for fields in metadata:
        fields = {**fields, "title": fields["title_fi"] or fields["title_en"],
                  "description": fields["description_fi"], "unit": fields["unit_fi"],
                  "source_organisation": fields["source_organisation_fi"]}
        obj = Indicator.objects.filter(source=source, source_id=fields["source_id"]).first()
        if obj is None:
            Indicator.objects.create(source=source, **fields)
            summary.indicators_created += 1
            continue
        changed = [k for k, v in fields.items() if str(getattr(obj, k) or "") != str(v or "")]
        if changed:
            for key in changed:
                setattr(obj, key, fields[key])
            obj.save()
            summary.indicators_updated += 1


def write_values(rows, *, name: str, summary: ImportSummary):
    """Validates every row against the database, then upserts; call inside a transaction."""
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
        key = (ind, region, row.year, row.sex)
        if key in keyed:
            raise InputError(name, _line(row), parsing.at(row.where, reason(
                "the same indicator, region, year and sex appear twice")))
        keyed[key] = (row.value, row.abs_value)
    existing = {}
    years = {k[2] for k in keyed}
    for chunk in _chunks(sorted({k[0] for k in keyed}), 500):
        qs = IndicatorValue.objects.filter(indicator_id__in=chunk, year__gte=min(years), year__lte=max(years)).order_by()
        for pk, ind, region, year, sex, value, abs_value in qs.values_list(
                "pk", "indicator_id", "region_id", "year", "sex", "value", "abs_value").iterator(chunk_size=20000):
            key = (ind, region, year, sex)
            if key in keyed:
                existing[key] = (pk, value, abs_value)
    inserts, updates = [], []
    for key, (value, abs_value) in keyed.items():
        old = existing.get(key)
        if old is None:
            inserts.append((*key, value, abs_value))
        elif _same(old[1], value) and _same(old[2], abs_value):
            summary.unchanged += 1
        else:
            updates.append((value, abs_value, old[0]))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _write_postgresql(inserts, updates)
        else:
            _write_executemany(inserts, updates)
    summary.created += len(inserts)
    summary.updated += len(updates)
    return summary


COLUMNS = "indicator_id, region_id, year, sex, value, abs_value"


def _write_executemany(inserts, updates):
    table = IndicatorValue._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(inserts, BATCH):
            cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)", chunk)
        for chunk in _chunks(updates, BATCH):
            cursor.executemany(f"UPDATE {table} SET value = %s, abs_value = %s WHERE id = %s", chunk)


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
                           "abs_value double precision, id bigint) ON COMMIT DROP")
            with cursor.copy("COPY yp_value_update (value, abs_value, id) FROM STDIN") as copy:
                for row in updates:
                    copy.write_row(row)
            cursor.execute(f"UPDATE {table} t SET value = u.value, abs_value = u.abs_value "
                           "FROM yp_value_update u WHERE t.id = u.id")
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
    """Fetches everything first (a network error raises SotkanetError, nothing written), then imports."""
    regions_payload = client.regions()
    regions = parsing.parse_sotkanet_regions(regions_payload, client.url("/regions"))
    metadata, rows, skipped = [], [], 0
    for indicator_id in indicator_ids:
        meta = client.indicator(indicator_id)
        metadata += parsing.parse_sotkanet_metadata(meta, client.url(f"/indicators/{indicator_id}"))
        payload = client.values(indicator_id, years, genders=("total", "male", "female"))
        if payload == []:
            continue
        got, skip = parsing.parse_sotkanet_values(payload, regions, name=client.url("/json", [
            ("indicator", indicator_id)]), max_year=max_year())
        rows += got
        skipped += skip
    summary = ImportSummary(f"Sotkanet {client.base_url}", skipped=skipped)
    with audited(actor):
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
