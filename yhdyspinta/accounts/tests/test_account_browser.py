"""In Chromium (axe-clean pages): sign in → account page → create an API token, shown once and
working → set up multi-factor sign-in with a code computed like an authenticator app → sign in
again with a code."""

from base64 import b32decode

import pytest
import requests

from tests.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _code(secret_text: str, drift: int = 0) -> str:
    from django_otp.oath import totp

    secret = secret_text.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def test_account_token_and_mfa_walk(live_server, browser_page, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from yhdyspinta.accounts.models import ApiToken

    page = browser_page
    login(page, live_server, world.editor)
    page.goto(f"{live_server.url}/")
    page.locator('header a[href="/account/"]').click()
    page.wait_for_url(f"{live_server.url}/account/")
    assert page.locator("h1").count() == 1
    assert_accessible(page, context="account page")

    page.locator('main a[href="/account/tokens/new/"]').click()
    page.wait_for_url("**/account/tokens/new/")
    assert_accessible(page, context="token form")
    page.fill("#id_description", "Raportointi")
    page.check("#id_write_enabled")
    page.click("main form button[type=submit]")
    key = page.input_value("#new-token")
    assert_accessible(page, context="new token")
    token = ApiToken.objects.get(user=world.editor)
    assert key.startswith(token.prefix + ".")
    answer = requests.get(f"{live_server.url}/api/v1/organisations/units/",
                          headers={"Authorization": f"Token {key}"}, timeout=10)
    assert answer.status_code == 200
    page.goto(f"{live_server.url}/account/")
    content = page.content()
    assert token.prefix in content and key not in content  # shown once only

    page.locator('main a[href="/account/mfa/setup/"]').click()
    assert page.locator("main svg").count() == 1
    assert_accessible(page, context="MFA set-up")
    secret = page.inner_text("#mfa-secret")
    page.fill("#id_otp_token", "000000" if _code(secret) != "000000" else "111111")
    page.click("main form button[type=submit]")
    assert page.locator(".field-error").count() == 1  # a wrong code: a clear message, nothing set up
    assert not TOTPDevice.objects.filter(user=world.editor, confirmed=True).exists()
    page.wait_for_timeout(2100)  # the device's throttle after one wrong code (1 s)
    page.fill("#id_otp_token", _code(secret))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/account/")
    assert page.locator('main a[href="/account/mfa/remove/"]').count() == 1
    assert TOTPDevice.objects.filter(user=world.editor, confirmed=True).count() == 1

    page.locator("header form.inline-form button[type=submit]").click()  # log out
    page.goto(f"{live_server.url}/login/?next=/account/")
    page.fill("#id_username", world.editor.username)
    page.fill("#id_password", "secret-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/mfa/verify/**")
    assert_accessible(page, context="MFA verify")
    page.fill("#id_otp_token", _code(secret, drift=1))  # the set-up's code is used; the next one
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/account/")
