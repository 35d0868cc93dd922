"""The edit conflict in Chromium: two editors in two browser contexts open the same interface, the
first saves, the second gets the 409 conflict page (axe-clean), re-applies and saves."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import CountyFactory, MunicipalityFactory, member
from yhdyspinta.catalogue.models import Interface
from yhdyspinta.catalogue.tests.factories import InterfaceFactory

pytestmark = pytest.mark.browser


def test_conflict_page_walk(live_server, browser_page, _browser):
    county = CountyFactory(name="Alfan hyvinvointialue")
    a1 = MunicipalityFactory(name="Alfala", area=county)
    first_editor = member(a1, "editor")
    second_editor = member(county, "county_coordinator")
    interface = InterfaceFactory(parties=[a1, county], title="Neuvolan yhdyspinta", summary_fi="Alku")
    url = f"{live_server.url}/catalogue/interfaces/{interface.pk}/edit/"

    other = _browser.new_context(viewport={"width": 1200, "height": 900}, locale="fi-FI", bypass_csp=True)
    try:
        first = other.new_page()
        login(first, live_server, first_editor)
        first.wait_for_load_state()
        second = browser_page
        login(second, live_server, second_editor)
        second.wait_for_load_state()
        first.goto(url)
        second.goto(url)

        first.fill("#id_summary_fi", "Ensimmäisen muokkaajan tiivistelmä")
        first.click("main form button[type=submit]")
        first.wait_for_load_state()
        assert Interface.objects.get(pk=interface.pk).summary_fi == "Ensimmäisen muokkaajan tiivistelmä"

        second.fill("#id_summary_fi", "Toisen muokkaajan tiivistelmä")
        with second.expect_response(lambda r: r.request.method == "POST") as answer:
            second.click("main form button[type=submit]")
        assert answer.value.status == 409
        second.wait_for_load_state()
        table = second.inner_text("main table.conflict-table")
        assert "Ensimmäisen muokkaajan tiivistelmä" in table and "Toisen muokkaajan tiivistelmä" in table
        assert "Joku muu tallensi" in second.inner_text("main")
        assert_accessible(second, context="conflict page")

        # the form kept the second editor's value on the new version: saving again applies it
        assert second.input_value("#id_summary_fi") == "Toisen muokkaajan tiivistelmä"
        second.click("main form button[type=submit]")
        second.wait_for_load_state()
        assert Interface.objects.get(pk=interface.pk).summary_fi == "Toisen muokkaajan tiivistelmä"
    finally:
        other.close()
