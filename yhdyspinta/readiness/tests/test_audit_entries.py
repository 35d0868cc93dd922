"""The bulk audit entries of the readiness imports look like django-auditlog's own.

Whole-period imports write their LogEntry rows in one executemany built from the LogEntry model
(actions._audit; LogEntry.objects.bulk_create measured about eight times slower, see
docs/architecture.md). This test is the guard for upgrades of django-auditlog (pinned to major
version 3): an entry written in bulk fills every column that auditlog's own entry fills, and
every NOT NULL column without a default."""

from auditlog.models import LogEntry

from yhdyspinta.readiness import actions
from yhdyspinta.readiness.models import StatusReport

from .factories import reporting_setup

REQUEST_ONLY = {"remote_addr", "remote_port", "serialized_data", "additional_data"}  # set from a request


def test_bulk_entries_fill_the_columns_auditlog_fills(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    own = actions.set_status(period, world.a1.pk, tasks[0], "done", "Valmis", actor=world.editor)
    actions.save_region_statuses(period, world.a1.pk, {tasks[1].pk: ("in_progress", "Käynnissä")},
                                 actor=world.editor)
    bulk = StatusReport.objects.get(period=period, region=world.a1, task=tasks[1])
    by_auditlog = LogEntry.objects.get_for_object(own).get(action=LogEntry.Action.CREATE)
    by_bulk = LogEntry.objects.get_for_object(bulk).get(action=LogEntry.Action.CREATE)

    for field in LogEntry._meta.concrete_fields:
        if field.primary_key or field.name in REQUEST_ONLY:
            continue
        ours = getattr(by_bulk, field.attname)
        if getattr(by_auditlog, field.attname) not in (None, ""):
            assert ours not in (None, ""), f"LogEntry.{field.name} is left empty by the bulk audit entries"
        if not field.null and not field.has_default():
            assert ours is not None, f"LogEntry.{field.name} (NOT NULL) is not written by the bulk audit entries"
    assert (by_bulk.content_type, by_bulk.actor, by_bulk.object_id) == (by_auditlog.content_type, world.editor,
                                                                          bulk.pk)
    assert by_bulk.changes["status"][1] == "in_progress" and by_auditlog.changes["status"][1] == "done"
    assert by_bulk.changes["comment"][1] == "Käynnissä"


def test_bulk_entries_of_a_page_save_carry_the_client_address(world):
    """docs/audit.md: every change-log entry has the client address; the region page's bulk save
    (one executemany) records it like auditlog's own entries of the same request."""
    from conftest import client_for

    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    url = f"/readiness/periods/{period.pk}/regions/{world.a1.pk}/"
    response = client_for(world.editor).post(url, {f"status-{tasks[0].pk}": "done", f"comment-{tasks[0].pk}": ""},
                                             REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    report = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    entry = LogEntry.objects.get_for_object(report).get()
    assert (entry.actor, entry.remote_addr, entry.changes["status"][1]) == (world.editor, "192.0.2.7", "done")
