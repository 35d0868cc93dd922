"""Sotkanet names an indicator's region levels in Finnish; the page names them in its own language."""

import pytest

from conftest import client_for

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "expected"), [
    ("", "Kunta, Hyvinvointialue, Koko maa, Sairaanhoitopiiri, Tuntematon taso"),
    ("/sv", "Kommun, Välfärdsområde, Hela landet, Sjukvårdsdistrikt, Tuntematon taso"),
    ("/en", "Municipality, Wellbeing services county, Whole country, Hospital district, Tuntematon taso"),
])
def test_region_levels_in_the_pages_language(prefix, expected):
    indicator = IndicatorFactory(region_levels="Kunta, Hyvinvointialue, Maa, Sairaanhoitopiiri, Tuntematon taso")
    page = client_for(None).get(f"{prefix}{indicator.get_absolute_url()}").content.decode()
    assert expected in page
