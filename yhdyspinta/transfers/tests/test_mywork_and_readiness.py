"""My work: my organisation's items due or overdue; the link to readiness monitoring."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from yhdyspinta.core import mywork
from yhdyspinta.readiness.tests.factories import TaskFactory
from yhdyspinta.transfers import actions

from .conftest import make_item

pytestmark = pytest.mark.django_db


def _panel(user):
    members = set(user.memberships.values_list("organisation_id", flat=True))
    desk = mywork.Desk(user=user, org_ids=members, now=timezone.now(), since=None)
    return next(p for p in mywork.panels() if p.key == "transfers").function(desk)


def test_due_and_overdue_items_of_my_organisation(world, project):
    today = timezone.localdate()
    late = make_item(project, world.county_a, world.a1, title="Myöhässä: arkiston luovutus",
                     due_date=today - timedelta(days=2))
    soon = make_item(project, world.county_a, world.a1, title="Pian: vuokrasopimus", due_date=today + timedelta(days=5))
    make_item(project, world.county_a, world.a1, title="Kaukana", due_date=today + timedelta(days=90))
    make_item(project, world.county_a, world.a1, title="Valmis", due_date=today - timedelta(days=9), status="done")
    make_item(project, world.a1, world.county_a, title="Maakunnan oma", due_date=today)  # owned by the county
    result = _panel(world.editor)
    assert [i.text for i in result.items] == [late.title, soon.title]
    assert result.items[0].flag and not result.items[1].flag  # "Overdue" in words, not colour
    assert client_for(world.editor).get(result.items[0].url).status_code == 200
    assert _panel(world.other).items == []  # another county's editor sees none of ours


def test_project_feeds_a_readiness_task_and_its_progress_shows_for_the_roadmap(world, project):
    task = TaskFactory(code="TE24-3", title="Työllisyyspalvelujen siirto", roadmap__owner=world.county_a)
    actions.update_project(project, acting_user=world.editor, roadmap_task=task)
    item = make_item(project, world.county_a, world.a1)
    make_item(project, world.county_a, world.a1, kind="archive")
    actions.update_item(item, acting_user=world.editor, status="done")
    client = client_for(world.editor)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "TE24-3" in page
    feeds = client.get(f"/transfers/readiness/{task.roadmap_id}/")
    assert feeds.status_code == 200
    assert [(t.code, p.pk, g.done, g.total) for t, p, g in feeds.context["feeds"]] == [("TE24-3", project.pk, 1, 2)]
