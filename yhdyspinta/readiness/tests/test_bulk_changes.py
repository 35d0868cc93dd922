"""Bulk status writes are recorded in our own tables, not by inserts into django-auditlog's.

A period import or a region page save is one `ReportBatch` (saved through the ORM inside the
action's audited transaction, so django-auditlog has its entry with the actor, the client address
and the request id) and one `ReportChange` row old → new per written report (docs/audit.md,
"Bulk writes"). The report's History page shows those changes under the report's own rule.
"""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from conftest import client_for
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness import actions
from yhdyspinta.readiness.models import ReportBatch, ReportChange, StatusReport

from .factories import reporting_setup


def _csv(world, rows):
    lines = ["region;task_id;status;comment"] + [f"{world.a1.name};{task};{status};{comment}"
                                                 for task, status, comment in rows]
    return ("\n".join(lines) + "\n").encode()


def _history(client, report):
    content_type = ContentType.objects.get_for_model(StatusReport).pk
    return client.get(f"/history/{content_type}/{report.pk}/")


def test_an_import_is_one_audited_batch_and_a_change_row_per_report(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    actions.set_status(period, world.a1.pk, tasks[0], "in_progress", "", actor=world.editor)
    last_entry = LogEntry.objects.latest("pk").pk
    data = _csv(world, [("T-01", "done", "Valmis"), ("T-02", "käynnissä", ""), ("T-03", "ei aloitettu", "")])
    result = actions.import_period_statuses(period, data, "tilat.csv", actor=world.editor)

    assert result == {"created": 2, "updated": 1, "unchanged": 0}
    batch = ReportBatch.objects.get()
    assert (batch.kind, batch.file_name, batch.by, batch.period) == ("import", "tilat.csv", world.editor, period)
    assert (batch.created, batch.updated, batch.unchanged) == (2, 1, 0)
    changes = {c.report_id: c for c in ReportChange.objects.filter(batch=batch)}
    assert len(changes) == 3
    first = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    assert (changes[first.pk].action, changes[first.pk].old_status, changes[first.pk].status,
            changes[first.pk].comment) == (ReportChange.UPDATED, "in_progress", "done", "Valmis")
    # django-auditlog wrote only what the ORM saved: the batch (not a row per report)
    new_entries = LogEntry.objects.filter(pk__gt=last_entry).exclude(action=LogEntry.Action.ACCESS)
    assert {e.content_type.model for e in new_entries} == {"reportbatch"}
    assert LogEntry.objects.get_for_object(batch).get().actor == world.editor


def test_a_refused_import_writes_nothing(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    actions.set_status(period, world.a1.pk, tasks[0], "in_progress", "", actor=world.editor)
    entries_before = LogEntry.objects.count()
    bad = _csv(world, [("T-01", "done", ""), ("T-02", "valmiina", "")])  # line 3: unknown status
    with pytest.raises(InputError) as refused:
        actions.import_period_statuses(period, bad, "tilat.csv", actor=world.editor)
    assert (refused.value.file, refused.value.line) == ("tilat.csv", 3)
    assert not ReportBatch.objects.exists() and not ReportChange.objects.exists()
    assert LogEntry.objects.count() == entries_before
    assert list(StatusReport.objects.values_list("task_id", "status")) == [(tasks[0].pk, "in_progress")]


def test_an_unchanged_import_records_no_batch(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    data = _csv(world, [("T-01", "done", "")])
    actions.import_period_statuses(period, data, "tilat.csv", actor=world.editor)
    assert actions.import_period_statuses(period, data, "tilat.csv", actor=world.editor)["unchanged"] == 1
    assert ReportBatch.objects.count() == 1


def test_the_region_page_save_carries_the_client_address(world):
    """docs/audit.md: every change has the client address; the region page's bulk save records it
    on its batch's auditlog entry."""
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    url = f"/readiness/periods/{period.pk}/regions/{world.a1.pk}/"
    response = client_for(world.editor).post(url, {f"status-{tasks[0].pk}": "done", f"comment-{tasks[0].pk}": ""},
                                             REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    batch = ReportBatch.objects.get()
    entry = LogEntry.objects.get_for_object(batch).get()
    assert (batch.kind, entry.actor, entry.remote_addr) == ("region_form", world.editor, "192.0.2.7")
    report = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    assert ReportChange.objects.get(batch=batch).report_id == report.pk


def test_history_shows_bulk_changes_beside_single_edits(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    report = actions.set_status(period, world.a1.pk, tasks[0], "in_progress", "", actor=world.editor)
    actions.import_period_statuses(period, _csv(world, [("T-01", "done", "Tuonnista")]), "tilat.csv",
                                   actor=world.editor)
    with translation.override("fi"):
        response = _history(client_for(world.editor), report)
        page = response.content.decode()
        done, in_progress = (str(dict(StatusReport._meta.get_field("status").flatchoices)[k])
                             for k in ("done", "in_progress"))
    assert "Tuonnista" in page and done in page and in_progress in page  # labels, not the stored codes
    rows = response.context["rows"]  # newest first: the import's change, then set_status's creation
    assert [(r["created"], r["actor"] != "") for r in rows] == [(False, True), (True, True)]
    assert {c["label"]: (c["old"], c["new"]) for c in rows[0]["changes"]}["Tila"] == (in_progress, done)


def test_history_of_bulk_changes_keeps_the_reports_visibility(world):
    """An internal roadmap's report: its history, bulk changes included, is for its readers only —
    anonymous visitors and another county's users get 404 and never the comment."""
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1], visibility="internal")
    actions.import_period_statuses(period, _csv(world, [("T-01", "done", "Sisäinen huomio")]), "tilat.csv",
                                   actor=world.editor)
    report = StatusReport.objects.get()
    for outsider in (None, world.other):
        response = _history(client_for(outsider), report)
        assert response.status_code == 404 and "Sisäinen huomio" not in response.content.decode()
    assert "Sisäinen huomio" in _history(client_for(world.viewer), report).content.decode()
    assert "Sisäinen huomio" in _history(client_for(world.coordinator), report).content.decode()


def test_a_public_roadmaps_bulk_history_is_public(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1], visibility="public")
    actions.import_period_statuses(period, _csv(world, [("T-01", "done", "Julkinen huomio")]), "tilat.csv",
                                   actor=world.editor)
    report = StatusReport.objects.get()
    assert "Julkinen huomio" in _history(client_for(None), report).content.decode()


def test_import_page_upload_records_the_file_name(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    upload = SimpleUploadedFile("kausi.csv", _csv(world, [("T-01", "done", "")]), content_type="text/csv")
    response = client_for(world.editor).post(f"/readiness/periods/{period.pk}/import/", {"file": upload})
    assert response.status_code == 302
    assert ReportBatch.objects.get().file_name == "kausi.csv"


def test_the_admin_lists_the_bulk_change_log_read_only(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    actions.import_period_statuses(period, _csv(world, [("T-01", "done", "")]), "tilat.csv", actor=world.editor)
    admin = client_for(world.admin)
    assert "tilat.csv" in admin.get("/admin/readiness/reportbatch/").content.decode()
    change = ReportChange.objects.get()
    assert admin.get(f"/admin/readiness/reportchange/?q={change.report_id}").status_code == 200
    assert admin.get("/admin/readiness/reportbatch/add/").status_code == 403
