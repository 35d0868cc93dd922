"""The minutes' way draft → checked → approved in the API (POST meetings/<id>/check-minutes/ and
approve-minutes/): the actions of the page's buttons, so the same rights and refusals."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.cooperation import actions
from yhdyspinta.cooperation.models import Meeting, MinutesState

from .factories import MeetingFactory, forum_for

API = "/api/v1/cooperation/meetings"


@pytest.fixture
def meeting(world):  # held already: minutes are checked only after the meeting
    return MeetingFactory(forum=forum_for(world.a1), visibility="public",
                          starts_at=datetime(2026, 3, 3, 13, 0, tzinfo=ZoneInfo("Europe/Helsinki")))


def _attendance(world, meeting):
    chair, one, two = (PersonFactory(organisation=world.a1, first_name=n, last_name="Testinen")
                       for n in ("Pia", "Mia", "Olli"))
    actions.set_attendance(meeting, [(chair, "chair", False), (one, "member", True), (two, "member", True)],
                           actor=world.editor)


def test_the_secretary_checks_and_approves_the_minutes_through_the_api(world, meeting):
    _attendance(world, meeting)
    secretary = api_client_for(world.editor)  # an editor of the forum's organisation keeps the minutes
    checked = secretary.post(f"{API}/{meeting.pk}/check-minutes/")
    assert checked.status_code == 200, checked.content
    body = checked.json()
    assert body["minutes_state"] == "checked" and body["minutes_checked_at"]
    assert body["minutes_checked_on"] and body["minutes_checked_by"]
    approved = secretary.post(f"{API}/{meeting.pk}/approve-minutes/")
    assert approved.status_code == 200, approved.content
    assert approved.json()["minutes_state"] == "approved" and approved.json()["minutes_approved_at"]
    meeting.refresh_from_db()
    assert (meeting.minutes_state, meeting.minutes_checked_by, meeting.minutes_approved_by) == (
        MinutesState.APPROVED, world.editor, world.editor)
    assert approved.json()["version"] == meeting.version  # the answer carries the stored version
    # approved minutes are frozen: a change of the text is refused, a correction entry is the way
    frozen = secretary.patch(f"{API}/{meeting.pk}/", {"minutes": "Uusi teksti"}, format="json")
    assert frozen.status_code == 400


def test_wrong_state_is_a_400_with_a_translated_reason(world, meeting):
    secretary = api_client_for(world.editor)
    early = secretary.post(f"{API}/{meeting.pk}/approve-minutes/", HTTP_ACCEPT_LANGUAGE="fi")
    assert early.status_code == 400
    assert "Pöytäkirja pitää tarkastaa ennen kuin se hyväksytään." in str(early.json())
    no_attendance = secretary.post(f"{API}/{meeting.pk}/check-minutes/", HTTP_ACCEPT_LANGUAGE="sv")
    assert no_attendance.status_code == 400
    assert "Record the attendance" not in str(no_attendance.json())  # in Swedish, not English
    _attendance(world, meeting)
    assert secretary.post(f"{API}/{meeting.pk}/check-minutes/").status_code == 200
    again = secretary.post(f"{API}/{meeting.pk}/check-minutes/", HTTP_ACCEPT_LANGUAGE="sv")
    assert again.status_code == 400
    assert "Endast ett utkast kan märkas som justerat." in str(again.json())
    assert Meeting.objects.get(pk=meeting.pk).minutes_state == MinutesState.CHECKED


def test_approving_approved_minutes_again_says_they_are_already_approved(world, meeting):
    _attendance(world, meeting)
    secretary = api_client_for(world.editor)
    assert secretary.post(f"{API}/{meeting.pk}/check-minutes/").status_code == 200
    assert secretary.post(f"{API}/{meeting.pk}/approve-minutes/").status_code == 200
    again = secretary.post(f"{API}/{meeting.pk}/approve-minutes/", HTTP_ACCEPT_LANGUAGE="fi")
    assert again.status_code == 400
    assert "Pöytäkirja on jo hyväksytty." in str(again.json())
    assert "tarkastaa ennen" not in str(again.json())  # not "must be checked first": it was


@pytest.mark.parametrize("who", ["viewer", "other", "anonymous"])
def test_those_who_may_not_press_the_pages_button_are_refused_by_the_api(world, meeting, who):
    _attendance(world, meeting)
    user = getattr(world, who)
    answer = api_client_for(user).post(f"{API}/{meeting.pk}/check-minutes/")
    assert answer.status_code in ((401, 403) if user is None else (403,)), answer.content
    # the page's button refuses the same users (no state change there either)
    if user is not None:
        client_for(user).post(f"/cooperation/meetings/{meeting.pk}/minutes/check/")
    assert Meeting.objects.get(pk=meeting.pk).minutes_state == MinutesState.DRAFT
    actions.mark_minutes_checked(meeting, actor=world.editor)
    assert api_client_for(user).post(f"{API}/{meeting.pk}/approve-minutes/").status_code in (401, 403)
    assert Meeting.objects.get(pk=meeting.pk).minutes_state == MinutesState.CHECKED


def test_an_internal_meeting_is_not_found_for_another_countys_user(world):
    meeting = MeetingFactory(forum=forum_for(world.a1), visibility="internal")
    _attendance(world, meeting)
    assert api_client_for(world.other).post(f"{API}/{meeting.pk}/check-minutes/").status_code == 404
    assert api_client_for(None).post(f"{API}/{meeting.pk}/check-minutes/").status_code in (401, 403, 404)
    assert Meeting.objects.get(pk=meeting.pk).minutes_state == MinutesState.DRAFT


def test_the_steps_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for step in ("check-minutes", "approve-minutes"):
        operation = schema["paths"][f"/api/v1/cooperation/meetings/{{id}}/{step}/"]["post"]
        assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/Meeting")


def test_the_meeting_list_names_who_moved_the_minutes_without_a_query_per_row(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    forum = forum_for(world.a1)
    api = api_client_for(world.viewer)

    def approved(n):
        for _k in range(n):
            m = MeetingFactory(forum=forum, visibility="public")
            Meeting.objects.filter(pk=m.pk).update(minutes_state="approved", minutes_checked_by=world.editor,
                                                   minutes_approved_by=world.editor)

    approved(3)
    api.get(f"{API}/", {"forum": forum.pk})
    with CaptureQueriesContext(connection) as few:
        rows = api.get(f"{API}/", {"forum": forum.pk}).json()["results"]
    assert rows[0]["minutes_checked_by"] and rows[0]["minutes_approved_by"]
    approved(6)
    with CaptureQueriesContext(connection) as more:
        assert len(api.get(f"{API}/", {"forum": forum.pk}).json()["results"]) == 9
    assert len(more.captured_queries) == len(few.captured_queries)
