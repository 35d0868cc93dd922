"""Meetings: public and internal parts, minutes turning public, decisions, members, late actions."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from freezegun import freeze_time

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.cooperation.models import Attachment, Decision, ForumMember
from yhdyspinta.core.models import AccessLog

from .factories import (
    AgendaItemFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    forum_for,
)


@pytest.fixture
def meeting(world):
    return MeetingFactory(forum=forum_for(world.a1), minutes="Pöytäkirjan teksti XYZ",
                          minutes_checked_on=date(2026, 3, 10))


def test_internal_body_is_not_shown_or_sent_to_outsiders_but_the_title_is(world, meeting):
    item = AgendaItemFactory(meeting=meeting, title="Talousarvio 2027", body="Salainen luonnos QWERTY",
                             body_visibility="internal")
    for who in ("anonymous", "other"):
        page = client_for(getattr(world, who)).get(meeting.get_absolute_url()).content.decode()
        assert "Talousarvio 2027" in page and "QWERTY" not in page
        body = api_client_for(getattr(world, who)).get(f"/api/v1/cooperation/items/{item.pk}/").json()
        assert body["title"] == "Talousarvio 2027" and body["body"] is None
    page = client_for(world.viewer).get(meeting.get_absolute_url()).content.decode()
    assert "QWERTY" in page
    assert AccessLog.objects.filter(user=world.viewer, action="read", object_ids=str(item.pk)).exists()
    assert api_client_for(world.viewer).get(f"/api/v1/cooperation/items/{item.pk}/").json()["body"] == (
        "Salainen luonnos QWERTY")


def test_internal_attachment_is_not_listed_or_sent_to_outsiders(world, meeting, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        item = AgendaItemFactory(meeting=meeting)
        public = Attachment.objects.create(meeting=meeting, item=item, title="Julkinen liite",
                                           file=ContentFile(b"julkinen", name="julkinen.txt"))
        internal = Attachment.objects.create(meeting=meeting, item=item, title="Sisäinen liite",
                                             visibility="internal", file=ContentFile(b"salainen", name="s.txt"))
        anonymous = client_for(None)
        page = anonymous.get(meeting.get_absolute_url()).content.decode()
        assert "Julkinen liite" in page and "Sisäinen liite" not in page
        assert anonymous.get(internal.get_absolute_url()).status_code == 404
        assert client_for(world.other).get(internal.get_absolute_url()).status_code == 404
        response = anonymous.get(public.get_absolute_url())
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"julkinen"
        response = client_for(world.viewer).get(internal.get_absolute_url())
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"salainen"
        assert AccessLog.objects.filter(user=world.viewer, detail="download").exists()


def test_an_attachment_of_an_internal_meeting_cannot_be_public(world):
    from django.core.exceptions import ValidationError

    forum = forum_for(world.a1, visibility="internal")
    meeting = MeetingFactory(forum=forum, visibility="internal")
    with pytest.raises(ValidationError):
        Attachment(meeting=meeting, title="x", file="x.txt", visibility="public").full_clean()


def test_minutes_turn_public_on_the_check_date(world, meeting):
    url, api_url = meeting.get_absolute_url(), f"/api/v1/cooperation/meetings/{meeting.pk}/"
    with freeze_time("2026-03-09 12:00"):
        assert "XYZ" not in client_for(None).get(url).content.decode()
        assert api_client_for(None).get(api_url).json()["minutes"] is None
        assert "XYZ" in client_for(world.viewer).get(url).content.decode()
    with freeze_time("2026-03-10 08:00"):
        assert "XYZ" in client_for(None).get(url).content.decode()
        assert api_client_for(None).get(api_url).json()["minutes"] == "Pöytäkirjan teksti XYZ"


def test_a_decision_on_an_item_of_another_meeting_is_refused(world, meeting):
    other_meeting = MeetingFactory(forum=meeting.forum)
    item = AgendaItemFactory(meeting=meeting)
    api = api_client_for(world.editor)
    response = api.post("/api/v1/cooperation/decisions/", {"meeting": other_meeting.pk, "item": item.pk,
                                                            "resolution": "passed"}, format="json")
    assert response.status_code == 400 and "item" in response.json()
    assert not Decision.objects.exists()
    page = client_for(world.editor).post("/cooperation/decisions/add/", {
        "meeting": other_meeting.pk, "item": item.pk, "resolution": "passed"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "another meeting" in page.content.decode()
    assert not Decision.objects.exists()
    response = api.post("/api/v1/cooperation/decisions/", {"meeting": meeting.pk, "item": item.pk,
                                                            "resolution": "vote"}, format="json")
    assert response.status_code == 201


def test_a_member_outside_the_forums_organisations_needs_the_outside_expert_mark(world):
    forum = forum_for(world.a1)
    outsider = PersonFactory(organisation=world.b1)
    api = api_client_for(world.editor)
    payload = {"forum": forum.pk, "person": outsider.pk, "organisation": world.b1.pk, "role": "expert"}
    response = api.post("/api/v1/cooperation/members/", payload, format="json")
    assert response.status_code == 400 and "organisation" in response.json()
    assert not ForumMember.objects.exists()
    response = api.post("/api/v1/cooperation/members/", {**payload, "outside_expert": True}, format="json")
    assert response.status_code == 201
    insider = PersonFactory(organisation=world.a1)
    response = api.post("/api/v1/cooperation/members/", {"forum": forum.pk, "person": insider.pk,
                                                          "organisation": world.a1.pk, "role": "chair"},
                        format="json")
    assert response.status_code == 201


@freeze_time("2026-06-01")
def test_late_actions_show_on_the_forum_and_the_owners_page(world):
    owner = PersonFactory(organisation=world.a1, visibility="public")
    forum = forum_for(world.a1)
    late = FollowUpActionFactory(decision=DecisionFactory(item__meeting__forum=forum), owner=owner,
                                 title="Myöhässä oleva selvitys", deadline=date(2026, 5, 1))
    FollowUpActionFactory(decision=late.decision, owner=owner, title="Ajallaan oleva", deadline=date(2026, 7, 1))
    FollowUpActionFactory(decision=late.decision, owner=owner, title="Valmis jo", deadline=date(2026, 4, 1),
                          status="done")
    forum_page = client_for(None).get(forum.get_absolute_url()).content.decode()
    late_section = forum_page.split('id="late-h"')[1].split("</section>")[0]
    assert "Myöhässä oleva selvitys" in late_section
    assert "Ajallaan oleva" not in late_section and "Valmis jo" not in late_section
    person_page = client_for(None).get(f"/cooperation/people/{owner.pk}/actions/").content.decode()
    late_part = person_page.split('id="late-h"')[1].split("</section>")[0]
    assert "Myöhässä oleva selvitys" in late_part and "Ajallaan oleva" not in late_part
    body = api_client_for(None).get("/api/v1/cooperation/actions/", {"owner": owner.pk}).json()
    assert {r["title"]: r["is_late"] for r in body["results"]}["Myöhässä oleva selvitys"] is True


def test_meeting_pages_and_forms(world, meeting):
    client = client_for(world.editor)
    for url in ("/cooperation/meetings/add/", f"/cooperation/items/add/?meeting={meeting.pk}",
                f"/cooperation/attachments/add/?meeting={meeting.pk}", "/cooperation/members/add/",
                "/cooperation/forums/add/", "/cooperation/escalations/add/", "/cooperation/actions/add/",
                f"{meeting.get_absolute_url()}edit/"):
        assert client.get(url).status_code == 200, url
    response = client.post("/cooperation/items/add/", {"meeting": meeting.pk, "number": 7, "title": "Uusi asia",
                                                        "body": "", "body_visibility": "public"})
    assert response.status_code == 302
    assert client_for(world.other).get(f"{meeting.get_absolute_url()}edit/").status_code == 403


def test_action_status_is_changed_by_the_forums_editors(world):
    action = FollowUpActionFactory(decision=DecisionFactory(item__meeting__forum=forum_for(world.a1)))
    url = f"/cooperation/actions/{action.pk}/status/"
    assert client_for(world.other).post(url, {"status": "done"}).status_code == 403
    assert client_for(world.editor).post(url, {"status": "nonsense"}).status_code == 400
    assert client_for(world.editor).post(url, {"status": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


@freeze_time("2026-06-01")
def test_person_section_tag_for_the_person_page(world, rf):
    from django.template import Context, Template

    owner = PersonFactory(organisation=world.a1, visibility="public")
    forum = forum_for(world.a1, name="Hyte-ryhmä X", name_fi="Hyte-ryhmä X")
    from .factories import ForumMemberFactory

    ForumMemberFactory(forum=forum, person=owner, organisation=world.a1, role="chair")
    FollowUpActionFactory(decision=DecisionFactory(item__meeting__forum=forum), owner=owner,
                          title="Myöhästynyt raportti", deadline=date(2026, 5, 1))
    request = rf.get("/")
    request.user = world.other
    html = Template("{% load cooperation_tags %}{% person_cooperation person %}").render(
        Context({"request": request, "person": owner}))
    assert "Hyte-ryhmä X" in html and "Myöhästynyt raportti" in html
    hidden = forum_for(world.a1, name="Sisäryhmä Y", name_fi="Sisäryhmä Y", visibility="internal")
    ForumMemberFactory(forum=hidden, person=owner, organisation=world.a1)
    html = Template("{% load cooperation_tags %}{% person_cooperation person %}").render(
        Context({"request": request, "person": owner}))
    assert "Sisäryhmä Y" not in html
