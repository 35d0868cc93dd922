"""Audit: changes with actor, request id and masked personal data; reads, exports and logins logged."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from conftest import api_client_for, client_for
from tests.factories import PersonFactory
from yhdyspinta.core.models import AccessLog

pytestmark = pytest.mark.django_db


def test_edit_is_logged_with_before_after_and_masked_contact(world):
    person = PersonFactory(organisation=world.a1, email="old@example.fi", title_fi="Rehtori")
    response = api_client_for(world.editor).patch(
        f"/api/v1/organisations/people/{person.pk}/",
        {"email": "new.address@example.fi", "title_fi": "Sivistysjohtaja"}, format="json",
        HTTP_X_REQUEST_ID="request-0001",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(person),
                                    object_pk=str(person.pk)).latest("timestamp")
    assert entry.actor == world.editor and entry.cid == "request-0001"
    changes = entry.changes_dict
    assert changes["title_fi"] == ["Rehtori", "Sivistysjohtaja"]
    assert "new.address@example.fi" not in str(changes["email"])  # masked
    assert response["X-Request-ID"] == "request-0001"


def test_internal_read_is_logged_public_read_is_not(world):
    internal = PersonFactory(organisation=world.a1, visibility="internal")
    public = PersonFactory(organisation=world.a1, visibility="public")
    client = client_for(world.viewer)
    client.get(public.get_absolute_url())
    assert not AccessLog.objects.filter(action="read").exists()
    client.get(internal.get_absolute_url())
    entry = AccessLog.objects.get(action="read")
    assert entry.user == world.viewer and entry.object_ids == str(internal.pk) and entry.request_id


def test_api_read_of_internal_record_is_logged(world):
    internal = PersonFactory(organisation=world.a1, visibility="internal")
    api_client_for(world.coordinator).get(f"/api/v1/organisations/people/{internal.pk}/")
    assert AccessLog.objects.filter(action="read", user=world.coordinator, object_ids=str(internal.pk)).exists()


def test_export_is_logged(world):
    PersonFactory(organisation=world.a1, visibility="internal")
    response = client_for(world.viewer).get("/organisations/people/", {"export": "xlsx"})
    assert response.status_code == 200
    assert AccessLog.objects.filter(action="export", user=world.viewer, detail__startswith="xlsx").exists()


def test_failed_and_successful_logins_are_logged(world):
    from django.test import Client

    client = Client()
    client.post("/login/", {"username": world.viewer.username, "password": "wrong-password"})
    failure = AccessLog.objects.get(action="login_failure")
    assert failure.username == world.viewer.username and failure.user is None
    client.post("/login/", {"username": world.viewer.username, "password": "secret-password-1"})
    assert AccessLog.objects.filter(action="login_success", user=world.viewer).exists()


def test_history_page_shows_changes_to_those_who_may_see_the_record(world):
    person = PersonFactory(organisation=world.a1, visibility="internal")
    api_client_for(world.editor).patch(f"/api/v1/organisations/people/{person.pk}/", {"title_fi": "Uusi"},
                                       format="json")
    url = f"/history/{ContentType.objects.get_for_model(person).pk}/{person.pk}/"
    assert "Uusi" in client_for(world.viewer).get(url).content.decode()
    assert client_for(world.other).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404
