"""A welfare report sent for approval: its approvers get one e-mail per submission, in their language,
through the real SMTP server; the report page's buttons; who may approve."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import client_for
from tests.factories import member
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.tests.factories import WelfareReportFactory
from yhdyspinta.notifications.models import Kind, Notification
from yhdyspinta.notifications.producers import report_submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def approvers(world):
    """Who approves A1's report: A1's organisation admins and county A's coordinators (with e-mail)."""
    world.org_admin.email, world.org_admin.language = "anna@example.fi", "sv"
    world.org_admin.save()
    world.coordinator.email = "kaija@example.fi"
    world.coordinator.save()
    world.editor.email = "eero@example.fi"  # writes, does not approve
    world.editor.save()
    member(world.a2, "org_admin", email="aatu@example.fi")  # another municipality's admin
    member(world.county_b, "county_coordinator", email="bertta@example.fi")  # another county
    member(world.county_a, "org_admin", email="alfa-admin@example.fi")  # the county's admin, not A1's
    return world


def test_submit_notifies_the_approvers_once_per_submission(approvers, mailbox, django_capture_on_commit_callbacks):
    world = approvers
    report = WelfareReportFactory(organisation=world.a1, title="Alfalan hyvinvointikertomus 2026",
                                  title_sv="Alfalas välfärdsberättelse 2026")
    with django_capture_on_commit_callbacks(execute=True):  # the sending task runs after the commit
        actions.submit_report(report, actor=world.editor)
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_at is not None and report.visibility == "internal"

    rows = Notification.objects.filter(kind=Kind.REPORT_SUBMITTED)
    assert {r.recipient for r in rows} == {world.org_admin, world.coordinator}
    assert sorted(rcpt[0] for rcpt, _m in mailbox.messages) == ["anna@example.fi", "kaija@example.fi"]
    swedish = mailbox.to("anna@example.fi")[0]
    assert "Alfalas välfärdsberättelse 2026" in swedish["Subject"]
    body = swedish.get_body(("plain",)).get_content()
    assert f"https://yhdyspinta.example.fi/indicators/reports/{report.pk}/" in body
    finnish = mailbox.to("kaija@example.fi")[0]
    assert " ".join(str(finnish["Subject"]).split()) == "Hyvinvointikertomus odottaa hyväksyntääsi: Alfalan hyvinvointikertomus 2026"

    # producing again for the same submission (a retry, a second server) adds nothing
    assert report_submitted(report) == 0
    assert rows.all().count() == 2

    # the audit log has the change and who made it
    entry = LogEntry.objects.get_for_object(report).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.editor and "status" in entry.changes_dict

    # returned to draft and sent again: that is a new submission, news again, once
    actions.return_report_to_draft(report, actor=world.org_admin)
    report.refresh_from_db()
    assert report.status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_report(report, actor=world.editor)
    assert rows.all().count() == 4
    assert len(mailbox.messages) == 4


def test_only_drafts_are_submitted_and_only_approvers_approve(approvers):
    world = approvers
    report = WelfareReportFactory(organisation=world.a1)
    with pytest.raises(PermissionDenied):
        actions.submit_report(report, actor=world.other)  # another county's editor
    with pytest.raises(PermissionDenied):
        actions.submit_report(report, actor=world.viewer)
    actions.submit_report(report, actor=world.editor)
    with pytest.raises(ValidationError):
        actions.submit_report(report, actor=world.editor)  # already waiting
    with pytest.raises(PermissionDenied):
        actions.approve_report(report, actor=world.editor)  # editors write, admins approve
    actions.approve_report(report, actor=world.coordinator)
    report.refresh_from_db()
    assert (report.status, report.visibility) == ("approved", "public") and report.approved_on
    with pytest.raises(ValidationError):
        actions.return_report_to_draft(report, actor=world.org_admin)  # approved: no longer waiting


def test_report_page_buttons(approvers, mailbox, django_capture_on_commit_callbacks):
    world = approvers
    report = WelfareReportFactory(organisation=world.a1, title="Alfalan kertomus")
    editor = client_for(world.editor)
    page = editor.get(report.get_absolute_url()).content.decode()
    assert f'action="/indicators/reports/{report.pk}/submit/"' in page
    assert client_for(world.viewer).get(report.get_absolute_url()).content.decode().count("/submit/") == 0
    assert editor.get(f"/indicators/reports/{report.pk}/submit/").status_code == 405  # POST only
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/indicators/reports/{report.pk}/submit/", follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == "submitted"
    page = response.content.decode()
    assert f"/indicators/reports/{report.pk}/return/" in page and "/approve/" not in page  # not an approver
    assert Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).count() == 2
    # a second press (e.g. a double click) is refused with a message, not a second notification
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/indicators/reports/{report.pk}/submit/", follow=True)
    assert "Vain luonnoksen voi lähettää hyväksyttäväksi." in response.content.decode()
    assert Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).count() == 2
    assert len(mailbox.messages) == 2
    admin = client_for(world.org_admin)
    assert f"/indicators/reports/{report.pk}/approve/" in admin.get(report.get_absolute_url()).content.decode()
    admin.post(f"/indicators/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert report.status == "approved"
    # outsiders cannot press the buttons of a report they may not see
    other = WelfareReportFactory(organisation=world.a1)
    assert client_for(world.other).post(f"/indicators/reports/{other.pk}/submit/").status_code == 404


def test_the_edit_form_does_not_let_editors_approve(approvers):
    world = approvers
    report = WelfareReportFactory(organisation=world.a1, title="Alfalan kertomus")
    from yhdyspinta.indicators.forms import WelfareReportForm

    data = {"organisation": world.a1.pk, "kind": "yearly", "title_fi": "Alfalan kertomus", "year": 2024,
            "status": "approved", "version": report.version}
    form = WelfareReportForm(data, instance=report, user=world.editor)
    assert not form.is_valid() and "status" in form.errors
    assert "submitted" not in [c[0] for c in form.fields["status"].choices]  # only the button submits
    form = WelfareReportForm(data, instance=report, user=world.org_admin)
    assert form.is_valid(), form.errors


def test_the_api_cannot_approve_or_submit_past_the_actions(world):
    """An editor could set status=approved through the API, skipping who may approve and the
    notification: status and approved_on are read-only there; the actions move them."""
    from conftest import api_client_for

    report = WelfareReportFactory(organisation=world.a1)
    client = api_client_for(world.editor)
    response = client.patch(f"/api/v1/indicators/reports/{report.pk}/",
                            {"status": "approved", "approved_on": "2026-12-01"}, format="json",
                            HTTP_IF_MATCH=f'"{report.version}"')
    assert response.status_code in (200, 400, 412), response.content
    report.refresh_from_db()
    assert report.status == "draft" and report.approved_on is None and report.visibility == "internal"
    created = client.post("/api/v1/indicators/reports/", {
        "organisation": world.a1.pk, "kind": report.kind, "title_fi": "Raportti", "year": 2026,
        "status": "approved"}, format="json")
    if created.status_code == 201:
        assert created.json()["status"] == "draft"
