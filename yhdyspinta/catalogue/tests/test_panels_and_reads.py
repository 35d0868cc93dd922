"""The interface card's panels come from the apps that link to interfaces (core.panels), and the
template pages only read: the shipped templates are written after migrate, never on a GET."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import api_client_for, client_for
from yhdyspinta.catalogue.models import InterfaceTemplate
from yhdyspinta.catalogue.templates_data import TEMPLATES
from yhdyspinta.catalogue.tests.factories import InterfaceFactory
from yhdyspinta.core.panels import related_panels

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes(queries) -> list[str]:
    """The writing statements, except the signed-in session's own bookkeeping (the idle timeout's
    last-activity time is saved on every request)."""
    return [q["sql"] for q in queries
            if q["sql"].lstrip().upper().startswith(WRITES) and '"django_session"' not in q["sql"]]


@pytest.mark.skipif(not (apps.is_installed("yhdyspinta.cooperation") and apps.is_installed("yhdyspinta.indicators")),
                    reason="the panels come from cooperation and indicators")
def test_card_shows_the_panels_that_other_apps_register(world):
    from yhdyspinta.cooperation.tests.factories import (
        AgreementFactory,
        EscalationFactory,
        ForumFactory,
    )
    from yhdyspinta.indicators.tests.factories import SharedGoalFactory

    interface = InterfaceFactory(parties=[world.county_a, world.a1])
    forum = ForumFactory(area=world.county_a, organisations=[world.a1], name="Perhekeskuksen ohjausryhmä")
    forum.interfaces.add(interface)
    upper = ForumFactory(area=world.county_a, organisations=[world.county_a], name="Yhteistyöryhmä")
    secret = AgreementFactory(parties=[world.b1], title="Salainen sopimus", visibility="internal")
    secret.interfaces.add(interface)
    goal = SharedGoalFactory(organisation=world.a1, title="Lasten hyvinvointi")
    goal.interfaces.add(interface)
    EscalationFactory(raised_by=forum, to_forum=upper, interface=interface, title="Nostettu jonotilanne")

    with translation.override("en"):
        panels = [(str(label), [str(item) for item in items]) for label, items in related_panels(interface, None)]
    assert panels == [("Forums", ["Perhekeskuksen ohjausryhmä"]), ("Agreements", []),
                      ("Agenda items discussing it", []),  # cooperation's panel (agenda item ↔ interface)
                      ("Goals and indicators", ["Lasten hyvinvointi"]), ("Escalations", ["Nostettu jonotilanne"])]

    page = client_for(None).get(interface.get_absolute_url()).content.decode()
    assert "Perhekeskuksen ohjausryhmä" in page and "Lasten hyvinvointi" in page and "Nostettu jonotilanne" in page
    assert "Salainen sopimus" not in page
    assert "Salainen sopimus" in client_for(world.admin).get(interface.get_absolute_url()).content.decode()


def test_templates_are_there_after_migrate_and_a_get_writes_nothing(world):
    assert InterfaceTemplate.objects.count() == len(TEMPLATES)  # written by the catalogue's post_migrate
    InterfaceTemplate.objects.all().delete()
    for user in (None, world.coordinator):
        page, api = client_for(user), api_client_for(user)  # signing in writes a session: not inside
        with CaptureQueriesContext(connection) as queries:
            assert page.get("/catalogue/templates/").status_code == 200
            assert api.get("/api/v1/catalogue/templates/").status_code == 200
        assert writes(queries.captured_queries) == []
    assert not InterfaceTemplate.objects.exists()  # a GET no longer fills the table

    catalogue = apps.get_app_config("catalogue")
    post_migrate.send(sender=catalogue, app_config=catalogue, verbosity=0, interactive=False,
                      using=connection.alias, apps=apps, plan=[])
    assert InterfaceTemplate.objects.count() == len(TEMPLATES)
    page = client_for(None).get("/catalogue/templates/").content.decode()
    assert TEMPLATES[0]["title_fi"] in page
