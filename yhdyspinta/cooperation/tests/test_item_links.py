"""Agenda items linked to the register's interfaces (shown on the meeting and the interface page)
and escalations linked to the agenda item they came from (shown on both)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import api_client_for, client_for
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.models import AgendaItem, Escalation

from .factories import AgendaItemFactory, EscalationFactory, MeetingFactory, forum_for


def test_an_item_names_its_interfaces_on_both_pages(world):
    forum = forum_for(world.a1)
    meeting = MeetingFactory(forum=forum)
    interface = InterfaceFactory(parties=[world.a1, world.county_a], visibility="public")
    client = client_for(world.editor)
    response = client.post(reverse("cooperation:item_add"), {
        "meeting": meeting.pk, "number": 3, "title": "Kotiutuksen tiedonkulku", "body": "",
        "body_visibility": "public", "interfaces": [interface.pk]})
    assert response.status_code == 302, response.content
    item = AgendaItem.objects.get(title="Kotiutuksen tiedonkulku")
    assert list(item.interfaces.all()) == [interface]
    page = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert interface.get_absolute_url() in page
    card = client_for(None).get(interface.get_absolute_url()).content.decode()
    assert item.get_absolute_url() in card and "Kotiutuksen tiedonkulku" in card
    # an internal interface is not named to outsiders on the meeting page
    secret = InterfaceFactory(parties=[world.a1, world.county_a], visibility="internal")
    item.interfaces.add(secret)
    assert secret.get_absolute_url() not in client_for(world.other).get(meeting.get_absolute_url()).content.decode()
    assert sorted(api_client_for(world.editor).get(f"/api/v1/cooperation/items/{item.pk}/").json()["interfaces"]) \
        == sorted([interface.pk, secret.pk])


def test_an_escalation_names_the_item_it_came_from(world):
    above = forum_for(world.a1, level="management")
    below = forum_for(world.a1, parent=above, level="expert", kind="network")
    item = AgendaItemFactory(meeting=MeetingFactory(forum=below), title="Lähetteiden viive")
    client = client_for(world.editor)
    add = reverse("cooperation:escalation_add")
    meeting_page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert f"source_item={item.pk}" in meeting_page  # "raise to the forum above" from the item
    form = client.get(add, {"raised_by": below.pk, "source_item": item.pk}).content.decode()
    assert f'value="{item.pk}" selected' in form
    response = client.post(add, {"raised_by": below.pk, "source_item": item.pk, "to_forum": above.pk,
                                 "title": "Lähetteiden viive", "description": "", "visibility": "public"})
    assert response.status_code == 302, response.content
    esc = Escalation.objects.get(title="Lähetteiden viive")
    assert esc.source_item == item
    assert item.get_absolute_url() in client_for(None).get(esc.get_absolute_url()).content.decode()
    assert esc.get_absolute_url() in client_for(None).get(item.meeting.get_absolute_url()).content.decode()
    # an item of another forum's meeting is refused
    other_item = AgendaItemFactory(meeting=MeetingFactory(forum=above))
    with pytest.raises(ValidationError) as exc:
        EscalationFactory.build(raised_by=below, to_forum=above, source_item=other_item).full_clean()
    assert "source_item" in exc.value.message_dict
