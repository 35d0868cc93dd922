"""A forum secretary in Chromium: a recurring series, the attendance, the minutes checked and approved,
the minutes downloaded as PDF and DOCX; the pages on the way are axe-clean."""

import io

import pytest

from tests.browser import assert_accessible, login
from tests.factories import PersonFactory
from yhdyspinta.cooperation.models import Meeting

from .factories import AgendaItemFactory, DecisionFactory, ForumMemberFactory, forum_for

pytestmark = pytest.mark.browser


def test_secretary_runs_a_series_attendance_approval_and_documents(live_server, browser_page, world):
    forum = forum_for(world.a1, name="Hyteryhmä", name_fi="Hyteryhmä", meeting_minutes=90,
                      recurrence="FREQ=MONTHLY;BYDAY=2TU")
    people = [ForumMemberFactory(forum=forum, role=role, person=PersonFactory(
        organisation=world.a1, first_name=first, last_name="Alfalainen", visibility="public")).person
        for first, role in (("Pia", "chair"), ("Sami", "secretary"), ("Mia", "member"), ("Olli", "member"))]
    page = browser_page
    login(page, live_server, world.editor)

    page.goto(f"{live_server.url}/cooperation/meetings/series/?forum={forum.pk}")
    assert_accessible(page, context="series form")
    page.fill("#id_first_start", "2027-01-12T17:00")
    page.fill("#id_until", "2027-03-31")
    page.fill("#id_place", "Valtuustosali")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "3" in page.inner_text(".messages")
    meetings = list(Meeting.objects.filter(forum=forum).order_by("starts_at"))
    assert len(meetings) == 3
    first = meetings[0]
    DecisionFactory(item=AgendaItemFactory(meeting=first, number=1, title="Hyvinvointikertomus"),
                    text="Merkittiin tiedoksi.", resolution="noted")

    page.goto(f"{live_server.url}/cooperation/meetings/{first.pk}/attendance/")
    assert_accessible(page, context="attendance")
    page.select_option(f"#role-{people[3].pk}", "absent")
    page.check(f"#checks-{people[0].pk}")
    page.check(f"#checks-{people[2].pk}")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("text=Merkitse pöytäkirja tarkastetuksi")
    page.wait_for_load_state()
    page.click("text=Hyväksy pöytäkirja")
    page.wait_for_load_state()
    first.refresh_from_db()
    assert first.minutes_state == "approved"
    assert_accessible(page, context="approved meeting")

    with page.expect_download() as pdf:
        page.click(f"a[href='/cooperation/meetings/{first.pk}/minutes.pdf']")
    with open(pdf.value.path(), "rb") as fh:
        assert fh.read().startswith(b"%PDF")
    with page.expect_download() as docx:
        page.click(f"a[href='/cooperation/meetings/{first.pk}/minutes.docx']")
    from docx import Document

    with open(docx.value.path(), "rb") as fh:
        text = "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
    assert "Hyvinvointikertomus" in text and "Olli Alfalainen" in text and "Hyväksytty" in text
