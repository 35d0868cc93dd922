"""API: the figures endpoint, report filters, closing a period and the lock."""

from conftest import api_client_for
from tests.factories import member
from yhdyspinta.readiness import actions

from .factories import reporting_setup


def test_figures_filters_and_close(world):
    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", "Valmis", actor=world.editor)
    actions.set_status(period, world.a1.pk, tasks[1], "on_schedule", actor=world.editor)
    api = api_client_for(world.viewer)
    body = api.get(f"/api/v1/readiness/periods/{period.pk}/figures/", {"level": "region"}).json()
    rows = {r["region"]: r for r in body["results"]}
    assert rows[world.a1.pk]["done_pct"] == 33 and rows[world.a1.pk]["in_progress_pct"] == 33
    assert rows[world.a1.pk]["progress_pct"] == 67 and rows[world.b1.pk]["reported"] is False
    only = api.get(f"/api/v1/readiness/periods/{period.pk}/figures/", {"region": world.a1.pk}).json()
    assert {r["region"] for r in only["results"]} == {world.a1.pk}
    reports = api.get("/api/v1/readiness/reports/", {"period": period.pk, "status": "done"}).json()
    assert [r["task_code"] for r in reports["results"]] == ["T-01"]
    tasks_api = api.get("/api/v1/readiness/tasks/", {"roadmap": roadmap.pk}).json()
    assert tasks_api["count"] == 3
    # closing: not by a region's editor, yes by the owner's editor; then writes are refused
    assert api_client_for(world.editor).post(f"/api/v1/readiness/periods/{period.pk}/close/").status_code == 403
    owner = member(world.county_a, "editor")
    assert api_client_for(owner).post(f"/api/v1/readiness/periods/{period.pk}/close/").status_code == 200
    created = api_client_for(world.editor).post("/api/v1/readiness/reports/", {
        "period": period.pk, "region": world.a1.pk, "task": tasks[2].pk, "status": "done"}, format="json")
    assert created.status_code == 400 and "2021-10" in str(created.json())
