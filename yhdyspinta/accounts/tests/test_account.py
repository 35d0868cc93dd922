"""The account page (`/account/`, accounts/account.py) for the signed-in user."""

import pytest
from django.urls import reverse

from conftest import client_for

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("account", "api_token_create", "mfa_setup", "mfa_verify", "mfa_remove"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_account_page_shows_the_user_memberships_and_links(world):
    world.editor.first_name, world.editor.last_name, world.editor.email = "Eeva", "Editori", "eeva@alfala.fi"
    world.editor.save()
    page = client_for(world.editor).get(reverse("account"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    body = page.content.decode()
    for text in ("Eeva Editori", "eeva@alfala.fi", world.a1.name, "Editor", reverse("password_change"),
                 reverse("notifications:preferences"), reverse("api_token_create"), reverse("mfa_setup")):
        assert text in body, text
    assert world.b1.name not in body
    assert '<caption>' in body and 'scope="col"' in body


def test_user_menu_links_to_the_account_page(world):
    body = client_for(world.viewer).get("/").content.decode()
    assert f'href="{reverse("account")}"' in body


def test_language_of_e_mails_is_saved(world):
    client = client_for(world.viewer)
    response = client.post(reverse("account"), {"language": "sv"})
    assert response.status_code == 302
    world.viewer.refresh_from_db()
    assert world.viewer.language == "sv"
    assert client.post(reverse("account"), {"language": "xx"}).status_code == 400
    world.viewer.refresh_from_db()
    assert world.viewer.language == "sv"
