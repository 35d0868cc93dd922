"""The main pages by keyboard in Chromium, axe-clean, with the language switch and search."""

import pytest

from tests.browser import assert_accessible
from yhdyspinta.organisations.reference import load_reference_data

pytestmark = pytest.mark.browser


@pytest.fixture
def reference(transactional_db):
    load_reference_data()


def test_main_pages_are_accessible_and_keyboard_usable(live_server, browser_page, reference):
    page = browser_page
    for path in ["/", "/organisations/", "/organisations/people/", "/search/?q=tampere", "/accessibility/",
                 "/login/"]:
        page.goto(live_server.url + path)
        assert_accessible(page, context=path)
    # filtering a list by keyboard updates the results in place (htmx) and the address
    page.goto(live_server.url + "/organisations/")
    page.focus("#id_q")
    page.keyboard.type("Tampere")
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisations/?q=Tampere*")
    page.wait_for_selector("#results td >> text=Tampere")
    assert "Oulu" not in page.inner_text("#results")
    assert_accessible(page, context="filtered list")
    # keyboard: the skip link is the first stop and moves focus to main
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # search by keyboard
    page.focus("#home-q")
    page.keyboard.type("Tampere")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Tampere")
    assert "Tampere" in page.inner_text("main")
    assert_accessible(page, context="search results")
    # language switch by keyboard: a button per language (no change of context on focus or arrow
    # keys, WCAG 3.2.2) opens the same page in that language at its /sv/ address
    page.focus(".lang-form button[value=sv]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "sv"
    assert "/sv/search/" in page.url
    page.goto(live_server.url + "/")  # the saved choice: the front page redirects to /sv/
    assert page.url.endswith("/sv/")
    assert page.get_attribute("html", "lang") == "sv"
    assert_accessible(page, context="front page in Swedish")
    with page.expect_navigation():
        page.click(".lang-form button[value=en]")
    page.goto(live_server.url + "/organisations/")
    assert page.get_attribute("html", "lang") == "en"
    assert_accessible(page, context="organisations in English")
