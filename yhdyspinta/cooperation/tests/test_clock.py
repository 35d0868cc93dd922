"""The annual clock and its iCalendar feeds (RFC 5545, parsed back), the SISOTE steps, the demo."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import client_for
from tests.factories import PersonFactory
from yhdyspinta.cooperation.duties import generate_duties
from yhdyspinta.cooperation.models import Duty, StepTick
from yhdyspinta.cooperation.reference import load_reference_data

from .factories import FollowUpActionFactory, ForumMemberFactory, MeetingFactory, forum_for

TZ = ZoneInfo("Europe/Helsinki")


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    timezones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    events = cal.walk("VEVENT")
    for ev in events:  # the properties RFC 5545 requires of every event
        assert ev["UID"] and ev["DTSTAMP"] and ev["DTSTART"]
        tzid = ev["DTSTART"].params.get("TZID")
        assert tzid is None or tzid in timezones  # every TZID has its VTIMEZONE
    return {str(ev["SUMMARY"]): ev for ev in events}


@pytest.fixture
def calendar_world(world):
    public_forum = forum_for(world.a1, name="Hyte-ryhmä", name_fi="Hyte-ryhmä")
    internal_forum = forum_for(world.a1, name="Sisäinen johtoryhmä", name_fi="Sisäinen johtoryhmä",
                               visibility="internal")
    MeetingFactory(forum=public_forum, starts_at=datetime(2026, 4, 14, 13, 0, tzinfo=TZ), place="Kaupungintalo")
    MeetingFactory(forum=internal_forum, starts_at=datetime(2026, 5, 5, 9, 0, tzinfo=TZ), visibility="internal")
    return public_forum, internal_forum


def test_forum_feed_round_trip(world, calendar_world):
    public_forum, internal_forum = calendar_world
    events = _events(client_for(None).get(f"/cooperation/forums/{public_forum.pk}/calendar.ics"))
    ev = events["Hyte-ryhmä"]
    assert ev.decoded("DTSTART") == datetime(2026, 4, 14, 13, 0, tzinfo=TZ)
    assert str(ev["LOCATION"]) == "Kaupungintalo"
    assert client_for(None).get(f"/cooperation/forums/{internal_forum.pk}/calendar.ics").status_code == 404
    assert "Sisäinen johtoryhmä" in _events(
        client_for(world.viewer).get(f"/cooperation/forums/{internal_forum.pk}/calendar.ics"))


def test_organisation_feed_has_meetings_and_duty_deadlines_public_only_for_anonymous(world, calendar_world):
    load_reference_data()
    generate_duties(world.county_a, range(2026, 2027))
    anonymous = _events(client_for(None).get(f"/cooperation/organisations/{world.a1.pk}/calendar.ics"))
    assert "Hyte-ryhmä" in anonymous and "Sisäinen johtoryhmä" not in anonymous
    duty_events = [ev for name, ev in anonymous.items() if "(2026)" in name]
    assert len(duty_events) == Duty.objects.filter(municipality=world.a1, period_label="2026").count() == 2
    assert all(ev.decoded("DTSTART") == date(2026, 12, 31) for ev in duty_events)
    insider = _events(client_for(world.viewer).get(f"/cooperation/organisations/{world.a1.pk}/calendar.ics"))
    assert "Sisäinen johtoryhmä" in insider


def test_person_feed_has_their_meetings_and_action_deadlines(world, calendar_world):
    public_forum, _internal = calendar_world
    person = PersonFactory(organisation=world.a1, visibility="public")
    ForumMemberFactory(forum=public_forum, person=person, organisation=world.a1)
    FollowUpActionFactory(owner=person, title="Selvitys valtuustolle", deadline=date(2026, 9, 30),
                          decision__item__meeting__forum=public_forum)
    events = _events(client_for(None).get(f"/cooperation/people/{person.pk}/calendar.ics"))
    assert "Hyte-ryhmä" in events and events["Selvitys valtuustolle"].decoded("DTSTART") == date(2026, 9, 30)


def test_annual_clock_page(world, calendar_world):
    load_reference_data()
    generate_duties(world.county_a, range(2026, 2027))
    client = client_for(None)
    page = client.get("/cooperation/clock/", {"area": world.county_a.pk, "year": 2026}).content.decode()
    assert "Hyte-ryhmä" in page and "Sisäinen johtoryhmä" not in page and "14.4.2026" in page
    assert page.count("<caption>") == 2  # April (the meeting) and December (yearly deadlines)
    page = client.get("/cooperation/clock/", {"area": world.county_a.pk, "year": 2026, "month": 4}).content.decode()
    assert "Hyte-ryhmä" in page and "31.12.2026" not in page
    assert client.get("/cooperation/clock/", {"year": "x", "month": "99"}).status_code == 200
    assert "Sisäinen johtoryhmä" in client_for(world.viewer).get(
        "/cooperation/clock/", {"area": world.county_a.pk, "year": 2026}).content.decode()


def test_steps_checklist(world):
    StepTick.objects.create(county=world.county_a, item="need_raised", evidence="Sivistysjohtajien kokous")
    page = client_for(None).get(f"/cooperation/steps/{world.county_a.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sivistysjohtajien kokous" in page and "1 of 13" in page
    client = client_for(world.coordinator)
    response = client.post("/cooperation/steps/tick/", {"county": world.county_a.pk, "item": "network_found",
                                                         "done_on": "2026-02-01", "evidence": "Verkosto koolla"})
    assert response.status_code == 302
    response = client_for(world.other).post("/cooperation/steps/tick/", {
        "county": world.county_a.pk, "item": "management_support", "done_on": "2026-02-01", "evidence": "x"})
    assert response.status_code == 200 and StepTick.objects.count() == 2
    assert client_for(None).get("/cooperation/steps/").status_code == 200


def test_tick_form_offers_only_the_county_s_meetings(world):
    from .factories import ForumFactory, MeetingFactory

    own = MeetingFactory(forum=ForumFactory(area=world.county_a, name="Oma ryhmä", name_fi="Oma ryhmä"))
    other = MeetingFactory(forum=ForumFactory(area=world.county_b, name="Muu ryhmä", name_fi="Muu ryhmä"))
    form = client_for(world.admin).get("/cooperation/steps/tick/", {"county": world.county_a.pk}).context["form"]
    offered = set(form.fields["meeting"].queryset)
    assert own in offered and other not in offered
    # no county chosen: the user's own area, not every meeting in the country
    form = client_for(world.coordinator).get("/cooperation/steps/tick/").context["form"]
    assert set(form.fields["meeting"].queryset) == {own}


def test_demo_builds_a_year_of_cooperation(db):
    from tests.factories import CountyFactory, MunicipalityFactory
    from yhdyspinta.cooperation import demo
    from yhdyspinta.cooperation.models import Agreement, FollowUpAction, Forum, Meeting

    county = CountyFactory(code="08", name="Pirkanmaan hyvinvointialue")
    for name in ("Tampere", "Nokia", "Lempäälä", "Kangasala", "Orivesi"):
        MunicipalityFactory(name=name, name_fi=name, area=county)
    out = StringIO()
    demo.load(out)
    demo.load(out)  # idempotent
    assert Forum.objects.filter(area=county).count() == 3 + 9 + 2
    assert Meeting.objects.filter(forum__area=county, starts_at__year=2026).count() == 1 + 2 + 6 + 9 * 6 + 1
    assert FollowUpAction.objects.exists() and Agreement.objects.count() == 5
    approved = Meeting.objects.filter(forum__area=county, minutes_state="approved")  # the officials' six
    assert approved.count() == 6 and all(m.attendance.filter(checks_minutes=True).count() == 2 for m in approved)
    assert StepTick.objects.filter(county=county).count() == 6
    states = {d.state(date(2026, 11, 23)) for d in Duty.objects.filter(county=county)}
    assert states == {"done", "due", "overdue"}
