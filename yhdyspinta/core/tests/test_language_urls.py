"""The language in the address (issue 16): /sv/ and /en/ serve their language to anyone, the
unprefixed address is Finnish or the visitor's saved choice, the front page redirects by it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation


@pytest.mark.django_db
def test_a_swedish_link_serves_swedish_to_anyone():
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    response = client.get("/sv/organisations/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="sv">' in page and "Organisationer" in page
    assert 'href="/sv/' in page  # the page's own links keep the language
    assert response["Content-Language"] == "sv"
    english = client.get("/en/organisations/").content.decode()
    assert '<html lang="en">' in english and "Organisations" in english


@pytest.mark.django_db
def test_unprefixed_address_is_finnish_by_default_and_follows_the_saved_choice():
    client = Client()
    page = client.get("/organisations/").content.decode()
    assert '<html lang="fi">' in page and 'href="/organisations/' in page
    client.cookies["django_language"] = "sv"
    response = client.get("/organisations/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="sv">' in page  # old links keep working
    assert 'href="/sv/organisations/' in page
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_front_page_redirects_by_choice_or_accept_language():
    assert Client().get("/").status_code == 200  # Finnish at /
    response = Client(HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9").get("/")
    assert response.status_code == 302 and response["Location"] == "/sv/"
    client = Client()
    client.cookies["django_language"] = "en"
    assert client.get("/")["Location"] == "/en/"


@pytest.mark.django_db
def test_a_finnish_link_stores_finnish_and_opens_the_finnish_address():
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    response = client.get("/fi/organisations/?q=vaasa")
    assert response.status_code == 302 and response["Location"] == "/organisations/?q=vaasa"
    assert response.cookies["django_language"].value == "fi"
    assert '<html lang="fi">' in client.get("/organisations/").content.decode()


@pytest.mark.django_db
def test_the_switch_stores_a_lasting_choice_and_opens_the_same_page():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/organisations/?q=tampere"})
    assert response["Location"] == "/sv/organisations/?q=tampere"
    assert int(response.cookies["django_language"]["max-age"]) >= 365 * 24 * 3600
    response = client.post("/i18n/setlang/", {"language": "fi", "next": "/sv/organisations/"})
    assert response["Location"] == "/organisations/"


@pytest.mark.django_db
def test_hreflang_alternates_and_a_button_per_other_language():
    page = Client().get("/sv/organisations/").content.decode()
    assert '<link rel="alternate" hreflang="fi" href="http://testserver/organisations/">' in page
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/organisations/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/organisations/">' in page
    assert '<button type="submit" name="language" value="fi" lang="fi"' in page
    assert 'value="sv" lang="sv"' not in page  # the current language is not offered
    assert "<select" not in page.split('class="lang-form"')[1].split("</form>")[0]


@pytest.mark.django_db
def test_api_admin_and_sign_in_have_no_language_prefix():
    with translation.override("sv"):
        assert reverse("set_language") == "/i18n/setlang/"
        assert reverse("api-schema").startswith("/api/")
        assert reverse("login") == "/login/"
        assert reverse("oidc_callback") == "/oidc/callback/"
        assert reverse("organisations:organisation_list") == "/sv/organisations/"
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/organisations/organisations/").status_code == 200


@pytest.mark.django_db
def test_a_form_posted_to_an_old_address_is_answered_in_place():
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    response = client.post("/search/", {"q": "x"})
    assert response.status_code == 405  # found (as /sv/search/), only GET is allowed there


@pytest.mark.django_db
def test_the_switch_on_a_swedish_page_opens_it_in_finnish_for_a_finnish_visitor():
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")  # a shared /sv/ link opened in a Finnish browser
    response = client.post("/i18n/setlang/", {"language": "fi", "next": "/sv/organisations/?q=vaasa"})
    assert response["Location"] == "/organisations/?q=vaasa"
    response = Client(HTTP_ACCEPT_LANGUAGE="fi").post("/i18n/setlang/", {"language": "en", "next": "/sv/organisations/"})
    assert response["Location"] == "/en/organisations/"
