"""Walk 6 #7–#9: approved minutes whose publication day is still ahead. Their decisions' text, the
corrections and who checked and approved them reach only the forum's organisations: not the
meeting page, its history, or the API of an anonymous visitor or another county's user. And the
minutes cannot be checked before the meeting has been held."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.cooperation import actions
from yhdyspinta.cooperation.models import Correction, Decision

from .factories import AgendaItemFactory, MeetingFactory, forum_for

SECRET_DECISION, SECRET_CORRECTION = "PÄÄTÖSTEKSTI-SALAINEN", "OIKAISU-SALAINEN"


@pytest.fixture
def meeting(world):
    world.coordinator.first_name, world.coordinator.last_name = "Kaisa", "Koordinaattori"
    world.coordinator.save()
    held = timezone.now() - timedelta(days=1)
    meeting = MeetingFactory(forum=forum_for(world.a1), visibility="public", starts_at=held,
                             minutes="Pöytäkirjan teksti.", minutes_checked_on=date.today() + timedelta(days=30))
    item = AgendaItemFactory(meeting=meeting, number=1, title="Koulukuljetukset")
    Decision.objects.create(item=item, meeting=meeting, resolution="approved", text=SECRET_DECISION)
    for person in (PersonFactory(organisation=world.a1), PersonFactory(organisation=world.a1)):
        actions.add_attendance(acting_user=world.coordinator, meeting=meeting, person=person, checks_minutes=True)
    actions.mark_minutes_checked(meeting, actor=world.coordinator)
    actions.approve_minutes(meeting, actor=world.coordinator)
    actions.correct_minutes(meeting, actor=world.coordinator, what=SECRET_CORRECTION, why="Kirjausvirhe")
    meeting.refresh_from_db()
    assert not meeting.minutes_public()
    return meeting


@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_outsiders_see_neither_decisions_corrections_nor_names_before_publication(world, meeting, who):
    user = getattr(world, who)
    client = client_for(user)
    page = client.get(f"/cooperation/meetings/{meeting.pk}/").content.decode()
    history = client.get(f"/history/{ContentType.objects.get_for_model(meeting).pk}/{meeting.pk}/")
    assert history.status_code == 200
    for text in (page, history.content.decode()):
        assert SECRET_DECISION not in text and SECRET_CORRECTION not in text
        assert "Koordinaattori" not in text
    assert "Koulukuljetukset" in page  # the agenda is public
    api = api_client_for(user)
    [decision] = api.get("/api/v1/cooperation/decisions/", {"meeting": meeting.pk}).json()["results"]
    assert decision["text"] is None and decision["resolution"] == "approved"
    [correction] = api.get("/api/v1/cooperation/corrections/", {"meeting": meeting.pk}).json()["results"]
    assert correction["what"] is None and correction["why"] is None and correction["made_by"] is None


def test_the_forums_organisations_see_it_all_and_everyone_after_publication(world, meeting):
    page = client_for(world.editor).get(f"/cooperation/meetings/{meeting.pk}/").content.decode()
    assert SECRET_DECISION in page and SECRET_CORRECTION in page and "Kaisa Koordinaattori" in page
    meeting.minutes_checked_on = date.today()
    meeting.save()
    page = client_for(None).get(f"/cooperation/meetings/{meeting.pk}/").content.decode()
    assert SECRET_DECISION in page and SECRET_CORRECTION in page and "Koordinaattori" not in page
    assert Correction.objects.get(meeting=meeting).hidden_fields_for(None) == {"made_by"}


def test_minutes_cannot_be_checked_before_the_meeting(world):
    meeting = MeetingFactory(forum=forum_for(world.a1), starts_at=timezone.now() + timedelta(days=90),
                             minutes="Luonnos")
    for person in (PersonFactory(organisation=world.a1), PersonFactory(organisation=world.a1)):
        actions.add_attendance(acting_user=world.coordinator, meeting=meeting, person=person, checks_minutes=True)
    with pytest.raises(ValidationError, match="before the meeting|ennen kokousta"):
        actions.mark_minutes_checked(meeting, actor=world.coordinator)
    meeting.refresh_from_db()
    assert meeting.minutes_state == "draft"



@pytest.mark.parametrize("who", ["anonymous", "other"])
def test_search_does_not_match_words_of_a_decision_text_not_yet_public(world, meeting, who):
    """Site search (the result would show only the public label, but its being found tells the
    outsider what the unpublished decision says): no match until the minutes are public."""
    Decision.objects.filter(meeting=meeting).update(text="Myönnetään koulumatkatuki.")
    decision = Decision.objects.get(meeting=meeting)

    def found(user):
        page = client_for(user).get("/search/", {"q": "koulumatkatuki"}).content.decode()
        return decision.get_absolute_url() in page or f"#decision-{decision.pk}" in page or (
            "Koulukuljetukset" in page)

    assert found(world.editor)  # an insider finds it
    assert not found(getattr(world, who))
    meeting.minutes_checked_on = date.today()
    meeting.save()
    assert found(getattr(world, who))


def test_text_search_reads_only_fields_the_reader_may_read(world, meeting):
    """core.search.text_filter with a model and user: the one field rule in the database."""
    from yhdyspinta.core.search import readable_q, text_filter

    Decision.objects.filter(meeting=meeting).update(text="Myönnetään koulumatkatuki.")

    def matches(user):
        return Decision.objects.filter(text_filter(("text", "item__title"), "koulumatkatuki", Decision, user)).exists()

    assert matches(world.editor) and matches(world.national)
    assert not matches(world.other) and not matches(None)
    assert Decision.objects.filter(text_filter(("text", "item__title"), "koulukuljetukset", Decision, None)).exists()
    assert readable_q(Decision, None, "item__title") is None  # a public field is not guarded
    assert readable_q(Decision, world.national, "text") is None  # a reader of everything
