"""Password change and reset by e-mail (accounts/passwords.py); mails captured in the locmem outbox."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

pytestmark = pytest.mark.django_db

NEW = "Uusi-salasana-2026!"


def _local(user, password="Vanha-salasana-2026!"):
    user.set_password(password)
    user.save()
    return password


def test_password_change(world, as_user):
    old = _local(world.editor)
    client = as_user(world.editor)
    response = client.post(reverse("password_change"),
                           {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200  # wrong old password: form again, nothing changed
    world.editor.refresh_from_db()
    assert world.editor.check_password(old)
    response = client.post(reverse("password_change"),
                           {"old_password": old, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    world.editor.refresh_from_db()
    assert world.editor.check_password(NEW)


def test_password_change_requires_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_sso_only_user_is_told_to_use_organisation_sign_in(world, as_user):
    world.viewer.set_unusable_password()
    world.viewer.save()
    response = as_user(world.viewer).get(reverse("password_change"))
    assert response.status_code == 200
    assert "kirjaudu organisaatiosi tunnuksella" in response.content.decode()  # Finnish is the default
    assert b'name="new_password1"' not in response.content


def test_reset_flow_in_users_language(world, client):
    _local(world.editor)
    world.editor.email = "editori@example.fi"
    world.editor.language = "fi"
    world.editor.save()
    response = client.post(reverse("password_reset"), {"email": "editori@example.fi"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editori@example.fi"]
    link = re.search(r"https?://\S+/password-reset/\S+/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path)
    assert response.status_code == 302  # Django moves the token into the session
    set_url = response["Location"]
    response = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    world.editor.refresh_from_db()
    assert world.editor.check_password(NEW)
    # The same link again: refused with a clear page.
    response = client.get(path, follow=True)
    assert "vanhentunut tai jo käytetty" in response.content.decode()


def test_reset_mail_uses_recipient_language(world, client, settings):
    settings.LANGUAGE_CODE = "en"
    _local(world.editor)
    world.editor.email = "ruotsi@example.fi"
    world.editor.language = "sv"
    world.editor.save()
    client.post(reverse("password_reset"), {"email": "ruotsi@example.fi"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(mail.outbox) == 1
    assert "Yhdyspinta" in mail.outbox[0].subject
    assert mail.outbox[0].subject.strip() == "Återställning av lösenord i Yhdyspinta"  # Swedish, not English


def test_no_reset_mail_for_sso_only_account(world, client):
    world.viewer.email = "sso@example.fi"
    world.viewer.set_unusable_password()
    world.viewer.save()
    client.post(reverse("password_reset"), {"email": "sso@example.fi"})
    assert mail.outbox == []


def test_expired_reset_link_refused(world, client, monkeypatch, settings):
    _local(world.editor)
    real_now = default_token_generator._now
    monkeypatch.setattr(default_token_generator, "_now",
                        lambda: real_now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60))
    token = default_token_generator.make_token(world.editor)
    monkeypatch.undo()
    uid = urlsafe_base64_encode(force_bytes(world.editor.pk))
    response = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)
    assert response.status_code == 200
    assert "vanhentunut tai jo käytetty" in response.content.decode()
    assert b'name="new_password1"' not in response.content
