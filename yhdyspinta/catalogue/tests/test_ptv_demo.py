"""The demo's recorded PTV-format data: Jakobstad's school curator and Nokia's child protection are
found with a phone number, in Swedish and Finnish queries, with 112 first on the crisis topic."""

from io import StringIO

import pytest
from django.utils import translation

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.catalogue import demo
from yhdyspinta.catalogue.finder import find, municipality_in_query
from yhdyspinta.catalogue.models import ContactPoint, OrganisationContact, Service
from yhdyspinta.catalogue.ptv_demo import load_ptv_demo


@pytest.fixture
def places(db):
    pirkanmaa = CountyFactory(code="08", name="Pirkanmaan hyvinvointialue")
    pohjanmaa = CountyFactory(code="17", name="Pohjanmaan hyvinvointialue", name_sv="Österbottens välfärdsområde")
    return {
        "08": pirkanmaa, "17": pohjanmaa,
        "837": MunicipalityFactory(code="837", name="Tampere", area=pirkanmaa, population=250000),
        "536": MunicipalityFactory(code="536", name="Nokia", name_sv="Nokia", area=pirkanmaa),
        "598": MunicipalityFactory(code="598", name="Pietarsaari", name_sv="Jakobstad", area=pohjanmaa),
        "545": MunicipalityFactory(code="545", name="Närpiö", name_sv="Närpes", area=pohjanmaa),
    }


def test_demo_finds_jakobstad_curator_and_nokia_child_protection_with_phones(places):
    demo.load(StringIO())
    load_ptv_demo()  # idempotent
    assert Service.objects.filter(organisation=places["17"], ptv_id__gt="").count() == 4
    assert OrganisationContact.objects.get(organisation=places["17"]).social_emergency_phone
    for lang in ("fi", "sv"):
        with translation.override(lang):
            assert municipality_in_query("skolkurator Jakobstad") == places["598"]
            result = find(places["598"], "skolkurator Jakobstad")["services"][0]
            assert result["service"].ptv_id.endswith("03")
            assert [c["tel"] for c in result["contacts"]] == ["tel:+35860002598"]
    with translation.override("fi"):
        assert municipality_in_query("lastensuojelun Nokialla") == places["536"]
        found = find(places["536"], "lastensuojelun Nokialla")
    result = found["services"][0]
    assert result["service"].source_key == "child_protection" and result["service"].organisation == places["08"]
    assert [c["tel"] for c in result["contacts"]] == ["tel:+35830005360"]  # not Tampere's number
    assert found["crisis"]["emergency_tel"] == "tel:112" and found["crisis"]["county"]["social_emergency_tel"]
    assert ContactPoint.objects.filter(service=result["service"]).count() == 2
    with translation.override("sv"):
        narpes = find(places["545"], "barnskydd")
    assert narpes["services"][0]["name"] == "Barnskydd" and narpes["crisis"]["county"]["organisation"] == places["17"]


def test_nothing_found_outside_the_demo_county_points_to_the_county_and_the_municipality(places, client):
    from django.urls import reverse

    load_ptv_demo()
    for code, lang in (("598", "sv"), ("545", "sv"), ("545", "fi")):
        with translation.override(lang):
            url = reverse("catalogue:finder")
        html = client.get(url, {"municipality": places[code].pk, "q": "xyzzyqwerty"},
                          HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert 'href="tel:060002100"' in html  # Pohjanmaa's switchboard
        general = OrganisationContact.objects.get(organisation=places[code])
        assert general.phone and general.phone in html  # and the municipality's own
        assert ("Pröva andra ord" if lang == "sv" else "Kokeile muita sanoja") in html
        main = html.split("<main", 1)[1].split("</main>", 1)[0].lower()
        assert "gränsyt" not in main and "yhdyspin" not in main  # no register jargon for residents
