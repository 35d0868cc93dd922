"""axe-core (WCAG 2.1 AA) on one indicator across the counties (table and map) and on the
readiness national trend and sub-area table with their national rows."""

import pytest

from tests.browser import assert_accessible
from yhdyspinta.indicators import actions
from yhdyspinta.readiness import actions as readiness_actions
from yhdyspinta.readiness.tests.factories import reporting_setup

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.browser


def test_indicator_by_county_and_national_trend_are_accessible(live_server, browser_page, world):
    world.county_a.letter_code, world.county_b.letter_code = "PI", "KS"
    world.county_a.save()
    world.county_b.save()
    indicator = IndicatorFactory(title="Työttömät")
    for region, value in ((world.county_a, 12.5), (world.county_b, 8.0), (actions.country(), 9.5)):
        IndicatorValueFactory(indicator=indicator, region=region, year=2023, value=value)
    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    readiness_actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    area = tasks[0].area.code
    page = browser_page
    for path in (f"/indicators/{indicator.pk}/areas/", f"/readiness/{roadmap.pk}/trend/",
                 f"/readiness/periods/{period.pk}/areas/{area}/", f"/readiness/periods/{period.pk}/"):
        page.goto(live_server.url + path)
        assert page.locator("table caption").count() >= 1
        assert_accessible(page)
