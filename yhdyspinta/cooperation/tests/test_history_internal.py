"""The history page never shows the values of a public record's internal field group."""

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType

from conftest import client_for
from yhdyspinta.cooperation.tests.factories import AgendaItemFactory, MeetingFactory, forum_for

pytestmark = pytest.mark.django_db


def test_internal_body_changes_are_hidden_from_outsiders(world):
    meeting = MeetingFactory(forum=forum_for(world.a1))
    item = AgendaItemFactory(meeting=meeting, body="Alkuperäinen", body_visibility="internal")
    with set_actor(world.editor):
        item.body = "SALAINEN-LUONNOS"
        item.title = "Julkinen otsikko muuttui"
        item.save()
    url = f"/history/{ContentType.objects.get_for_model(item).pk}/{item.pk}/"
    outsider = client_for(world.other).get(url).content.decode()
    assert "Julkinen otsikko muuttui" in outsider
    assert "SALAINEN-LUONNOS" not in outsider
    insider = client_for(world.viewer).get(url).content.decode()
    assert "SALAINEN-LUONNOS" in insider
