"""Reflow at 320 px (WCAG 1.4.10) of the public pages in Finnish, Swedish and English, and the
language in the address: /sv/catalogue/finder/ is Swedish for anyone (issue 16)."""

import pytest

from tests.browser import assert_accessible
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.organisations.reference import load_reference_data

pytestmark = pytest.mark.browser
PUBLIC = ["/", "/organisations/", "/catalogue/finder/", "/funding/", "/indicators/", "/readiness/",
          "/cooperation/", "/search/?q=tampere", "/accessibility/"]


@pytest.fixture
def reference(transactional_db):
    load_reference_data()


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _too_wide(page) -> list[str]:
    """The innermost elements that reach past the right edge (to name the cause in the failure)."""
    return page.evaluate("""[...document.body.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.right > window.innerWidth + 1 && r.width > 0 && !(e.parentElement && e.parentElement.closest('.table-wrap'))
            && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1);
    }).slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
        ' ' + Math.round(e.getBoundingClientRect().width) + 'px ' + (e.textContent || '').trim().slice(0, 30))""")


def test_public_pages_reflow_at_320_px_in_three_languages(live_server, _browser, reference):
    context = _browser.new_context(viewport={"width": 320, "height": 640}, locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    try:
        problems = []
        for prefix, lang in (("", "fi"), ("/sv", "sv"), ("/en", "en")):
            for path in PUBLIC:
                response = page.goto(live_server.url + prefix + path)
                if response.status != 200:
                    problems.append(f"{prefix}{path}: HTTP {response.status}")
                    continue
                if page.get_attribute("html", "lang") != lang:
                    problems.append(f"{prefix}{path}: lang {page.get_attribute('html', 'lang')}")
                if _overflow(page) > 0:
                    problems.append(f"{prefix}{path}: page scrolls sideways by {_overflow(page)} px: {_too_wide(page)}")
                # a table wider than the screen scrolls in its own area, reachable by keyboard
                unreachable = page.evaluate("""[...document.querySelectorAll('.table-wrap')]
                    .filter(w => w.scrollWidth > w.clientWidth + 1 && w.getAttribute('tabindex') !== '0').length""")
                if unreachable:
                    problems.append(f"{prefix}{path}: {unreachable} scrolling table(s) without keyboard focus")
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


def test_a_swedish_link_gives_swedish_to_a_finnish_browser(live_server, browser_page, reference):
    page = browser_page  # locale fi-FI: Accept-Language Finnish
    page.goto(live_server.url + "/sv/catalogue/finder/")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.locator("link[rel=alternate][hreflang=fi]").get_attribute("href").endswith("/catalogue/finder/")
    assert_accessible(page, context="finder in Swedish")
    with page.expect_navigation():
        page.click(".lang-form button[value=fi]")
    assert page.get_attribute("html", "lang") == "fi" and "/sv/" not in page.url


def test_the_finders_result_count_is_put_into_its_live_region_after_a_search(live_server, browser_page, reference):
    page = browser_page
    # record what the live region receives after the load: an insertion is what screen readers announce
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        const region = document.getElementById('finder-count');
        window.__announced = [];
        if (region) new MutationObserver(() => window.__announced.push(region.textContent.trim()))
            .observe(region, {childList: true, characterData: true, subtree: true});
    }, {capture: true});""")
    municipality = Organisation.objects.municipalities().first()
    page.goto(live_server.url + f"/sv/catalogue/finder/?municipality={municipality.pk}&q=skolkurator")
    page.wait_for_selector("#finder-count[data-announced=yes]")
    announced = page.evaluate("window.__announced")
    assert announced and announced[-1] == page.inner_text("#finder-count").strip() and announced[-1]
    assert page.get_attribute("#finder-count", "role") == "status"
