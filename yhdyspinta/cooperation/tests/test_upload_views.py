"""The two attachment edit pages (a meeting's attachment, an agreement's document) take uploads
through core.uploads.AttachmentUploadMixin: the attachment kind's formats on the field, an
unaccepted format refused on the form, and back to the record the file belongs to when saved;
the file is sent by core.views.generic.FileDownloadView (internal downloads logged as exports)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import client_for
from yhdyspinta.cooperation.models import AgreementDocument, Attachment
from yhdyspinta.core.models import AccessLog

from .factories import AgreementFactory, MeetingFactory, forum_for


def test_attachment_and_document_pages_limit_the_file_and_return_to_their_record(world, tmp_path):
    meeting = MeetingFactory(forum=forum_for(world.a1))
    agreement = AgreementFactory(parties=[world.a1, world.county_a])
    client = client_for(world.editor)
    pages = [
        ("/cooperation/attachments/add/", {"meeting": meeting.pk, "title": "Liite", "visibility": "public"},
         Attachment, meeting.get_absolute_url()),
        ("/cooperation/documents/add/", {"agreement": agreement.pk, "title": "Sopimus", "version": 1,
                                         "visibility": "public"}, AgreementDocument, agreement.get_absolute_url()),
    ]
    with override_settings(MEDIA_ROOT=tmp_path):
        for url, data, model, back in pages:
            assert 'accept=".' in client.get(url).content.decode()
            refused = client.post(url, {**data, "file": SimpleUploadedFile("ohjelma.exe", b"MZ\x90\x00")})
            assert refused.status_code == 200 and not model.objects.exists()
            saved = client.post(url, {**data, "file": SimpleUploadedFile("liite.txt", b"teksti")})
            assert saved.status_code == 302 and saved["Location"] == back
            assert model.objects.count() == 1
            stored = model.objects.get()
            download = client.get(stored.get_absolute_url())  # core.views.generic.FileDownloadView
            assert download.status_code == 200 and b"".join(download.streaming_content) == b"teksti"
            model.objects.filter(pk=stored.pk).update(visibility="internal")
            assert client_for(world.other).get(stored.get_absolute_url()).status_code == 404
            client.get(stored.get_absolute_url())
            assert AccessLog.objects.filter(user=world.editor, action="export", detail="download",
                                            content_type__model=model._meta.model_name,
                                            object_ids=str(stored.pk)).count() == 1
