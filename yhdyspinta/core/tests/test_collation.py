"""ICU collation by the page's language (core/collation.py) and the finder's municipality select."""

import re

from django.urls import reverse
from django.utils import translation

from conftest import client_for
from tests.factories import MunicipalityFactory
from yhdyspinta.core.collation import sort_key, sorted_by

NAMES = ["Åbo", "Vasa", "Jakobstad", "Zeta", "Österbotten", "Ähtäri", "Närpes", "helsingfors"]


def test_swedish_and_finnish_put_a_ring_a_umlaut_o_umlaut_after_z_english_does_not():
    expected = ["helsingfors", "Jakobstad", "Närpes", "Vasa", "Zeta", "Åbo", "Ähtäri", "Österbotten"]
    assert sorted_by(NAMES, lang="sv") == expected
    assert sorted_by(NAMES, lang="fi") == expected
    assert sorted_by(NAMES, lang="en")[:2] == ["Åbo", "Ähtäri"]
    assert min(NAMES) == "Jakobstad"  # code points: capitals first, unlike the collators
    with translation.override("sv"):
        assert sorted(NAMES, key=sort_key) == expected


def test_finder_municipality_select_sorts_by_the_page_language(world):
    MunicipalityFactory(name="Pietarsaari", name_fi="Pietarsaari", name_sv="Jakobstad", area=world.county_b)
    MunicipalityFactory(name="Turku", name_fi="Turku", name_sv="Åbo", area=world.county_b)
    MunicipalityFactory(name="Kaskinen", name_fi="Kaskinen", name_sv="Kaskö", area=world.county_b)
    for lang, expected in (("sv", ["Jakobstad", "Kaskö", "Åbo"]), ("fi", ["Kaskinen", "Pietarsaari", "Turku"])):
        with translation.override(lang):
            url = reverse("catalogue:finder")
        html = client_for(None).get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        select = html[html.index('name="municipality"'):]
        select = select[: select.index("</select>")]
        options = [o for o in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select) if o in expected]
        assert options == expected, (lang, options)


def test_public_service_list_organiser_filter_sorts_by_the_page_language(world):
    MunicipalityFactory(name="Pietarsaari", name_fi="Pietarsaari", name_sv="Jakobstad", area=world.county_b)
    MunicipalityFactory(name="Turku", name_fi="Turku", name_sv="Åbo", area=world.county_b)
    MunicipalityFactory(name="Kaskinen", name_fi="Kaskinen", name_sv="Kaskö", area=world.county_b)
    with translation.override("sv"):
        url = reverse("catalogue:service_list")
    html = client_for(None).get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    select = html[html.index('name="organisation"'):]
    select = select[: select.index("</select>")]
    assert select.index(">Jakobstad<") < select.index(">Kaskö<") < select.index(">Åbo<")
    assert select.index(">Alfala<") < select.index(">Jakobstad<")
