"""A forum secretary in Chromium: a recurring series, the attendance, the minutes checked and approved,
the minutes downloaded as PDF and DOCX (their text checked), a correction of the approved minutes and
the forum's own DOCX template; the pages on the way are axe-clean."""

import io

import pytest

from tests.browser import assert_accessible, login
from tests.factories import PersonFactory
from yhdyspinta.cooperation.models import Meeting

from .factories import AgendaItemFactory, DecisionFactory, ForumMemberFactory, forum_for

pytestmark = pytest.mark.browser


def test_secretary_runs_a_series_attendance_approval_and_documents(live_server, browser_page, world, tmp_path):
    forum = forum_for(world.a1, name="Hyteryhmä", name_fi="Hyteryhmä", meeting_minutes=90,
                      recurrence="FREQ=MONTHLY;BYDAY=2TU")
    people = [ForumMemberFactory(forum=forum, role=role, person=PersonFactory(
        organisation=world.a1, first_name=first, last_name="Alfalainen", visibility="public")).person
        for first, role in (("Pia", "chair"), ("Sami", "secretary"), ("Mia", "member"), ("Olli", "member"))]
    page = browser_page
    login(page, live_server, world.editor)

    page.goto(f"{live_server.url}/cooperation/meetings/series/?forum={forum.pk}")
    assert_accessible(page, context="series form")
    page.fill("#id_first_start", "2026-01-13T17:00")  # held already: its minutes can be checked
    page.fill("#id_until", "2026-03-31")
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
    from pypdf import PdfReader

    with open(pdf.value.path(), "rb") as fh:
        content = fh.read()
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    # the item, its decision, the absent member, the checkers, the state (as on the page, in Finnish)
    for expected in ("Pöytäkirja", "§ 1 Hyvinvointikertomus", "Merkittiin tiedoksi.", "Olli Alfalainen",
                     "Pia Alfalainen", "Mia Alfalainen", "Hyväksytty"):
        assert expected in pdf_text, expected
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    with page.expect_download() as docx:
        page.click(f"a[href='/cooperation/meetings/{first.pk}/minutes.docx']")
    from docx import Document

    with open(docx.value.path(), "rb") as fh:
        text = "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
    for expected in ("§ 1 Hyvinvointikertomus", "Merkittiin tiedoksi.", "Olli Alfalainen", "Hyväksytty",
                     "Pöytäkirjantarkastajat: Pia Alfalainen, Mia Alfalainen"):
        assert expected in text, expected

    # a correction of the approved minutes: the form is axe-clean, the entry lands under the minutes
    page.goto(f"{live_server.url}/cooperation/meetings/{first.pk}/corrections/add/")
    assert_accessible(page, context="correction form")
    page.fill("#id_what", "Päätöksen sanamuoto")
    page.fill("#id_why", "Kirjoitusvirhe")
    page.select_option("#id_decision", str(first.decisions.get().pk))
    page.fill("#id_text", "Merkittiin tiedoksi ja lähetettiin valtuustolle.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert first.corrections.count() == 1
    assert "Kirjoitusvirhe" in page.inner_text("main")

    # the forum's own DOCX template: the templates page and the upload form are axe-clean, and the
    # minutes are then written from the uploaded template
    from docx import Document as NewDocument

    page.goto(f"{live_server.url}/cooperation/document-templates/")
    assert_accessible(page, context="document templates")
    own = NewDocument()
    own.add_paragraph("HYTERYHMÄN OMA POHJA {{ forum }}")
    own.add_paragraph("{% for item in items %}§ {{ item.number }} {{ item.title }}{% endfor %}")
    template_path = tmp_path / "oma.docx"
    own.save(str(template_path))
    page.goto(f"{live_server.url}/cooperation/document-templates/add/")
    assert_accessible(page, context="template upload")
    page.select_option("#id_area", str(world.county_a.pk))
    page.select_option("#id_forum", str(forum.pk))
    page.select_option("#id_kind", "minutes")
    page.set_input_files("#id_file", str(template_path))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cooperation/meetings/{first.pk}/")
    with page.expect_download() as own_docx:
        page.click(f"a[href='/cooperation/meetings/{first.pk}/minutes.docx']")
    with open(own_docx.value.path(), "rb") as fh:
        text = "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
    assert "HYTERYHMÄN OMA POHJA Hyteryhmä" in text and "§ 1 Hyvinvointikertomus" in text
