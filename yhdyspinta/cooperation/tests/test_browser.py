"""A forum, a meeting (public view and an insider's view) and the compliance view: axe-clean in Chromium."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser import assert_accessible, login
from tests.factories import PersonFactory
from yhdyspinta.cooperation.duties import generate_duties
from yhdyspinta.cooperation.models import Attachment, DutyEvidence
from yhdyspinta.cooperation.reference import load_reference_data

from .factories import (
    AgendaItemFactory,
    DecisionFactory,
    EscalationFactory,
    FollowUpActionFactory,
    ForumMemberFactory,
    MeetingFactory,
    forum_for,
)

pytestmark = pytest.mark.browser
TZ = ZoneInfo("Europe/Helsinki")


def test_forum_meeting_and_compliance_pages_are_accessible(live_server, browser_page, world):
    load_reference_data()
    generate_duties(world.county_a, range(2025, 2027))
    above = forum_for(world.a1, name="Johtoryhmä", name_fi="Johtoryhmä", work_packages="Hyte\nTyöllisyys")
    forum = forum_for(world.a1, name="Opiskeluhuollon verkosto", name_fi="Opiskeluhuollon verkosto",
                      parent=above, level="expert", kind="network", meetings_min=4, meetings_max=6)
    person = PersonFactory(organisation=world.a1, first_name="Puheenjohtaja", last_name="(Alfala)")
    ForumMemberFactory(forum=forum, person=person, organisation=world.a1, role="chair", field="opiskeluhuolto")
    meeting = MeetingFactory(forum=forum, starts_at=datetime(2026, 2, 10, 13, 0, tzinfo=TZ),
                             minutes="Pöytäkirja", minutes_checked_on=date(2026, 2, 17))
    public_item = AgendaItemFactory(meeting=meeting, number=1, title="Tilannekatsaus", body="Julkinen esittely")
    AgendaItemFactory(meeting=meeting, number=2, title="Talousarvio", body="Talousarvioluonnos", body_visibility="internal")
    FollowUpActionFactory(decision=DecisionFactory(item=public_item), owner=person, deadline=date(2026, 3, 1))
    Attachment.objects.create(meeting=meeting, item=public_item, title="Liite", file="liite.txt")
    EscalationFactory(raised_by=forum, to_forum=above, title="Psykologien saatavuus")
    from yhdyspinta.cooperation.models import Duty

    DutyEvidence.objects.create(duty=Duty.objects.filter(municipality=world.a1).first(), kind="document",
                                url="https://example.fi/muistio.pdf", title="Muistio")

    page = browser_page
    for path in (forum.get_absolute_url(), meeting.get_absolute_url(),
                 f"/cooperation/duties/?county={world.county_a.pk}&year=2026",
                 f"/cooperation/clock/?area={world.county_a.pk}&year=2026"):
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    page.goto(live_server.url + meeting.get_absolute_url())
    assert "Talousarvio" in page.inner_text("main") and "Talousarvioluonnos" not in page.inner_text("main")
    login(page, live_server, world.editor)
    page.goto(live_server.url + meeting.get_absolute_url())
    assert "Talousarvioluonnos" in page.inner_text("main")
    assert_accessible(page, context="meeting as an insider")
