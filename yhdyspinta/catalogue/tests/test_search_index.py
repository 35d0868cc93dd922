"""The finder's stored term index (search_index.py): the same ranking as analysing every service,
kept current by every save, and never a way around visibility."""

import io

from django.core.management import call_command
from django.utils import translation

from yhdyspinta.catalogue import search_index
from yhdyspinta.catalogue.finder import find, service_fields
from yhdyspinta.catalogue.models import Service, ServiceSearchTerms
from yhdyspinta.core import textsearch
from yhdyspinta.core.models import Visibility

from .factories import ServiceFactory

SERVICES = [  # (organiser, field, fi, sv, en, description fi, how to get fi)
    ("county_a", "child_protection", "Lastensuojelu", "Barnskydd", "Child protection",
     "Lastensuojeluilmoitus ja sosiaalipäivystys.", "Soita sosiaalipäivystykseen."),
    ("county_a", "mental_health", "Mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster",
     "Mental health and substance abuse services", "Päihdeongelmat ja masennus.", ""),
    ("county_a", "student_welfare", "Koulukuraattorit ja koulupsykologit", "Skolkuratorer och skolpsykologer",
     "School curators and psychologists", "", "Ota yhteyttä koulun kuraattoriin."),
    ("county_a", "primary_health", "Terveysasema", "Hälsostation", "Health centre",
     "Lääkärin ja hoitajan vastaanotto.", ""),
    ("a1", "early_childhood", "Varhaiskasvatus ja päiväkodit", "Småbarnspedagogik", "Early childhood education",
     "Päivähoito kunnan päiväkodeissa.", ""),
    ("a1", "employment", "Työllisyyspalvelut", "Sysselsättningstjänster", "Employment services",
     "TE-palvelut siirtyivät kunnalle.", ""),
    ("county_a", "home_care", "Kotihoito", "Hemvård", "Home care", "Ikäihmisten kotihoito.", ""),
]
QUERIES = [("fi", "lastensuojelun"), ("fi", "alkoholiongelma"), ("fi", "koulukuraattori"), ("fi", "kuraatori"),
           ("fi", "tyollisyys"), ("fi", "TE-toimisto"), ("fi", "päivähoito"), ("fi", "lääkäri"),
           ("fi", "huoli lapsesta"), ("fi", "palvelut"), ("fi", "kotihoitto"), ("fi", "masennus Alfalassa"),
           ("sv", "skolkurator"), ("sv", "barnskydd"), ("sv", "hemvård"), ("en", "doctor"),
           ("en", "mental health"), ("en", "home care"), ("en", "employment")]


def make(world):
    made = []
    for org, field, fi, sv, en, description, how in SERVICES:
        made.append(ServiceFactory(organisation=getattr(world, org), field=field, name=fi, name_sv=sv, name_en=en,
                                   description_fi=description, how_to_get_fi=how))
    ServiceFactory(organisation=world.county_a, field="child_protection", name="Sisäinen lastensuojelutiimi",
                   visibility=Visibility.INTERNAL)
    ServiceFactory(organisation=world.county_b, field="child_protection", name="Betan lastensuojelu")
    return made


def plain_ranking(world, query):
    """textsearch.search over the finder's fields of every public service of a1 and its county."""
    services = list(Service.objects.filter(visibility=Visibility.PUBLIC,
                                           organisation__in=[world.a1, world.county_a]).order_by("organisation__name",
                                                                                                 "name", "pk"))
    places = search_index.place_names()
    return [s.pk for s in textsearch.search(query, services, service_fields, places=places)[0][:20]]


def test_the_index_ranks_as_analysing_every_service(world):
    make(world)
    for lang, query in QUERIES:
        with translation.override(lang):
            found = [r["service"].pk for r in find(world.a1, query)["services"]]
            assert found == plain_ranking(world, query), (lang, query)
            assert found or query == "palvelut", (lang, query)


def test_a_save_stores_the_terms_and_the_next_search_sees_it(world):
    clinic, *_ = make(world)
    stored = ServiceSearchTerms.objects.get(service=clinic)
    assert stored.analyser == textsearch.analyser_key()
    assert "lastensuojelu" in stored.terms["name_fi"][1] and "barnskydd" in stored.terms["name_sv"][1]
    assert [r["service"] for r in find(world.a1, "lastensuojelu")["services"]] == [clinic]
    clinic.name = clinic.name_fi = "Kirjasto"
    clinic.name_sv, clinic.name_en, clinic.field = "Bibliotek", "Library", "libraries"
    clinic.description_fi = clinic.how_to_get_fi = ""
    clinic.save()
    assert [r["service"] for r in find(world.a1, "lastensuojelu")["services"]] == []
    assert [r["service"] for r in find(world.a1, "kirjastoon")["services"]] == [clinic]
    clinic.visibility = Visibility.INTERNAL  # no longer public: never found
    clinic.save()
    assert find(world.a1, "kirjasto")["services"] == []


def test_a_change_in_another_process_is_seen_by_its_token(world):
    """Another process's write bumps the public services' count, last id or versions: the index reloads."""
    clinic, *_ = make(world)
    find(world.a1, "lastensuojelu")
    Service.objects.filter(pk=clinic.pk).update(visibility=Visibility.INTERNAL)  # no signal, like another process
    assert find(world.a1, "lastensuojelu")["services"] == []


def test_services_inserted_in_bulk_are_found_and_indexed_by_the_command(world):
    make(world)
    Service.objects.bulk_create([Service(organisation=world.county_a, field="disability", name="Vammaispalvelut",
                                         name_fi="Vammaispalvelut", visibility=Visibility.PUBLIC)])
    bulk = Service.objects.get(name_fi="Vammaispalvelut")
    assert not ServiceSearchTerms.objects.filter(service=bulk).exists()
    assert [r["service"] for r in find(world.a1, "vammaispalveluihin")["services"]] == [bulk]  # analysed in memory
    assert not ServiceSearchTerms.objects.filter(service=bulk).exists()  # a search never writes
    call_command("index_services", stdout=io.StringIO())
    assert "vammaispalvelu" in ServiceSearchTerms.objects.get(service=bulk).terms["name_fi"][1]
    ServiceSearchTerms.objects.filter(service=bulk).update(analyser="old")
    call_command("index_services", stdout=io.StringIO())
    assert ServiceSearchTerms.objects.get(service=bulk).analyser == textsearch.analyser_key()


def test_other_counties_and_internal_services_never_reach_the_index(world):
    make(world)
    names = [r["name"] for r in find(world.a1, "lastensuojelu")["services"]]
    assert names == ["Lastensuojelu"]  # not the internal team, not county B's
    assert [r["name"] for r in find(world.b1, "lastensuojelu")["services"]] == ["Betan lastensuojelu"]
