"""E-mails through a real SMTP server on loopback: language, links, .ics, preferences, bounces."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from conftest import client_for
from tests.factories import PersonFactory, UserFactory, member
from yhdyspinta.catalogue import actions as catalogue_actions
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.tests.factories import ForumMemberFactory, MeetingFactory, forum_for
from yhdyspinta.notifications import actions
from yhdyspinta.notifications.models import Kind, Mode, Notification, Status
from yhdyspinta.notifications.producers import meeting_deleted, meeting_saved, round_reminders
from yhdyspinta.notifications.sender import send_due

pytestmark = pytest.mark.django_db


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


def _ics(message) -> Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return Calendar.from_ical(parts[0].get_content())


@pytest.fixture
def round_world(world):
    """An interface between A1 and county A; writers of A1 in Finnish and Swedish, a viewer too."""
    InterfaceFactory(parties=[world.a1, world.county_a])
    fi = member(world.a1, "editor", email="maija@example.fi", language="fi")
    sv = member(world.a1, "org_admin", email="sven@example.fi", language="sv")
    viewer = member(world.a1, "viewer", email="ville@example.fi")
    outsider = member(world.b1, "editor", email="bertta@example.fi")
    county = member(world.county_a, "editor", email="kaisa@example.fi")
    return world, fi, sv, viewer, outsider, county


def test_round_opened_invitation_arrives_in_each_language_with_the_link(round_world, mailbox):
    world, _fi, _sv, _viewer, _outsider, county = round_world
    round_ = catalogue_actions.open_round(world.county_a, acting_user=county, title="Kartoitus 2027",
                                          closes_on=timezone.localdate() + timedelta(days=30))
    assert send_due()["sent"] == 3  # the writers of A1 and of the county; not the viewer, not B1

    [to_fi] = mailbox.to("maija@example.fi")
    [to_sv] = mailbox.to("sven@example.fi")
    assert mailbox.to("ville@example.fi") == [] and mailbox.to("bertta@example.fi") == []
    link = f"https://yhdyspinta.example.fi/catalogue/rounds/{round_.pk}/"
    assert _subject(to_fi) == "Kartoituskierros avattu: Kartoitus 2027"
    assert _subject(to_sv) == "Kartläggningsomgången har öppnats: Kartoitus 2027"
    assert to_fi["Content-Language"] == "fi" and to_sv["Content-Language"] == "sv"
    assert link in _text(to_fi) and link in _text(to_sv)
    assert "/notifications/unsubscribe/" in _text(to_fi) and str(to_fi["List-Unsubscribe"]).strip().startswith("<https://")
    assert Notification.objects.filter(status=Status.SENT).count() == 3


def test_meeting_invitation_update_and_cancel_carry_valid_ics(world, mailbox):
    forum = forum_for(world.a1)
    person = PersonFactory(organisation=world.a1, user=UserFactory(email="pekka@example.fi", language="sv"))
    ForumMemberFactory(forum=forum, person=person)
    meeting = MeetingFactory(forum=forum, starts_at=(timezone.now() + timedelta(days=10)).replace(microsecond=0),
                             place="Sali 1")
    meeting.items.create(number=1, title="Talousarvio")

    assert meeting_saved(meeting) == 1
    assert meeting_saved(meeting) == 0  # saved again without a change: nothing new
    send_due()
    [invite] = mailbox.to("pekka@example.fi")
    cal = _ics(invite)
    assert cal["METHOD"] == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@yhdyspinta"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert int(event["SEQUENCE"]) == 0
    assert "Talousarvio" in str(event["DESCRIPTION"])
    assert str(event["ATTENDEE"]) == "mailto:pekka@example.fi"
    assert _subject(invite).startswith("Mötesinbjudan")

    meeting.place = "Sali 2"
    meeting.save()
    assert meeting_saved(meeting) == 1
    send_due()
    update = mailbox.to("pekka@example.fi")[-1]
    [event2] = _ics(update).walk("VEVENT")
    assert _ics(update)["METHOD"] == "REQUEST"
    assert str(event2["UID"]) == str(event["UID"]) and int(event2["SEQUENCE"]) == 1
    assert str(event2["LOCATION"]) == "Sali 2"

    meeting.delete()  # the pre_delete signal produces the cancellation
    send_due()
    cancel = mailbox.to("pekka@example.fi")[-1]
    cal3 = _ics(cancel)
    [event3] = cal3.walk("VEVENT")
    assert cal3["METHOD"] == "CANCEL" and str(event3["STATUS"]) == "CANCELLED"
    assert str(event3["UID"]) == str(event["UID"]) and int(event3["SEQUENCE"]) == 2
    assert len(mailbox.to("pekka@example.fi")) == 3
    assert meeting_deleted(meeting) == 0  # once


def test_preference_off_sends_nothing_and_daily_sends_one_digest(round_world, mailbox):
    world, fi, sv, _viewer, _outsider, county = round_world
    actions.set_preferences(fi, {Kind.ROUND_OPENED: Mode.OFF})
    actions.set_preferences(sv, {Kind.ROUND_OPENED: Mode.DAILY, Kind.ROUND_REMINDER: Mode.DAILY})
    round_ = catalogue_actions.open_round(world.county_a, acting_user=county, title="Kierros",
                                          closes_on=timezone.localdate() + timedelta(days=5))
    round_reminders(timezone.now())
    assert not Notification.objects.filter(recipient=fi, kind=Kind.ROUND_OPENED).exists()
    send_due()
    assert mailbox.to("maija@example.fi") == []  # round opened is off; her reminder is a digest item
    assert mailbox.to("sven@example.fi") == []  # digest not due yet

    later = timezone.now() + timedelta(days=1, hours=1)
    counts = send_due(later)
    [digest] = mailbox.to("sven@example.fi")
    body = _text(digest)
    assert _subject(digest) == "Yhdyspinta: 2 aviseringar i dag"
    assert round_.title in body and f"/catalogue/rounds/{round_.pk}/" in body
    assert len(mailbox.to("maija@example.fi")) == 1  # her daily reminder digest (default for reminders)
    assert counts["digests"] == 3  # maija, sven and the county writer: one digest each
    assert send_due(later + timedelta(days=1))["digests"] == 0


def test_unsubscribe_link_works_without_login(round_world, mailbox):
    import re

    world, fi, _sv, _viewer, _outsider, county = round_world
    catalogue_actions.open_round(world.county_a, acting_user=county, title="Kierros")
    send_due()
    [message] = mailbox.to("maija@example.fi")
    link = re.search(r"https://yhdyspinta\.example\.fi(/notifications/unsubscribe/[^/\s]+/)", _text(message))
    path = link.group(1)
    anonymous = client_for(None)
    page = anonymous.get(path)
    assert page.status_code == 200 and "Kartoituskierros avattu" in page.content.decode()
    assert actions.current_modes(fi)[Kind.ROUND_OPENED] == Mode.IMMEDIATE  # GET changes nothing
    done = anonymous.post(path)
    assert done.status_code == 200
    assert actions.current_modes(fi)[Kind.ROUND_OPENED] == Mode.OFF
    assert anonymous.post(path[:-5] + "xxxx/").status_code == 404  # a forged token


def test_bouncing_address_fails_with_backoff_and_the_others_still_go(round_world, mailbox, caplog):
    world, fi, _sv, _viewer, _outsider, county = round_world
    mailbox.reject.add("maija@example.fi")
    catalogue_actions.open_round(world.county_a, acting_user=county, title="Kierros")
    now = timezone.now()
    counts = send_due(now)
    assert counts == {"sent": 2, "failed": 1, "digests": 0}
    assert len(mailbox.to("sven@example.fi")) == 1
    row = Notification.objects.get(recipient=fi)
    assert row.status == Status.QUEUED and row.attempts == 1 and row.next_attempt_at > now
    assert "550" in row.last_error and "maija@example.fi" not in row.last_error
    assert "m***@example.fi" in caplog.text and "maija@example.fi" not in caplog.text

    assert send_due(now)["failed"] == 0  # not due again yet
    first_wait = row.next_attempt_at - now
    send_due(row.next_attempt_at)
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at - now > 2 * first_wait  # exponential back-off
    mailbox.reject.clear()
    send_due(row.next_attempt_at)
    row.refresh_from_db()
    assert row.status == Status.SENT and len(mailbox.to("maija@example.fi")) == 1


def test_an_smtp_server_that_is_down_never_crashes_the_job(round_world, settings):
    world, _fi, _sv, _viewer, _outsider, county = round_world
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    catalogue_actions.open_round(world.county_a, acting_user=county, title="Kierros")
    assert send_due()["failed"] == 3
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.QUEUED}


def _closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def test_round_reminders_go_once_per_window_to_organisations_without_answers(round_world, mailbox):
    world, fi, _sv, _viewer, _outsider, county = round_world
    today = timezone.localdate()
    round_ = catalogue_actions.open_round(world.county_a, acting_user=county, title="Kierros",
                                          closes_on=today + timedelta(days=10))
    now = timezone.now()
    assert round_reminders(now) == 3  # window 14: A1's writers and the county's (neither answered)
    assert round_reminders(now) == 0
    assert round_reminders(now + timedelta(days=2)) == 0  # still the 14-day window
    interface = round_.interfaces().get()
    catalogue_actions.answer_round(round_, acting_user=fi, interface=interface, organisation=world.a1, exists="yes")
    assert round_reminders(now + timedelta(days=4)) == 1  # window 7: only the county has not answered
    assert set(Notification.objects.filter(kind=Kind.ROUND_REMINDER).values_list("occasion", flat=True)) == {
        f"round:{round_.pk}:remind:14", f"round:{round_.pk}:remind:7"}
    assert round_reminders(now + timedelta(days=11)) == 0  # closed


def test_action_assigned_and_overdue(world, mailbox):
    from yhdyspinta.cooperation.tests.factories import FollowUpActionFactory
    from yhdyspinta.notifications.producers import action_saved, actions_overdue

    owner = PersonFactory(organisation=world.a1, user=UserFactory(email="olli@example.fi"))
    action = FollowUpActionFactory(owner=owner, deadline=date(2030, 1, 10))
    assert action_saved(action) == 1 and action_saved(action) == 0
    from datetime import datetime
    from zoneinfo import ZoneInfo

    jan = datetime(2030, 1, 10, 12, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert actions_overdue(jan) == 0  # due today is not late
    assert actions_overdue(jan + timedelta(days=1)) == 1
    assert actions_overdue(jan + timedelta(days=2)) == 0  # once per deadline
    row = Notification.objects.get(kind=Kind.ACTION_OVERDUE)
    assert row.digest and "Myöhässä oleva toimenpide" in row.subject


def test_agreement_reminder_once_to_the_parties_writers(world, mailbox):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from yhdyspinta.cooperation.tests.factories import AgreementFactory
    from yhdyspinta.notifications.producers import agreement_reminders

    writer = member(world.a1, "org_admin", email="anna@example.fi", language="sv")
    member(world.a1, "editor", email="eero@example.fi")  # editors are not reminded of agreements
    signatory = PersonFactory(organisation=world.county_a, user=UserFactory(email="sirpa@example.fi"))
    agreement = AgreementFactory(parties=[world.a1, world.county_a], renewal_date=date(2030, 6, 30),
                                 reminder_days=30)
    agreement.party_rows.filter(organisation=world.county_a).update(signatory=signatory)
    before = datetime(2030, 5, 30, 12, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert agreement_reminders(before) == 0
    assert agreement_reminders(before + timedelta(days=2)) == 2
    assert agreement_reminders(before + timedelta(days=3)) == 0
    rows = Notification.objects.filter(kind=Kind.AGREEMENT_REMINDER)
    assert {r.recipient for r in rows} == {writer, signatory.user}
    assert rows.get(recipient=writer).language == "sv"
