"""One end-to-end walk in Chromium: refusal and login pages (axe-clean) → the provider's form → signed in → logout."""

import pytest
import requests

from tests.browser import assert_accessible
from tests.oidc.fixtures import oidc_server  # noqa: F401  (fixture)
from yhdyspinta.accounts.models import ClaimMapping, IdentityProvider, User

pytestmark = pytest.mark.browser


def test_sign_in_with_the_organisations_provider_in_a_browser(live_server, browser_page, world, oidc_server):  # noqa: F811
    # Our live server's port is new each run: register it as a client (OpenID dynamic registration).
    registered = requests.post(f"{oidc_server.issuer}/reg", timeout=10, json={
        "redirect_uris": [f"{live_server.url}/oidc/callback/"],
        "post_logout_redirect_uris": [f"{live_server.url}/"],
        "token_endpoint_auth_method": "client_secret_post",
        "grant_types": ["authorization_code"], "response_types": ["code"],
    })
    assert registered.status_code == 201, registered.text
    client = registered.json()
    provider = IdentityProvider.objects.create(
        name="Alfan Entra ID", slug="alfa", issuer=oidc_server.issuer, client_id=client["client_id"],
        client_secret=client["client_secret"], allowed_domains="alfala.fi")
    ClaimMapping.objects.create(provider=provider, value="grp-a1-editors", organisation=world.a1, role="editor")

    page = browser_page
    page.goto(f"{live_server.url}/oidc/callback/?state=forged&code=forged")
    assert page.get_by_role("heading", name="Kirjautuminen estetty").is_visible()
    assert_accessible(page, context="refusal page")
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page, context="login page with single sign-on")
    page.get_by_role("link", name="Kirjaudu: Alfan Entra ID").click()
    page.fill("#login", "alice")  # at the provider
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
    user = User.objects.get(email="alice@alfala.fi")
    assert list(user.memberships.values_list("organisation", "role")) == [(world.a1.pk, "editor")]

    page.get_by_role("button", name="Kirjaudu ulos").click()  # here, then at the provider
    page.wait_for_url(f"{oidc_server.issuer}/session/end*")
    page.click("button[name=logout]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Kirjaudu sisään").is_visible()
