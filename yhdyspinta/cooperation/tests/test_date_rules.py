"""Dates in order: an agreement's validity and renewal date, a meeting's minutes check (one rule each,
in the model's clean(), reached by the page forms, the API and the actions)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for, client_for
from yhdyspinta.cooperation import actions
from yhdyspinta.cooperation.models import Agreement, Meeting

from .factories import AgreementFactory, MeetingFactory, forum_for

API = "/api/v1/cooperation/agreements/"
TZ = ZoneInfo("Europe/Helsinki")


def _agreement_page(world, **data):
    return {"title_fi": "Yhteistyösopimus", "kind": "task_specific", "reminder_days": 60, "visibility": "public",
            "party_organisations": [world.county_a.pk, world.a1.pk], **data}


def _agreement_api(world, **data):
    return {"title_fi": "Yhteistyösopimus", "kind": "task_specific", "visibility": "public",
            "parties": [world.county_a.pk, world.a1.pk], **data}


# ---- agreements --------------------------------------------------------------------------------
def test_page_refuses_an_agreement_that_ends_before_it_starts(world):
    response = client_for(world.editor).post("/cooperation/agreements/add/", _agreement_page(
        world, valid_from="2026-05-01", valid_until="2026-04-30"))
    assert response.status_code == 200
    assert "ei voi päättyä ennen kuin se alkaa" in " ".join(response.context["form"].errors["valid_until"])
    assert not Agreement.objects.exists()


def test_api_refuses_an_agreement_that_ends_before_it_starts(world):
    response = api_client_for(world.editor).post(API, _agreement_api(
        world, valid_from="2026-05-01", valid_until="2026-04-30"), format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    assert "ei voi päättyä ennen kuin se alkaa" in response.json()["valid_until"][0]
    assert not Agreement.objects.exists()


def test_api_change_is_checked_against_the_stored_dates(world):
    agreement = AgreementFactory(parties=[world.county_a, world.a1], valid_from=date(2026, 1, 1),
                                 valid_until=date(2027, 12, 31))
    api = api_client_for(world.editor)
    response = api.patch(f"{API}{agreement.pk}/", {"valid_until": "2025-12-31"}, format="json",
                         HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400 and "kan inte upphöra innan det börjar" in response.json()["valid_until"][0]
    agreement.refresh_from_db()
    assert agreement.valid_until == date(2027, 12, 31)
    assert api.patch(f"{API}{agreement.pk}/", {"valid_until": "2026-01-01"}, format="json").status_code == 200


def test_renewal_date_after_the_end_is_refused(world):
    response = api_client_for(world.editor).post(API, _agreement_api(
        world, valid_from="2026-01-01", valid_until="2026-12-31", renewal_date="2027-01-15"), format="json",
        HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400 and "renewal_date" in response.json()
    response = client_for(world.editor).post("/cooperation/agreements/add/", _agreement_page(
        world, valid_from="2026-01-01", valid_until="2026-12-31", renewal_date="2027-01-15"))
    assert response.status_code == 200 and response.context["form"].errors["renewal_date"]
    assert not Agreement.objects.exists()
    # without an end date, a renewal date is a plain reminder and allowed
    response = api_client_for(world.editor).post(API, _agreement_api(
        world, valid_from="2026-01-01", renewal_date="2027-01-15"), format="json")
    assert response.status_code == 201, response.content


def test_the_action_for_imports_has_the_same_rules(world):
    with pytest.raises(ValidationError) as exc:
        actions.create_agreement(acting_user=world.editor, parties=[world.county_a, world.a1], title_fi="Tuonti",
                                 kind="task_specific", valid_from=date(2026, 5, 1), valid_until=date(2026, 4, 1))
    assert "valid_until" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # the parties' legal checks in the same place, reported together
        actions.create_agreement(acting_user=world.editor, parties=[world.a1], title_fi="Tuonti", kind="task_specific",
                                 valid_from=date(2026, 5, 1), valid_until=date(2026, 4, 1))
    assert {"valid_until", "parties"} <= set(exc.value.message_dict)
    assert not Agreement.objects.exists()
    agreement = actions.create_agreement(acting_user=world.editor, parties=[world.county_a, world.a1], title_fi="Tuonti",
                                         kind="task_specific", valid_from=date(2026, 4, 1),
                                         valid_until=date(2026, 4, 1))
    assert set(agreement.parties.all()) == {world.county_a, world.a1}


# ---- minutes ------------------------------------------------------------------------------------
@pytest.fixture
def late_meeting(world):
    """Starts at 00.30 on 10 March in Helsinki (still 9 March in UTC)."""
    return MeetingFactory(forum=forum_for(world.a1), starts_at=datetime(2026, 3, 10, 0, 30, tzinfo=TZ))


def _meeting_form(meeting, checked_on):
    return {"forum": meeting.forum_id, "starts_at": "2026-03-10T00:30", "place": meeting.place,
            "minutes": "Pöytäkirja", "minutes_checked_on": checked_on, "visibility": "public"}


def test_minutes_checked_before_the_meeting_are_refused_on_the_page(world, late_meeting):
    client = client_for(world.editor)
    url = f"{late_meeting.get_absolute_url()}edit/"
    response = client.post(url, _meeting_form(late_meeting, "2026-03-09"))
    assert response.status_code == 200
    assert "ennen kokousta" in " ".join(response.context["form"].errors["minutes_checked_on"])
    late_meeting.refresh_from_db()
    assert late_meeting.minutes_checked_on is None
    assert client.post(url, _meeting_form(late_meeting, "2026-03-10")).status_code == 302  # the same day


def test_minutes_checked_before_the_meeting_are_refused_by_the_api(world, late_meeting):
    api = api_client_for(world.editor)
    url = f"/api/v1/cooperation/meetings/{late_meeting.pk}/"
    response = api.patch(url, {"minutes_checked_on": "2026-03-09"}, format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400 and "ennen kokousta" in response.json()["minutes_checked_on"][0]
    late_meeting.refresh_from_db()
    assert late_meeting.minutes_checked_on is None
    # a later date is a planned publication: the minutes turn public on that day (docs/cooperation.md)
    assert api.patch(url, {"minutes_checked_on": "2026-03-24"}, format="json").status_code == 200
    late_meeting.refresh_from_db()
    assert late_meeting.minutes_checked_on == date(2026, 3, 24)


def test_moving_the_meeting_after_the_check_date_is_refused(world, late_meeting):
    Meeting.objects.filter(pk=late_meeting.pk).update(minutes_checked_on=date(2026, 3, 12))
    response = api_client_for(world.editor).patch(f"/api/v1/cooperation/meetings/{late_meeting.pk}/",
                                                  {"starts_at": "2026-03-20T13:00:00+02:00"}, format="json")
    assert response.status_code == 400 and "minutes_checked_on" in response.json()
