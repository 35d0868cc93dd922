"""The period buttons (add, close, reopen) and the reporting regions page answer refusals as
messages (core.views.generic.run_action): the owner's editors succeed, others are told why, nothing
changes."""

from django.contrib.messages import get_messages

from conftest import client_for
from tests.factories import member
from yhdyspinta.readiness.models import Period

from .factories import reporting_setup


def _post(user, url, data=None):
    response = client_for(user).post(url, data or {})
    assert response.status_code == 302
    return [m.level_tag for m in get_messages(response.wsgi_request)]


def test_add_period_by_the_owner_refused_for_others_and_for_a_repeated_code(world):
    roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    owner = member(world.county_a, "editor")
    url = f"/readiness/{roadmap.pk}/periods/add/"
    data = {"code": "2099-01", "end_date": "2099-01-31"}
    assert _post(world.editor, url, data) == ["error"]  # a reporting region, not the owner
    assert not Period.objects.filter(roadmap=roadmap, code="2099-01").exists()
    assert _post(owner, url, data) == ["success"]
    assert Period.objects.filter(roadmap=roadmap, code="2099-01").exists()
    assert _post(owner, url, dict(data, code=period.code)) == ["error"]  # the roadmap already has it
    assert Period.objects.filter(roadmap=roadmap).count() == 2


def test_close_and_reopen_by_the_owner_only(world):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    owner = member(world.county_a, "editor")
    assert _post(world.editor, f"/readiness/periods/{period.pk}/close/") == ["error"]
    period.refresh_from_db()
    assert not period.closed
    assert _post(owner, f"/readiness/periods/{period.pk}/close/") == ["success"]
    period.refresh_from_db()
    assert period.closed
    assert _post(world.editor, f"/readiness/periods/{period.pk}/reopen/") == ["error"]
    assert _post(owner, f"/readiness/periods/{period.pk}/reopen/") == ["success"]
    period.refresh_from_db()
    assert not period.closed


def test_the_regions_page_answers_refusals_as_messages(world):
    from yhdyspinta.readiness import actions
    from yhdyspinta.readiness.models import ReportingRegion

    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    owner = member(world.county_a, "editor")
    url = f"/readiness/{roadmap.pk}/regions/"
    actions.set_status(period, world.a1.pk, tasks[0], "done", "", actor=world.editor)
    region = ReportingRegion.objects.get(roadmap=roadmap, organisation=world.a1)
    assert _post(owner, url, {"operation": "remove", "region": region.pk}) == ["error"]  # it has reports
    assert _post(world.other, url, {"operation": "add", "organisation": world.a2.pk}) == ["error"]  # not the owner
    assert _post(owner, url, {"operation": "add", "organisation": world.a2.pk, "label": "A2"}) == ["success"]
    assert ReportingRegion.objects.filter(roadmap=roadmap).count() == 2
