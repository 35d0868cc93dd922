"""Multi-factor sign-in (accounts/mfa.py): superusers forced to set up, codes after the password,
wrong codes throttled and logged, single sign-on sessions not asked, removal, audit entries.

Time is frozen (freezegun) so that the codes and the throttling do not depend on the clock."""

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from tests.factories import UserFactory
from tests.mfa import code_from_secret, current_code
from yhdyspinta.core.models import AccessLog

pytestmark = pytest.mark.django_db
PASSWORD = "secret-password-1"


def password_login(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def confirmed(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def load_every_view():
    """Imports every view before time is frozen: a module first imported under freezegun keeps its
    fake clock (DRF's throttles take `timer = time.time` at import) and breaks later tests."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def frozen():
    load_every_view()
    with freeze_time(timezone.now(), tick=False) as frozen:
        yield frozen


def test_superuser_without_a_device_is_sent_to_set_one_up_first(frozen):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = password_login(admin)
    for path in ("/", "/admin/", "/account/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_setup")), path
    assert client.get("/api/v1/organisations/organisations/").status_code == 403
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    body = page.content.decode()
    assert "<svg" in body and "message-warning" in body  # the QR code and "superusers must …"
    secret = re.search(r'id="mfa-secret">([A-Z2-7 ]+)<', body).group(1)
    assert not TOTPDevice.objects.filter(user=admin).exists()  # nothing written on GET
    # the same key on reload: a scanned QR code stays valid
    assert secret in client.get(reverse("mfa_setup")).content.decode()
    response = client.post(reverse("mfa_setup"), {"otp_token": "12345x"})
    assert response.status_code == 400 and not TOTPDevice.objects.filter(user=admin).exists()
    response = client.post(reverse("mfa_setup"), {"otp_token": code_from_secret(secret), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device = TOTPDevice.objects.get(user=admin)
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200
    added = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(TOTPDevice),
                                    object_pk=str(device.pk))
    assert added.exists() and all(e.actor_id == admin.pk for e in added)
    assert not any("key" in (e.changes_dict or {}) for e in added)  # the secret is never logged


def test_mfa_not_required_for_superusers_when_turned_off(settings):
    settings.MFA_REQUIRED_FOR_SUPERUSERS = False
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert password_login(admin).get("/").status_code == 200


def test_a_user_with_a_device_enters_a_code_after_the_password(frozen):
    user = UserFactory()
    device = confirmed(user)
    client = password_login(user)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_verify") + "?next=/account/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post(reverse("mfa_verify"), {"otp_token": current_code(device), "next": "/account/"})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_a_user_without_a_device_is_not_asked():
    user = UserFactory()
    client = password_login(user)
    assert client.get("/account/").status_code == 200
    assert client.get("/").status_code == 200


def test_wrong_code_is_refused_with_a_message_logged_and_throttled(frozen):
    user = UserFactory()
    device = confirmed(user)
    client = password_login(user)
    response = client.post(reverse("mfa_verify"), {"otp_token": "000000" if current_code(device) != "000000"
                                                    else "111111"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert AccessLog.objects.filter(user=user, action=AccessLog.Action.LOGIN_FAILURE,
                                    detail="mfa: wrong code").count() == 1
    # right away, even the right code waits: the device's throttle (1 s after one failure)
    response = client.post(reverse("mfa_verify"), {"otp_token": current_code(device)})
    assert response.status_code == 400
    assert client.get("/account/").status_code == 302  # still not verified
    frozen.tick(timedelta(seconds=2))
    response = client.post(reverse("mfa_verify"), {"otp_token": current_code(device)})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_used_code_cannot_be_used_again(frozen):
    user = UserFactory()
    device = confirmed(user)
    code = current_code(device)
    first = password_login(user)
    assert first.post(reverse("mfa_verify"), {"otp_token": code}).status_code == 302
    second = password_login(user)
    assert second.post(reverse("mfa_verify"), {"otp_token": code}).status_code == 400


def test_single_sign_on_session_is_not_asked_for_a_code():
    admin = UserFactory(is_superuser=True, is_staff=True)
    confirmed(admin)
    client = Client()
    client.force_login(admin)
    session = client.session
    session["oidc_provider"] = "pirkanmaa"  # as oidc.CallbackView leaves it
    session.save()
    assert client.get("/account/").status_code == 200
    page = client.get("/account/").content.decode()
    assert reverse("mfa_setup") not in page


def test_remove_with_password_or_code_and_audited(frozen):
    user = UserFactory()
    device = confirmed(user)
    client = password_login(user)
    client.post(reverse("mfa_verify"), {"otp_token": current_code(device)})
    response = client.post(reverse("mfa_remove"), {"confirmation": "wrong password"})
    assert response.status_code == 400 and TOTPDevice.objects.filter(user=user).exists()
    frozen.tick(timedelta(seconds=3))
    response = client.post(reverse("mfa_remove"), {"confirmation": PASSWORD})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=user).exists()
    deleted = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(TOTPDevice),
                                      object_pk=str(device.pk), action=LogEntry.Action.DELETE)
    assert deleted.get().actor_id == user.pk
    # without a device, the password alone signs in again
    assert password_login(user).get("/account/").status_code == 200


def test_remove_with_a_code(frozen):
    user = UserFactory()
    device = confirmed(user)
    client = password_login(user)
    client.post(reverse("mfa_verify"), {"otp_token": current_code(device)})
    response = client.post(reverse("mfa_remove"), {"confirmation": current_code(device, drift=1)})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=user).exists()


def test_account_page_offers_set_up_to_everyone():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page = client.get("/account/").content.decode()
    assert reverse("mfa_setup") in page and reverse("mfa_remove") not in page


def test_an_unverified_session_cannot_remove_the_device_with_the_password_alone(frozen):
    user = UserFactory()
    confirmed(user)
    client = password_login(user)  # the password, no code yet
    response = client.post(reverse("mfa_remove"), {"confirmation": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_verify"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    for name in ("api_token_create", "account"):
        assert client.get(reverse(name)).status_code == 302
    assert client.post(reverse("api_token_create"), {"description": "x"}).status_code == 302


def test_the_set_up_code_cannot_sign_in_again(frozen):
    user = UserFactory()
    client = password_login(user)
    secret = re.search(r'id="mfa-secret">([A-Z2-7 ]+)<', client.get(reverse("mfa_setup")).content.decode()).group(1)
    code = code_from_secret(secret)
    assert client.post(reverse("mfa_setup"), {"otp_token": code}).status_code == 302
    other = password_login(user)
    assert other.post(reverse("mfa_verify"), {"otp_token": code}).status_code == 400
    frozen.tick(timedelta(seconds=2))  # past the throttle of that wrong try
    assert other.post(reverse("mfa_verify"), {"otp_token": code_from_secret(secret, drift=1)}).status_code == 302
