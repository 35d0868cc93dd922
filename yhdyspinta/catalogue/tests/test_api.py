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
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["hyte"])
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
    # the round and the interface are internal to county A: to an editor of B they are ids that do
    # not exist (400, the same message as a missing id), refused before the write right is checked
    refused = api_as(world.other).post("/api/v1/catalogue/answers/", answer, format="json")
    assert refused.status_code == 400 and set(refused.json()) == {"round", "interface"}
    assert interface.title not in refused.content.decode()
    assert MappingAnswer.objects.get().works == "no"
    listing = api_as(world.viewer).get("/api/v1/catalogue/answers/", {"round": round_id}).json()
    assert listing["count"] == 1
    again = {**answer, "works": "partly"}
    assert api_as(world.editor).post("/api/v1/catalogue/answers/", again, format="json").status_code == 201
    assert MappingAnswer.objects.get().works == "partly"


def test_responsibilities_and_escalation_steps_are_written_through_the_api(world, api_as):
    api = api_as(world.editor)
    body = {"title_fi": "Neuvola – päiväkoti", "theme": "hyte", "client_group": "everyone",
            "parties": [world.a1.pk, world.county_a.pk], "visibility": "public",
            "responsibilities": [{"organisation": world.a1.pk, "text_fi": "Varhaiskasvatus", "text_sv": "Småbarnspedagogik"},
                                 {"organisation": world.county_a.pk, "text_fi": "Neuvola"}],
            "escalation_steps": [{"action_fi": "Yhteydenotto esihenkilöön", "who_fi": "Työntekijä", "time_limit_days": 7},
                                 {"action_fi": "Asia yhteistyöryhmään", "who_fi": "Esihenkilö", "time_limit_days": 30}]}
    created = api.post("/api/v1/catalogue/interfaces/", body, format="json")
    assert created.status_code == 201, created.content
    interface = Interface.objects.get()
    texts = dict(interface.responsibilities.values_list("organisation_id", "text_fi"))
    assert texts == {world.a1.pk: "Varhaiskasvatus", world.county_a.pk: "Neuvola"}
    assert [(s.order, s.action, s.time_limit_days) for s in interface.escalation_steps.all()] == [
        (1, "Yhteydenotto esihenkilöön", 7), (2, "Asia yhteistyöryhmään", 30)]
    url = f"/api/v1/catalogue/interfaces/{interface.pk}/"
    # a PATCH without the lists keeps them; a given list replaces the stored one
    assert api.patch(url, {"title_fi": "Uusi nimi"}, format="json").status_code == 200
    assert interface.escalation_steps.count() == 2 and interface.responsibilities.count() == 2
    replaced = api.patch(url, {"escalation_steps": [{"action_fi": "Soitto", "who_fi": "Kuka tahansa"}]}, format="json")
    assert replaced.status_code == 200 and replaced.json()["escalation_steps"][0]["order"] == 1
    assert list(interface.escalation_steps.values_list("action", flat=True)) == ["Soitto"]
    # a non-party organisation is refused and nothing changes
    bad = api.patch(url, {"responsibilities": [{"organisation": world.b1.pk, "text_fi": "X"}],
                          "escalation_steps": []}, format="json")
    assert bad.status_code == 400 and "responsibilities" in bad.json()
    assert interface.escalation_steps.count() == 1 and interface.responsibilities.count() == 2
    # outsiders cannot write
    assert api_as(world.other).patch(url, {"escalation_steps": []}, format="json").status_code in (403, 404)
    assert interface.escalation_steps.count() == 1
