"""Inventory items coming due: the owner's writers and the area's county coordinator get one
e-mail per item and due date through the real SMTP server (daily digest by default, or at once by
preference), and see the item on "my work"; another county's users get nothing."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import client_for
from tests.factories import member
from yhdyspinta.core import mywork
from yhdyspinta.notifications import actions as notification_actions
from yhdyspinta.notifications.models import Kind, Mode, Notification
from yhdyspinta.notifications.producers import produce_due, transfer_items_due
from yhdyspinta.notifications.sender import send_due
from yhdyspinta.notifications.tests.conftest import mailbox, smtp_server  # noqa: F401 (the real SMTP server)

from .conftest import make_item

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Helsinki")


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


@pytest.fixture
def people(world):
    """A1's editor (Finnish) and organisation admin (Swedish), county A's coordinator, a viewer of
    A1 (reads, writes nothing), another county's coordinator; all with e-mail addresses."""
    for user, address, language in ((world.editor, "eero@example.fi", "fi"), (world.org_admin, "anna@example.fi", "sv"),
                                    (world.coordinator, "kaija@example.fi", "fi"),
                                    (world.viewer, "ville@example.fi", "fi"), (world.other, "bertta@example.fi", "fi")):
        user.email, user.language = address, language
        user.save(update_fields=["email", "language"])
    member(world.county_b, "county_coordinator", email="bea@example.fi")
    return world


def _at(day):
    return datetime.combine(day, time(6), tzinfo=TZ)


def test_items_coming_due_reach_owners_and_the_coordinator_once(people, project, mailbox):  # noqa: F811
    world = people
    today = timezone.localdate()
    soon = make_item(project, world.county_a, world.a1, title="Arkiston luovutus", due_date=today + timedelta(days=10))
    make_item(project, world.county_a, world.a1, title="Kaukana", due_date=today + timedelta(days=40))
    make_item(project, world.county_a, world.a1, title="Valmis", due_date=today + timedelta(days=3), status="done")
    make_item(project, world.county_a, world.a1, title="Eilen", due_date=today - timedelta(days=1))  # past: not "coming"

    assert transfer_items_due(_at(today)) == 3
    rows = Notification.objects.filter(kind=Kind.TRANSFER_ITEM_DUE)
    assert {r.recipient for r in rows} == {world.editor, world.org_admin, world.coordinator}
    assert {r.occasion for r in rows} == {f"transfer-item:{soon.pk}:due:{soon.due_date.isoformat()}"}
    assert all(r.digest for r in rows)  # a reminder: in the daily digest unless chosen otherwise
    assert transfer_items_due(_at(today + timedelta(days=1))) == 0  # the same due date: not again
    assert produce_due(_at(today))["transfer_items_due"] == 0

    # a new due date is news again
    soon.due_date = today + timedelta(days=12)
    soon.save()
    assert transfer_items_due(_at(today)) == 3

    send_due(timezone.now() + timedelta(days=1, hours=1))  # the digests are due
    [finnish] = mailbox.to("eero@example.fi")
    body = _text(finnish)
    assert "Arkiston luovutus" in body and soon.due_date.strftime("%-d.%-m.%Y") in body
    assert f"https://yhdyspinta.example.fi/transfers/items/{soon.pk}/" in body
    [swedish] = mailbox.to("anna@example.fi")
    assert "Arkiston luovutus" in _text(swedish) and "aviseringar" in _subject(swedish)
    assert len(mailbox.to("kaija@example.fi")) == 1
    for outsider in ("ville@example.fi", "bertta@example.fi", "bea@example.fi"):
        assert mailbox.to(outsider) == []


def test_immediately_by_preference_and_not_at_all(people, project, mailbox):  # noqa: F811
    world = people
    notification_actions.set_preferences(world.editor, {Kind.TRANSFER_ITEM_DUE: Mode.IMMEDIATE})
    notification_actions.set_preferences(world.org_admin, {Kind.TRANSFER_ITEM_DUE: Mode.OFF})
    item = make_item(project, world.county_a, world.a1, title="Henkilöstöryhmä: neuvojat", kind="staff",
                     due_date=timezone.localdate() + timedelta(days=2))
    transfer_items_due(timezone.now())
    send_due()
    [message] = mailbox.to("eero@example.fi")
    assert _subject(message) == f"Siirtokohde erääntyy pian: {item.title}"
    assert project.title in _text(message)
    assert mailbox.to("anna@example.fi") == []
    assert not Notification.objects.filter(recipient=world.org_admin).exists()


def test_the_coordinator_follows_the_areas_items_on_my_work(people, project):
    world = people
    today = timezone.localdate()
    item = make_item(project, world.county_a, world.a1, title="ICT-järjestelmä", kind="ict",
                     due_date=today + timedelta(days=5))
    for user, expected in ((world.coordinator, [item.title]), (world.editor, [item.title]), (world.other, [])):
        orgs = set(user.memberships.values_list("organisation_id", flat=True))
        desk = mywork.Desk(user=user, org_ids=orgs, now=timezone.now(), since=None)
        result = next(p for p in mywork.panels() if p.key == "transfers").function(desk)
        assert [i.text for i in result.items] == expected
    page = client_for(world.coordinator).get("/")
    assert item.title in page.content.decode()
