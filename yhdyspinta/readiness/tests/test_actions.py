"""Period locking, the owner-only close, all-or-nothing imports with file/line/reason errors."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from conftest import api_client_for, client_for
from yhdyspinta.core.exports import rows_to_xlsx
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness import actions, queries
from yhdyspinta.readiness.models import ReportChange, RoadmapTask, StatusReport

from .factories import reporting_setup


@pytest.fixture
def setup(world):
    """County A owns the roadmap; municipalities a1 and b1 report on three tasks."""
    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    owner_editor = __import__("tests.factories", fromlist=["member"]).member(world.county_a, "editor")
    return roadmap, tasks, period, owner_editor


def test_region_editor_sets_own_status_only(world, setup):
    _roadmap, tasks, period, _owner = setup
    report = actions.set_status(period, world.a1.pk, tasks[0], "done", "Valmis", actor=world.editor)
    assert report.status == "done"
    with pytest.raises(PermissionDenied):
        actions.set_status(period, world.b1.pk, tasks[0], "done", actor=world.editor)
    with pytest.raises(PermissionDenied):
        actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.viewer)
    assert LogEntry.objects.get_for_object(report).filter(actor=world.editor).exists()


def test_closed_period_is_locked_everywhere(world, setup):
    _roadmap, tasks, period, owner = setup
    actions.set_status(period, world.a1.pk, tasks[0], "in_progress", actor=world.editor)
    with pytest.raises(PermissionDenied):
        actions.close_period(period, actor=world.editor)  # a region cannot close the period
    actions.close_period(period, actor=owner)
    period.refresh_from_db()
    assert period.closed and period.closed_by == owner
    with pytest.raises(ValidationError, match="2021-10"):
        actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    report = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    assert report.status == "in_progress"
    # the API refuses with a clear message, the page too
    response = api_client_for(world.editor).patch(f"/api/v1/readiness/reports/{report.pk}/", {"status": "done"},
                                                  format="json")
    assert response.status_code == 400 and "2021-10" in str(response.json())
    page = client_for(world.editor).post(f"/readiness/periods/{period.pk}/regions/{world.a1.pk}/",
                                         {f"status-{tasks[0].pk}": "done"}, follow=True)
    assert "2021-10" in page.content.decode() and page.status_code == 200
    csv = f"region,task_id,status\n{world.a1.name},T-01,done\n".encode()
    with pytest.raises(ValidationError):
        actions.import_period_statuses(period, csv, "s.csv", actor=world.editor)
    report.refresh_from_db()
    assert report.status == "in_progress"
    actions.reopen_period(period, actor=owner)
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)


def test_region_page_bulk_form_saves_and_audits(world, setup):
    _roadmap, tasks, period, _owner = setup
    client = client_for(world.editor)
    url = f"/readiness/periods/{period.pk}/regions/{world.a1.pk}/"
    page = client.get(url).content.decode()
    assert f'name="status-{tasks[0].pk}"' in page
    client.post(url, {f"status-{tasks[0].pk}": "on_schedule", f"comment-{tasks[0].pk}": "Aikataulussa",
                      f"status-{tasks[1].pk}": "not_started"})
    report = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    assert (report.status, report.comment) == ("on_schedule", "Aikataulussa")
    change = ReportChange.objects.get(report_id=report.pk)  # the bulk save's change record, our own table
    assert (change.batch.by, change.batch.kind, change.status) == (world.editor, "region_form", "on_schedule")
    # another region's editor sees no form and cannot post
    other = client_for(world.other)
    assert f'name="status-{tasks[0].pk}"' not in other.get(url).content.decode()
    assert other.post(url, {f"status-{tasks[0].pk}": "done"}).status_code == 403


def _status_csv(world, bad_line=None):
    lines = ["region,task_id,status,comment"]
    for code in ("T-01", "T-02", "T-03"):
        lines.append(f"{world.a1.name},{code},käynnissä,")
    lines.append(f"{world.a1.code},T-01,done,duplicate")  # line 5: duplicate of line 2 via the code
    if bad_line is None:
        lines.pop()
    return ("\n".join(lines) + "\n").encode()


def test_import_is_all_or_nothing_and_names_the_line(world, setup):
    _roadmap, tasks, period, _owner = setup
    actions.set_status(period, world.a1.pk, tasks[0], "not_started", "ennen", actor=world.editor)
    before = list(StatusReport.objects.values_list("task_id", "status", "comment"))
    with pytest.raises(InputError) as exc:
        actions.import_period_statuses(period, _status_csv(world, bad_line=5), "tila.csv", actor=world.editor)
    assert (exc.value.file, exc.value.line) == ("tila.csv", 5) and "duplicate" in exc.value.reason
    bad_status = _status_csv(world).replace(b"T-03,k\xc3\xa4ynniss\xc3\xa4", b"T-03,valmiina")
    with pytest.raises(InputError) as exc:
        actions.import_period_statuses(period, bad_status, "tila.csv", actor=world.editor)
    assert exc.value.line == 4 and "unknown status" in exc.value.reason
    assert list(StatusReport.objects.values_list("task_id", "status", "comment")) == before
    # through the page: the message names file and line, nothing saved
    response = client_for(world.editor).post(
        f"/readiness/periods/{period.pk}/import/",
        {"file": _upload("tila.csv", bad_status)}, follow=True)
    page = response.content.decode()  # the reason in the page's language (Finnish by default)
    assert "tila.csv, rivi 4: tuntematon tila" in page and "sallitut arvot" in page
    assert "tila.csv, line 4" not in page and "unknown status" not in page
    assert list(StatusReport.objects.values_list("task_id", "status", "comment")) == before


def test_import_refuses_other_regions_and_writes_good_files(world, setup):
    _roadmap, _tasks, period, _owner = setup
    foreign = f"region,task_id,status\n{world.b1.name},T-01,done\n".encode()
    with pytest.raises(InputError, match="may not report"):
        actions.import_period_statuses(period, foreign, "f.csv", actor=world.editor)
    result = actions.import_period_statuses(period, _status_csv(world), "tila.csv", actor=world.editor)
    assert result == {"created": 3, "updated": 0, "unchanged": 0}
    header, rows = queries.template_rows(period, world.editor)
    assert header == ["region", "task_id", "status", "comment"] and len(rows) == 3
    assert {r[2] for r in rows} == {"in_progress"}
    rows[0][2] = "valmis"
    result = actions.import_period_statuses(period, rows_to_xlsx(header, rows), "tila.xlsx", actor=world.editor)
    assert result == {"created": 0, "updated": 1, "unchanged": 2}
    assert ReportChange.objects.filter(batch__by=world.editor).count() == 4  # 3 created, 1 changed
    change = ReportChange.objects.get(action=ReportChange.UPDATED)
    assert (change.old_status, change.status, change.batch.file_name) == ("in_progress", "done", "tila.xlsx")
    report = StatusReport.objects.get(pk=change.report_id)
    content_type = ContentType.objects.get_for_model(StatusReport).pk
    history = client_for(world.editor).get(f"/history/{content_type}/{report.pk}/")
    assert history.status_code == 200
    with translation.override("fi"):  # the history shows the status's label, not the stored "done"
        assert str(dict(StatusReport._meta.get_field("status").flatchoices)["done"]) in history.content.decode()


def test_roadmap_import_round_trip_and_errors(world, setup):
    roadmap, _tasks, _period, owner = setup
    good = (b"task_id,area,subarea,title,due,critical\n"
            b"YP-A-01,yhdyspinnat,A_sopimukset,Sopimus,31.12.2021,yes\n"
            b"YP-A-02,yhdyspinnat,A_sopimukset,Toteutus,2022-06-30,no\n")
    with pytest.raises(PermissionDenied):
        actions.import_roadmap(roadmap, good, "r.csv", actor=world.editor)
    bad = good + b"YP-A-03,yhdyspinnat,,Testi,31.2.2022,no\n"
    with pytest.raises(InputError) as exc:
        actions.import_roadmap(roadmap, bad, "r.csv", actor=owner)
    assert exc.value.line == 4 and "not a date" in exc.value.reason
    assert not RoadmapTask.objects.filter(code__startswith="YP-").exists()
    assert actions.import_roadmap(roadmap, good, "r.csv", actor=owner)["created"] == 2
    header, rows = queries.export_roadmap(roadmap)
    assert ["YP-A-01", "yhdyspinnat", "A_sopimukset", "Sopimus", "2021-12-31", "yes", "", ""] in rows
    again = actions.import_roadmap(roadmap, rows_to_xlsx(header, rows), "r.xlsx", actor=owner)
    assert again["created"] == 0  # the first re-import only renumbers the task order
    assert queries.export_roadmap(roadmap) == (header, rows)
    third = actions.import_roadmap(roadmap, rows_to_xlsx(header, rows), "r.xlsx", actor=owner)
    assert third == {"created": 0, "updated": 0, "unchanged": 5}
    # the import computed the newest period's figures for its new revision: the next view reads them
    from yhdyspinta.readiness.loaders import clear_cache, is_cached
    from yhdyspinta.readiness.models import FigureStore, Period

    newest = Period.objects.filter(roadmap=roadmap).order_by("-end_date").first()
    assert is_cached(newest)
    clear_cache()
    assert FigureStore.objects.filter(period=newest, revision=newest.revision).exists()


def test_roadmap_import_page_shows_the_reason_in_swedish(world, setup):
    roadmap, _tasks, _period, owner = setup
    bad = (b"task_id,area,subarea,title,due,critical\n"
           b"YP-A-01,yhdyspinnat,A_sopimukset,Sopimus,31.12.2021,maybe\n")
    client = client_for(owner)
    client.cookies["django_language"] = "sv"
    with translation.override("fi"):  # the request activates Swedish in this thread; restored after
        page = client.post(f"/readiness/{roadmap.pk}/import/", {"file": _upload("r.csv", bad)},
                           follow=True).content.decode()
    assert "r.csv, rad 2: kolumnen &#x27;critical&#x27;: &#x27;maybe&#x27; är varken ja eller nej" in page
    assert "is not yes or no" not in page
    assert not RoadmapTask.objects.filter(code__startswith="YP-").exists()


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_figures_kept_current_region_by_region_equal_a_full_computation(world, setup):
    from yhdyspinta.readiness.loaders import figures_for

    _roadmap, tasks, period, _owner = setup
    actions.set_status(period, world.b1.pk, tasks[0], "done", actor=world.other)
    period.refresh_from_db()
    before = figures_for(period)  # cached for this revision
    actions.set_status(period, world.a1.pk, tasks[1], "in_progress", actor=world.editor)
    actions.import_period_statuses(period, _status_csv(world), "tila.csv", actor=world.editor)
    period.refresh_from_db()
    kept = figures_for(period)
    assert kept is not before
    assert kept.figures == figures_for(period, use_cache=False).figures
    totals = {f.region: f for f in kept.figures if f.level == "region"}
    assert totals[world.a1.pk].in_progress_pct == 100 and totals[world.b1.pk].done_pct == 33


def test_figures_survive_a_restart_in_the_database(world, setup, django_assert_max_num_queries):
    from django.core.cache import cache

    from yhdyspinta.readiness.loaders import clear_cache, figures_for
    from yhdyspinta.readiness.models import FigureStore

    _roadmap, tasks, period, _owner = setup
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    period.refresh_from_db()
    computed = figures_for(period)
    cache.clear()
    clear_cache()  # as after a restart
    with django_assert_max_num_queries(1):  # one SELECT of the stored figures, no recomputation
        stored = figures_for(period)
    assert stored == computed
    actions.set_status(period, world.a1.pk, tasks[1], "done", actor=world.editor)
    period.refresh_from_db()
    assert FigureStore.objects.get(period=period).revision == period.revision
    assert figures_for(period).figures == figures_for(period, use_cache=False).figures


def _workbook_with(part, old, new):
    """A valid roadmap XLSX with one XML part edited."""
    from tests.xlsx import with_part_edited

    data = rows_to_xlsx(["task_id", "area", "due"], [["YP-A-01", "yhdyspinnat", "31.12.2021"]])
    return with_part_edited(data, part, old, new)


@pytest.mark.parametrize("part, old, new, reason", [
    ("xl/workbook.xml", b'<sheet name="Data" sheetId="1" r:id="rId1"/>', b"", "no sheets"),  # was IndexError
    ("xl/worksheets/sheet1.xml", b"<v>3</v>", b"<v>99</v>", "not a readable XLSX sheet"),  # no shared string 99
])
def test_roadmap_xlsx_that_openpyxl_cannot_stream_is_refused(world, setup, part, old, new, reason):
    """Found by bench/fuzz/fuzz_readiness.py: readiness.tabular let these escape as IndexError."""
    roadmap, _tasks, _period, owner = setup
    with pytest.raises(InputError) as exc:
        actions.import_roadmap(roadmap, _workbook_with(part, old, new), "r.xlsx", actor=owner)
    assert exc.value.file == "r.xlsx" and reason in exc.value.reason
    assert not RoadmapTask.objects.filter(code__startswith="YP-").exists()
