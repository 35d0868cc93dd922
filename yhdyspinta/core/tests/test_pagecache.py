"""The anonymous page cache shares only what every anonymous visitor would get anyway."""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from conftest import client_for
from yhdyspinta.core.models import AccessLog

PAGE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"},
}


@pytest.fixture
def cached(settings):
    with override_settings(CACHES=PAGE_CACHE, ANONYMOUS_CACHE_SECONDS=60):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


def test_anonymous_pages_are_shared_per_language(world, cached):
    first, second = Client().get("/organisations/"), Client().get("/organisations/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content and second["Content-Type"].startswith("text/html")
    assert "X-Request-ID" in second and "Content-Security-Policy" in second  # outer middleware still run
    swedish = Client(HTTP_ACCEPT_LANGUAGE="sv").get("/organisations/")
    assert swedish["X-Page-Cache"] == "miss" and '<html lang="sv">' in swedish.content.decode()


def test_a_change_shows_to_signed_in_users_at_once_and_to_anonymous_after_the_cache(world, cached):
    Client().get(f"/organisations/{world.a1.pk}/")
    world.a1.name_fi = "Uusi Alfala"
    world.a1.save()
    assert "Uusi Alfala" not in Client().get(f"/organisations/{world.a1.pk}/").content.decode()
    assert "Uusi Alfala" in client_for(world.viewer).get(f"/organisations/{world.a1.pk}/").content.decode()
    cached.clear()  # what the expiry does after ANONYMOUS_CACHE_SECONDS
    assert "Uusi Alfala" in Client().get(f"/organisations/{world.a1.pk}/").content.decode()


def test_signed_in_token_post_and_query_variants_are_not_shared(world, cached):
    signed_in = client_for(world.viewer)
    assert "X-Page-Cache" not in signed_in.get("/organisations/") and "X-Page-Cache" not in signed_in.get("/organisations/")
    token = Client(HTTP_AUTHORIZATION="Token nonsense")
    assert "X-Page-Cache" not in token.get("/api/v1/organisations/organisations/")
    assert Client().get("/organisations/?q=alfa")["X-Page-Cache"] == "miss"
    assert Client().get("/organisations/?q=bet")["X-Page-Cache"] == "miss"


def test_pages_with_a_csrf_token_are_not_stored(world, cached):
    for _ in range(2):
        response = Client().get("/login/")
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_exports_are_logged_every_time_and_never_stored(world, cached):
    for _ in range(2):
        response = Client().get("/organisations/", {"export": "csv"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert AccessLog.objects.filter(action="export").count() == 2


def test_the_api_is_shared_for_anonymous_readers(world, cached):
    first = Client().get("/api/v1/organisations/organisations/?limit=5")
    second = Client().get("/api/v1/organisations/organisations/?limit=5")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.json() == second.json()


def test_off_by_default_in_tests(world):
    assert "X-Page-Cache" not in Client().get("/organisations/")


def test_the_language_switch_works_without_a_token(world, cached):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/organisations/"})
    assert response.status_code == 302 and client.cookies["django_language"].value == "sv"
