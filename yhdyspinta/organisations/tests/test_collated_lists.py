"""The organisations app's lists sort by the page's language (ICU, core/collation.py) before the page is
cut: in Swedish Jakobstad among the J's and Åbo after Z; in Finnish Å before Ä (issue 16)."""

import re

import pytest

from conftest import client_for
from tests.factories import MunicipalityFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(world):
    MunicipalityFactory(name="Pietarsaari", name_fi="Pietarsaari", name_sv="Jakobstad", area=world.county_b)
    MunicipalityFactory(name="Turku", name_fi="Turku", name_sv="Åbo", area=world.county_b)
    MunicipalityFactory(name="Kaskinen", name_fi="Kaskinen", name_sv="Kaskö", area=world.county_b)
    MunicipalityFactory(name="Ähtäri", name_fi="Ähtäri", name_sv="Etseri", area=world.county_a)
    MunicipalityFactory(name="Åvik", name_fi="Åvik", name_sv="Åvik", area=world.county_a)
    MunicipalityFactory(name="Zeta", name_fi="Zeta", name_sv="Zeta", area=world.county_a)
    return world


def _names(path, **params) -> list[str]:
    html = client_for(None).get(path, params).content.decode()
    body = html[html.index("<tbody"):html.index("</tbody>")]
    return re.findall(r'<a href="[^"]*/organisations/\d+/">([^<]+)</a>', body)


def test_swedish_list_sorts_by_swedish_names_across_pages(bilingual):
    names = _names("/sv/organisations/")
    assert names.index("Etseri") < names.index("Jakobstad") < names.index("Kaskö") < names.index("Zeta") \
        < names.index("Åbo") < names.index("Åvik")
    assert names[-2:] == ["Åbo", "Åvik"]
    # the page is cut after sorting: the last page holds the last names of the Swedish order
    count = len(names)
    last_page = _names("/sv/organisations/", per_page=3, page=(count + 2) // 3)
    assert last_page[-2:] == ["Åbo", "Åvik"]
    first_page = _names("/sv/organisations/", per_page=3)
    assert first_page == names[:3]
    assert _names("/sv/organisations/", sort="-name")[:2] == ["Åvik", "Åbo"]


def test_finnish_list_puts_a_ring_before_a_umlaut_after_z(bilingual):
    names = _names("/organisations/")
    assert names.index("Pietarsaari") < names.index("Turku") < names.index("Zeta") < names.index("Åvik") \
        < names.index("Ähtäri")
    assert names[-2:] == ["Åvik", "Ähtäri"]  # binary order would put Ä (U+00C4) before Å (U+00C5)


def test_other_columns_sort_by_the_language_too(bilingual):
    html = client_for(None).get("/sv/organisations/", {"sort": "area"}).content.decode()
    assert html.index("Alfan hyvinvointialue") < html.index("Betan hyvinvointialue")


def test_area_page_and_people_sort_by_the_page_language(bilingual):
    area = bilingual.county_b
    html = client_for(None).get(f"/sv/organisations/areas/{area.pk}/").content.decode()
    assert html.index(">Jakobstad<") < html.index(">Kaskö<") < html.index(">Åbo<")
    PersonFactory(first_name="Anna", last_name="Östman", organisation=bilingual.a1, visibility="public")
    PersonFactory(first_name="Bo", last_name="Åkerlund", organisation=bilingual.a1, visibility="public")
    PersonFactory(first_name="Cia", last_name="Zenit", organisation=bilingual.a1, visibility="public")
    html = client_for(bilingual.admin).get("/sv/organisations/people/").content.decode()
    assert html.index("Zenit") < html.index("Åkerlund") < html.index("Östman")
