"""Bulk evidence, the late-only grid, an item's interfaces and an escalation's source item in
Chromium: axe-clean, and the bulk form used from the keyboard."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, login
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.duties import generate_duties
from yhdyspinta.cooperation.models import DutyEvidence
from yhdyspinta.cooperation.reference import load_reference_data

from .factories import AgendaItemFactory, EscalationFactory, MeetingFactory, forum_for

pytestmark = pytest.mark.browser


def test_bulk_evidence_late_grid_and_item_links(live_server, browser_page, world):
    load_reference_data()
    generate_duties(world.county_a, range(2025, 2027))
    above = forum_for(world.a1, name="Johtoryhmä", name_fi="Johtoryhmä")
    forum = forum_for(world.a1, name="Hyte-verkosto", name_fi="Hyte-verkosto", parent=above)
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum), title="Hyte-neuvottelu")
    item.interfaces.add(InterfaceFactory(parties=[world.a1, world.county_a], title="Kotiutus", title_fi="Kotiutus"))
    escalation = EscalationFactory(raised_by=forum, to_forum=above, source_item=item, title="Kotiutuksen viive")

    page = browser_page
    page.goto(f"{live_server.url}{reverse('cooperation:compliance')}?county={world.county_a.pk}&year=2025&late=1")
    assert_accessible(page, context="late duties")
    login(page, live_server, world.coordinator)
    for path in (item.meeting.get_absolute_url(), escalation.get_absolute_url()):
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    assert "Hyte-neuvottelu" in page.inner_text("main")

    page.goto(f"{live_server.url}{reverse('cooperation:evidence_bulk')}?county={world.county_a.pk}")
    assert_accessible(page, context="bulk evidence")
    from yhdyspinta.cooperation.models import DutyRule

    page.select_option("#id_rule", value=str(DutyRule.objects.get(key="hyte-negotiation").pk))
    page.select_option("#id_kind", value="document")
    page.fill("#id_url", "https://example.fi/hyte-2026.pdf")
    page.fill("#id_date", "2026-04-01")
    page.focus("main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/duties/?**")
    assert DutyEvidence.objects.filter(url="https://example.fi/hyte-2026.pdf").count() == 2
