"""Chromium + axe-core (WCAG 2.1 AA): the "My work" page after signing in, and the welfare report's
"Send for approval" button that feeds the approvers' panel."""

import pytest

from tests.browser import assert_accessible, login
from yhdyspinta.core.tests.test_mywork import desk  # noqa: F401  (the fixture)
from yhdyspinta.indicators.tests.factories import WelfareReportFactory

pytestmark = pytest.mark.browser


def test_my_work_page_is_accessible_and_its_links_lead_to_the_work(live_server, browser_page, world, desk):  # noqa: F811
    page = browser_page
    login(page, live_server, world.editor)
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Oma työ"
    headings = page.locator("section.mywork-panel h2")
    assert headings.count() == page.locator("section.mywork-panel").count() >= 7
    assert page.locator("#panel-actions li").first.inner_text().startswith("Myöhässä")  # late first, in words
    assert_accessible(page, context="my work (fi)")
    page.click("#panel-rounds a[href*='/answer/']")
    assert f"/catalogue/rounds/{desk['round_a'].pk}/answer/{world.a1.pk}/" in page.url
    page.goto(live_server.url + "/")
    page.click(".lang-form button[value=sv]")
    assert page.locator("h1").inner_text() == "Mitt arbete"
    assert_accessible(page, context="my work (sv)")


def test_send_for_approval_then_the_approver_sees_it(live_server, browser_page, world):
    page = browser_page
    report = WelfareReportFactory(organisation=world.a1, title="Alfalan kertomus 2026")
    login(page, live_server, world.editor)
    page.goto(live_server.url + report.get_absolute_url())
    assert_accessible(page, context="report with the approval button")
    page.click("text=Lähetä hyväksyttäväksi")
    assert page.locator(".messages").inner_text().startswith("Kertomus lähetettiin hyväksyttäväksi")
    page.click("header form.inline-form button[type=submit]")  # log out
    login(page, live_server, world.org_admin)
    page.goto(live_server.url + "/")
    assert "Alfalan kertomus 2026" in page.locator("#panel-approvals").inner_text()
    assert_accessible(page, context="my work with approvals")
