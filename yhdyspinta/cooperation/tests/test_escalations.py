"""Escalation through the levels: transitions through the API and the page, refused moves."""

from conftest import api_client_for, client_for
from yhdyspinta.cooperation.models import Escalation

from .factories import AgendaItemFactory, EscalationFactory, MeetingFactory, forum_for


def _setup(world):
    above = forum_for(world.a1, level="management")
    below = forum_for(world.a1, parent=above, level="expert", kind="network")
    return above, below, EscalationFactory(raised_by=below, to_forum=above, title="Tiedonkulku ei toimi")


def test_escalation_goes_through_its_states(world):
    above, _below, esc = _setup(world)
    api, url = api_client_for(world.editor), f"/api/v1/cooperation/escalations/{esc.pk}/transition/"
    response = api.post(url, {"target": "on_agenda"}, format="json")
    assert response.status_code == 400 and "state" in response.json()
    item = AgendaItemFactory(meeting=MeetingFactory(forum=above))
    assert api.post(url, {"target": "on_agenda", "agenda_item": item.pk}, format="json").status_code == 200
    assert api.post(url, {"target": "done"}, format="json").status_code == 400
    assert api.post(url, {"target": "decided"}, format="json").status_code == 200
    response = api.post(url, {"target": "done"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "done"
    esc.refresh_from_db()
    assert esc.state == "done" and esc.closed_on is not None and esc.agenda_item == item


def test_rejection_needs_a_reason_and_closes(world):
    _above, _below, esc = _setup(world)
    api, url = api_client_for(world.editor), f"/api/v1/cooperation/escalations/{esc.pk}/transition/"
    assert api.post(url, {"target": "rejected", "reason": ""}, format="json").status_code == 400
    assert api.post(url, {"target": "rejected", "reason": "Kuuluu toiselle ryhmälle"},
                    format="json").status_code == 200
    esc.refresh_from_db()
    assert (esc.state, esc.reason) == ("rejected", "Kuuluu toiselle ryhmälle")
    assert api.post(url, {"target": "raised"}, format="json").status_code == 400


def test_an_agenda_item_of_another_forum_is_refused(world):
    _above, below, esc = _setup(world)
    item = AgendaItemFactory(meeting=MeetingFactory(forum=below))
    response = api_client_for(world.editor).post(f"/api/v1/cooperation/escalations/{esc.pk}/transition/",
                                                 {"target": "on_agenda", "agenda_item": item.pk}, format="json")
    assert response.status_code == 400
    esc.refresh_from_db()
    assert esc.state == "raised" and esc.agenda_item is None


def test_outsiders_cannot_move_it(world):
    _above, _below, esc = _setup(world)
    url = f"/api/v1/cooperation/escalations/{esc.pk}/transition/"
    assert api_client_for(world.other).post(url, {"target": "rejected", "reason": "x"},
                                            format="json").status_code == 403
    assert api_client_for(None).post(url, {"target": "rejected", "reason": "x"},
                                     format="json").status_code in (401, 403)
    assert Escalation.objects.get(pk=esc.pk).state == "raised"


def test_escalation_must_go_to_a_forum_above(world):
    above, below, _esc = _setup(world)
    unrelated = forum_for(world.a1)
    response = api_client_for(world.editor).post("/api/v1/cooperation/escalations/", {
        "raised_by": below.pk, "to_forum": unrelated.pk, "title": "Väärä osoite"}, format="json")
    assert response.status_code == 400 and "to_forum" in response.json()
    response = api_client_for(world.editor).post("/api/v1/cooperation/escalations/", {
        "raised_by": above.pk, "to_forum": above.pk, "title": "Itselle"}, format="json")
    assert response.status_code == 400


def test_escalation_page_shows_route_and_moves(world):
    _above, below, esc = _setup(world)
    page = client_for(world.editor).get(esc.get_absolute_url()).content.decode()
    assert below.name in page and "transition/" in page
    response = client_for(world.editor).post(f"{esc.get_absolute_url()}transition/",
                                             {"target": "rejected", "reason": "Hoidettu muualla"})
    assert response.status_code == 302
    assert Escalation.objects.get(pk=esc.pk).state == "rejected"
    assert "transition/" not in client_for(world.editor).get(esc.get_absolute_url()).content.decode()
