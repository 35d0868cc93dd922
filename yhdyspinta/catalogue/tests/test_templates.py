"""Template instantiation for a county and its municipalities: counts, idempotence, edits kept."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import MunicipalityFactory
from yhdyspinta.catalogue.actions import instantiate_templates
from yhdyspinta.catalogue.models import Interface, Service
from yhdyspinta.catalogue.templates_data import TEMPLATES

N = len(TEMPLATES)


def county_services(county):
    return {spec["key"] for t in TEMPLATES for spec in t["services"] if spec["side"] == "county"}


def test_every_template_for_every_municipality(world):
    counts = instantiate_templates(world.county_a, actor=world.coordinator)
    assert N == 15
    assert counts["interfaces"] == 2 * N and counts["existing"] == 0
    interfaces = Interface.objects.filter(area=world.county_a)
    assert interfaces.count() == 2 * N
    for interface in interfaces:
        assert set(interface.parties.values_list("pk", flat=True)) in (
            {world.county_a.pk, world.a1.pk}, {world.county_a.pk, world.a2.pk})
        assert interface.services.count() >= 2
    assert Service.objects.filter(organisation=world.county_a).count() == len(county_services(world.county_a))
    assert not Interface.objects.filter(parties=world.b1).exists()
    sisote = Interface.objects.get(template__key="sisote", template_for=world.a1)
    names = set(sisote.services.values_list("name_fi", flat=True))
    assert "Koulukuraattorit ja koulupsykologit" in names and "Perusopetus" in names
    assert sisote.title_sv.startswith("Grundläggande utbildning") and sisote.title_en.endswith(world.a1.name)
    assert sisote.summary_sv.startswith("Undervisning") and "curators" in sisote.summary_en
    assert sisote.level_expert and not sisote.level_political


def test_idempotent_and_keeps_edits(world):
    instantiate_templates(world.county_a, actor=world.coordinator)
    edited = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    edited.title_fi = "Oma otsikko"
    edited.where_client_fi = "Neuvolassa ja päiväkodissa"
    edited.save()
    edited.services.clear()
    service = Service.objects.get(organisation=world.a1, source_key="day_care")
    service.name_fi = "Varhaiskasvatus Alfalassa"
    service.save()
    services_before = Service.objects.count()

    again = instantiate_templates(world.county_a, actor=world.coordinator)
    assert again == {"interfaces": 0, "existing": 2 * N, "services": 0}
    assert Interface.objects.filter(area=world.county_a).count() == 2 * N
    assert Service.objects.count() == services_before
    edited.refresh_from_db()
    assert edited.title_fi == "Oma otsikko" and edited.where_client_fi == "Neuvolassa ja päiväkodissa"
    assert edited.services.count() == 0
    assert Service.objects.get(pk=service.pk).name_fi == "Varhaiskasvatus Alfalassa"


def test_new_municipality_gets_only_its_missing_interfaces(world):
    instantiate_templates(world.county_a, actor=world.coordinator)
    a3 = MunicipalityFactory(name="Alfakylä", area=world.county_a)
    counts = instantiate_templates(world.county_a, actor=world.coordinator)
    assert counts["interfaces"] == N and counts["existing"] == 2 * N
    assert Interface.objects.filter(parties=a3).count() == N


def test_deleted_instance_is_recreated_but_nothing_else(world):
    instantiate_templates(world.county_a, actor=world.coordinator, keys=["rescue"])
    Interface.objects.filter(template__key="rescue", template_for=world.a2).delete()
    counts = instantiate_templates(world.county_a, actor=world.coordinator, keys=["rescue"])
    assert counts == {"interfaces": 1, "existing": 1, "services": 0}


@pytest.mark.parametrize("who", ["viewer", "other", "national", "editor"])
def test_only_writers_of_the_county_instantiate(world, who):
    with pytest.raises(PermissionDenied):
        instantiate_templates(world.county_a, actor=getattr(world, who))
    assert not Interface.objects.exists()


def test_api_instantiate(world, api_as):
    response = api_as(world.coordinator).post("/api/v1/catalogue/templates/instantiate/",
                                              {"county": world.county_a.pk, "keys": ["hyte"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["interfaces"] == 2
    assert api_as(world.other).post("/api/v1/catalogue/templates/instantiate/",
                                    {"county": world.county_a.pk}, format="json").status_code == 403
    listing = api_as(None).get("/api/v1/catalogue/templates/").json()
    assert listing["count"] == N if "count" in listing else len(listing) == N


def test_page_instantiate(world, as_user):
    client = as_user(world.coordinator)
    assert client.get("/catalogue/templates/").status_code == 200
    response = client.post("/catalogue/templates/", {"county": world.county_a.pk, "publish": "on"})
    assert response.status_code == 302
    assert Interface.objects.filter(area=world.county_a, visibility="public").count() == 2 * N
