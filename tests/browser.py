"""Browser tests: Playwright drives Debian's /usr/bin/chromium; axe-core checks WCAG 2.1 A/AA.

Usage in an app's tests (mark the module `pytestmark = pytest.mark.browser`):

    def test_page_is_accessible(live_server, browser_page, world_demo):
        browser_page.goto(live_server.url + "/some/page/")
        assert_accessible(browser_page)
"""

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def browser_available() -> bool:
    return Path(CHROMIUM).exists() and AXE.exists()


@pytest.fixture(scope="session")
def _browser():
    if not browser_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium ({CHROMIUM}) or axe-core ({AXE}) missing: run `make setup`.")
        pytest.skip("Chromium or axe-core not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser, transactional_db):
    context = _browser.new_context(viewport={"width": 1200, "height": 900}, locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def login(page, live_server, user, password="secret-password-1"):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    if "/account/mfa/" in page.url:  # a superuser, or a user with a device: the code, as an app would give it
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.mfa import code_from_secret, current_code

        if "/account/mfa/setup/" in page.url:
            code = code_from_secret(page.inner_text("#mfa-secret"))
        else:
            code = current_code(TOTPDevice.objects.get(user=user, confirmed=True))
        page.fill("#id_otp_token", code)
        page.click("main form button[type=submit]")


def assert_accessible(page, *, context: str = ""):
    """No axe-core violations at WCAG 2.0/2.1 A and AA on the current page.

    A click that navigates returns before the next page exists; the check waits for
    that page to load (and tries once more if a navigation still replaced it), so
    it always judges the page the test meant, never a half-built document.
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = page.evaluate(
                """async () => await axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
            )
            break
        except PlaywrightError as error:  # the document was replaced under the check
            if attempt == 2 or not _navigated(error):
                raise
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert not violations, f"axe violations on {context or page.url}:\n" + json.dumps(violations, indent=1)


def _navigated(error) -> bool:
    text = str(error)
    return any(sign in text for sign in (
        "reading 'appendChild'", "Execution context was destroyed", "navigation", "Target closed"))


__all__ = ["assert_accessible", "browser_available", "login", "shutil"]
