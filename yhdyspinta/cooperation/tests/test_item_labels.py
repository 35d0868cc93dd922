"""One label of an agenda item everywhere — forum — meeting date — § n title, the date in the
reader's language — and never naming an internal forum's meeting to outsiders."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.cooperation.models import Forum, Meeting

from .factories import (
    AgendaItemFactory,
    DecisionFactory,
    EscalationFactory,
    MeetingFactory,
    forum_for,
)

TZ = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def item(world):
    forum = forum_for(world.a1, name="Kotiutustyöryhmä")
    # 00.30 in Helsinki on 3.2. is still 2.2. in UTC: the label has the Finnish day
    meeting = MeetingFactory(forum=forum, starts_at=datetime(2026, 2, 3, 0, 30, tzinfo=TZ), visibility="public")
    return AgendaItemFactory(meeting=meeting, number=4, title="Tilannekatsaus")


def test_the_label_names_forum_and_date_in_the_readers_language(item):
    with translation.override("fi"):
        assert str(item) == "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus"
    with translation.override("en"):
        assert str(item) == "Kotiutustyöryhmä — 2026-02-03 — § 4 Tilannekatsaus"
    decision = DecisionFactory(item=item, resolution="noted")
    with translation.override("fi"):
        assert str(decision).startswith("Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus: ")


def test_selects_and_the_picker_offer_the_one_label(world, item):
    # the evidence form's select and the escalation's "came up at" select
    duty_form = client_for(world.editor).get(reverse("cooperation:escalation_add"),
                                            HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus" in duty_form
    from yhdyspinta.core import pickers

    assert pickers.label(item) == str(item)


def test_the_interface_card_names_the_meeting_of_a_public_forum(world, item):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], visibility="public")
    item.interfaces.add(interface)
    for reader in (None, world.other, world.editor):
        card = client_for(reader).get(interface.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
        assert "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus" in card


def test_an_internal_forums_meeting_is_not_named_to_outsiders(world, item):
    interface = InterfaceFactory(parties=[world.a1, world.county_a], visibility="public")
    item.interfaces.add(interface)
    forum = item.meeting.forum
    # the forum was made internal behind the rule (older data): its public meeting's item is still
    # listed, but the forum and the meeting are not named to anonymous readers or another county
    Forum.objects.filter(pk=forum.pk).update(visibility="internal")
    for outsider in (None, world.other):
        card = client_for(outsider).get(interface.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
        assert "§ 4 Tilannekatsaus" in card
        assert "Kotiutustyöryhmä" not in card and "3.2.2026 — §" not in card
    insider = client_for(world.editor).get(interface.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus" in insider
    # an internal meeting's item is not listed at all
    Meeting.objects.filter(pk=item.meeting_id).update(visibility="internal")
    for outsider in (None, world.other):
        card = client_for(outsider).get(interface.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
        assert "Tilannekatsaus" not in card and "Kotiutustyöryhmä" not in card


def test_an_escalation_names_its_source_item_by_the_rule(world, item):
    above = forum_for(world.a1, level="management", name="Johtoryhmä")
    below = item.meeting.forum
    Forum.objects.filter(pk=below.pk).update(parent=above)
    escalation = EscalationFactory(raised_by=below, to_forum=above, source_item=item, visibility="public")
    page = client_for(None).get(escalation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus" in page
    Meeting.objects.filter(pk=item.meeting_id).update(visibility="internal")
    for outsider in (None, world.other):
        page = client_for(outsider).get(escalation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
        assert "3.2.2026 — § 4" not in page and item.get_absolute_url() not in page


def test_a_forum_with_public_meetings_is_not_made_internal(world, item):
    forum = item.meeting.forum
    forum.visibility = "internal"
    with pytest.raises(ValidationError) as exc:
        forum.full_clean()
    assert "visibility" in exc.value.message_dict
    Meeting.objects.filter(pk=item.meeting_id).update(visibility="internal")
    forum.full_clean()  # its meetings internal first: allowed


def test_evidence_from_another_countys_meeting_is_refused(world, item):
    """Bad input of issue 15: an agenda item picked from another county's meeting."""
    from yhdyspinta.cooperation.models import Duty, DutyEvidence, DutyRule

    rule = DutyRule.objects.create(key="hyte-test", title="Hyte-neuvottelu", legal_source="612/2021 § 7",
                                   applies_to="county_with_each_municipality", period_kind="yearly")
    duty = Duty.objects.create(rule=rule, county=world.county_b, municipality=world.b1,
                               period_start="2026-01-01", period_end="2026-12-31", period_label="2026",
                               due_date="2026-12-31")
    evidence = DutyEvidence(duty=duty, kind="agenda_item", agenda_item=item)  # item: a meeting of county A
    with pytest.raises(ValidationError) as exc:
        evidence.full_clean()
    assert "agenda_item" in exc.value.message_dict
    own = Duty.objects.create(rule=rule, county=world.county_a, municipality=world.a1,
                              period_start="2026-01-01", period_end="2026-12-31", period_label="2026",
                               due_date="2026-12-31")
    DutyEvidence(duty=own, kind="agenda_item", agenda_item=item).full_clean()


def test_the_site_search_labels_decisions_by_the_rule_in_a_bounded_number_of_queries(world, item):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # the decisions' text is public (anyone may find it by a word) once the minutes are checked
    type(item.meeting).objects.filter(pk=item.meeting.pk).update(minutes_checked_on="2026-02-04")
    DecisionFactory(item=item, resolution="noted", text="Kotiutuksen tilannekatsaus merkittiin tiedoksi")
    for number in range(5, 12):
        DecisionFactory(item=AgendaItemFactory(meeting=item.meeting, number=number, title=f"Asia {number}"),
                        text=f"Kotiutuksen seuranta {number}", resolution="noted")
    client = client_for(None)
    client.get("/search/", {"q": "Kotiutuksen"}, HTTP_ACCEPT_LANGUAGE="fi")
    with CaptureQueriesContext(connection) as few:
        page = client.get("/search/", {"q": "Kotiutuksen"}, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Kotiutustyöryhmä — 3.2.2026 — § 4 Tilannekatsaus: " in page
    for number in range(12, 20):
        DecisionFactory(item=AgendaItemFactory(meeting=item.meeting, number=number, title=f"Asia {number}"),
                        text=f"Kotiutuksen seuranta {number}", resolution="noted")
    with CaptureQueriesContext(connection) as more:
        client.get("/search/", {"q": "Kotiutuksen"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert len(more.captured_queries) == len(few.captured_queries)  # no query per result
