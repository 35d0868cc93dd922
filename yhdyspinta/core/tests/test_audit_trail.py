"""An audit trail that holds up (tiedonhallintalaki § 17): the client address from trusted proxies
only, every listed read logged, downloads logged as exports, and the organisation admins' page."""

import csv
import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from conftest import api_client_for, client_for
from tests.factories import PersonFactory, member
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.models import Attachment
from yhdyspinta.cooperation.tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    DecisionFactory,
    FollowUpActionFactory,
    ForumMemberFactory,
    MeetingFactory,
    forum_for,
)
from yhdyspinta.core.audit import client_address, log_access
from yhdyspinta.core.models import AccessLog
from yhdyspinta.indicators.tests.factories import WelfareReportFactory
from yhdyspinta.organisations.models import Person

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"
SPOOF = "198.51.100.66"


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


# ---- the address rule -----------------------------------------------------------------------
@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(_request(PROXY, f"{SPOOF}, {CLIENT}")) == PROXY
    assert client_address(_request("2001:db8::1", SPOOF)) == "2001:db8::1"
    assert client_address(None) is None
    assert client_address(_request("")) is None


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.0.2.1"])
def test_behind_trusted_proxies_the_right_most_untrusted_address_is_the_client():
    assert client_address(_request(PROXY, CLIENT)) == CLIENT
    # the client sent its own X-Forwarded-For: the proxy appended the real address after it
    assert client_address(_request(PROXY, f"{SPOOF}, {CLIENT}")) == CLIENT
    # two proxies of ours in a row; ports and IPv6 brackets are removed
    assert client_address(_request(PROXY, f"{SPOOF}, {CLIENT}:51234, 192.0.2.1")) == CLIENT
    assert client_address(_request(PROXY, "[2001:db8::7]:443")) == "2001:db8::7"
    # a request from the proxy itself (every hop trusted): the left-most address it vouches for
    assert client_address(_request(PROXY, "10.1.2.3")) == "10.1.2.3"
    assert client_address(_request(PROXY)) == PROXY
    # garbage where the client would be: nothing left of it is believed
    assert client_address(_request(PROXY, f"{SPOOF}, not-an-address, 10.9.9.9")) == "10.9.9.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address():
    assert client_address(_request(CLIENT, SPOOF)) == CLIENT


@override_settings(TRUSTED_PROXIES=["not-a-network"])
def test_a_malformed_trusted_proxy_setting_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        client_address(_request(PROXY, CLIENT))


# ---- the address on the access log and on every change -------------------------------------
def _internal_person(world):
    return PersonFactory(organisation=world.a1, visibility="internal")


@override_settings(TRUSTED_PROXIES=[])
def test_unset_access_log_and_change_log_ignore_x_forwarded_for(world):
    person = _internal_person(world)
    client_for(world.viewer).get(person.get_absolute_url(), HTTP_X_FORWARDED_FOR=SPOOF)
    assert AccessLog.objects.get(action="read").remote_addr == "127.0.0.1"
    response = api_client_for(world.editor).patch(
        f"/api/v1/organisations/people/{person.pk}/", {"title_fi": "Uusi"}, format="json",
        HTTP_X_FORWARDED_FOR=SPOOF)
    assert response.status_code == 200
    assert _entries(person).latest("timestamp").remote_addr == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_the_logs_take_the_real_client(world):
    person = _internal_person(world)
    client_for(world.viewer).get(person.get_absolute_url(), HTTP_X_FORWARDED_FOR=f"{SPOOF}, {CLIENT}")
    assert AccessLog.objects.get(action="read").remote_addr == CLIENT
    api_client_for(world.editor).patch(f"/api/v1/organisations/people/{person.pk}/", {"title_fi": "Uusi"},
                                       format="json", HTTP_X_FORWARDED_FOR=f"{SPOOF}, {CLIENT}")
    assert _entries(person).latest("timestamp").remote_addr == CLIENT


def _entries(obj):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_every_change_through_pages_api_and_admin_has_the_client_address(world):
    before = set(LogEntry.objects.values_list("pk", flat=True))
    person = PersonFactory(organisation=world.a1, visibility="public", title_fi="Rehtori")
    forwarded = {"HTTP_X_FORWARDED_FOR": CLIENT}
    # a page (ObjectEditView → save_form → audited)
    page = client_for(world.editor)
    form = page.get(f"/organisations/people/{person.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, (list, tuple))}
    data.update(first_name="Uusi", organisation=world.a1.pk, visibility="public")
    for name, field in form.fields.items():
        if name not in data and field.initial is not None:
            data[name] = field.initial
    assert page.post(f"/organisations/people/{person.pk}/edit/", data, **forwarded).status_code == 302
    # a page that calls an action directly
    action = FollowUpActionFactory(decision=DecisionFactory(item=AgendaItemFactory(
        meeting=MeetingFactory(forum=forum_for(world.a1)))))
    assert page.post(f"/cooperation/actions/{action.pk}/status/", {"status": "done"}, **forwarded).status_code == 302
    # the API: create, update, delete
    api = api_client_for(world.editor)
    created = api.post("/api/v1/organisations/people/", {"first_name": "A", "last_name": "B",
                                                         "organisation": world.a1.pk, "visibility": "public"},
                       format="json", **forwarded)
    assert created.status_code == 201, created.content
    assert api.patch(f"/api/v1/organisations/people/{created.data['id']}/", {"title_fi": "X"}, format="json",
                     **forwarded).status_code == 200
    assert api.delete(f"/api/v1/organisations/people/{created.data['id']}/", **forwarded).status_code == 204
    # the admin (auditlog's middleware, subclassed)
    admin = client_for(world.admin)
    admin.get(f"/admin/organisations/person/{person.pk}/delete/", **forwarded)
    assert admin.post(f"/admin/organisations/person/{person.pk}/delete/", {"post": "yes"},
                      **forwarded).status_code == 302
    request_entries = LogEntry.objects.exclude(pk__in=before).exclude(actor=None)
    actions = {(e.content_type.model, e.action) for e in request_entries}
    assert ("person", LogEntry.Action.UPDATE) in actions and ("person", LogEntry.Action.DELETE) in actions
    assert ("followupaction", LogEntry.Action.UPDATE) in actions
    assert request_entries.count() >= 5
    assert set(request_entries.values_list("remote_addr", flat=True)) == {CLIENT}


def test_changes_after_an_action_in_the_same_request_keep_the_address(world, rf):
    """audited() puts auditlog's request context back: a later save of the request is not anonymous."""
    from auditlog.context import set_extra_data

    from yhdyspinta.core.actions import audited
    from yhdyspinta.core.middleware import _request

    person = PersonFactory(organisation=world.a1)
    request = rf.get("/", REMOTE_ADDR=CLIENT)
    token = _request.set(request)
    try:
        with set_extra_data({"actor": world.editor, "remote_addr": CLIENT}):
            with audited(world.editor):
                person.title_fi = "Yksi"
                person.save()
            person.title_fi = "Kaksi"
            person.save()
    finally:
        _request.reset(token)
    last_two = list(_entries(person).order_by("-pk")[:2])
    assert [e.remote_addr for e in last_two] == [CLIENT, CLIENT]
    assert [e.actor for e in last_two] == [world.editor, world.editor]


# ---- axes ----------------------------------------------------------------------------------
def _fail(client, username, **meta):
    return client.post("/login/", {"username": username, "password": "wrong-password"}, **meta)


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_lockout_behind_a_trusted_proxy_locks_only_the_real_client(world):
    attacker, colleague = Client(), Client()
    for _ in range(5):
        _fail(attacker, world.viewer.username, HTTP_X_FORWARDED_FOR=f"{SPOOF}, {CLIENT}")
    locked = attacker.post("/login/", {"username": world.viewer.username, "password": "secret-password-1"},
                           HTTP_X_FORWARDED_FOR=CLIENT)
    assert locked.status_code == 429
    # the same user from another client behind the same load balancer is not locked out
    ok = colleague.post("/login/", {"username": world.viewer.username, "password": "secret-password-1"},
                        HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert ok.status_code == 302 and "_auth_user_id" in colleague.session
    failure = AccessLog.objects.filter(action="login_failure").first()
    assert failure.remote_addr == CLIENT


@override_settings(TRUSTED_PROXIES=[])
def test_lockout_without_trusted_proxies_ignores_the_header(world):
    client = Client()
    for n in range(5):  # a new spoofed address each time does not escape the lockout
        _fail(client, world.viewer.username, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    locked = client.post("/login/", {"username": world.viewer.username, "password": "secret-password-1"},
                         HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert locked.status_code == 429
    assert set(AccessLog.objects.filter(action="login_failure").values_list("remote_addr", flat=True)) == {
        "127.0.0.1"}


# ---- the listed reads: each writes an access-log entry --------------------------------------
def _internal_meeting(world, **kwargs):
    forum = forum_for(world.a1, visibility="internal")
    return MeetingFactory(forum=forum, visibility="internal", **kwargs)


def read_ical_forum(world):
    meeting = _internal_meeting(world)
    response = client_for(world.viewer).get(f"/cooperation/forums/{meeting.forum.pk}/calendar.ics")
    return response, AccessLog.Action.READ, meeting


def read_ical_organisation(world):
    meeting = _internal_meeting(world)
    response = client_for(world.viewer).get(f"/cooperation/organisations/{world.a1.pk}/calendar.ics")
    return response, AccessLog.Action.READ, meeting


def read_ical_person(world):
    meeting = _internal_meeting(world)
    person = PersonFactory(organisation=world.a1, visibility="public")
    ForumMemberFactory(forum=meeting.forum, person=person)
    response = client_for(world.viewer).get(f"/cooperation/people/{person.pk}/calendar.ics")
    return response, AccessLog.Action.READ, meeting


def read_person_actions(world):
    action = FollowUpActionFactory(
        decision=DecisionFactory(item=AgendaItemFactory(meeting=_internal_meeting(world))),
        owner=PersonFactory(organisation=world.a1, visibility="public"))
    response = client_for(world.viewer).get(f"/cooperation/people/{action.owner.pk}/actions/")
    return response, AccessLog.Action.READ, action


def read_api_agreement_internal_part(world):
    agreement = AgreementFactory(parties=[world.a1, world.county_a], internal_part="Liikesalaisuus")
    response = api_client_for(world.viewer).get(f"/api/v1/cooperation/agreements/{agreement.pk}/")
    assert response.data["internal_part"] == "Liikesalaisuus"
    return response, AccessLog.Action.READ, agreement


def read_api_agreement_list(world):
    agreement = AgreementFactory(parties=[world.a1, world.county_a], internal_part="Liikesalaisuus")
    response = api_client_for(world.viewer).get("/api/v1/cooperation/agreements/")
    return response, AccessLog.Action.READ, agreement


def read_api_unchecked_minutes(world):
    meeting = MeetingFactory(forum=forum_for(world.a1), minutes="Luonnos", minutes_checked_on=None)
    response = api_client_for(world.viewer).get(f"/api/v1/cooperation/meetings/{meeting.pk}/")
    assert response.data["minutes"] == "Luonnos"
    return response, AccessLog.Action.READ, meeting


def read_api_internal_body(world):
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum_for(world.a1)), body="Salainen",
                             body_visibility="internal")
    response = api_client_for(world.viewer).get(f"/api/v1/cooperation/items/{item.pk}/")
    assert response.data["body"] == "Salainen"
    return response, AccessLog.Action.READ, item


def read_api_internal_notes(world):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], internal_notes="Kesken")
    response = api_client_for(world.viewer).get(f"/api/v1/catalogue/interfaces/{interface.pk}/")
    assert response.data["internal_notes"] == "Kesken"
    return response, AccessLog.Action.READ, interface


def page_read(make, url, who="admin", action=AccessLog.Action.READ):
    """A read point that GETs one page (`url` with the record's {pk}) as `who`."""
    def read(world):
        obj = make(world)
        return client_for(getattr(world, who)).get(url.format(pk=obj.pk)), action, obj

    return read


def _draft_report(world):
    report = WelfareReportFactory(organisation=world.a1, status="draft")
    assert report.is_internal
    return report


read_admin_change = page_read(_internal_meeting, "/admin/cooperation/meeting/{pk}/change/")
read_admin_internal_part = page_read(
    lambda world: AgreementFactory(parties=[world.a1, world.county_a], internal_part="Liikesalaisuus"),
    "/admin/cooperation/agreement/{pk}/change/")
read_admin_list = page_read(_internal_meeting, "/admin/cooperation/meeting/")
export_welfare_report_pdf = page_read(_draft_report, "/indicators/reports/{pk}/pdf/", "viewer",
                                      AccessLog.Action.EXPORT)
export_interface_card_pdf = page_read(
    lambda world: InterfaceFactory(parties=[world.a1, world.county_a], visibility="internal"),
    "/catalogue/interfaces/{pk}/card.pdf", "viewer", AccessLog.Action.EXPORT)


def export_attachment(world):
    meeting = _internal_meeting(world)
    attachment = Attachment.objects.create(meeting=meeting, title="Liite", visibility="internal",
                                           file=ContentFile(b"liite", name="liite.txt"))
    response = client_for(world.viewer).get(f"/cooperation/attachments/{attachment.pk}/")
    return response, AccessLog.Action.EXPORT, attachment


READ_POINTS = {
    "iCal feed of a forum": read_ical_forum,
    "iCal feed of an organisation": read_ical_organisation,
    "iCal feed of a person": read_ical_person,
    "a person's actions page": read_person_actions,
    "API: agreement internal_part (detail)": read_api_agreement_internal_part,
    "API: agreement internal_part (list)": read_api_agreement_list,
    "API: unchecked minutes": read_api_unchecked_minutes,
    "API: internal agenda body": read_api_internal_body,
    "API: interface internal_notes": read_api_internal_notes,
    "admin: change page of an internal record": read_admin_change,
    "admin: change page showing internal fields": read_admin_internal_part,
    "admin: list of internal records": read_admin_list,
    "export: welfare report PDF": export_welfare_report_pdf,
    "export: interface card PDF": export_interface_card_pdf,
    "export: attachment download": export_attachment,
}


def _logged(action, obj) -> bool:
    ct = ContentType.objects.get_for_model(obj)
    return any(str(obj.pk) in entry.object_ids.split(",")
               for entry in AccessLog.objects.filter(action=action, content_type=ct))


@pytest.mark.parametrize("name", list(READ_POINTS))
def test_each_listed_read_is_logged(world, name, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    response, action, obj = READ_POINTS[name](world)
    assert response.status_code == 200, name
    assert _logged(action, obj), name
    entry = AccessLog.objects.filter(action=action).latest("pk")
    assert entry.request_id and entry.remote_addr == "127.0.0.1"
    assert f",{world.a1.pk}," in entry.organisation_ids  # the org admins of A1 see it
    if action == AccessLog.Action.EXPORT:  # a download is an export, not also a read
        assert not AccessLog.objects.filter(action="read", content_type=entry.content_type).exists()


def test_audit_coverage_of_the_listed_reads_is_100_percent(world, tmp_path, settings, capsys):
    """The figure in docs/reliability.md: every listed read point writes its access-log entry."""
    settings.MEDIA_ROOT = tmp_path
    covered = []
    for name, read in READ_POINTS.items():
        response, action, obj = read(world)
        if response.status_code == 200 and _logged(action, obj):
            covered.append(name)
    share = 100 * len(covered) / len(READ_POINTS)
    with capsys.disabled():
        print(f"\naudit coverage of the listed reads: {len(covered)}/{len(READ_POINTS)} = {share:.0f} %")
    assert share == 100, sorted(set(READ_POINTS) - set(covered))


def test_internal_part_fields_are_named_and_public_parts_not_logged(world):
    agreement = AgreementFactory(parties=[world.a1, world.county_a], internal_part="Liikesalaisuus")
    api_client_for(world.viewer).get(f"/api/v1/cooperation/agreements/{agreement.pk}/")
    assert AccessLog.objects.get(action="read").detail.startswith("internal_part: ")
    AccessLog.objects.all().delete()
    # an outsider gets no internal part: nothing disclosed, nothing logged
    api_client_for(world.other).get(f"/api/v1/cooperation/agreements/{agreement.pk}/")
    # checked minutes of a public meeting are public: no entry
    meeting = MeetingFactory(forum=forum_for(world.a1), minutes="Valmis",
                             minutes_checked_on=timezone.localdate() - timedelta(days=1))
    api_client_for(world.viewer).get(f"/api/v1/cooperation/meetings/{meeting.pk}/")
    item = AgendaItemFactory(meeting=meeting, body="Julkinen", body_visibility="public")
    api_client_for(world.viewer).get(f"/api/v1/cooperation/items/{item.pk}/")
    assert not AccessLog.objects.exists()


# ---- the § 17 page ---------------------------------------------------------------------------
def _entry(user, obj, action=AccessLog.Action.READ, **kwargs):
    return log_access(RequestFactory().get("/", REMOTE_ADDR=CLIENT), action, model=type(obj), objects=[obj],
                      user=user, **kwargs)


@pytest.fixture
def reads(world):
    a1_person = PersonFactory(organisation=world.a1, visibility="internal", last_name="Alfalainen")
    b1_person = PersonFactory(organisation=world.b1, visibility="internal", last_name="Betalainen")
    entries = {
        "a1": _entry(world.viewer, a1_person, detail="alfa-read"),
        "a1_export": _entry(world.coordinator, a1_person, AccessLog.Action.EXPORT, detail="alfa-export"),
        "b1": _entry(world.other, b1_person, detail="beta-read"),
        "a1_person": a1_person, "b1_person": b1_person,
    }
    AccessLog.objects.filter(pk=entries["a1"].pk).update(request_id="req-alfa-0001")
    entries["a1"].refresh_from_db()
    return entries


def test_org_admin_sees_reads_of_their_organisation_only(world, reads):
    response = client_for(world.org_admin).get("/audit/access/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "alfa-read" in html and "alfa-export" in html and "beta-read" not in html
    assert str(reads["a1_person"]) in html and CLIENT in html and "req-alfa-0001" in html
    assert "Betalainen" not in html


def test_coordinator_sees_the_area_superuser_everything(world, reads):
    html = client_for(world.coordinator).get("/audit/access/").content.decode()
    assert "alfa-read" in html and "beta-read" not in html
    html = client_for(world.admin).get("/audit/access/").content.decode()
    assert "alfa-read" in html and "beta-read" in html


@pytest.mark.parametrize("role", ["viewer", "editor", "national"])
def test_others_are_refused(world, reads, role):
    assert client_for(getattr(world, role)).get("/audit/access/").status_code == 403


def test_anonymous_is_sent_to_log_in():
    response = Client().get("/audit/access/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_link_is_in_the_user_menu_for_admins_only(world):
    assert 'href="/audit/access/"' in client_for(world.org_admin).get("/").content.decode()
    assert 'href="/audit/access/"' not in client_for(world.editor).get("/").content.decode()


def test_names_only_of_records_the_viewer_may_see(world):
    """An entry about records of two organisations: A1's admin sees A1's record's name, B1's by id."""
    a1_person = PersonFactory(organisation=world.a1, visibility="internal", last_name="Alfalainen")
    b1_person = PersonFactory(organisation=world.b1, visibility="internal", last_name="Betalainen")
    log_access(RequestFactory().get("/"), AccessLog.Action.EXPORT, model=Person, objects=[a1_person, b1_person],
               user=world.other)
    html = client_for(world.org_admin).get("/audit/access/").content.decode()
    assert "Alfalainen" in html and "Betalainen" not in html and f"({b1_person.pk})" not in html
    assert str(b1_person.pk) in html


def _rows(response):
    return response.context["rows"]


def test_filters(world, reads):
    client = client_for(world.org_admin)
    assert [r["entry"] for r in _rows(client.get("/audit/access/", {"user": world.coordinator.username}))] == [
        reads["a1_export"]]
    assert [r["entry"] for r in _rows(client.get("/audit/access/", {"action": "export"}))] == [reads["a1_export"]]
    person_type = ContentType.objects.get_for_model(Person).pk
    by_record = _rows(client.get("/audit/access/", {"record_type": person_type,
                                                    "record_id": reads["a1_person"].pk}))
    assert {r["entry"].pk for r in by_record} == {reads["a1"].pk, reads["a1_export"].pk}
    assert _rows(client.get("/audit/access/", {"record_type": person_type, "record_id": 999999})) == []
    today = timezone.localdate()
    assert len(_rows(client.get("/audit/access/", {"date_from": today, "date_to": today}))) == 2
    AccessLog.objects.filter(pk=reads["a1"].pk).update(timestamp=timezone.now() - timedelta(days=10))
    recent = _rows(client.get("/audit/access/", {"date_from": today - timedelta(days=2)}))
    assert [r["entry"].pk for r in recent] == [reads["a1_export"].pk]
    old = _rows(client.get("/audit/access/", {"date_to": today - timedelta(days=5)}))
    assert [r["entry"].pk for r in old] == [reads["a1"].pk]
    oldest_first = _rows(client.get("/audit/access/", {"sort": "timestamp"}))
    assert [r["entry"].pk for r in oldest_first] == [reads["a1"].pk, reads["a1_export"].pk]
    bad = client.get("/audit/access/", {"date_from": today, "date_to": today - timedelta(days=1)})
    assert bad.status_code == 200 and _rows(bad) == []


def test_pagination(world):
    person = PersonFactory(organisation=world.a1, visibility="internal")
    for n in range(55):
        _entry(world.viewer, person, detail=f"read {n}")
    client = client_for(world.org_admin)
    first = client.get("/audit/access/")
    assert len(_rows(first)) == 50 and first.context["paginator"].num_pages == 2
    assert len(_rows(client.get("/audit/access/", {"page": 2}))) == 5


def test_csv_export_of_the_filtered_list_is_logged(world, reads):
    client = client_for(world.org_admin)
    response = client.get("/audit/access/", {"action": "read", "export": "csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Käyttöloki"] and lines[1][0].startswith("Lähde: Yhdyspinta, ")
    rows = lines[lines.index([]) + 1:]  # after the metadata lines and the empty line
    assert len(rows) == 2  # header + the one read of A1
    assert "alfa-read" in rows[1] and CLIENT in rows[1] and reads["a1"].request_id == rows[1][-1]
    logged = AccessLog.objects.get(action="export", user=world.org_admin)
    assert logged.content_type == ContentType.objects.get_for_model(AccessLog)
    assert f",{world.a1.pk}," in logged.organisation_ids
    # and it shows on the page for the organisation's admins
    assert "csv /audit/access/" in client.get("/audit/access/").content.decode()


def test_an_other_admin_does_not_see_another_organisations_csv(world, reads):
    other_admin = member(world.b1, "org_admin")
    response = client_for(other_admin).get("/audit/access/", {"export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "beta-read" in text and "alfa-read" not in text


@pytest.mark.browser
def test_the_page_is_accessible_and_sortable_by_keyboard(live_server, browser_page, world):
    from tests.browser import assert_accessible, login

    person = PersonFactory(organisation=world.a1, visibility="internal", last_name="Alfalainen")
    for n in range(3):
        _entry(world.viewer, person, detail=f"read {n}")
    page = browser_page
    login(page, live_server, world.org_admin)
    page.goto(live_server.url + "/")
    page.click("text=Käyttöloki")  # the user menu link, in Finnish by default
    page.wait_for_url("**/audit/access/")
    assert page.locator("h1").inner_text() == "Käyttöloki"
    assert "Alfalainen" in page.inner_text("table")
    assert_accessible(page, context="access log")
    page.focus("th a")  # the time column's sort link, by keyboard
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=timestamp*")
    assert page.get_attribute("th[aria-sort]", "aria-sort") == "ascending"
    assert [c.inner_text() for c in page.locator("tbody td:nth-child(6)").all()] == ["read 0", "read 1", "read 2"]
    page.fill("#id_user", world.viewer.username)
    page.fill("#id_date_from", timezone.localdate().isoformat())
    page.keyboard.press("Enter")
    page.wait_for_url("**date_from=*")
    assert_accessible(page, context="access log filtered")
    page.screenshot(path="/tmp/yp/access_log.png", full_page=True)
