"""Idle session timeout (accounts/middleware.py): the session timestamp is moved back, no sleeping."""

import time

import pytest
from django.test import override_settings

from yhdyspinta.accounts.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def _age_session(client, seconds):
    session = client.session
    session[SESSION_KEY] = int(time.time()) - seconds
    session.save()


def _signed_in(client):
    return "_auth_user_id" in client.session


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_first_request_records_activity(world, as_user):
    client = as_user(world.editor)
    client.get("/")
    assert isinstance(client.session.get(SESSION_KEY), int)
    assert _signed_in(client)


@pytest.mark.parametrize(("who", "idle", "timeouts", "stays"), [
    ("editor", 500, (600, 60), True),  # within the idle time: the activity time is refreshed
    ("editor", 601, (600, 60), False),  # idle too long: signed out
    ("admin", 61, (600, 60), False),  # staff and superusers have the shorter timeout
    ("admin", 10**6, (0, 0), True),  # zero turns the check off
], ids=["within", "too-long", "admin-shorter", "zero-off"])
def test_idle_time_decides(world, as_user, settings, who, idle, timeouts, stays):
    settings.SESSION_IDLE_TIMEOUT, settings.SESSION_IDLE_TIMEOUT_ADMIN = timeouts
    client = as_user(getattr(world, who))
    client.get("/")
    _age_session(client, idle)
    client.get("/")
    assert _signed_in(client) is stays
    if stays and timeouts[0]:
        assert client.session[SESSION_KEY] > int(time.time()) - idle  # refreshed


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_signed_out_user_is_told_why(world, as_user):
    client = as_user(world.editor)
    client.get("/")
    _age_session(client, 601)
    response = client.get("/login/")
    assert "olit pitkään toimettomana" in response.content.decode()  # Finnish default language
