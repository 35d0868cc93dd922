"""A closed mapping round's reported problems become agenda items of a forum's meeting in one
action: one item per interface, linked to it; another county's meeting, an open round or no
problem chosen are refused and nothing is saved; only the round's coordinator gets the page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from yhdyspinta.catalogue import actions as catalogue_actions
from yhdyspinta.catalogue.models import MappingAnswer
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation import actions
from yhdyspinta.cooperation.models import AgendaItem

from .factories import AgendaItemFactory, MeetingFactory, forum_for


@pytest.fixture
def closed_round(world):
    first = InterfaceFactory(parties=[world.a1, world.a2, world.county_a], area=world.county_a,
                             title="Kotiutus sairaalasta", visibility="public")
    second = InterfaceFactory(parties=[world.a1, world.county_a], area=world.county_a, title="Lastensuojelu",
                              visibility="internal")
    round_ = catalogue_actions.open_round(world.county_a, acting_user=world.coordinator, title="Kartoitus 2026",
                                          opens_on=timezone.localdate() - timedelta(days=10))
    for interface, org, problems in ((first, world.a1, "Tieto ei kulje kotihoitoon"),
                                     (first, world.a2, "Lääkelista puuttuu"),
                                     (second, world.a1, "Ilmoitukset viivästyvät")):
        catalogue_actions.answer_round(round_, acting_user=world.editor if org == world.a1 else world.coordinator,
                                       interface=interface, organisation=org, exists="yes", agreed="yes",
                                       works="partly", problems=problems)
    catalogue_actions.close_round(round_, acting_user=world.coordinator)
    return round_, first, second


def _upcoming(forum, **kwargs):
    return MeetingFactory(forum=forum, starts_at=timezone.now() + timedelta(days=7), **kwargs)


def test_the_coordinator_puts_reported_problems_on_a_meeting_agenda(world, closed_round):
    round_, first, second = closed_round
    meeting = _upcoming(forum_for(world.a1), visibility="public")
    AgendaItemFactory(meeting=meeting, number=1)
    url = reverse("cooperation:round_problem_items", args=[round_.pk])
    client = client_for(world.coordinator)
    page = client.get(url).content.decode()
    assert "Lääkelista puuttuu" in page and "Ilmoitukset viivästyvät" in page and str(meeting) in page
    assert url in client.get(round_.get_absolute_url()).content.decode()  # linked from the closing summary
    answers = MappingAnswer.objects.filter(round=round_).exclude(problems="")
    response = client.post(url, {"meeting": meeting.pk, "answers": [a.pk for a in answers]})
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    items = list(meeting.items.filter(number__gt=1).order_by("number"))
    assert [i.number for i in items] == [2, 3]
    public_item, internal_item = items
    assert "Kotiutus sairaalasta" in public_item.title and public_item.body_visibility == "internal"  # internal round
    assert "Tieto ei kulje kotihoitoon" in public_item.body and "Lääkelista puuttuu" in public_item.body
    assert list(public_item.interfaces.all()) == [first] and list(internal_item.interfaces.all()) == [second]
    assert "Lastensuojelu" not in internal_item.title  # an internal interface is not named in the public title
    # the item appears on the interface's page for its readers
    assert public_item.get_absolute_url() in client.get(first.get_absolute_url()).content.decode()


def test_refusals_save_nothing(world, closed_round):
    round_, _first, _second = closed_round
    answers = list(MappingAnswer.objects.filter(round=round_).exclude(problems=""))
    own = _upcoming(forum_for(world.a1))
    strange = _upcoming(forum_for(world.b1))
    before = AgendaItem.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.items_from_round_problems(round_, answers, acting_user=world.admin, meeting=strange)
    assert "meeting" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.items_from_round_problems(round_, [], acting_user=world.coordinator, meeting=own)
    assert "answers" in exc.value.message_dict
    catalogue_actions.reopen_round(round_, acting_user=world.coordinator)
    with pytest.raises(ValidationError) as exc:
        actions.items_from_round_problems(round_, answers, acting_user=world.coordinator, meeting=own)
    assert "round" in exc.value.message_dict
    assert AgendaItem.objects.count() == before
    # another county's meeting is not offered and is refused by the form
    catalogue_actions.close_round(round_, acting_user=world.coordinator)
    url = reverse("cooperation:round_problem_items", args=[round_.pk])
    page = client_for(world.admin).post(url, {"meeting": strange.pk, "answers": [answers[0].pk]})
    assert page.status_code == 200 and AgendaItem.objects.count() == before
    # the page is the round coordinator's: a municipal editor 403, another county 404, anonymous to sign-in
    assert client_for(world.editor).get(url).status_code == 403
    assert client_for(world.other).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_meeting_with_approved_minutes_is_not_offered(world, closed_round):
    """Walk 6 #15: it was offered and refused only after the form was sent."""
    round_, _first, _second = closed_round
    forum = forum_for(world.a1)
    frozen = _upcoming(forum, visibility="public", minutes_state="approved")
    open_one = _upcoming(forum, visibility="public")
    page = client_for(world.coordinator).get(reverse("cooperation:round_problem_items", args=[round_.pk]))
    options = page.content.decode().split('name="meeting"')[1].split("</select>")[0]
    assert f'value="{open_one.pk}"' in options and f'value="{frozen.pk}"' not in options
