"""Shared fixtures: a small world of organisations and one user per role (docs/testing.md)."""

from types import SimpleNamespace

import pytest

# DRF's throttles keep `timer = time.time` as a class attribute, read when the module is first imported.
# Imported first inside a test under @freeze_time, that is freezegun's function, which then becomes a
# bound method (`fake_time() takes 0 positional arguments`, seen once in cooperation's tests). Import it
# here, before any test freezes the clock.
import rest_framework.throttling  # noqa: F401

from tests.factories import CountyFactory, MunicipalityFactory, UserFactory, member


@pytest.fixture
def world(db):
    """Two counties; county A has municipalities A1 and A2, county B has B1.

    Users: anonymous (None), viewer/editor/org admin of A1, editor of B1 ("other"),
    county coordinator of A, national reader, superuser.
    """
    county_a = CountyFactory(name="Alfan hyvinvointialue")
    county_b = CountyFactory(name="Betan hyvinvointialue")
    a1 = MunicipalityFactory(name="Alfala", area=county_a)
    a2 = MunicipalityFactory(name="Alfanen", area=county_a)
    b1 = MunicipalityFactory(name="Betala", area=county_b)
    return SimpleNamespace(
        county_a=county_a, county_b=county_b, a1=a1, a2=a2, b1=b1,
        anonymous=None,
        viewer=member(a1, "viewer"),
        editor=member(a1, "editor"),
        org_admin=member(a1, "org_admin"),
        other=member(b1, "editor"),
        coordinator=member(county_a, "county_coordinator"),
        national=UserFactory(is_national_reader=True),
        admin=UserFactory(is_superuser=True, is_staff=True),
    )


def client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
        if user.is_superuser:  # superusers must have entered a sign-in code (docs/accounts.md)
            from tests.mfa import verify_session

            verify_session(client, user)
    return client


def api_client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def as_user():
    return client_for


@pytest.fixture
def api_as():
    return api_client_for


from tests.browser import _browser, browser_page  # noqa: F401  (fixtures for browser tests)


@pytest.fixture
def wsgi_in_test_transaction():
    """Calls of the WSGI application itself (schemathesis `from_wsgi`) inside a test's transaction.

    Django closes the connection when a request finishes outside autocommit; Django's test
    client switches that off, a raw WSGI call does not. On SQLite's in-memory test database the
    close is skipped, on PostgreSQL it ends the test's transaction ("the connection is closed").
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def finnish_by_default():
    """A request with another language leaves it active in the thread; start every test in Finnish."""
    from django.utils import translation

    translation.activate("fi")
    yield
    translation.activate("fi")
