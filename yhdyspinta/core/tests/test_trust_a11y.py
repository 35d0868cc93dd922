"""Accessibility of every page, in Finnish, Swedish and English (axe-core, WCAG 2.1 A/AA).

The pages are not listed by hand: every GET route without parameters that the URL resolver
knows (except /admin/, /api/, log-in/out and single sign-on, history and file exports), plus the detail page of
one record per model of the permission matrix (made with the app's factory). The admin user
visits them so that every control (edit buttons, internal field groups) is on the page.
To stay within CI time each page is checked in one language, the languages taking turns
(fi, sv, en, fi, …), and the home and search pages in all three; every template is thus seen
in every language across the pages that share it. Violations are collected and reported together.
"""

import pytest

from tests.browser import assert_accessible, login

pytestmark = pytest.mark.browser
LANGUAGES = ("fi", "sv", "en")


def pages_to_visit(world):
    from yhdyspinta.core.management.commands.trust_load_plan import plain_pages
    from yhdyspinta.core.models import Visibility
    from yhdyspinta.core.tests.test_trust_permissions import TESTED, make

    pages = [p for p in plain_pages() if not p.startswith("/search/")] + ["/search/?q=alfa"]
    for target in TESTED:
        obj = make(target, world, Visibility.PUBLIC, "Saavutettava")
        try:
            pages.append(obj.get_absolute_url())
        except Exception:  # noqa: BLE001, S112 - no detail page
            continue
    return pages


def test_every_page_in_three_languages_is_accessible(live_server, browser_page, world):
    page = browser_page
    page.set_default_timeout(20000)
    pages = pages_to_visit(world)
    login(page, live_server, world.admin)
    problems, visited = [], 0
    visits = [(lang, p) for lang in LANGUAGES for p in ("/", "/search/?q=alfa")]
    visits += [(LANGUAGES[i % 3], p) for i, p in enumerate(pages) if p not in ("/", "/search/?q=alfa")]
    for language, path in visits:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        response = page.goto(live_server.url + path)
        visited += 1
        if response is None or response.status >= 400:
            problems.append(f"{language} {path}: HTTP {response.status if response else 'no response'}")
            continue
        if page.locator("html").get_attribute("lang") != language:
            problems.append(f"{language} {path}: <html lang> is {page.locator('html').get_attribute('lang')}")
        try:
            assert_accessible(page, context=f"{language} {path}")
        except AssertionError as exc:
            problems.append(str(exc)[:1500])
    print(f"\naccessibility: {visited} page visits ({len({p for _l, p in visits})} pages)")
    assert visited >= 20, f"only {visited} pages found"
    assert not problems, f"{len(problems)} problem(s) on {visited} page visits:\n" + "\n".join(problems)
