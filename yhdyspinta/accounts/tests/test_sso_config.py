"""Identity provider configuration (environment, admin) and the claim → membership rules without a provider."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from yhdyspinta.accounts.models import (
    ClaimMapping,
    ExternalIdentity,
    IdentityProvider,
    Membership,
    User,
)
from yhdyspinta.accounts.sso import Refusal, sign_in

pytestmark = pytest.mark.django_db


def _config(world, **changes):
    provider = {
        "slug": "alfa", "name": "Alfan Entra ID", "issuer": "https://login.microsoftonline.com/t-1/v2.0",
        "client_id": "app-1", "client_secret": "env:ENTRA_SECRET_ALFA", "allowed_domains": ["alfala.fi"],
        "organisation": f"county:{world.county_a.code}",
        "mappings": [{"claim": "g-1", "organisation": f"municipality:{world.a1.code}", "role": "editor"},
                     {"claim": "g-2", "organisation": f"municipality:{world.a2.code}"}],
    }
    provider.update(changes)
    return json.dumps([provider])


def test_providers_load_from_the_environment_and_reload_replaces_the_mapping(world, monkeypatch, capsys):
    monkeypatch.setenv("OIDC_PROVIDERS", _config(world))
    call_command("oidc_providers")
    provider = IdentityProvider.objects.get(slug="alfa")
    assert (provider.name, provider.client_secret, provider.domains()) == (
        "Alfan Entra ID", "env:ENTRA_SECRET_ALFA", ["alfala.fi"])
    assert provider.organisation == world.county_a
    assert {(m.value, m.organisation, m.role) for m in provider.mappings.all()} == {
        ("g-1", world.a1, "editor"), ("g-2", world.a2, "viewer")}

    monkeypatch.setenv("OIDC_PROVIDERS", _config(world, name="Alfa", mappings=[
        {"claim": "g-3", "organisation": f"municipality:{world.a2.code}", "role": "org_admin"}]))
    call_command("oidc_providers")
    provider.refresh_from_db()
    assert provider.name == "Alfa"
    assert list(provider.mappings.values_list("value", "role")) == [("g-3", "org_admin")]
    assert "alfa: Alfa" in capsys.readouterr().out


@pytest.mark.parametrize(("changes", "message"), [
    ({"mappings": [{"claim": "g-1", "organisation": "municipality:999x"}]},
     "provider 'alfa', mapping 1: unknown organisation 'municipality:999x'"),
    ({"mappings": [{"claim": "g-1", "organisation": "municipality:{a1}", "role": "boss"}]},
     "unknown role 'boss'"),
    ({"issuer": ""}, "provider 'alfa': 'issuer' is missing"),
    ({"scopes": "email profile"}, "openid"),
    ({"colour": "blue"}, "unknown keys colour"),
    ({"mappings": [{"claim": "g-1", "organisation": "municipality:{b1}"}]}, "map only to it"),
])
def test_a_bad_configuration_is_a_clear_error_and_writes_nothing(world, monkeypatch, changes, message):
    for mapping in changes.get("mappings", []):
        mapping["organisation"] = mapping["organisation"].format(a1=world.a1.code, b1=world.b1.code)
    monkeypatch.setenv("OIDC_PROVIDERS", _config(world, **changes))
    with pytest.raises(CommandError, match=message):
        call_command("oidc_providers")
    assert not IdentityProvider.objects.exists() and not ClaimMapping.objects.exists()


def test_invalid_json_is_a_clear_error(db, monkeypatch):
    monkeypatch.setenv("OIDC_PROVIDERS", "[{")
    with pytest.raises(CommandError, match="OIDC_PROVIDERS is not valid JSON"):
        call_command("oidc_providers")


def test_the_demo_loads_the_providers_so_the_login_page_offers_them(db, monkeypatch):
    call_command("load_demo", only=["organisations"])
    monkeypatch.setenv("OIDC_PROVIDERS", json.dumps([{
        "slug": "pirkanmaa", "name": "Pirkanmaan hyvinvointialue", "client_id": "app",
        "issuer": "https://login.microsoftonline.com/t/v2.0", "client_secret": "env:X",
        "mappings": [{"claim": "g", "organisation": "municipality:837", "role": "editor"}]}]))
    call_command("load_demo", only=["accounts"])
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()
    assert "Sign in with Pirkanmaan hyvinvointialue" in page


def test_the_admin_never_shows_the_secret_back_and_keeps_it_when_left_empty(world):
    from conftest import client_for

    provider = IdentityProvider.objects.create(name="Alfa", slug="alfa", issuer="https://idp.example/",
                                               client_id="app", client_secret="very-secret-value")
    client = client_for(world.admin)
    url = f"/admin/accounts/identityprovider/{provider.pk}/change/"
    page = client.get(url).content.decode()
    assert "very-secret-value" not in page
    data = {"name": "Alfa 2", "slug": "alfa", "enabled": "on", "issuer": "https://idp.example/",
            "client_id": "app", "client_secret": "", "scopes": "openid email profile", "allowed_domains": "",
            "groups_claim": "groups", "organisation": "",
            "mappings-TOTAL_FORMS": "1", "mappings-INITIAL_FORMS": "0", "mappings-MIN_NUM_FORMS": "0",
            "mappings-MAX_NUM_FORMS": "1000", "mappings-0-value": "g-1",
            "mappings-0-organisation": str(world.a1.pk), "mappings-0-role": "editor"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Alfa 2", "very-secret-value")
    assert provider.mappings.get().organisation == world.a1


# The rules from claims to memberships, with claims as a verified ID token would carry them.

@pytest.fixture
def provider(world):
    provider = IdentityProvider.objects.create(name="Alfa", slug="alfa", issuer="https://idp.example/",
                                               client_id="app", allowed_domains="alfala.fi")
    ClaimMapping.objects.create(provider=provider, value="g-view", organisation=world.a1, role="viewer")
    ClaimMapping.objects.create(provider=provider, value="g-edit", organisation=world.a1, role="editor")
    ClaimMapping.objects.create(provider=provider, value="g-a2", organisation=world.a2, role="viewer")
    return provider


def claims(**extra):
    return {"sub": "s-1", "email": "Person@Alfala.fi", "name": "Pia Person", "groups": ["g-view"], **extra}


def test_the_highest_role_of_several_groups_wins(provider, world):
    user = sign_in(provider, claims(groups=["g-view", "g-edit"]))
    assert list(user.memberships.values_list("organisation", "role")) == [(world.a1.pk, "editor")]
    assert (user.email, user.first_name, user.last_name) == ("person@alfala.fi", "Pia", "Person")


def test_a_ceased_organisation_gives_nothing(provider, world):
    import datetime

    world.a2.valid_until = datetime.date(2025, 1, 1)
    world.a2.save()
    with pytest.raises(Refusal, match="no access"):
        sign_in(provider, claims(groups=["g-a2"]))
    assert not User.objects.filter(email__iexact="person@alfala.fi").exists()


def test_entra_group_overage_is_refused_with_advice(provider):
    with pytest.raises(Refusal, match="too many groups"):
        sign_in(provider, {k: v for k, v in claims(_claim_names={"groups": "src1"}).items() if k != "groups"})


def test_the_user_principal_name_serves_when_there_is_no_email_claim(provider):
    user = sign_in(provider, {k: v for k, v in claims(preferred_username="pia@alfala.fi").items() if k != "email"})
    assert user.email == "pia@alfala.fi"


def test_no_email_is_refused(provider):
    with pytest.raises(Refusal, match="did not tell your e-mail"):
        sign_in(provider, {"sub": "s-1", "groups": ["g-view"]})
    assert not User.objects.filter(identities__isnull=False).exists()


def test_an_existing_local_account_with_the_address_is_linked(provider, world):
    local = User.objects.create_user("pia", email="person@alfala.fi")
    Membership.objects.create(user=local, organisation=world.a2, role="editor")
    assert sign_in(provider, claims()) == local
    assert ExternalIdentity.objects.get(provider=provider).user == local
    assert set(local.memberships.values_list("organisation", "role", "source")) == {
        (world.a1.pk, "viewer", "sso:alfa"), (world.a2.pk, "editor", "")}


def test_an_administrator_account_is_never_linked_automatically(provider):
    User.objects.create_superuser("root", email="person@alfala.fi", password="x-123456789")
    with pytest.raises(Refusal, match="administrator account"):
        sign_in(provider, claims())
    assert not ExternalIdentity.objects.exists()


def test_leaving_every_mapped_group_ends_the_access_the_mapping_gave(provider, world):
    user = sign_in(provider, claims())
    with pytest.raises(Refusal, match="no access"):
        sign_in(provider, claims(groups=[]))
    assert not user.memberships.exists()


def test_a_disabled_provider_signs_no_one_in(provider):
    provider.enabled = False
    provider.save()
    with pytest.raises(Refusal, match="not in use"):
        sign_in(provider, claims())
