"""Single sign-on against a real OpenID provider (oidc-provider on 127.0.0.1, tests/oidc/)."""

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.test import Client

from tests.oidc.fixtures import SECRET, oidc_server, walk  # noqa: F401  (fixture)
from yhdyspinta.accounts.models import (
    ClaimMapping,
    ExternalIdentity,
    IdentityProvider,
    Membership,
    User,
)
from yhdyspinta.core.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(world, oidc_server, monkeypatch):  # noqa: F811
    """The provider as the admin would configure it: a1 editors and a2 viewers by group."""
    monkeypatch.setenv("TEST_OIDC_SECRET", SECRET)
    provider = IdentityProvider.objects.create(
        name="Alfan Entra ID", slug="alfa", issuer=oidc_server.issuer, client_id="yhdyspinta",
        client_secret="env:TEST_OIDC_SECRET", allowed_domains="alfala.fi, alfanen.fi",
        organisation=world.county_a,
    )
    ClaimMapping.objects.create(provider=provider, value="grp-a1-editors", organisation=world.a1, role="editor")
    ClaimMapping.objects.create(provider=provider, value="grp-a2-viewers", organisation=world.a2, role="viewer")
    ClaimMapping.objects.create(provider=provider, value="grp-a2-editors", organisation=world.a2, role="editor")
    return provider


def _variant(idp, suffix):
    """The same provider reached through one of the test provider's special clients."""
    variant = IdentityProvider.objects.create(
        name=f"Alfa {suffix}", slug=f"alfa{suffix}", issuer=idp.issuer, client_id=f"yhdyspinta{suffix}",
        client_secret=SECRET, allowed_domains=idp.allowed_domains,
    )
    for m in idp.mappings.all():
        ClaimMapping.objects.create(provider=variant, value=m.value, organisation=m.organisation, role=m.role)
    return variant


def _nothing_created(email):
    assert not User.objects.filter(email__iexact=email).exists()
    assert not ExternalIdentity.objects.exists()
    assert not Membership.objects.filter(source__startswith="sso:").exists()


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_first_sign_in_creates_the_user_with_the_mapped_memberships(idp, world, oidc_server):  # noqa: F811
    client = Client()
    result = walk(client, "alfa", "alice", next_url="/organisations/")
    request = parse_qs(urlsplit(result.authorize_url).query)
    assert request["code_challenge_method"] == ["S256"] and len(request["code_challenge"][0]) >= 43
    assert request["nonce"][0] and request["state"][0] and request["client_id"] == ["yhdyspinta"]
    assert request["redirect_uri"] == ["http://testserver/oidc/callback/"]

    assert result.callback.status_code == 302
    assert result.callback["Location"] == "/organisations/"
    user = User.objects.get(email="alice@alfala.fi")
    assert (user.username, user.first_name, user.last_name) == ("alice@alfala.fi", "Alice", "Alfala")
    assert not user.has_usable_password()
    assert {(m.organisation, m.role, m.source) for m in user.memberships.all()} == {
        (world.a1, "editor", "sso:alfa"), (world.a2, "viewer", "sso:alfa")}
    assert ExternalIdentity.objects.get(user=user).subject == "alice"
    assert _signed_in(client) and int(client.session["_auth_user_id"]) == user.pk
    assert AccessLog.objects.filter(user=user, action=AccessLog.Action.LOGIN_SUCCESS).count() == 1
    assert client.get("/").context["user"] == user  # the session holds


def test_later_sign_in_follows_the_groups_and_keeps_manual_memberships(idp, world, oidc_server):  # noqa: F811
    walk(Client(), "alfa", "alice")
    user = User.objects.get(email="alice@alfala.fi")
    Membership.objects.create(user=user, organisation=world.b1, role="viewer")  # an admin's, by hand
    oidc_server.set_account("alice", groups=["grp-a2-editors", "grp-a2-viewers"], family_name="Alfanen")
    try:
        result = walk(Client(), "alfa", "alice")
    finally:
        oidc_server.set_account("alice", groups=["grp-a1-editors", "grp-a2-viewers"], family_name="Alfala")
    assert result.callback.status_code == 302
    assert User.objects.filter(email="alice@alfala.fi").count() == 1
    user.refresh_from_db()
    assert user.last_name == "Alfanen"
    assert {(m.organisation, m.role, m.source) for m in user.memberships.all()} == {
        (world.a2, "editor", "sso:alfa"),  # the highest role its groups give
        (world.b1, "viewer", ""),          # kept: not the mapping's to manage
    }  # a1 is gone: alice left grp-a1-editors


def test_an_org_admins_change_makes_the_membership_manual(idp, world, oidc_server):  # noqa: F811
    from conftest import api_client_for

    walk(Client(), "alfa", "alice")
    membership = Membership.objects.get(user__email="alice@alfala.fi", organisation=world.a1)
    r = api_client_for(world.org_admin).patch(f"/api/v1/accounts/memberships/{membership.pk}/",
                                              {"role": "org_admin"}, format="json")
    assert r.status_code == 200, r.content
    membership.refresh_from_db()
    assert (membership.role, membership.source) == ("org_admin", "")
    oidc_server.set_account("alice", groups=["grp-a2-viewers"])
    try:
        walk(Client(), "alfa", "alice")
    finally:
        oidc_server.set_account("alice", groups=["grp-a1-editors", "grp-a2-viewers"])
    membership.refresh_from_db()
    assert membership.role == "org_admin"  # the admin's adjustment stays


def test_a_user_whose_groups_map_to_no_organisation_is_refused_and_nothing_is_created(idp, oidc_server):  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    result = walk(client, "alfa", "nobody")
    assert result.callback.status_code == 403
    assert b"give no access to any organisation" in result.callback.content
    _nothing_created("nobody@alfala.fi")
    assert not _signed_in(client)
    assert AccessLog.objects.filter(action=AccessLog.Action.LOGIN_FAILURE, detail__contains="no access").exists()


def test_the_refusal_is_translated(idp, oidc_server):  # noqa: F811
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="fi"), "alfa", "nobody")
    assert "eivät anna pääsyä".encode() in result.callback.content
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="sv"), "alfa", "nobody")
    assert "ger ingen åtkomst".encode() in result.callback.content


def test_an_e_mail_domain_not_allowed_is_refused(idp, oidc_server):  # noqa: F811
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa", "mallory")
    assert result.callback.status_code == 403
    assert b"elsewhere.example may not sign in" in result.callback.content
    _nothing_created("mallory@elsewhere.example")


def test_an_id_token_for_another_audience_is_refused(idp, oidc_server):  # noqa: F811
    _variant(idp, "-wrong-aud")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    result = walk(client, "alfa-wrong-aud", "alice")
    assert result.callback.status_code == 403
    assert b"failed validation (audience" in result.callback.content
    _nothing_created("alice@alfala.fi")
    assert not _signed_in(client)


def test_an_expired_id_token_is_refused(idp, oidc_server, settings):  # noqa: F811
    settings.OIDC_CLOCK_SKEW_SECONDS = 0  # the provider's ID token lives 1 s and arrives after 2.5 s
    _variant(idp, "-expired")
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa-expired", "alice")
    assert result.callback.status_code == 403
    assert b"has expired" in result.callback.content
    _nothing_created("alice@alfala.fi")


def test_an_id_token_with_a_bad_signature_is_refused(idp, oidc_server):  # noqa: F811
    _variant(idp, "-bad-signature")
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa-bad-signature", "alice")
    assert result.callback.status_code == 403
    assert b"failed validation (Signature verification failed)" in result.callback.content
    _nothing_created("alice@alfala.fi")


def test_a_tampered_nonce_is_refused(idp, oidc_server):  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    def change_the_nonce(path):
        session = client.session
        state = parse_qs(urlsplit(path).query)["state"][0]
        session["oidc_states"][state]["nonce"] = "not-the-nonce-sent"
        session.save()
        return path

    result = walk(client, "alfa", "alice", tamper=change_the_nonce)
    assert result.callback.status_code == 403
    assert b"Nonce verification failed" in result.callback.content
    _nothing_created("alice@alfala.fi")


def test_a_tampered_or_replayed_state_is_refused(idp, oidc_server):  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    result = walk(client, "alfa", "alice", tamper=lambda p: p.replace("state=", "state=x"))
    assert result.callback.status_code == 400
    assert b"does not belong to a sign-in started in this browser" in result.callback.content
    _nothing_created("alice@alfala.fi")

    answers = []
    result = walk(client, "alfa", "alice", tamper=lambda p: answers.append(p) or p)
    assert result.callback.status_code == 302
    client.logout()
    assert client.get(answers[0]).status_code == 400  # the same answer again
    assert not _signed_in(client)


def test_an_answer_naming_another_issuer_is_refused(idp, oidc_server):  # noqa: F811
    def other_issuer(path):
        assert "iss=" in path
        return path.replace("iss=", "iss=https%3A%2F%2Fevil.example%2F&was=")

    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa", "alice", tamper=other_issuer)
    assert result.callback.status_code == 403
    assert b"names another issuer" in result.callback.content
    _nothing_created("alice@alfala.fi")


def test_the_providers_refusal_is_shown(idp, oidc_server):  # noqa: F811
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa", "unknown-person")
    assert result.callback.status_code == 403
    assert b"Alfan Entra ID did not sign you in: unknown user" in result.callback.content
    assert not User.objects.filter(username__icontains="unknown").exists()


def test_logout_ends_the_session_here_and_at_the_provider(idp, oidc_server):  # noqa: F811
    client = Client()
    result = walk(client, "alfa", "alice")
    response = client.post("/logout/")
    assert response.status_code == 200 and not _signed_in(client)
    link = response.context["end_session_url"]
    assert link.startswith(f"{oidc_server.issuer}/session/end?")
    params = parse_qs(urlsplit(link).query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/"] and params["id_token_hint"][0]
    assert AccessLog.objects.filter(action=AccessLog.Action.LOGOUT).count() == 1

    confirm = result.browser.get(link, timeout=10)  # the provider asks; the user confirms
    assert confirm.status_code == 200 and 'name="xsrf"' in confirm.text
    form = confirm.text.split('action="', 1)[1].split('"', 1)[0]
    xsrf = confirm.text.split('name="xsrf" value="', 1)[1].split('"', 1)[0]
    done = result.browser.post(urljoin(confirm.url, form), data={"xsrf": xsrf, "logout": "yes"}, allow_redirects=False, timeout=10)
    assert done.status_code in (302, 303) and done.headers["Location"] == "http://testserver/"
    assert not any(c.name == "_session" and c.value for c in result.browser.cookies)


def test_local_logout_without_single_sign_on_is_unchanged(world):
    from conftest import client_for

    client = client_for(world.editor)
    response = client.post("/logout/")
    assert response.status_code == 302 and not _signed_in(client)


def test_the_login_page_offers_enabled_providers(idp, oidc_server):  # noqa: F811
    IdentityProvider.objects.create(name="Pois käytöstä", slug="off", issuer="https://off.example/",
                                    client_id="x", enabled=False)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/?next=/organisations/").content.decode()
    assert "Sign in with Alfan Entra ID" in page
    assert 'href="/oidc/alfa/login/?next=/organisations/"' in page
    assert "Pois käytöstä" not in page
    assert 'id="id_username"' in page  # local accounts stay


def test_the_login_page_without_providers_has_only_the_form(db):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()
    assert "Sign in with" not in page and 'id="id_username"' in page


def test_an_unreachable_provider_gets_a_clear_message(db):
    with socket_closed() as port:
        IdentityProvider.objects.create(name="Poissa", slug="away", issuer=f"http://127.0.0.1:{port}",
                                        client_id="x")
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/oidc/away/login/")
    assert response.status_code == 503
    assert b"Poissa could not be reached" in response.content


def test_a_missing_secret_variable_is_a_clear_message(idp, oidc_server, monkeypatch):  # noqa: F811
    monkeypatch.delenv("TEST_OIDC_SECRET")
    result = walk(Client(HTTP_ACCEPT_LANGUAGE="en"), "alfa", "alice")
    assert result.callback.status_code == 503
    assert b"not configured completely" in result.callback.content
    _nothing_created("alice@alfala.fi")


class socket_closed:
    """A port on 127.0.0.1 that nothing listens on."""

    def __enter__(self):
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc):
        return False
