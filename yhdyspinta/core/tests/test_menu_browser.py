"""Browser: the grouped main menu (at most seven top-level entries) for a county coordinator, a
municipal official, another county's user and an anonymous visitor; used with the keyboard on a
wide screen (groups as disclosures, Escape back to the heading) and on a phone (one Menu button)."""

import pytest

from tests.browser import assert_accessible, login
from yhdyspinta.core.navigation import MAX_TOP_LEVEL

pytestmark = pytest.mark.browser


def _focused(page, selector):
    return page.evaluate(f"document.activeElement.matches({selector!r})")


def _tab_to(page, selector, limit=40):
    for _i in range(limit):
        page.keyboard.press("Tab")
        if _focused(page, selector):
            return
    raise AssertionError(f"{selector} not reachable by Tab")


def _top_level(page):
    return page.eval_on_selector_all("#main-nav-list > li", "items => items.map(i => i.innerText.split('\\n')[0])")


@pytest.mark.parametrize("who", ["coordinator", "editor", "other", None])
def test_grouped_menu_by_keyboard_wide_and_narrow(live_server, browser_page, world, who, tmp_path):
    page = browser_page
    if who:
        login(page, live_server, getattr(world, who))
    page.goto(live_server.url + "/")
    entries = _top_level(page)
    assert 2 <= len(entries) <= MAX_TOP_LEVEL, entries
    assert len({e.casefold() for e in entries}) == len(entries)
    assert not page.is_visible(".menu-toggle")  # the whole menu shows on a wide screen
    if who is None:
        assert entries[0] == "Palvelut"
        assert page.eval_on_selector(".nav-group details a", "a => a.getAttribute('href')").endswith("/finder/")
    assert_accessible(page, context=f"home as {who}")
    # a group opens with Enter, its links follow by Tab, Escape closes it and returns to its heading
    _tab_to(page, "#main-nav-list summary")
    page.keyboard.press("Enter")
    assert page.eval_on_selector(".nav-group details", "d => d.open")
    page.keyboard.press("Tab")
    assert _focused(page, ".nav-group details[open] a")
    assert_accessible(page, context=f"open group as {who}")
    page.keyboard.press("Escape")
    assert not page.eval_on_selector(".nav-group details", "d => d.open")
    assert _focused(page, "#main-nav-list summary")
    page.screenshot(path=str(tmp_path / f"menu-wide-{who}.png"))
    # a phone: the menu is one button; Enter opens it (aria-expanded), Escape closes it again
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.is_visible(".menu-toggle") and not page.is_visible("#main-nav-list")
    first_screen = page.eval_on_selector("main", "m => m.getBoundingClientRect().top")
    assert first_screen < 740 / 2, first_screen  # the menu no longer fills the first screen
    page.focus(".menu-toggle")
    page.keyboard.press("Enter")
    assert page.get_attribute(".menu-toggle", "aria-expanded") == "true" and page.is_visible("#main-nav-list")
    assert len(_top_level(page)) == len(entries)
    assert_accessible(page, context=f"phone menu open as {who}")
    page.screenshot(path=str(tmp_path / f"menu-narrow-{who}.png"))
    page.keyboard.press("Tab")
    assert _focused(page, "#main-nav-list summary")
    page.keyboard.press("Escape")
    assert page.get_attribute(".menu-toggle", "aria-expanded") == "false" and not page.is_visible("#main-nav-list")
    assert _focused(page, ".menu-toggle")
