"""Bulk evidence: one negotiation meeting records the same evidence for the duty of every
municipality it covered, in one audited transaction; refusals leave nothing half-saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import api_client_for, client_for
from yhdyspinta.cooperation.actions import add_evidence_in_bulk
from yhdyspinta.cooperation.duties import generate_duties
from yhdyspinta.cooperation.models import Duty, DutyEvidence, DutyRule
from yhdyspinta.cooperation.reference import load_reference_data

from .factories import AgendaItemFactory, ForumFactory


@pytest.fixture
def duties(world):
    load_reference_data()
    generate_duties(world.county_a, range(2026, 2027))
    generate_duties(world.county_b, range(2026, 2027))
    forum = ForumFactory(area=world.county_a, organisations=[world.county_a, world.a1, world.a2])
    item = AgendaItemFactory(meeting__forum=forum, title="Hyte-neuvottelu 2026")
    return DutyRule.objects.get(key="hyte-negotiation"), item


def _hyte(org):
    return Duty.objects.get(rule__key="hyte-negotiation", municipality=org, period_label="2026")


def test_one_item_fulfils_the_duty_of_every_chosen_municipality(world, duties):
    rule, item = duties
    created = add_evidence_in_bulk(actor=world.coordinator, county=world.county_a, rule=rule,
                                   municipalities=[world.a1, world.a2], kind="agenda_item", agenda_item=item,
                                   date=date(2026, 4, 1))
    assert len(created) == 2
    assert _hyte(world.a1).state(date(2027, 1, 1)) == _hyte(world.a2).state(date(2027, 1, 1)) == "done"
    # the same again adds nothing (no double evidence)
    assert add_evidence_in_bulk(actor=world.coordinator, county=world.county_a, rule=rule,
                                municipalities=[world.a1, world.a2], kind="agenda_item", agenda_item=item,
                                date=date(2026, 4, 1)) == []
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(actor=world.coordinator, content_type__model="dutyevidence").count() == 2


def test_a_refusal_for_one_municipality_saves_nothing(world, duties):
    rule, item = duties
    # the editor of A1 may not write for A2: the whole is refused
    with pytest.raises(ValidationError) as exc:
        add_evidence_in_bulk(actor=world.editor, county=world.county_a, rule=rule,
                             municipalities=[world.a1, world.a2], kind="agenda_item", agenda_item=item,
                             date=date(2026, 4, 1))
    assert world.a2.name in str(exc.value.message_dict["municipalities"])
    # a date outside every period: the duties are named
    with pytest.raises(ValidationError) as exc:
        add_evidence_in_bulk(actor=world.coordinator, county=world.county_a, rule=rule,
                             municipalities=[world.a1], kind="agenda_item", agenda_item=item, date=date(2031, 1, 1))
    assert world.a1.name in str(exc.value)
    # a municipality of another county
    with pytest.raises(ValidationError):
        add_evidence_in_bulk(actor=world.coordinator, county=world.county_a, rule=rule,
                             municipalities=[world.a1, world.b1], kind="agenda_item", agenda_item=item,
                             date=date(2026, 4, 1))
    # an agenda item of another county's meeting
    foreign = AgendaItemFactory(meeting__forum=ForumFactory(area=world.county_b, organisations=[world.b1]))
    with pytest.raises(ValidationError) as exc:
        add_evidence_in_bulk(actor=world.admin, county=world.county_a, rule=rule,
                             municipalities=[world.a1], kind="agenda_item", agenda_item=foreign,
                             date=date(2026, 4, 1))
    assert "agenda_item" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        add_evidence_in_bulk(actor=None, county=world.county_a, rule=rule, municipalities=[world.a1],
                             kind="document", url="https://example.fi/m.pdf", date=date(2026, 4, 1))
    assert not DutyEvidence.objects.exists()


def test_bulk_page(world, duties):
    rule, _item = duties
    url = reverse("cooperation:evidence_bulk") + f"?county={world.county_a.pk}"
    assert client_for(None).get(url).status_code == 302  # to the login
    client = client_for(world.coordinator)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert world.a1.name in body and world.b1.name not in body and 'type="checkbox"' in body
    data = {"rule": rule.pk, "municipalities": [world.a1.pk, world.a2.pk], "kind": "document",
            "url": "https://example.fi/hyte.pdf", "title": "Hyte-neuvottelun muistio", "date": "2026-05-05"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    assert DutyEvidence.objects.filter(url="https://example.fi/hyte.pdf").count() == 2
    # refused on the page: the other county's editor, nothing saved
    response = client_for(world.other).post(url, {**data, "url": "https://example.fi/x.pdf"})
    assert response.status_code == 403 and 'role="alert"' in response.content.decode()
    assert not DutyEvidence.objects.filter(url="https://example.fi/x.pdf").exists()
    assert "evidence/bulk/" in client.get(reverse("cooperation:compliance"),
                                          {"county": world.county_a.pk}).content.decode()


def test_bulk_page_is_refused_before_the_form_to_those_who_may_add_for_none(world, duties):
    url = reverse("cooperation:evidence_bulk") + f"?county={world.county_a.pk}"
    for user in (world.other, world.viewer):  # another county's editor; a viewer of the county's municipality
        page = client_for(user).get(url)
        body = page.content.decode()
        assert page.status_code == 403, user
        assert "Et voi lisätä näyttöä" in body and 'type="checkbox"' not in body
    # an editor of one municipality is offered (and has ticked) only that municipality
    body = client_for(world.editor).get(url).content.decode()
    assert world.a1.name in body and world.a2.name not in body
    assert body.count('type="checkbox"') == 1


def test_bulk_api(world, duties):
    _rule, item = duties
    url = reverse("api-cooperation:evidence-bulk")
    body = {"county": world.county_a.pk, "rule": "hyte-negotiation", "municipalities": [world.a1.pk, world.a2.pk],
            "kind": "agenda_item", "agenda_item": item.pk, "date": "2026-04-01"}
    response = api_client_for(world.coordinator).post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert sorted(row["duty"] for row in response.json()) == sorted([_hyte(world.a1).pk, _hyte(world.a2).pk])
    response = api_client_for(world.editor).post(url, {**body, "kind": "document", "url": "https://e.fi/a.pdf"},
                                                 format="json")
    assert response.status_code == 400 and "municipalities" in response.json()
    assert api_client_for(None).post(url, body, format="json").status_code in (401, 403)
