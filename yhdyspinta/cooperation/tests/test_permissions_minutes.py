"""The generic permission suites (tests/generic.py) for corrections of approved minutes and the DOCX
templates of the meeting documents. Where these records differ from the generic CRUD record the
subclass says so in a test of its own: a correction is created and read, never changed or removed
(405); a template is uploaded as a file (multipart), not JSON."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import api_client_for, client_for
from tests.generic import NON_WRITERS, WRITERS, RestrictedModelSuite

from .factories import MeetingFactory, forum_for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploaded templates go to a directory of the test's own


def _approved_meeting(org, visibility):
    return MeetingFactory(forum=forum_for(org), visibility=visibility, minutes_state="approved",
                          minutes="Pöytäkirjan teksti.")


class TestCorrectionPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Correction as model

    api_list_url = "/api/v1/cooperation/corrections/"

    def make(self, world, org, visibility):
        from yhdyspinta.cooperation.models import Correction

        meeting = _approved_meeting(org, visibility)
        return Correction.objects.create(meeting=meeting, what=f"Oikaisu {visibility} {meeting.pk}",
                                         why="Kirjoitusvirhe", made_by=world.editor)

    def api_payload(self, world, org):
        return {"meeting": _approved_meeting(org, "public").pk, "what": "Päätöksen sanamuoto",
                "why": "Kirjoitusvirhe", "minutes": "Korjattu pöytäkirjan teksti."}

    # a correction is a record of what was changed: created and read, never changed or removed
    @pytest.mark.parametrize("who", WRITERS)
    def test_writers_create_update_delete(self, world, who):
        from yhdyspinta.cooperation.models import Correction

        api = api_client_for(getattr(world, who))
        payload = self.api_payload(world, world.a1)
        created = api.post(self.api_list_url, payload, format="json")
        assert created.status_code == 201, created.content
        obj = Correction.objects.get(pk=created.json()["id"])
        assert obj.made_by == getattr(world, who) and obj.meeting.minutes == "Korjattu pöytäkirjan teksti."
        assert api.get(self.api_detail_url(obj)).json()["what"].startswith("Päätöksen sanamuoto")
        assert api.patch(self.api_detail_url(obj), {"why": "Toinen syy"}, format="json").status_code == 405
        assert api.delete(self.api_detail_url(obj)).status_code == 405
        assert Correction.objects.filter(pk=obj.pk, why="Kirjoitusvirhe").exists()

    @pytest.mark.parametrize("who", NON_WRITERS + ("anonymous",))
    def test_non_writers_cannot_write(self, world, who):
        from yhdyspinta.cooperation.models import Correction

        api = api_client_for(getattr(world, who))
        payload = self.api_payload(world, world.a1)
        assert api.post(self.api_list_url, payload, format="json").status_code in (401, 403)
        assert not Correction.objects.exists()
        obj = self.make(world, world.a1, "public")
        for answer in (api.patch(self.api_detail_url(obj), {"why": "x"}, format="json"),
                       api.delete(self.api_detail_url(obj))):
            assert answer.status_code in (401, 403, 404, 405)
        assert Correction.objects.filter(pk=obj.pk, why="Kirjoitusvirhe").exists()

    def test_a_draft_is_not_corrected(self, world):
        from yhdyspinta.cooperation.models import Correction

        draft = MeetingFactory(forum=forum_for(world.a1), visibility="public")
        answer = api_client_for(world.editor).post(self.api_list_url, {
            "meeting": draft.pk, "what": "x", "why": "y"}, format="json", HTTP_ACCEPT_LANGUAGE="fi")
        assert answer.status_code == 400 and "luonnos" in str(answer.json()).lower()
        assert not Correction.objects.exists()


def _docx(text="{{ forum }}") -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class TestDocumentTemplatePermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import DocumentTemplate as model

    api_list_url = "/api/v1/cooperation/document-templates/"
    has_visibility = False  # layout and tags, no data: public to read

    def make(self, world, org, visibility):
        from yhdyspinta.cooperation.models import DocumentTemplate

        return DocumentTemplate.objects.create(area=org.area, forum=forum_for(org), kind="minutes",
                                               file=SimpleUploadedFile("poytakirja.docx", _docx()))

    def api_payload(self, world, org):
        return {"area": org.area.pk, "forum": forum_for(org).pk, "kind": "agenda",
                "file": SimpleUploadedFile("esityslista.docx", _docx("ESITYSLISTA {{ forum }}"))}

    def api_update(self, obj):
        return {"kind": "notice"}

    def page_create_changes(self, world, org):
        """The edit form posted to the add page with another document and a file of its own."""
        return {"kind": "agenda", "file": SimpleUploadedFile("esityslista.docx", _docx())}

    # the upload is multipart: the generic API writes with the file in the body
    @pytest.mark.parametrize("who", WRITERS)
    def test_writers_create_update_delete(self, world, who):
        from yhdyspinta.cooperation.models import DocumentTemplate

        api = api_client_for(getattr(world, who))
        created = api.post(self.api_list_url, self.api_payload(world, world.a1), format="multipart")
        assert created.status_code == 201, created.content
        obj = DocumentTemplate.objects.get(pk=created.json()["id"])
        assert obj.file.read().startswith(b"PK")  # the DOCX itself was stored
        response = api.patch(self.api_detail_url(obj), self.api_update(obj), format="json")
        assert response.status_code == 200, response.content
        assert api.delete(self.api_detail_url(obj)).status_code == 204
        assert not DocumentTemplate.objects.filter(pk=obj.pk).exists()

    @pytest.mark.parametrize("who", NON_WRITERS + ("anonymous",))
    def test_non_writers_cannot_write(self, world, who):
        from yhdyspinta.cooperation.models import DocumentTemplate

        api = api_client_for(getattr(world, who))
        answer = api.post(self.api_list_url, self.api_payload(world, world.a1), format="multipart")
        assert answer.status_code in (400, 401, 403)  # 400: the county's or forum's rights (named field)
        assert not DocumentTemplate.objects.exists()
        obj = self.make(world, world.a1, "public")
        assert api.patch(self.api_detail_url(obj), {"kind": "notice"}, format="json").status_code in (401, 403, 404)
        assert api.delete(self.api_detail_url(obj)).status_code in (401, 403, 404)
        assert DocumentTemplate.objects.filter(pk=obj.pk, kind="minutes").exists()

    def test_the_list_page_shows_the_templates_to_signed_in_users(self, world):
        obj = self.make(world, world.a1, "public")
        edit = f"/cooperation/document-templates/{obj.pk}/edit/"
        for who in ("viewer", "editor", "other", "coordinator", "national"):
            assert edit in client_for(getattr(world, who)).get("/cooperation/document-templates/").content.decode()
        assert client_for(None).get("/cooperation/document-templates/").status_code == 302  # sign in first
