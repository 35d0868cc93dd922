"""No lost update on the region page's bulk form: rows count as changed against what the page
loaded, and a row someone else saved meanwhile refuses the whole save with the task named."""

import re

import pytest

from conftest import client_for
from tests.factories import member
from yhdyspinta.readiness.models import StatusReport

from .factories import reporting_setup


def form_fields(html: str) -> dict:
    """What the browser would send back: every select's chosen option and every input's value."""
    data = {}
    data["loaded"] = re.search(r'<input type="hidden" name="loaded" value="([^"]*)"', html).group(1)
    for match in re.finditer(r'<select id="[^"]+" name="(status-\d+)">(.*?)</select>', html, re.DOTALL):
        data[match.group(1)] = re.search(r'<option value="([^"]+)" selected', match.group(2)).group(1)
    for name, value in re.findall(r'<input type="text" id="[^"]+" name="(comment-\d+)" value="([^"]*)"', html):
        data[name] = value
    return data


@pytest.fixture
def region(world):
    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    return tasks, period, f"/readiness/periods/{period.pk}/regions/{world.a1.pk}/"


def test_second_save_of_the_same_task_is_refused_and_the_first_is_kept(world, region):
    tasks, period, url = region
    second_editor = member(world.a1, "editor")
    first, second = client_for(world.editor), client_for(second_editor)
    first_form, second_form = form_fields(first.get(url).content.decode()), form_fields(second.get(url).content.decode())
    assert f"{tasks[0].pk}:" in first_form["loaded"]

    first_form[f"status-{tasks[0].pk}"] = "done"
    first.post(url, first_form)
    second_form[f"status-{tasks[0].pk}"] = "in_progress"
    page = second.post(url, second_form, follow=True).content.decode()

    report = StatusReport.objects.get(period=period, region=world.a1, task=tasks[0])
    assert report.status == "done"
    assert "tallensi" in page and tasks[0].code in page


def test_untouched_rows_do_not_overwrite_another_save(world, region):
    tasks, period, url = region
    second_editor = member(world.a1, "editor")
    first, second = client_for(world.editor), client_for(second_editor)
    first_form, second_form = form_fields(first.get(url).content.decode()), form_fields(second.get(url).content.decode())

    first_form[f"status-{tasks[0].pk}"] = "done"
    first.post(url, first_form)
    second_form[f"status-{tasks[1].pk}"] = "in_progress"  # another row: no conflict
    second.post(url, second_form)

    stored = dict(StatusReport.objects.filter(period=period, region=world.a1).values_list("task_id", "status"))
    assert stored[tasks[0].pk] == "done" and stored[tasks[1].pk] == "in_progress"
