"""Every finder result says how to contact: tel: links, hours in the page's language, the service page,
the organiser's general contact as a fallback, 112 and the social emergency service first on crisis
topics, general contacts and a plain hint when nothing matched; the editors' contact-gaps list."""

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from yhdyspinta.catalogue.finder import find
from yhdyspinta.catalogue.models import ContactPoint, OrganisationContact, PtvService
from yhdyspinta.core.models import AccessLog

from .factories import ServiceFactory, ServicePointFactory


@pytest.fixture
def services(world):
    curator = ServiceFactory(organisation=world.county_a, field="student_welfare", name="Koulukuraattori",
                             name_sv="Skolkurator", name_en="")
    ContactPoint.objects.create(service=curator, name="Kuraattorit, A1", name_sv="Kuratorer, A1",
                                phone="+358 6 000 2598", hours_fi="ma–pe 8–15", municipality=world.a1)
    ContactPoint.objects.create(service=curator, name="Kuraattorit, A2", phone="06 000 2222", municipality=world.a2)
    protection = ServiceFactory(organisation=world.county_a, field="child_protection", name="Lastensuojelu",
                                name_sv="Barnskydd")
    OrganisationContact.objects.create(organisation=world.county_a, phone="06 000 2100", url="https://a.example/",
                                       social_emergency_phone="06 000 2000", hours_fi="ma–pe 8–16")
    OrganisationContact.objects.create(organisation=world.a1, phone="06 000 3000", address="Kirkkokatu 1")
    return {"curator": curator, "protection": protection}


def page(client, world, q, lang="fi"):
    with translation.override(lang):
        url = reverse("catalogue:finder")
    return client.get(url, {"municipality": world.a1.pk, "q": q}, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_contacts_of_the_municipality_with_tel_links_and_the_service_page(world, services, client):
    with translation.override("sv"):
        result = find(world.a1, "skolkurator")["services"][0]
        assert result["url"] == services["curator"].get_absolute_url()
    assert result["service"] == services["curator"]
    assert [c["phone"] for c in result["contacts"]] == ["+358 6 000 2598"]  # not the other municipality's
    contact = result["contacts"][0]
    assert contact["tel"] == "tel:+35860002598" and contact["name"] == {"text": "Kuratorer, A1", "lang": None}
    assert contact["hours"] == {"text": "ma–pe 8–15", "lang": "fi"}  # only in Finnish: marked
    assert result["fallback"] is None and find(world.a1, "skolkurator")["crisis"] is None
    html = page(client, world, "kuraattori")
    with translation.override("fi"):
        assert 'href="tel:+35860002598"' in html and f'href="{services["curator"].get_absolute_url()}"' in html
    assert "06 000 2222" not in html and 'href="tel:112"' not in html  # a bare "112" may be an id


def test_crisis_topics_show_112_and_the_social_emergency_service_first(world, services, client):
    html = page(client, world, "lastensuojeluilmoitus")
    assert 'href="tel:112"' in html and 'href="tel:060002000"' in html
    assert html.index('href="tel:112"') < html.index("Lastensuojelu</a>")
    # no contacts of its own: the county's general contact stands in
    result = find(world.a1, "lastensuojelu")["services"][0]
    assert result["service"] == services["protection"] and result["fallback"]["tel"] == "tel:060002100"
    assert 'href="tel:060002100"' in html


def test_nothing_found_gives_general_contacts_and_a_plain_hint(world, services, client):
    html = page(client, world, "xyzzy kvanttitietokone", "sv")
    assert 'href="tel:060003000"' in html and 'href="tel:060002100"' in html and "Kirkkokatu 1" in html
    main = html[html.index("<main"):html.index("</main>")].lower()
    assert "gränsyt" not in main and "yhdyspin" not in main and "interface" not in main


def test_contact_gaps_list_counts_exports_and_confirms_a_ptv_match(world, services):
    PtvService.objects.create(ptv_id="p-1", organisation=world.county_a, name="Lastensuojelu",
                              name_fi="Lastensuojelu")
    client = client_for(world.coordinator)
    response = client.get(reverse("catalogue:contact_gaps"))
    html = response.content.decode()
    assert "Lastensuojelu" in html and "Koulukuraattori" not in html
    assert (len(response.context["rows"]), response.context["total"]) == (1, 2)
    assert response.context["rows"][0]["general"] and 'name="ptv_id" value="p-1"' in html
    response = client.get(reverse("catalogue:contact_gaps"), {"export": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "Lastensuojelu" in body and "Koulukuraattori" not in body
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()
    response = client.post(reverse("catalogue:service_link_ptv", args=[services["protection"].pk]), {"ptv_id": "p-1"})
    assert response.status_code == 302
    services["protection"].refresh_from_db()
    assert services["protection"].ptv_id == "p-1"


def test_contact_gaps_needs_login_and_link_needs_the_right(world, services, client):
    assert client.get(reverse("catalogue:contact_gaps")).status_code == 302
    PtvService.objects.create(ptv_id="p-1", organisation=world.county_a, name="Lastensuojelu")
    client_for(world.other).post(reverse("catalogue:service_link_ptv", args=[services["protection"].pk]),
                                 {"ptv_id": "p-1"})
    services["protection"].refresh_from_db()
    assert services["protection"].ptv_id == ""


def test_service_page_phone_is_a_tel_link(world, services, client):
    html = client.get(services["curator"].get_absolute_url()).content.decode()
    assert 'href="tel:+35860002598">+358 6 000 2598</a>' in html and 'href="tel:060002222"' in html


def visible_text(html):
    """The page's text as a reader sees it: tags dropped, whitespace runs as one space."""
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_contact_lines_have_no_stray_space_before_punctuation(world, services, client):
    """Walk 5 #14: "Nokia , puhelin … (ma–pe 9.00–15.00 )" — no space before a comma or a closing bracket."""
    ServicePointFactory(service=services["curator"], name="Oppilashuolto, A1", street_address="Koulukatu 5",
                        postal_code="", post_office="", opening_hours_fi="ma–pe 8–16", municipality=world.a1)
    text = visible_text(page(client, world, "kuraattori"))
    assert "Kuraattorit, A1, puhelin +358 6 000 2598 (ma–pe 8–15)" in text
    assert "Oppilashuolto, A1, Koulukatu 5. ma–pe 8–16" in text
    sv = visible_text(page(client, world, "skolkurator", lang="sv"))
    assert "Kuratorer, A1, telefon +358 6 000 2598 (ma–pe 8–15)" in sv  # the Finnish hours marked lang="fi"
    assert " ," not in text + sv and " )" not in text + sv
