"""Meeting minutes: end time, attendance and minute checkers, the way draft → checked → approved,
frozen approved minutes and corrections, the documents (PDF, DOCX, templates), recurring meetings."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import client_for
from tests.factories import PersonFactory
from yhdyspinta.cooperation import actions, documents
from yhdyspinta.cooperation.ical import feed
from yhdyspinta.cooperation.models import (
    Attendance,
    Correction,
    DocumentTemplate,
    Meeting,
    MinutesState,
)
from yhdyspinta.cooperation.recurrence import MAX_OCCURRENCES, RecurrenceError, occurrences
from yhdyspinta.core.models import AccessLog

from .factories import (
    AgendaItemFactory,
    DecisionFactory,
    FollowUpActionFactory,
    ForumMemberFactory,
    MeetingFactory,
    forum_for,
)

TZ = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def setup(world):
    forum = forum_for(world.a1, name="Hyvinvointiryhmä", meeting_minutes=90)
    chair = ForumMemberFactory(forum=forum, person=PersonFactory(organisation=world.a1, first_name="Pia",
                                                                 last_name="Puheenjohtaja"), role="chair").person
    secretary = ForumMemberFactory(forum=forum, person=PersonFactory(organisation=world.a1, first_name="Sami",
                                                                     last_name="Sihteeri"),
                                   role="secretary").person
    member = ForumMemberFactory(forum=forum, person=PersonFactory(organisation=world.a1, first_name="Mia",
                                                                  last_name="Jäsen")).person
    away = ForumMemberFactory(forum=forum, person=PersonFactory(organisation=world.a1, first_name="Olli",
                                                                last_name="Poissa")).person
    meeting = MeetingFactory(forum=forum, starts_at=datetime(2026, 3, 3, 13, 0, tzinfo=TZ))
    item = AgendaItemFactory(meeting=meeting, number=1, title="Talousarvio 2027")
    decision = DecisionFactory(item=item, text="Hyväksyttiin esitys.")
    FollowUpActionFactory(decision=decision, title="Laadi aikataulu", owner=member, deadline=date(2026, 4, 30))
    return forum, meeting, item, decision, {"chair": chair, "secretary": secretary, "member": member, "away": away}


def _record(meeting, people, actor):
    actions.set_attendance(meeting, [
        (people["chair"], "chair", False), (people["secretary"], "secretary", False),
        (people["member"], "member", True), (people["away"], "absent", False),
    ], actor=actor)


def test_end_time_defaults_to_the_forums_usual_length_and_the_calendar_uses_it(setup):
    forum, meeting, *_ = setup
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)
    other = MeetingFactory(forum=forum_for(forum.organisations.first()))
    assert other.ends_at - other.starts_at == timedelta(hours=2)
    meeting.ends_at = meeting.starts_at + timedelta(minutes=45)
    meeting.save()
    ics = feed("x", meetings=[meeting]).decode()
    assert "DTSTART;TZID=Europe/Helsinki:20260303T130000" in ics
    assert "DTEND;TZID=Europe/Helsinki:20260303T134500" in ics
    meeting.starts_at += timedelta(days=1)  # moved: the end moves with it
    meeting.full_clean()
    assert meeting.ends_at == meeting.starts_at + timedelta(minutes=45)
    meeting.save()
    meeting.ends_at = meeting.starts_at - timedelta(minutes=1)
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_attendance_allows_two_present_minute_checkers(world, setup):
    _forum, meeting, _item, _decision, people = setup
    with pytest.raises(ValidationError):
        actions.set_attendance(meeting, [(people["chair"], "chair", True), (people["member"], "member", True),
                                         (people["secretary"], "secretary", True)], actor=world.editor)
    with pytest.raises(ValidationError):
        actions.set_attendance(meeting, [(people["away"], "absent", True)], actor=world.editor)
    with pytest.raises(PermissionDenied):  # another county's editor
        actions.set_attendance(meeting, [], actor=world.other)
    _record(meeting, people, world.editor)
    assert {a.person_id: a.role for a in meeting.attendance.all()}[people["away"].pk] == "absent"
    # expected rows come from the seats: chair, secretary, members
    expected = {p.pk: role for p, role in actions.expected_attendance(meeting)}
    assert expected[people["chair"].pk] == "chair" and expected[people["secretary"].pk] == "secretary"


def test_minutes_way_draft_checked_approved_with_who_and_when(world, setup):
    _forum, meeting, _item, _decision, people = setup
    with pytest.raises(ValidationError, match="läsnäolijat"):
        actions.mark_minutes_checked(meeting, actor=world.editor)
    actions.set_attendance(meeting, [(people["chair"], "chair", True)], actor=world.editor)
    with pytest.raises(ValidationError, match="kaksi pöytäkirjantarkastajaa"):
        actions.mark_minutes_checked(meeting, actor=world.editor)
    actions.set_attendance(meeting, [(people["chair"], "chair", True), (people["member"], "member", True)],
                           actor=world.editor)
    with pytest.raises(ValidationError):
        actions.approve_minutes(meeting, actor=world.editor)  # not checked yet
    actions.mark_minutes_checked(meeting, actor=world.editor)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CHECKED and meeting.minutes_checked_by == world.editor
    assert meeting.minutes_checked_at is not None and meeting.minutes_checked_on is not None
    actions.approve_minutes(meeting, actor=world.org_admin)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED and meeting.minutes_approved_by == world.org_admin
    from auditlog.models import LogEntry

    entry = LogEntry.objects.filter(object_pk=str(meeting.pk), actor=world.org_admin,
                                    content_type__model="meeting").latest("timestamp")
    assert "minutes_state" in entry.changes_dict


def test_approved_meeting_page_names_the_publication_date_and_offers_no_delete(world, setup):
    _forum, meeting, _item, _decision, people = setup
    Meeting.objects.filter(pk=meeting.pk).update(minutes_checked_on=date(2026, 3, 20))
    meeting.refresh_from_db()
    page = client_for(world.editor).get(f"/cooperation/meetings/{meeting.pk}/").content.decode()
    assert f"/cooperation/meetings/{meeting.pk}/delete/" in page  # a draft meeting may be deleted
    _approve(world, meeting, people)
    page = client_for(world.editor).get(f"/cooperation/meetings/{meeting.pk}/").content.decode()
    # the planned publication day is not called a checking date (the state line has the checking day)
    assert "Pöytäkirja julkinen alkaen</dt><dd>20.3.2026" in page
    assert "Pöytäkirja tarkastettu" not in page
    # approved minutes are kept: deleting them is refused, so it is not offered
    assert f"/cooperation/meetings/{meeting.pk}/delete/" not in page


def test_a_follow_up_action_without_a_decision_in_the_address_offers_open_decisions(world, setup):
    import re

    _forum, meeting, _item, decision, people = setup

    def offered():
        body = client_for(world.editor).get("/cooperation/actions/add/").content.decode()
        assert "Lisää jatkotoimenpide" in body  # the help text says where else to start
        select = re.search(r'<select name="decision".*?</select>', body, re.DOTALL).group(0)
        return re.findall(r'<option value="(\d+)"', select)

    assert offered() == [str(decision.pk)]
    _approve(world, meeting, people)
    assert offered() == []  # approved minutes take no new actions (they would be refused)


def test_a_refused_change_of_approved_minutes_is_shown_once(world, setup):
    _forum, meeting, _item, _decision, people = setup
    _approve(world, meeting, people)
    response = client_for(world.editor).post(f"/cooperation/meetings/{meeting.pk}/edit/", {
        "forum": meeting.forum_id, "starts_at": "2026-03-03T13:00", "ends_at": "2026-03-03T14:30",
        "place": "Muutettu paikka", "language": "fi", "minutes": "", "visibility": meeting.visibility,
        "version": meeting.version})
    body = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in body
    assert body.count("kirjaa muutos oikaisuna") == 1, body.count("kirjaa muutos oikaisuna")


def _approve(world, meeting, people):
    actions.set_attendance(meeting, [
        (people["chair"], "chair", True), (people["secretary"], "secretary", False),
        (people["member"], "member", True), (people["away"], "absent", False)], actor=world.editor)
    actions.mark_minutes_checked(meeting, actor=world.editor)
    actions.approve_minutes(meeting, actor=world.editor)
    meeting.refresh_from_db()


def test_approved_minutes_are_frozen_and_changed_only_by_a_correction(world, setup):
    _forum, meeting, item, decision, people = setup
    _approve(world, meeting, people)
    editor = client_for(world.editor)
    response = editor.post(f"/cooperation/decisions/{decision.pk}/edit/", {
        "meeting": meeting.pk, "item": item.pk, "resolution": "amended", "text": "Muutettu", "version": 1})
    assert response.status_code == 200 and "kirjaa muutos oikaisuna" in response.content.decode()
    decision.refresh_from_db()
    assert decision.resolution == "passed"
    response = editor.post("/cooperation/items/add/", {"meeting": meeting.pk, "number": 2, "title": "Uusi",
                                                        "body_visibility": "public"})
    assert response.status_code == 200 and not meeting.items.filter(number=2).exists()
    with pytest.raises(ValidationError):
        actions.set_attendance(meeting, [], actor=world.editor)
    assert editor.post(f"/cooperation/meetings/{meeting.pk}/delete/").status_code == 409
    with pytest.raises(ValidationError):
        actions.correct_minutes(meeting, actor=world.editor, what="Päätöksen sanamuoto", why="")
    response = editor.post(f"/cooperation/meetings/{meeting.pk}/corrections/add/", {
        "what": "Päätöksen sanamuoto", "why": "Kirjoitusvirhe kokouksessa", "decision": decision.pk,
        "resolution": "amended", "text": "Hyväksyttiin muutettuna."})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.resolution == "amended" and decision.text == "Hyväksyttiin muutettuna."
    correction = Correction.objects.get(meeting=meeting)
    assert correction.made_by == world.editor and "Hyväksyttiin esitys." in correction.what
    page = client_for(world.viewer).get(meeting.get_absolute_url()).content.decode()
    assert "Kirjoitusvirhe kokouksessa" in page
    meeting.minutes = "Muutettu suoraan"
    with pytest.raises(ValidationError):
        meeting.full_clean()
    meeting.refresh_from_db()
    actions.correct_minutes(meeting, actor=world.editor, what="Läsnäolomerkintä", why="Puuttui",
                            minutes="Kokous avattiin klo 13.05.")
    meeting.refresh_from_db()
    assert meeting.minutes == "Kokous avattiin klo 13.05." and meeting.corrections.count() == 2


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def test_minutes_as_docx_and_pdf_carry_attendance_decisions_actions_and_state(world, setup):
    _forum, meeting, _item, _decision, people = setup
    _approve(world, meeting, people)
    client = client_for(world.viewer)
    response = client.get(f"/cooperation/meetings/{meeting.pk}/minutes.docx")
    assert response.status_code == 200 and response["Content-Type"] == documents.DOCX_TYPE
    text = _docx_text(response.content)
    for expected in ("Pöytäkirja", "§ 1 Talousarvio 2027", "Pia Puheenjohtaja, Puheenjohtaja",
                     "Olli Poissa", "Hyväksyttiin esitys.", "Laadi aikataulu", "Mia Jäsen", "30.4.2026",
                     "Hyväksytty", "Pöytäkirjantarkastajat: Pia Puheenjohtaja, Mia Jäsen", "13:00–14:30"):
        assert expected in text, expected
    assert AccessLog.objects.filter(user=world.viewer, action="export").exists()
    pypdf = pytest.importorskip("pypdf")
    response = client.get(f"/cooperation/meetings/{meeting.pk}/minutes.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Pöytäkirja", "§ 1 Talousarvio 2027", "Olli Poissa", "Laadi aikataulu", "Hyväksytty"):
        assert expected in text, expected
    assert reader.trailer["/Root"]["/Lang"] == "fi"


def test_documents_follow_the_meetings_language_and_hide_unchecked_minutes(world, setup):
    _forum, meeting, _item, _decision, _people = setup
    Meeting.objects.filter(pk=meeting.pk).update(language="sv")
    agenda = client_for(world.viewer).get(f"/cooperation/meetings/{meeting.pk}/agenda.docx")
    assert "Föredragningslista" in _docx_text(agenda.content)
    assert client_for(None).get(f"/cooperation/meetings/{meeting.pk}/minutes.pdf").status_code == 404
    assert client_for(None).get(f"/cooperation/meetings/{meeting.pk}/notice.docx").status_code == 200


def test_docx_documents_are_in_the_meetings_language_and_name_their_title_and_author(world, setup):
    from docx import Document
    from docx.oxml.ns import qn

    _forum, meeting, _item, _decision, people = setup
    _approve(world, meeting, people)
    client = client_for(world.viewer)
    for language, tag, kinds in (("fi", "fi-FI", ("minutes", "agenda", "notice")), ("sv", "sv-FI", ("agenda",))):
        Meeting.objects.filter(pk=meeting.pk).update(language=language)
        for kind in kinds:
            doc = Document(io.BytesIO(client.get(f"/cooperation/meetings/{meeting.pk}/{kind}.docx").content))
            langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
            assert langs == {tag}, (kind, langs)  # not python-docx's en-US
            props = doc.core_properties
            assert props.language == tag
            assert props.author == "Hyvinvointiryhmä" and "python-docx" not in (props.comments or "")
            assert props.title.startswith("Hyvinvointiryhmä: ") and "{{" not in props.title


def _docx_with(*paragraphs) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_template_upload_refuses_a_jinja_error_naming_the_template_and_line(world, setup, tmp_path):
    forum, meeting, *_ = setup
    client = client_for(world.editor)
    bad = SimpleUploadedFile("oma-poytakirja.docx", _docx_with("{{ document }}", "{{ forum }}",
                                                              "{% for p in present %}{{ p.name }"))
    with override_settings(MEDIA_ROOT=tmp_path):
        response = client.post("/cooperation/document-templates/add/", {
            "area": world.county_a.pk, "forum": forum.pk, "kind": "minutes", "file": bad})
        page = response.content.decode()
        assert response.status_code == 200 and "oma-poytakirja.docx" in page and "rivillä 3" in page
        assert not DocumentTemplate.objects.exists()
        good = SimpleUploadedFile("oma.docx", _docx_with("OMA POHJA {{ forum }}", "{%p for p in present %}",
                                                         "{{ p.name }}", "{%p endfor %}"))
        response = client.post("/cooperation/document-templates/add/", {
            "area": world.county_a.pk, "forum": forum.pk, "kind": "minutes", "file": good})
        assert response.status_code == 302
        actions.set_attendance(meeting, [(setup[4]["chair"], "chair", False)], actor=world.editor)
        text = _docx_text(client.get(f"/cooperation/meetings/{meeting.pk}/minutes.docx").content)
        assert "OMA POHJA Hyvinvointiryhmä" in text and "Pia Puheenjohtaja" in text


def test_recurrence_is_capped_with_a_clear_message():
    start = datetime(2026, 1, 13, 17, 0, tzinfo=TZ)
    dates = occurrences("FREQ=MONTHLY;BYDAY=2TU;COUNT=10", start)
    assert len(dates) == 10 and dates[1] == datetime(2026, 2, 10, 17, 0, tzinfo=TZ)
    assert dates[3].utcoffset() == timedelta(hours=3)  # summer time keeps the wall clock at 17:00
    with pytest.raises(RecurrenceError, match=str(MAX_OCCURRENCES)):
        occurrences("FREQ=WEEKLY", start)
    with pytest.raises(RecurrenceError):
        occurrences("BYDAY=2TU", start)


def test_series_creates_meetings_with_end_times_participants_and_invitations(world, setup):
    forum, _meeting, _item, _decision, people = setup
    from yhdyspinta.notifications.models import Notification

    world.viewer.email = "mia@example.org"
    world.viewer.save()
    people["member"].user = world.viewer
    people["member"].save()
    forum.recurrence = "FREQ=MONTHLY;BYDAY=2TU"
    forum.save()
    client = client_for(world.editor)
    response = client.post("/cooperation/meetings/series/", {
        "forum": forum.pk, "first_start": "2027-01-12T17:00", "until": "2027-06-30", "rule": "",
        "place": "Valtuustosali", "language": "fi"})
    assert response.status_code == 302
    series = list(Meeting.objects.filter(forum=forum, place="Valtuustosali").order_by("starts_at"))
    assert len(series) == 6 and len({m.series for m in series}) == 1
    assert all(m.ends_at - m.starts_at == timedelta(minutes=90) for m in series)
    assert {p.pk for p in series[0].participants.all()} == {p.pk for p in people.values()}
    assert Notification.objects.filter(recipient=world.viewer, kind="meeting").count() == 6
    response = client.post("/cooperation/meetings/series/", {
        "forum": forum.pk, "first_start": "2027-01-12T17:00", "until": "", "rule": "FREQ=WEEKLY",
        "place": "Liikaa", "language": "fi"})
    assert response.status_code == 200 and "60" in response.content.decode()
    assert not Meeting.objects.filter(place="Liikaa").exists()


def test_attendance_page_prefills_from_the_forum_and_saves(world, setup):
    _forum, meeting, _item, _decision, people = setup
    client = client_for(world.editor)
    page = client.get(f"/cooperation/meetings/{meeting.pk}/attendance/").content.decode()
    assert "Pia Puheenjohtaja" in page and "Olli Poissa" in page
    data = {"person": [p.pk for p in people.values()]}
    for key, p in people.items():
        data[f"role-{p.pk}"] = {"chair": "chair", "secretary": "secretary", "member": "member",
                                "away": "absent"}[key]
    data[f"checks-{people['chair'].pk}"] = "on"
    data[f"checks-{people['away'].pk}"] = "on"
    response = client.post(f"/cooperation/meetings/{meeting.pk}/attendance/", data)
    assert response.status_code == 200 and not Attendance.objects.filter(meeting=meeting).exists()
    del data[f"checks-{people['away'].pk}"]
    assert client.post(f"/cooperation/meetings/{meeting.pk}/attendance/", data).status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 4


def test_the_attendance_role_expert_is_a_person_not_a_level(world, setup):
    # the catalogue's level "Expert" (Asiantuntijataso / Expertnivå) must not name an attendance role
    _forum, meeting, _item, _decision, _people = setup
    for lang, word, level in (("fi", "Asiantuntija", "Asiantuntijataso"), ("sv", "Sakkunnig", "Expertnivå")):
        page = client_for(world.editor).get(f"/cooperation/meetings/{meeting.pk}/attendance/",
                                            HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert 'value="expert"' in page
        assert word in page and level not in page, lang


def test_pages_of_the_minutes_way_render_for_the_secretary(world, setup):
    forum, meeting, _item, _decision, people = setup
    client = client_for(world.editor)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Merkitse pöytäkirja tarkastetuksi" in detail and "Kirjaa läsnäolo" in detail
    assert f"/cooperation/meetings/{meeting.pk}/agenda.pdf" in detail
    _approve(world, meeting, people)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Lisää oikaisu" in detail and "Kirjaa läsnäolo" not in detail and "Pöytäkirjantarkastaja" in detail
    for url in (f"/cooperation/meetings/{meeting.pk}/corrections/add/", f"/cooperation/meetings/series/?forum={forum.pk}",
                "/cooperation/document-templates/", forum.get_absolute_url()):
        assert client.get(url).status_code == 200, url
    assert client_for(world.other).get(f"/cooperation/meetings/{meeting.pk}/attendance/").status_code in (403, 404)
    # a new meeting of the forum starts with the forum's members as participants
    form = client.get(f"/cooperation/meetings/add/?forum={forum.pk}").context["form"]
    assert set(form.initial["participants"]) == {p.pk for p in people.values()}
    notice = client.get(f"/cooperation/meetings/{meeting.pk}/notice.pdf")
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")
    default = client.get("/cooperation/document-templates/default/minutes.docx")
    assert default.status_code == 200 and "{{ document }}" in _docx_text(default.content)


def test_api_shows_the_state_read_only_and_refuses_changes_of_approved_minutes(world, setup):
    from conftest import api_client_for

    _forum, meeting, item, _decision, people = setup
    api = api_client_for(world.editor)
    url = f"/api/v1/cooperation/meetings/{meeting.pk}/"
    body = api.get(url).json()
    assert body["minutes_state"] == "draft" and body["ends_at"] is not None
    api.patch(url, {"minutes_state": "approved"}, format="json")
    meeting.refresh_from_db()
    assert meeting.minutes_state == "draft"
    _approve(world, meeting, people)
    response = api.patch(f"/api/v1/cooperation/items/{item.pk}/", {"title": "Muutettu"}, format="json")
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.title == "Talousarvio 2027"


def test_a_changed_end_time_sends_a_calendar_update(world, setup):
    from datetime import datetime as dt

    from yhdyspinta.notifications.models import CalendarEvent
    from yhdyspinta.notifications.producers import meeting_saved

    _forum, meeting, *_ = setup
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=dt(2030, 1, 8, 13, 0, tzinfo=TZ),
                                                 ends_at=dt(2030, 1, 8, 15, 0, tzinfo=TZ))
    meeting.refresh_from_db()
    meeting_saved(meeting, now=dt(2029, 1, 1, tzinfo=TZ))
    meeting.ends_at = dt(2030, 1, 8, 16, 0, tzinfo=TZ)
    meeting.save()
    meeting_saved(meeting, now=dt(2029, 1, 1, tzinfo=TZ))
    assert CalendarEvent.objects.get(uid=f"meeting-{meeting.pk}").sequence == 1


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("{{ meeting.__class__.__mro__ }}", "meeting"),  # a name a meeting document does not have
    ("{{ settings }}", "settings"),
    ("{{ forum.__class__.__mro__ }}", "ei voi täyttää"),  # the sandbox refuses internals of a known name
])
def test_a_template_using_what_a_document_does_not_have_is_refused(world, setup, tmp_path, paragraph, expected):
    """Walk 6 #1: valid syntax, unknown names: accepted, then every download of the minutes was a 500."""
    forum, *_ = setup
    upload = SimpleUploadedFile("koe.docx", _docx_with("OMA {{ forum }}", paragraph))
    with override_settings(MEDIA_ROOT=tmp_path):
        response = client_for(world.editor).post("/cooperation/document-templates/add/", {
            "area": world.county_a.pk, "forum": forum.pk, "kind": "minutes", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "koe.docx" in page and expected in page
    assert not DocumentTemplate.objects.exists()


def test_a_stored_template_that_fails_gives_the_built_in_document(world, setup, tmp_path):
    """A template stored before the check knew its error: the built-in document, never a 500."""
    forum, meeting, *_ = setup
    with override_settings(MEDIA_ROOT=tmp_path):
        DocumentTemplate.objects.create(area=world.county_a, forum=forum, kind="minutes", file=SimpleUploadedFile(
            "vanha.docx", _docx_with("{{ meeting.__class__.__mro__ }}")))
        response = client_for(world.editor).get(f"/cooperation/meetings/{meeting.pk}/minutes.docx")
    assert response.status_code == 200
    assert "Hyvinvointiryhmä" in _docx_text(response.content)


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY;COUNT=3", "FREQ=MINUTELY;COUNT=3", "FREQ=HOURLY;COUNT=3"])
def test_meetings_repeat_at_most_daily(rule):
    """Walk 6 #2: FREQ=SECONDLY made three meetings a second apart."""
    with pytest.raises(RecurrenceError, match="daily|päivittäin"):
        occurrences(rule, datetime(2027, 1, 12, 13, 0, tzinfo=TZ))


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=YEARLY;UNTIL=19000101", "UTC"), ("FREQ=DAILY;BYHOUR=25", "0–23"),
])
def test_a_bad_rule_is_explained_in_the_users_language(rule, words):
    from django.utils.translation import override

    with override("fi"), pytest.raises(RecurrenceError) as caught:
        occurrences(rule, datetime(2027, 1, 12, 13, 0, tzinfo=TZ))
    assert words in str(caught.value) and ("kirjoita" in str(caught.value) or "arvo" in str(caught.value))
