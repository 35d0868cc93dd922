"""In Chromium as a county coordinator: a long list of services is a searchable picker that is
used by keyboard alone (type, arrow, Enter), answers from the server and passes axe."""

import pytest

from tests.browser import assert_accessible, login
from yhdyspinta.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.browser


def test_a_long_service_list_is_picked_by_typing(live_server, browser_page, world, settings):
    settings.RECORD_PICKER_THRESHOLD = 3
    for n in range(4):
        ServiceFactory(organisation=world.a1, name=f"Koulukuraattori {n}", name_fi=f"Koulukuraattori {n}")
    wanted = ServiceFactory(organisation=world.a2, name="Kotihoito", name_fi="Kotihoito")
    page = browser_page
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/catalogue/interfaces/add/")
    page.click("nav.form-sections a[href='#s-parties']")  # the form is in sections: services are under parties
    select = page.locator("#id_services")
    assert select.get_attribute("data-picker-url")
    assert page.locator("#id_services option").count() == 0  # nothing listed before typing
    control = page.locator("#id_services-ts-control")
    control.focus()
    control.type("kotih")
    page.wait_for_selector(f".ts-dropdown [data-value='{wanted.pk}']")
    assert_accessible(page, context="service picker open")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.eval_on_selector("#id_services", "s => Array.from(s.selectedOptions).map(o => o.value)") == [
        str(wanted.pk)]
    assert f"Kotihoito ({world.a2})" in control.locator("xpath=..").inner_text()
    assert page.locator("label[for='id_services-ts-control']").count() == 1  # the label names the combobox


def test_the_search_widens_to_all_of_finland_on_request(live_server, browser_page, world, settings):
    settings.RECORD_PICKER_THRESHOLD = 3
    for n in range(4):
        ServiceFactory(organisation=world.a1, name=f"Neuvola {n}", name_fi=f"Neuvola {n}")
    far = ServiceFactory(organisation=world.b1, name="Kaukainen kotihoito", name_fi="Kaukainen kotihoito")
    page = browser_page
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/catalogue/interfaces/add/")
    page.click("nav.form-sections a[href='#s-parties']")
    control = page.locator("#id_services-ts-control")
    control.focus()
    control.type("kaukainen")
    page.locator(".ts-dropdown .no-results", has_text="Ei osumia").wait_for()  # not in the own county
    page.keyboard.press("Tab")  # by keyboard: the next stop is "Hae koko Suomesta"
    assert page.evaluate("document.activeElement.id") == "id_services-everywhere"
    page.keyboard.press("Space")
    assert "koko Suomesta" in page.inner_text("label[for='id_services-everywhere']")
    control.focus()
    control.type("kaukainen")
    page.wait_for_selector(f".ts-dropdown [data-value='{far.pk}']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.eval_on_selector("#id_services", "s => Array.from(s.selectedOptions).map(o => o.value)") == [
        str(far.pk)]
    assert_accessible(page, context="service picker, all of Finland")
