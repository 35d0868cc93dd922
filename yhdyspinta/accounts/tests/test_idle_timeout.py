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


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_user_within_idle_time_stays_signed_in(world, as_user):
    client = as_user(world.editor)
    client.get("/")
    _age_session(client, 500)
    client.get("/")
    assert _signed_in(client)
    assert client.session[SESSION_KEY] > int(time.time()) - 500  # refreshed


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_user_idle_too_long_is_signed_out(world, as_user):
    client = as_user(world.editor)
    client.get("/")
    _age_session(client, 601)
    client.get("/")
    assert not _signed_in(client)


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_admin_has_the_shorter_timeout(world, as_user):
    client = as_user(world.admin)
    client.get("/")
    _age_session(client, 61)
    client.get("/")
    assert not _signed_in(client)


@override_settings(SESSION_IDLE_TIMEOUT=0, SESSION_IDLE_TIMEOUT_ADMIN=0)
def test_zero_turns_the_check_off(world, as_user):
    client = as_user(world.admin)
    client.get("/")
    _age_session(client, 10**6)
    client.get("/")
    assert _signed_in(client)


@override_settings(SESSION_IDLE_TIMEOUT=600, SESSION_IDLE_TIMEOUT_ADMIN=60)
def test_signed_out_user_is_told_why(world, as_user):
    client = as_user(world.editor)
    client.get("/")
    _age_session(client, 601)
    response = client.get("/login/")
    assert "olit pitkään toimettomana" in response.content.decode()  # Finnish default language
