"""The SISOTE checklist of a municipality and of its county in Chromium: a municipal editor ticks an
item of the municipality's own checklist with evidence; the pages are axe-clean."""

import pytest

from tests.browser import assert_accessible, login
from yhdyspinta.cooperation.models import StepTick

pytestmark = pytest.mark.browser


def test_municipal_checklist_ticked_and_listed_on_the_countys_page(live_server, browser_page, world):
    page = browser_page
    login(page, live_server, world.editor)
    page.goto(f"{live_server.url}/cooperation/steps/{world.a1.pk}/")
    assert_accessible(page, context="municipality's checklist")
    page.click(f"a[href$='?county={world.a1.pk}&item=need_raised']")
    page.wait_for_load_state()
    assert_accessible(page, context="tick form")
    page.fill("#id_evidence", "Sivistyslautakunnan päätös")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert StepTick.objects.filter(county=world.a1, item="need_raised").exists()
    assert "Sivistyslautakunnan päätös" in page.inner_text("main")
    page.goto(f"{live_server.url}/cooperation/steps/{world.county_a.pk}/")
    assert "1 / 13" in page.inner_text("main")
    assert_accessible(page, context="county's checklist with its municipalities")
    page.goto(f"{live_server.url}/organisations/{world.a1.pk}/overview/")
    assert_accessible(page, context="overview with the SISOTE steps")
