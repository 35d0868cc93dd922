"""axe-core (WCAG 2.1 A/AA) on the county calculator, a scenario comparison and the share form."""

import io

import pytest

from tests.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_funding_pages_are_accessible(live_server, browser_page):
    from tests.factories import UserFactory
    from yhdyspinta.funding import demo
    from yhdyspinta.funding.models import ParameterSet

    demo.load(io.StringIO())
    scenario = ParameterSet.objects.get(name=demo.SCENARIO)
    page = browser_page
    login(page, live_server, UserFactory(is_superuser=True, is_staff=True))
    for path in ("/funding/", f"/funding/sets/{scenario.pk}/compare/", f"/funding/sets/{scenario.pk}/move/"):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page, context=path)
