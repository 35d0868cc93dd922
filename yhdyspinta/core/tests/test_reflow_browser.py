"""Every public page in Finnish, Swedish and English (issue 16): reflow at 320 CSS px (WCAG 1.4.10;
320 px is what a 1 280 px window shows at 400 % zoom), axe-core (WCAG 2.1 A/AA) and text resized to
200 % (WCAG 1.4.4); and the language in the address: /sv/catalogue/finder/ is Swedish for anyone.

The pages are found, not listed by hand: every route without a parameter in the URL conf, then the
links an anonymous visitor can follow from them (one page per route: a list's first record, etc.),
over the demo data. One browser, one page per language."""

import io
import re
import time
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from tests.browser import AXE, assert_accessible
from tests.crawl import _route_key, _wanted
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.organisations.reference import load_reference_data

pytestmark = pytest.mark.browser
# Searches and a finder query show result lists the bare pages do not.
EXTRA = ["/search/?q=tampere", "/catalogue/finder/?q=lastensuojelu", "/accessibility/"]
# Not pages for people (JSON, files, redirects), or with their own browser test: the API docs (Swagger
# UI, core/tests/test_api_docs_browser.py, named in the accessibility statement's known shortcomings).
SKIP = ("/api/", "/admin/", "/i18n/", "/healthz", "/readyz", "/pickers/", "/logout", "/static/", "/media/")
FILES = re.compile(r"(\.(pdf|ics|xlsx|csv|json|zip)$|/(pdf|json|export)/|[?&](export|format|file)=)")
_HREF = re.compile(r"""href\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v =>
    v.id + ' (' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')"""
# Text at 200 % (WCAG 1.4.4): nothing cut off by a box that hides its overflow.
CLIPPED = """() => [...document.querySelectorAll('main *, header *, footer *')].filter(e => {
    const s = getComputedStyle(e);
    if (!['hidden', 'clip'].includes(s.overflowX) && !['hidden', 'clip'].includes(s.overflowY)) return false;
    if (e.closest('.visually-hidden') || e.getClientRects().length === 0 || !e.textContent.trim()) return false;
    return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
}).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
    + ' ' + (e.textContent || '').trim().slice(0, 30))"""


@pytest.fixture
def reference(transactional_db):
    load_reference_data()


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo", stdout=io.StringIO())


def _routes(patterns, prefix=""):
    """Every route of the URL conf without a parameter (the Finnish, unprefixed addresses)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<" not in str(entry.pattern) and "^" not in str(entry.pattern):
            yield "/" + prefix + str(entry.pattern)


def public_pages() -> list[str]:
    """The HTML pages an anonymous visitor gets (200), one per route: the parameterless routes and
    the extras first, then the links followed from them."""
    extra = list(EXTRA)
    nokia = Organisation.objects.filter(name_fi="Nokia").first()
    if nokia:  # the finder's answer with contacts, as a resident of Nokia searches
        extra.append(f"/catalogue/finder/?municipality={nokia.pk}&q=lastensuojelu")
    with translation.override("fi"):
        start = [p for p in dict.fromkeys([*_routes(get_resolver().url_patterns), *extra])
                 if not p.startswith(SKIP)]
    client = Client(raise_request_exception=False)
    queue, seen, routes, pages = deque(start), set(start), set(), []
    while queue:
        url = queue.popleft()
        if _route_key(url) in routes and url not in extra:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        routes.add(_route_key(url))
        pages.append(url)
        for href in _HREF.findall(response.content.decode()):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            if link in seen or link.startswith(SKIP) or FILES.search(link) or not _wanted(link):
                continue
            if _route_key(link) not in routes:
                seen.add(link)
                queue.append(link)
    return pages


def _address(path: str, lang: str) -> str:
    """/sv/… and /en/… for the pages in the language prefix; sign-in and the own-account pages have
    none (they answer in the language cookie)."""
    if lang == "fi":
        return path
    with translation.override(lang):
        try:
            resolve(f"/{lang}{urlsplit(path).path}")
        except Exception:  # noqa: BLE001 - not under the prefix
            return path
    return f"/{lang}{path}"


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


def check_page(page, url: str, lang: str) -> list[str]:
    """Reflow at 320 px, keyboard-reachable scroll areas, axe, then text at 200 % in a 1 280 px window."""
    problems = []
    page.set_viewport_size({"width": 320, "height": 640})
    response = page.goto(url, wait_until="load")
    if response.status != 200:
        return [f"{url}: HTTP {response.status}"]
    if page.get_attribute("html", "lang") != lang:
        problems.append(f"{url}: lang {page.get_attribute('html', 'lang')}")
    if _overflow(page) > 0:
        problems.append(f"{url}: at 320 px the page scrolls sideways by {_overflow(page)} px: {_too_wide(page)}")
    # a table wider than the screen scrolls in its own area, reachable by keyboard
    unreachable = page.evaluate("""[...document.querySelectorAll('.table-wrap')]
        .filter(w => w.scrollWidth > w.clientWidth + 1 && w.getAttribute('tabindex') !== '0').length""")
    if unreachable:
        problems.append(f"{url}: {unreachable} scrolling table(s) without keyboard focus")
    violations = page.evaluate(AXE_RUN)  # axe-core is in every page (the context's init script)
    if violations:
        problems.append(f"{url}: axe: {'; '.join(violations)}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_style_tag(content="html { font-size: 200% !important; }")
    if _overflow(page) > 0:
        problems.append(f"{url}: text at 200 % scrolls sideways by {_overflow(page)} px: {_too_wide(page)}")
    clipped = page.evaluate(CLIPPED)
    if clipped:
        problems.append(f"{url}: text at 200 % is cut off: {clipped}")
    return problems


def test_every_public_page_reflows_passes_axe_and_resizes_text_in_three_languages(live_server, _browser, demo):
    pages = public_pages()
    # the pages this test promises: each app's public lists and records, the finder, search, sign-in
    for must in ("/", "/organisations/", "/catalogue/finder/", "/search/", "/accessibility/", "/login/",
                 "/funding/", "/indicators/", "/readiness/", "/facilities/", "/transfers/", "/cooperation/"):
        assert must in pages or any(p.startswith(must + "?") for p in pages), must
    assert len(pages) > 60, pages
    problems, started = [], time.monotonic()
    for lang in ("fi", "sv", "en"):
        context = _browser.new_context(viewport={"width": 320, "height": 640}, locale="fi-FI", bypass_csp=True)
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}])
        context.add_init_script(AXE.read_text(encoding="utf-8"))
        page = context.new_page()
        try:
            for path in pages:
                problems += check_page(page, live_server.url + _address(path, lang), lang)
        finally:
            context.close()
    print(f"{len(pages)} pages x 3 languages in {time.monotonic() - started:.0f} s")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


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
