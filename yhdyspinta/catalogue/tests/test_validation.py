"""Bad input is refused with a clear message and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory
from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import Interface, MaturityAssessment

from .factories import InterfaceFactory


def test_fewer_than_two_organisations(world):
    with pytest.raises(ValidationError) as exc:
        actions.create_interface(acting_user=world.editor, parties=[world.a1, world.a1], title="Yksin", theme="hyte",
                                 client_group="everyone")
    assert "vähintään kaksi eri organisaatiota" in str(exc.value)
    assert not Interface.objects.exists()


def test_owner_must_come_from_a_party(world):
    outsider = PersonFactory(organisation=world.b1, first_name="Ulla", last_name="Ulkopuolinen")
    with pytest.raises(ValidationError) as exc:
        actions.create_interface(acting_user=world.editor, parties=[world.a1, world.county_a], owners=[outsider],
                                 title="Neuvola", theme="early_childhood", client_group="children_families")
    assert "Ulla Ulkopuolinen" in str(exc.value) and "ei ole tämän yhdyspinnan osapuoli" in str(exc.value)
    assert not Interface.objects.exists()


def test_owners_one_per_party(world):
    owner_a1 = PersonFactory(organisation=world.a1)
    owner_county = PersonFactory(organisation=world.county_a)
    interface = actions.create_interface(acting_user=world.editor, parties=[world.a1, world.county_a],
                                         owners=[owner_a1, owner_county], title="Neuvola",
                                         theme="early_childhood", client_group="children_families")
    assert interface.owners.count() == 2 and interface.area == world.county_a
    with pytest.raises(ValidationError):
        actions.update_interface(interface, acting_user=world.editor, owners=[owner_a1, PersonFactory(organisation=world.a1)])
    assert interface.owners.count() == 2


@pytest.mark.parametrize("value", [-1, 4, 2.5, None, "2", True])
def test_maturity_outside_scale(world, value):
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    with pytest.raises(ValidationError) as exc:
        actions.assess_maturity(interface, acting_user=world.editor, dimension="processes", value=value)
    assert "0–3" in str(exc.value)
    assert not MaturityAssessment.objects.exists()


def test_api_refuses_bad_input_with_field_messages(world, api_as):
    api = api_as(world.editor)
    body = {"title_fi": "X", "theme": "hyte", "client_group": "everyone", "parties": [world.a1.pk]}
    response = api.post("/api/v1/catalogue/interfaces/", body, format="json")
    assert response.status_code == 400 and "parties" in response.json()
    interface = InterfaceFactory(parties=[world.a1, world.county_a])
    response = api.post("/api/v1/catalogue/assessments/",
                        {"interface": interface.pk, "dimension": "processes", "value": 7}, format="json")
    assert response.status_code == 400 and "value" in response.json()
    assert not MaturityAssessment.objects.exists()


def test_edit_page_shows_the_error(world, as_user):
    client = as_user(world.editor)
    response = client.post("/catalogue/interfaces/add/", {
        "title_fi": "Yksi osapuoli", "theme": "hyte", "client_group": "everyone", "parties": [world.a1.pk],
        "visibility": "public"})
    assert response.status_code == 200
    assert "vähintään kaksi eri organisaatiota" in response.content.decode()
    assert not Interface.objects.exists()
    response = client.post("/catalogue/interfaces/add/", {
        "title_fi": "Kaksi osapuolta", "theme": "hyte", "client_group": "everyone",
        "parties": [world.a1.pk, world.county_a.pk], "visibility": "public", "level_field": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    interface = Interface.objects.get()
    assert interface.title_fi == "Kaksi osapuolta" and interface.level_field and interface.area == world.county_a


def test_service_page_create_and_scoped_organisations(world, as_user):
    client = as_user(world.editor)
    form = client.get("/catalogue/services/add/").content.decode()
    assert world.a1.name in form and world.b1.name not in form
    response = client.post("/catalogue/services/add/", {
        "organisation": world.a1.pk, "field": "libraries", "name_fi": "Pääkirjasto", "name_sv": "Huvudbiblioteket",
        "visibility": "public"})
    assert response.status_code == 302
    from yhdyspinta.catalogue.models import Service

    service = Service.objects.get()
    assert service.name_fi == "Pääkirjasto" and service.name_sv == "Huvudbiblioteket"
    assert "Pääkirjasto" in client.get(service.get_absolute_url()).content.decode()
    refused = client.post("/catalogue/services/add/", {
        "organisation": world.b1.pk, "field": "libraries", "name_fi": "Vieras", "visibility": "public"})
    assert refused.status_code == 200 and Service.objects.count() == 1


def test_edit_page_responsibilities_and_escalation_steps(world, as_user):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], theme="hyte", client_group="everyone")
    client = as_user(world.editor)
    url = f"/catalogue/interfaces/{interface.pk}/edit/"
    page = client.get(url).content.decode()
    assert f"resp_{world.a1.pk}_fi" in page and "steps-TOTAL_FORMS" in page
    data = {"title_fi": "Hyte-yhteistyö", "theme": "hyte", "client_group": "everyone",
            "parties": [world.a1.pk, world.county_a.pk], "visibility": "public",
            f"resp_{world.a1.pk}_fi": "Kunnan hyte-koordinaattori", f"resp_{world.county_a.pk}_fi": "Hyte-yksikkö",
            "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000", "steps-0-order": "1", "steps-0-action_fi": "Esihenkilöt sopivat",
            "steps-0-who_fi": "Yksiköiden esihenkilöt", "steps-0-time_limit_days": "14"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    texts = {r.organisation_id: r.text_fi for r in interface.responsibilities.all()}
    assert texts == {world.a1.pk: "Kunnan hyte-koordinaattori", world.county_a.pk: "Hyte-yksikkö"}
    step = interface.escalation_steps.get()
    assert step.action_fi == "Esihenkilöt sopivat" and step.time_limit_days == 14
    card = client.get(interface.get_absolute_url()).content.decode()
    assert "Kunnan hyte-koordinaattori" in card and "Esihenkilöt sopivat" in card
    # a bad step (no action) refuses the whole save
    data.update({"title_fi": "Ei tallennu", "steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "1",
                 "steps-0-id": str(step.pk), "steps-0-interface": str(interface.pk), "steps-1-order": "2",
                 "steps-1-time_limit_days": "-5", "steps-1-who_fi": "Joku"})
    assert client.post(url, data).status_code == 200
    interface.refresh_from_db()
    assert interface.title_fi == "Hyte-yhteistyö"


def test_service_points_and_contacts_from_the_service_page(world, as_user, api_as):
    from yhdyspinta.catalogue.models import ContactPoint, ServicePoint

    from .factories import ServiceFactory

    service = ServiceFactory(organisation=world.a1)
    client = as_user(world.editor)
    assert "servicepoint" not in as_user(world.other).get(service.get_absolute_url()).content.decode()
    response = client.post("/catalogue/service-points/add/", {
        "service": service.pk, "name_fi": "Kirjastotalo", "street_address": "Katu 1", "municipality": world.a1.pk})
    assert response.status_code == 302
    assert ServicePoint.objects.get().municipality == world.a1
    response = client.post("/catalogue/contacts/add/", {"service": service.pk, "name_fi": "Neuvonta",
                                                        "phone": "03 000 0000"})
    assert response.status_code == 302
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Kirjastotalo" in page and "03 000 0000" in page
    other_service = ServiceFactory(organisation=world.b1)
    refused = client.post("/catalogue/contacts/add/", {"service": other_service.pk, "name_fi": "X"})
    assert refused.status_code == 200 and ContactPoint.objects.count() == 1
    assert api_as(world.other).post("/api/v1/catalogue/contacts/", {"service": service.pk, "name_fi": "Y"},
                                    format="json").status_code == 403
    assert api_as(world.editor).post("/api/v1/catalogue/contacts/", {"service": service.pk, "name_fi": "Y"},
                                     format="json").status_code == 201
