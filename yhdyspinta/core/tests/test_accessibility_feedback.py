"""Accessibility feedback is stored, e-mailed, shown only to the service's maintainers, answered with
who and when, flagged when past its 14 days (in words), and rate limited (Act 306/2019 § 15)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from conftest import client_for
from tests.factories import UserFactory
from yhdyspinta.core.actions import mark_feedback_answered
from yhdyspinta.core.models import AccessibilityFeedback, AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    settings.ACCESSIBILITY_FEEDBACK_PER_HOUR = 3
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


def _feedback(days_ago=0, **fields):
    feedback = AccessibilityFeedback.objects.create(language="fi", message=fields.pop("message", "Kontrasti on heikko"),
                                                    **fields)
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=days_ago))
    feedback.refresh_from_db()
    return feedback


def test_a_message_is_stored_with_its_language_and_page_and_e_mailed(settings):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@example.org"
    client = Client()
    form = client.get("/sv/accessibility/", HTTP_REFERER="http://testserver/sv/organisations/?q=secret").context["form"]
    assert form.initial["page"] == "/sv/organisations/"  # the page came from; its query left out
    response = client.post("/sv/accessibility/", {"message": "Tabellen går inte att rulla", "page": "/sv/funding/",
                                                  "email": "a@example.org"})
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.language, feedback.page, feedback.email) == ("sv", "/sv/funding/", "a@example.org")
    assert feedback.answered_at is None
    assert feedback.due_date == timezone.localdate(feedback.received_at) + datetime.timedelta(days=14)
    sent = mail.outbox[0]
    assert sent.to == ["saavutettavuus@example.org"] and sent.reply_to == ["a@example.org"]
    assert "Tabellen går inte att rulla" in sent.body and f"/accessibility/feedback/{feedback.pk}/" in sent.body


def test_without_a_configured_address_the_message_is_stored_and_nothing_is_sent(settings):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = ""
    page = Client().get("/accessibility/").content.decode()
    assert 'name="message"' in page and "mailto:" not in page
    assert Client().post("/accessibility/", {"message": "Fokus katoaa"}).status_code == 302
    assert AccessibilityFeedback.objects.get().message == "Fokus katoaa" and mail.outbox == []


def test_the_change_log_masks_the_reply_address_and_leaves_the_message_out():
    Client().post("/accessibility/", {"message": "Minun nimeni on Maija", "email": "maija.meikalainen@example.org"})
    entry = LogEntry.objects.get_for_model(AccessibilityFeedback).get()
    text = str(entry.changes)
    assert "Maija" not in text and "maija.meikalainen@example.org" not in text
    assert "email" in entry.changes_dict


def test_a_sender_is_limited_to_a_few_messages_an_hour():
    client = Client()
    for n in range(3):
        assert client.post("/accessibility/", {"message": f"viesti {n}"}).status_code == 302
    refused = client.post("/en/accessibility/", {"message": "one more"})
    assert refused.status_code == 429 and "try again later" in refused.content.decode()
    assert AccessibilityFeedback.objects.count() == 3
    # another address is not affected
    assert Client(REMOTE_ADDR="192.0.2.7").post("/accessibility/", {"message": "toinen"}).status_code == 302


def test_an_empty_message_is_refused_with_the_form():
    response = Client().post("/accessibility/", {"message": " "})
    assert response.status_code == 400 and not AccessibilityFeedback.objects.exists()


def test_only_the_maintainers_see_the_feedback(world):
    feedback = _feedback()
    for path in ("/accessibility/feedback/", f"/accessibility/feedback/{feedback.pk}/"):
        response = Client().get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
        for user in (world.viewer, world.editor, world.org_admin, world.coordinator, world.national):
            assert client_for(user).get(path).status_code == 403, user
        assert "Kontrasti" in client_for(world.admin).get(path).content.decode()
        assert client_for(UserFactory(is_staff=True)).get(path).status_code == 200
    assert client_for(world.org_admin).post(f"/accessibility/feedback/{feedback.pk}/").status_code == 403
    assert "Accessibility feedback" not in client_for(world.org_admin).get("/en/").content.decode()
    assert "Accessibility feedback" in client_for(world.admin).get("/en/").content.decode()
    with pytest.raises(PermissionDenied):
        mark_feedback_answered(feedback, acting_user=world.org_admin)
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_overdue_feedback_is_flagged_in_words_and_listed_first(world):
    late = _feedback(days_ago=15, message="Vanha viesti")
    due_today = _feedback(days_ago=14, message="Tänään eräpäivä")
    _feedback(days_ago=1, message="Uusi viesti")
    client = client_for(world.admin)
    page = client.get("/en/accessibility/feedback/?status=overdue").content.decode()
    assert "Vanha viesti" in page and "Tänään eräpäivä" not in page and "Uusi viesti" not in page
    assert "1 overdue" in page and "3 open messages" in page
    open_page = client.get("/accessibility/feedback/").content.decode()  # Finnish, oldest due first
    assert open_page.index("Vanha viesti") < open_page.index("Tänään eräpäivä") < open_page.index("Uusi viesti")
    assert open_page.count('class="overdue"') == 1
    detail = client.get(f"/sv/accessibility/feedback/{late.pk}/").content.decode()
    assert late.due_date.strftime("%-d.%-m.%Y") in detail and "Försenad" in detail
    assert "Försenad" not in client.get(f"/sv/accessibility/feedback/{due_today.pk}/").content.decode()


def test_marking_answered_records_who_and_when_audited_and_only_once(world):
    feedback = _feedback(days_ago=20, email="x@example.org")
    client = client_for(world.admin)
    response = client.post(f"/accessibility/feedback/{feedback.pk}/")
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answered_by == world.admin and feedback.answered_at is not None
    entry = LogEntry.objects.get_for_object(feedback).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.admin and "answered_by" in entry.changes_dict
    first = feedback.answered_at
    again = client.post(f"/en/accessibility/feedback/{feedback.pk}/", follow=True).content.decode()
    assert "already been marked answered" in again
    feedback.refresh_from_db()
    assert feedback.answered_at == first
    page = client.get("/en/accessibility/feedback/?status=answered").content.decode()
    assert "Kontrasti" in page and "Overdue" not in page.split("<tbody>")[1]
    assert not client.get("/en/accessibility/feedback/?status=overdue").content.decode().count("Kontrasti")


def test_reads_of_the_feedback_are_access_logged(world):
    feedback = _feedback()
    client_for(world.admin).get(f"/accessibility/feedback/{feedback.pk}/")
    entry = AccessLog.objects.filter(action=AccessLog.Action.READ, user=world.admin).latest("timestamp")
    assert entry.object_ids == str(feedback.pk) and entry.content_type.model == "accessibilityfeedback"
