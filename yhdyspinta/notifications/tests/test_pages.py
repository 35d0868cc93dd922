"""The preferences page, the hooks in the other apps' actions and the immediate task path."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from conftest import client_for
from tests.factories import PersonFactory, UserFactory, member
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.tests.factories import ForumFactory, ForumMemberFactory, forum_for
from yhdyspinta.notifications import actions
from yhdyspinta.notifications.models import Kind, Mode, Notification

pytestmark = pytest.mark.django_db


def test_preferences_page_shows_and_saves_each_kind_and_the_language(world):
    user = member(world.a1, "editor", email="maija@example.fi")
    client = client_for(user)
    page = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="fi")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == len(Kind) and "<legend>Kartoituskierros avattu</legend>" in html
    assert 'for="id_language"' in html
    data = {f"kind_{k}": Mode.IMMEDIATE for k in Kind.values} | {"kind_meeting": Mode.OFF, "language": "sv"}
    assert client.post("/notifications/", data).status_code == 302
    user.refresh_from_db()
    assert user.language == "sv" and actions.current_modes(user)[Kind.MEETING] == Mode.OFF
    assert client.post("/notifications/", data | {"kind_meeting": "sometimes"}).status_code == 200  # refused
    assert actions.current_modes(user)[Kind.MEETING] == Mode.OFF


def test_preferences_page_needs_a_login():
    assert client_for(None).get("/notifications/").status_code == 302


def test_opening_a_round_on_the_page_sends_the_invitations_at_once(world, django_capture_on_commit_callbacks):
    InterfaceFactory(parties=[world.a1, world.county_a])
    writer = member(world.a1, "editor", email="maija@example.fi")
    county = member(world.county_a, "editor", email="kaisa@example.fi")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(county).post("/catalogue/rounds/add/", {
            "area": world.county_a.pk, "title": "Kierros 2027", "opens_on": timezone.localdate().isoformat(),
            "closes_on": (timezone.localdate() + timedelta(days=20)).isoformat(), "visibility": "internal"})
    assert response.status_code == 302
    # the immediate task backend ran the sending task when the transaction committed
    assert sorted(m.to[0] for m in mail.outbox) == ["kaisa@example.fi", "maija@example.fi"]
    assert Notification.objects.filter(recipient=writer, kind=Kind.ROUND_OPENED, status="sent").exists()


def test_a_round_opened_for_a_later_day_invites_on_that_day(world):
    from yhdyspinta.catalogue import actions as catalogue_actions
    from yhdyspinta.notifications.producers import rounds_opened

    InterfaceFactory(parties=[world.a1, world.county_a])
    member(world.a1, "editor", email="maija@example.fi")
    county = member(world.county_a, "editor", email="kaisa@example.fi")
    later = timezone.localdate() + timedelta(days=3)
    catalogue_actions.open_round(world.county_a, acting_user=county, title="Myöhemmin", opens_on=later)
    assert not Notification.objects.exists()
    assert rounds_opened(timezone.now()) == 0
    assert rounds_opened(timezone.now() + timedelta(days=3)) == 2
    assert rounds_opened(timezone.now() + timedelta(days=4)) == 0


def test_saving_a_meeting_and_an_escalation_through_the_actions_notifies(world):
    from yhdyspinta.cooperation.forms import MeetingForm
    from yhdyspinta.core.actions import save_form

    person = PersonFactory(organisation=world.a1, user=UserFactory(email="pekka@example.fi"))
    forum = forum_for(world.a1)
    ForumMemberFactory(forum=forum, person=person)
    form = MeetingForm({"forum": forum.pk, "starts_at": (timezone.localtime() + timedelta(days=7)).strftime(
        "%Y-%m-%dT%H:%M"), "place": "Sali", "visibility": "public"}, user=world.editor)
    assert form.is_valid(), form.errors
    meeting = save_form(form, actor=world.editor, action="add")
    assert Notification.objects.filter(kind=Kind.MEETING, object_id=meeting.pk, recipient=person.user).exists()

    upper = ForumFactory(area=world.county_a, organisations=[world.county_a])
    chair = PersonFactory(organisation=world.county_a, user=UserFactory(email="puheenjohtaja@example.fi"))
    ForumMemberFactory(forum=upper, person=chair)
    forum.parent = upper
    forum.save()
    from yhdyspinta.cooperation.tests.factories import EscalationFactory
    from yhdyspinta.notifications.producers import escalation_saved

    escalation = EscalationFactory(raised_by=forum, to_forum=upper)
    assert escalation_saved(escalation) == 1 and escalation_saved(escalation) == 0
    row = Notification.objects.get(kind=Kind.ESCALATION)
    assert row.recipient == chair.user and escalation.title in row.subject


def test_a_failing_producer_never_breaks_the_write(world, monkeypatch, caplog):
    from yhdyspinta.notifications import hooks, producers

    def broken(obj, now=None):
        raise RuntimeError("template missing")

    monkeypatch.setattr(producers, "on_saved", broken)
    round_ = InterfaceFactory(parties=[world.a1, world.county_a])
    assert hooks.notify_saved(round_) is round_
    assert "producing notifications" in caplog.text
