"""Language tabs in Chromium (issue 15): a forum's name in Finnish, Swedish and English is one tab
group; by keyboard only a coordinator moves to "Svenska" with the arrow keys, types the Swedish
name and saves it; an error in the English name opens the form on the English tab, which says so;
axe finds no violation in either state."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import CountyFactory, MunicipalityFactory, member
from yhdyspinta.cooperation.models import Forum
from yhdyspinta.cooperation.tests.factories import forum_for

pytestmark = pytest.mark.browser

NAME_TABS = "[role=tablist][aria-label^='nimi' i] [role=tab]"


def _selected(page):
    return page.eval_on_selector_all(
        NAME_TABS, "tabs => tabs.filter(t => t.getAttribute('aria-selected') === 'true').map(t => t.innerText)")


def _visible(page, selector):
    return page.eval_on_selector(selector, "el => !el.closest('[hidden]') && el.offsetParent !== null")


def _focused(page):
    return page.evaluate("() => [document.activeElement.getAttribute('role'), document.activeElement.id,"
                         " document.activeElement.innerText || '']")


def test_language_tabs_by_keyboard(live_server, browser_page, tmp_path):
    county = CountyFactory(name="Alfan hyvinvointialue")
    municipality = MunicipalityFactory(name="Alfala", area=county)
    coordinator = member(county, "county_coordinator")
    forum = forum_for(municipality, name="Yhteistyöryhmä", name_fi="Yhteistyöryhmä")
    page = browser_page
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/cooperation/forums/{forum.pk}/edit/")

    # Finnish selected and shown; Swedish and English one key away, not in the tab order
    assert _selected(page) == ["Suomi"]
    assert _visible(page, "#id_name_fi") and not _visible(page, "#id_name_sv") and not _visible(page, "#id_name_en")
    assert page.eval_on_selector_all(NAME_TABS, "tabs => tabs.map(t => t.tabIndex)") == [0, -1, -1]
    assert_accessible(page, context="forum form with language tabs")

    # Tab from the top of the form to the name's tab list: the selected tab takes the focus
    page.focus("main h1")
    for _press in range(40):
        page.keyboard.press("Tab")
        if _focused(page)[:2] == ["tab", "id_name_fi-panel-tab"]:
            break
    assert _focused(page)[:2] == ["tab", "id_name_fi-panel-tab"]
    page.keyboard.press("ArrowRight")
    assert _focused(page)[1] == "id_name_sv-panel-tab" and _selected(page) == ["Svenska"]
    assert _visible(page, "#id_name_sv") and not _visible(page, "#id_name_fi")
    page.keyboard.press("End")
    assert _selected(page) == ["English"]
    page.keyboard.press("ArrowRight")  # wraps to the first
    assert _selected(page) == ["Suomi"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert _selected(page) == ["Svenska"]
    page.keyboard.press("Tab")  # into the Swedish panel: its field
    assert _focused(page)[1] == "id_name_sv"
    page.keyboard.type("Samarbetsgruppen")
    page.screenshot(path=str(tmp_path / "swedish-tab.png"), full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form
    page.screenshot(path=str(tmp_path / "saved.png"), full_page=True)
    forum.refresh_from_db()
    assert forum.name_sv == "Samarbetsgruppen" and forum.name_fi == "Yhteistyöryhmä"

    # an error in the English name: the form comes back on the English tab, which says so
    page.goto(f"{live_server.url}/cooperation/forums/{forum.pk}/edit/")
    page.eval_on_selector("#id_name_en", "el => { el.value = 'x'.repeat(201); }")  # past maxlength
    with page.expect_navigation():
        page.eval_on_selector("#id_name_fi", "el => el.form.requestSubmit()")
    assert _selected(page) == ["English (sisältää virheitä)"]
    assert _visible(page, "#id_name_en") and not _visible(page, "#id_name_fi")
    assert page.eval_on_selector("#id_name_en", "el => el.getAttribute('aria-invalid')") == "true"
    assert_accessible(page, context="forum form, error on the English tab")
    page.screenshot(path=str(tmp_path / "english-error.png"), full_page=True)
    assert Forum.objects.get(pk=forum.pk).name_en in ("", None)
