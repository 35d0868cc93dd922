"""The public finder never shows internal records or fields and understands Finnish word forms."""

from django.utils import translation

from yhdyspinta.catalogue.finder import find
from yhdyspinta.catalogue.models import ContactPoint

from .factories import InterfaceFactory, ServiceFactory, ServicePointFactory


def make(world):
    clinic = ServiceFactory(organisation=world.county_a, field="child_health_clinic", name="Lastenneuvola",
                            name_sv="Barnrådgivning", name_en="Child health clinic",
                            how_to_get_fi="Soita neuvolan ajanvaraukseen.",
                            how_to_get_en="Call the clinic's appointment line.")
    ServicePointFactory(service=clinic, name="Keskustan neuvola", municipality=world.a1)
    ServicePointFactory(service=clinic, name="Toisen kunnan neuvola", municipality=world.a2)
    ContactPoint.objects.create(service=clinic, name="Ajanvaraus", phone="03 123 4567")
    curators = ServiceFactory(organisation=world.county_a, field="student_welfare",
                              name="Koulukuraattorit ja koulupsykologit", name_en="School curators")
    secret = ServiceFactory(organisation=world.county_a, field="child_protection", name="Salainen neuvolatiimi",
                            visibility="internal")
    other_county = ServiceFactory(organisation=world.county_b, name="Betan neuvola", field="child_health_clinic")
    public_if = InterfaceFactory(parties=[world.a1, world.county_a], title="Neuvola ja päiväkoti",
                                 where_client_fi="Neuvolassa", internal_notes="SALAISUUS-123")
    public_if.services.set([clinic, secret])
    internal_if = InterfaceFactory(parties=[world.a1, world.county_a], title="Sisäinen neuvolayhteistyö",
                                   visibility="internal")
    return clinic, curators, secret, other_county, public_if, internal_if


def test_inflected_queries_find_services(world):
    clinic, curators, *_ = make(world)
    results = find(world.a1, "neuvolaan")
    assert [r["service"] for r in results["services"]] == [clinic]
    assert [p["name"]["text"] for p in results["services"][0]["points"]] == ["Keskustan neuvola"]
    assert [r["service"] for r in find(world.a1, "koulukuraattori")["services"]] == [curators]
    assert [r["service"] for r in find(world.a1, "mihin otan yhteyttä kun tarvitsen kuraattorin")["services"]] \
        == [curators]


def test_never_internal(world):
    _clinic, _curators, secret, other_county, _public_if, _internal_if = make(world)
    results = find(world.a1, "neuvola")
    services = [r["service"] for r in results["services"]]
    assert secret not in services and other_county not in services
    titles = [r["title"] for r in results["interfaces"]]
    assert titles == ["Neuvola ja päiväkoti"]
    assert [s["name"] for s in results["interfaces"][0]["services"]] == ["Lastenneuvola"]
    assert "SALAISUUS" not in repr(results)


def test_finder_page_anonymous_in_three_languages(world, as_user):
    make(world)
    client = as_user(None)
    page = client.get("/catalogue/finder/", {"municipality": world.a1.pk, "q": "neuvolaan"}).content.decode()
    assert "Lastenneuvola" in page and "Keskustan neuvola" in page and "03 123 4567" in page
    assert "Salainen" not in page and "Sisäinen" not in page and "SALAISUUS" not in page
    client.cookies["django_language"] = "en"
    page = client.get("/catalogue/finder/", {"municipality": world.a1.pk, "q": "clinic"}).content.decode()
    assert "Child health clinic" in page and "Call the clinic" in page
    assert client.get("/catalogue/finder/").status_code == 200


def test_english_results_in_english(world):
    make(world)
    with translation.override("en"):
        results = find(world.a1, "clinic")
    assert results["services"][0]["name"] == "Child health clinic"
    assert results["services"][0]["how_to_get"] == "Call the clinic's appointment line."


def test_place_in_query_selects_the_municipality_with_a_note(world, as_user):
    make(world)
    client = as_user(None)
    page = client.get("/catalogue/finder/", {"municipality": world.a1.pk, "q": "neuvola Betala"}).content.decode()
    assert "Betan neuvola" in page and "Lastenneuvola" not in page  # Betala's county, not Alfala's
    assert "Betala" in page and 'role="status"' in page
    assert f'<option value="{world.b1.pk}" selected>' in page
    page = client.get("/catalogue/finder/", {"q": "neuvola Betala"}).content.decode()  # no municipality chosen
    assert "Betan neuvola" in page
    page = client.get("/catalogue/finder/", {"q": "neuvola"}).content.decode()
    assert "Betan neuvola" not in page and "Lastenneuvola" not in page


def test_finder_forgives_typos_and_missing_letters(world):
    clinic, curators, *_ = make(world)
    assert [r["service"] for r in find(world.a1, "kuraatori")["services"]] == [curators]
    assert [r["service"] for r in find(world.a1, "lastenneuvla")["services"]] == [clinic]


def test_site_search_and_api_use_the_same_forgiving_search(world, as_user, api_as):
    """core.search.text_filter (site search, list filters, the API's q) goes through core.textsearch."""
    make(world)
    ServiceFactory(organisation=world.county_a, field="child_protection", name="Lastensuojelu")
    ServiceFactory(organisation=world.county_a, field="support_services", name="ICT-palvelut")
    page = as_user(world.admin).get("/search/", {"q": "lastensuojelo"}).content.decode()
    assert "Lastensuojelu" in page
    api = api_as(world.admin)
    body = api.get("/api/v1/catalogue/services/", {"q": "huoli lapsesta"}).json()
    names = [s["name_fi"] for s in body.get("results", body)]
    assert names == ["Lastensuojelu"]
    body = api.get("/api/v1/catalogue/services/", {"q": "neuvolaan"}).json()
    names = {s["name_fi"] for s in body.get("results", body)}
    assert names == {"Lastenneuvola", "Salainen neuvolatiimi", "Betan neuvola"}  # the superuser sees all
    body = api.get("/api/v1/catalogue/services/", {"q": "päihdepalvelut"}).json()
    assert body.get("results", body) == []  # "palvelut" alone does not find "ICT-palvelut"
