"""The API of attendance rows, corrections of approved minutes, DOCX templates and the mapping
round's close/reopen: every write is the action the pages use (same rules, same refusals)."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import api_client_for
from tests.factories import PersonFactory
from yhdyspinta.catalogue.models import MappingRound, helsinki_today
from yhdyspinta.cooperation import actions
from yhdyspinta.cooperation.models import Attendance, Correction, DocumentTemplate

from .factories import AgendaItemFactory, DecisionFactory, MeetingFactory, forum_for

API = "/api/v1/cooperation"


@pytest.fixture
def meeting(world):  # held already: minutes are checked only after the meeting
    return MeetingFactory(forum=forum_for(world.a1), visibility="internal",
                          starts_at=datetime(2026, 3, 3, 13, 0, tzinfo=ZoneInfo("Europe/Helsinki")))


def _person(world, name):
    return PersonFactory(organisation=world.a1, first_name=name, last_name="Testinen")


def test_attendance_rows_through_the_api_follow_the_attendance_rules(world, meeting):
    api = api_client_for(world.editor)
    chair, one, two, three = (_person(world, n) for n in ("Pia", "Mia", "Olli", "Sami"))
    created = api.post(f"{API}/attendance/", {"meeting": meeting.pk, "person": chair.pk, "role": "chair"},
                       format="json")
    assert created.status_code == 201, created.content
    again = api.post(f"{API}/attendance/", {"meeting": meeting.pk, "person": chair.pk, "role": "member"},
                     format="json")
    assert again.status_code == 400 and "person" in again.json()
    for person in (one, two):
        assert api.post(f"{API}/attendance/", {"meeting": meeting.pk, "person": person.pk,
                                               "checks_minutes": True}, format="json").status_code == 201
    third = api.post(f"{API}/attendance/", {"meeting": meeting.pk, "person": three.pk, "checks_minutes": True},
                     format="json")
    assert third.status_code == 400 and "checks_minutes" in third.json()  # two checkers, not three
    row = Attendance.objects.get(meeting=meeting, person=one)
    absent = api.patch(f"{API}/attendance/{row.pk}/", {"role": "absent"}, format="json")
    assert absent.status_code == 400 and "checks_minutes" in absent.json()  # a checker was there
    assert api.patch(f"{API}/attendance/{row.pk}/", {"checks_minutes": False, "role": "expert"},
                     format="json").status_code == 200
    row.refresh_from_db()
    assert (row.role, row.checks_minutes) == ("expert", False)
    assert api.delete(f"{API}/attendance/{row.pk}/").status_code == 204
    assert sorted(meeting.attendance.values_list("person__first_name", flat=True)) == ["Olli", "Pia"]
    # readers: the viewer reads, may not write; another county's user and anonymous see nothing
    assert api_client_for(world.viewer).get(f"{API}/attendance/", {"meeting": meeting.pk}).json()["count"] == 2
    assert api_client_for(world.viewer).post(f"{API}/attendance/", {"meeting": meeting.pk, "person": three.pk},
                                             format="json").status_code == 403
    for outsider in (world.other, None):
        assert api_client_for(outsider).get(f"{API}/attendance/").json()["count"] == 0


def _approve(world, meeting):
    chair, one, two = (_person(world, n) for n in ("Pia", "Mia", "Olli"))
    actions.set_attendance(meeting, [(chair, "chair", False), (one, "member", True), (two, "member", True)],
                           actor=world.editor)
    actions.mark_minutes_checked(meeting, actor=world.editor)
    actions.approve_minutes(meeting, actor=world.editor)


def test_corrections_through_the_api_only_on_approved_minutes_and_frozen_attendance(world, meeting):
    api = api_client_for(world.editor)
    decision = DecisionFactory(item=AgendaItemFactory(meeting=meeting), text="Hyväksyttiin.")
    body = {"meeting": meeting.pk, "what": "Päätöksen sanamuoto", "why": "Kirjoitusvirhe",
            "decision": decision.pk, "text": "Hyväksyttiin muutoksin."}
    draft = api.post(f"{API}/corrections/", body, format="json")
    assert draft.status_code == 400 and not Correction.objects.exists()  # the draft is edited instead
    _approve(world, meeting)
    frozen = api.post(f"{API}/attendance/", {"meeting": meeting.pk, "person": _person(world, "Uusi").pk},
                      format="json")
    assert frozen.status_code == 400  # approved minutes: attendance changes only through a correction
    no_reason = api.post(f"{API}/corrections/", {**body, "why": ""}, format="json")
    assert no_reason.status_code == 400 and "why" in no_reason.json()
    response = api.post(f"{API}/corrections/", body, format="json")
    assert response.status_code == 201, response.content
    correction = Correction.objects.get()
    decision.refresh_from_db()
    assert decision.text == "Hyväksyttiin muutoksin." and "Hyväksyttiin muutoksin." in correction.what
    assert correction.made_by == world.editor and response.json()["made_by"] == world.editor.pk
    # a correction is a record: not changed or removed afterwards
    assert api.patch(f"{API}/corrections/{correction.pk}/", {"why": "x"}, format="json").status_code == 405
    assert api.delete(f"{API}/corrections/{correction.pk}/").status_code == 405
    assert api_client_for(world.other).get(f"{API}/corrections/{correction.pk}/").status_code == 404


def _docx_with(*paragraphs) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_document_templates_through_the_api_are_checked_like_uploads(world):
    forum = forum_for(world.a1)
    api = api_client_for(world.editor)
    bad = SimpleUploadedFile("oma.docx", _docx_with("{{ forum }}", "{% for p in present %}"))
    refused = api.post(f"{API}/document-templates/", {"area": world.county_a.pk, "forum": forum.pk,
                                                      "kind": "minutes", "file": bad}, format="multipart")
    assert refused.status_code == 400 and "oma.docx" in str(refused.json()["file"])
    assert not DocumentTemplate.objects.exists()
    good = SimpleUploadedFile("oma.docx", _docx_with("OMA {{ forum }}"))
    created = api.post(f"{API}/document-templates/", {"area": world.county_a.pk, "forum": forum.pk,
                                                      "kind": "minutes", "file": good}, format="multipart")
    assert created.status_code == 201, created.content
    template = DocumentTemplate.objects.get()
    assert template.forum == forum and template.kind == "minutes"
    # another county's editor may not add one for this forum's county
    other = api_client_for(world.other).post(
        f"{API}/document-templates/", {"area": world.county_a.pk, "kind": "agenda",
                                       "file": SimpleUploadedFile("x.docx", _docx_with("x"))}, format="multipart")
    assert other.status_code in (400, 403) and DocumentTemplate.objects.count() == 1


def test_mapping_round_opened_closed_and_reopened_through_the_api(world):
    api = api_client_for(world.coordinator)
    opened = api.post("/api/v1/catalogue/rounds/", {"area": world.county_a.pk, "title": "Kartoitus 2026",
                                                   "visibility": "internal"}, format="json")
    assert opened.status_code == 201, opened.content
    pk = opened.json()["id"]
    assert opened.json()["is_open"] is True and opened.json()["state"] == "open"
    assert api.patch(f"/api/v1/catalogue/rounds/{pk}/", {"is_open": False}, format="json").status_code == 200
    assert MappingRound.objects.get(pk=pk).is_open  # only through close
    assert api_client_for(world.other).post(f"/api/v1/catalogue/rounds/{pk}/close/").status_code == 404
    assert api_client_for(world.editor).post(f"/api/v1/catalogue/rounds/{pk}/close/").status_code == 403
    closed = api.post(f"/api/v1/catalogue/rounds/{pk}/close/")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    past = api.post(f"/api/v1/catalogue/rounds/{pk}/reopen/", {"closes_on": "2020-01-01"}, format="json")
    assert past.status_code == 400 and "closes_on" in past.json()
    until = helsinki_today() + timedelta(days=14)
    reopened = api.post(f"/api/v1/catalogue/rounds/{pk}/reopen/", {"closes_on": until.isoformat()}, format="json")
    assert reopened.status_code == 200 and reopened.json()["state"] == "open"
    assert reopened.json()["closes_on"] == until.isoformat()
    listed = api.get("/api/v1/catalogue/rounds/").json()
    assert [r["id"] for r in listed["results"]] == [pk]
    assert api_client_for(None).get("/api/v1/catalogue/rounds/").json()["count"] == 0  # internal round


def test_the_county_answers_in_a_round_only_when_chosen(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory
    from yhdyspinta.cooperation.models import RoundRespondent

    InterfaceFactory(parties=[world.a1, world.county_a], area=world.county_a)
    api = api_client_for(world.coordinator)
    for include, expected in ((False, {world.a1.pk}), (True, {world.a1.pk, world.county_a.pk})):
        pk = api.post("/api/v1/catalogue/rounds/", {"area": world.county_a.pk, "title": f"K {include}",
                                                    "include_county": include, "opens_on": date(2026, 1, 1)},
                      format="json").json()["id"]
        assert set(RoundRespondent.objects.filter(round_id=pk).values_list("organisation_id", flat=True)) == expected
