"""The follow-up actions list (late only) and a round's problems to an agenda: axe-clean in Chromium,
the problems chosen and sent by keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import assert_accessible, login
from yhdyspinta.cooperation.models import AgendaItem

from .factories import FollowUpActionFactory, MeetingFactory, forum_for
from .test_round_items import closed_round  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_follow_up_list_and_round_problems_page(live_server, browser_page, world, closed_round):  # noqa: F811
    round_, first, _second = closed_round
    meeting = MeetingFactory(forum=forum_for(world.a1), starts_at=timezone.now() + timedelta(days=7))
    FollowUpActionFactory(decision__item__meeting=meeting, title="Myöhässä oleva selvitys",
                          deadline=timezone.localdate() - timedelta(days=2))
    page = browser_page
    page.goto(live_server.url + "/cooperation/actions/?late=true")
    assert "Myöhässä oleva selvitys" in page.inner_text("main")
    assert_accessible(page, context="follow-up actions, late only")
    login(page, live_server, world.coordinator)
    page.goto(live_server.url + f"/cooperation/rounds/{round_.pk}/agenda-items/")
    assert_accessible(page, context="round problems to an agenda")
    page.get_by_label("Kotiutus sairaalasta – Alfala", exact=False).focus()
    page.keyboard.press("Space")
    page.get_by_label("Kokous").select_option(str(meeting.pk))
    page.get_by_role("button").last.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    assert AgendaItem.objects.filter(meeting=meeting, interfaces=first).count() == 1
    assert_accessible(page, context="meeting with the new item")
