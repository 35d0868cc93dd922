"""API specifics beyond the generic suites: the internal field group, rounds and answers."""

from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import Interface, MappingAnswer

from .factories import InterfaceFactory


def test_internal_notes_only_for_members_of_the_parties(world, api_as):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], internal_notes="Vain meille")
    url = f"/api/v1/catalogue/interfaces/{interface.pk}/"
    assert api_as(world.viewer).get(url).json()["internal_notes"] == "Vain meille"
    for outsider in (world.other, None):
        body = api_as(outsider).get(url).json()
        assert "internal_notes" not in body and body["title_fi"] == interface.title_fi


def test_round_and_answers_through_the_api(world, api_as):
    actions.instantiate_templates(world.county_a, world.coordinator, keys=["hyte"])
    coordinator = api_as(world.coordinator)
    created = coordinator.post("/api/v1/catalogue/rounds/", {"area": world.county_a.pk, "title": "Kierros"},
                               format="json")
    assert created.status_code == 201, created.content
    round_id = created.json()["id"]
    assert api_as(world.other).post("/api/v1/catalogue/rounds/", {"area": world.county_a.pk, "title": "X"},
                                    format="json").status_code == 403
    interface = Interface.objects.get(template_for=world.a1)
    answer = {"round": round_id, "interface": interface.pk, "organisation": world.a1.pk, "exists": "yes",
              "agreed": "partly", "works": "no", "problems": "Ei yhteyshenkilöä"}
    assert api_as(world.editor).post("/api/v1/catalogue/answers/", answer, format="json").status_code == 201
    wrong = {**answer, "organisation": world.a2.pk}
    assert api_as(world.coordinator).post("/api/v1/catalogue/answers/", wrong, format="json").status_code == 400
    assert api_as(world.other).post("/api/v1/catalogue/answers/", answer, format="json").status_code == 403
    assert MappingAnswer.objects.get().works == "no"
    listing = api_as(world.viewer).get("/api/v1/catalogue/answers/", {"round": round_id}).json()
    assert listing["count"] == 1
    again = {**answer, "works": "partly"}
    assert api_as(world.editor).post("/api/v1/catalogue/answers/", again, format="json").status_code == 201
    assert MappingAnswer.objects.get().works == "partly"
