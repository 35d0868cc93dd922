"""axe-core (WCAG 2.1 AA) on the situational picture, a goal page and a report, in Finnish and English."""

import pytest

from tests.browser import assert_accessible, login
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.models import IndicatorValue, ReportSection

from .factories import (
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorSetFactory,
    MeasureFactory,
    SharedGoalFactory,
    WelfareReportFactory,
)

pytestmark = pytest.mark.browser


def test_picture_goal_and_report_are_accessible(live_server, browser_page, world):
    page = browser_page
    inds = [IndicatorFactory(title=f"Indikaattori {n}", title_fi=f"Indikaattori {n}") for n in range(3)]
    followed = IndicatorSetFactory(organisation=world.county_a, name="Tilannekuva")
    followed.indicators.set(inds)
    country = actions.country()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, region=r, year=y, value=10 + n + y % 5 + k)
        for n, i in enumerate(inds) for k, r in enumerate((world.county_a, world.a1, world.a2, country))
        for y in range(2018, 2025))
    goal = SharedGoalFactory(organisation=world.county_a, title="Lapset liikkuvat", visibility="internal")
    GoalIndicatorFactory(goal=goal, indicator=inds[0], baseline_year=2018, baseline_value=10, target_value=30)
    MeasureFactory(goal=goal, title="Liikkumisohjelma")
    report = WelfareReportFactory(organisation=world.county_a, status="approved")
    report.goals.set([goal])
    ReportSection.objects.create(report=report, theme="children", analysis="Analyysi").indicators.set(inds[:2])

    login(page, live_server, world.coordinator)
    for path in (f"/indicators/picture/{world.county_a.pk}/", goal.get_absolute_url(), report.get_absolute_url()):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page, context=path)
    page.goto(live_server.url + f"/indicators/picture/{world.county_a.pk}/")
    page.click(".lang-form button[value=en]")
    assert page.locator("h1").inner_text().startswith("Situational picture")
    page.locator("details.trend summary").first.click()
    assert_accessible(page, context="picture (en, table open)")
