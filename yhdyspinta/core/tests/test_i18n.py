"""Three languages: complete catalogues, Finnish default, the switch keeps the page."""

import pytest
from django.test import Client

from scripts.messages import problems


def test_finnish_and_swedish_catalogues_are_complete():
    assert problems() == []


@pytest.mark.django_db
def test_finnish_is_the_default_and_the_switch_keeps_the_page():
    client = Client()
    assert '<html lang="fi">' in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/organisations/?q=tampere"})
    assert response.status_code == 302 and response["Location"] == "/sv/organisations/?q=tampere"
    page = client.get("/organisations/").content.decode()  # an old address answers in the choice
    assert '<html lang="sv">' in page and "Organisationer" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Organisations" in client.get("/organisations/").content.decode()


@pytest.mark.django_db
def test_content_falls_back_to_finnish(world):
    from django.utils import translation

    world.a1.name_fi, world.a1.name_sv = "Mustasaari", ""
    world.a1.save()
    with translation.override("sv"):
        assert world.a1.name == "Mustasaari"
    world.a1.name_sv = "Korsholm"
    world.a1.save()
    with translation.override("sv"):
        assert world.a1.name == "Korsholm"
