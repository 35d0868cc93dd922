"""Personal API tokens (accounts/api_tokens.py, account.py): created on the account page and shown
once, stored hashed, authenticating API requests; read-only, expired, revoked and unknown tokens."""

import hashlib
import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.test import APIClient

from conftest import client_for
from yhdyspinta.accounts.api_tokens import issue, revoke
from yhdyspinta.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
UNITS = "/api/v1/organisations/units/"


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_create_on_the_account_page_shows_the_key_once_and_stores_its_hash(world):
    client = client_for(world.editor)
    form = client.get(reverse("api_token_create"))
    assert form.status_code == 200
    default = (timezone.localdate() + timedelta(days=90)).isoformat()
    assert f'value="{default}"' in form.content.decode()  # 90 days unless the user picks another day
    response = client.post(reverse("api_token_create"),
                           {"description": "Power BI", "expires": default, "write_enabled": "on"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    key = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=world.editor)
    assert key.startswith(token.prefix + ".") and token.write_enabled and token.description == "Power BI"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in token.key_hash
    assert timezone.localtime(token.expires).date().isoformat() == default
    page = client.get(reverse("account")).content.decode()
    assert token.prefix in page and key not in page  # listed by prefix; the key is never shown again
    created = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(ApiToken), object_pk=str(token.pk))
    assert created.actor_id == world.editor.pk and "key_hash" not in (created.changes_dict or {})
    # the key works
    assert api(key).get(UNITS).status_code == 200
    assert api(key).post(UNITS, {"organisation": world.a1.pk, "name_fi": "Kirjasto"}, format="json").status_code == 201


def test_expiry_date_must_be_in_the_future_and_may_be_left_empty(world):
    client = client_for(world.editor)
    past = client.post(reverse("api_token_create"), {"expires": timezone.localdate().isoformat()})
    assert past.status_code == 400 and not ApiToken.objects.exists()
    response = client.post(reverse("api_token_create"), {"description": "forever", "expires": ""})
    assert response.status_code == 200 and ApiToken.objects.get().expires is None


def test_read_only_token_reads_but_may_not_write(world):
    _token, key = issue(world.editor)
    assert api(key).get(UNITS).status_code == 200
    response = api(key).post(UNITS, {"organisation": world.a1.pk, "name_fi": "Kirjasto"}, format="json")
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_expired_revoked_and_unknown_tokens_are_401_with_a_message(world):
    _token, key = issue(world.editor, expires=timezone.now() - timedelta(seconds=1))
    response = api(key).get(UNITS)
    assert response.status_code == 401 and response.has_header("WWW-Authenticate")
    expired_detail = response.json()["detail"]
    token, key = issue(world.editor)
    assert api(key).get(UNITS).status_code == 200
    revoke(token, actor=world.editor)
    response = api(key).get(UNITS)  # a revoked key used again is refused, by name
    assert response.status_code == 401
    revoked_detail = response.json()["detail"]
    wrong = api(key[:-2] + ("aa" if not key.endswith("aa") else "bb")).get(UNITS)
    assert wrong.status_code == 401
    unknown = api("0123456789ab.nothing").get(UNITS)
    assert unknown.status_code == 401 and api("no-dot").get(UNITS).status_code == 401
    assert "expired" in expired_detail and "revoked" in revoked_detail and "Invalid" in unknown.json()["detail"]
    assert wrong.json()["detail"] == unknown.json()["detail"]  # a wrong secret tells nothing more


def test_deactivated_users_token_is_refused(world):
    _token, key = issue(world.editor)
    world.editor.is_active = False
    world.editor.save()
    assert api(key).get(UNITS).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world):
    token, key = issue(world.editor)
    api(key).head(UNITS)  # every module loaded before time is frozen (see test_mfa.load_every_view)
    ApiToken.objects.filter(pk=token.pk).update(last_used=None)
    start = timezone.now()
    with freeze_time(start) as frozen:
        api(key).get(UNITS)
        token.refresh_from_db()
        assert token.last_used == start
        frozen.tick(timedelta(seconds=30))
        api(key).get(UNITS)
        token.refresh_from_db()
        assert token.last_used == start
        frozen.tick(timedelta(seconds=31))
        api(key).get(UNITS)
        token.refresh_from_db()
        assert token.last_used == start + timedelta(seconds=61)
    updates = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(ApiToken),
                                      action=LogEntry.Action.UPDATE)
    assert not updates.exists()  # using a token leaves no change-log entry


def test_revoke_on_the_account_page_only_ones_own(world):
    mine, _key = issue(world.editor)
    theirs, their_key = issue(world.other)
    client = client_for(world.editor)
    assert client.post(reverse("api_token_revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None and api(their_key).get(UNITS).status_code == 200
    assert client.get(reverse("api_token_revoke", args=[mine.pk])).status_code == 405  # POST only
    response = client.post(reverse("api_token_revoke", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(ApiToken),
                                    object_pk=str(mine.pk), action=LogEntry.Action.UPDATE).get()
    assert entry.actor_id == world.editor.pk and "revoked_at" in entry.changes_dict


def test_revoke_refuses_another_users_token_in_code(world):
    from django.core.exceptions import PermissionDenied

    theirs, _key = issue(world.other)
    with pytest.raises(PermissionDenied):
        revoke(theirs, actor=world.editor)
    revoke(theirs, actor=world.admin)  # a superuser may
    theirs.refresh_from_db()
    assert theirs.revoked_at is not None


def test_superuser_sees_and_revokes_tokens_in_the_admin(world):
    token, _key = issue(world.other, description="integraatio")
    admin = client_for(world.admin)
    listing = admin.get("/admin/accounts/apitoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    assert admin.get("/admin/accounts/apitoken/add/").status_code == 403
    response = admin.post("/admin/accounts/apitoken/", {"action": "revoke_tokens", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client_for(world.org_admin).get("/admin/accounts/apitoken/").status_code in (302, 403)


def test_session_authentication_still_works(world):
    from conftest import api_client_for

    assert api_client_for(world.editor).get(UNITS).status_code == 200
