"""Reporting regions managed on the page, in the API and with the command, through one action each;
area codes are URL-safe slugs apart from their names."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from conftest import api_client_for, client_for
from tests.factories import member
from yhdyspinta.readiness import actions, queries
from yhdyspinta.readiness.loaders import figures_for
from yhdyspinta.readiness.models import Area, ReportingRegion

from .factories import reporting_setup


@pytest.fixture
def setup(world):
    """County A's own roadmap; its municipality a1 reports (the county-scale case)."""
    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1])
    owner = member(world.county_a, "editor")
    return roadmap, tasks, period, owner


def test_the_action_adds_changes_and_removes_with_the_owners_rights(world, setup):
    roadmap, tasks, period, owner = setup
    with pytest.raises(PermissionDenied):
        actions.add_reporting_region(roadmap=roadmap, organisation=world.a2, actor=world.editor)
    region = actions.add_reporting_region(roadmap=roadmap, organisation=world.a2, label="Kunta A2", actor=owner)
    assert region.order > 0 and region.label == "Kunta A2"
    labels = [r.label for r in figures_for(period).regions]
    assert "Kunta A2" in labels  # the open period's table has the new row at once
    with pytest.raises(ValidationError, match=world.a2.name):  # "… already reports on this roadmap."
        actions.add_reporting_region(roadmap=roadmap, organisation=world.a2, actor=owner)
    actions.change_reporting_region(region, label="A2", order=0, actor=owner)
    region.refresh_from_db()
    assert (region.label, region.order) == ("A2", 0)
    actions.remove_reporting_region(region, actor=owner)
    assert not ReportingRegion.objects.filter(pk=region.pk).exists()
    # a region with reports stays: its reports would drop out of every table
    reporting = ReportingRegion.objects.get(roadmap=roadmap, organisation=world.a1)
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    with pytest.raises(ValidationError, match=world.a1.name):  # "… has 1 status reports …"
        actions.remove_reporting_region(reporting, actor=owner)


def test_the_page(world, setup):
    roadmap, _tasks, _period, owner = setup
    url = f"/readiness/{roadmap.pk}/regions/"
    page = client_for(world.viewer).get(url)
    assert page.status_code == 200 and 'name="operation" value="add"' not in page.content.decode()
    client = client_for(owner)
    body = client.get(url).content.decode()
    assert 'name="operation" value="add"' in body and f'value="{world.a2.pk}"' in body
    client.post(url, {"operation": "add", "organisation": world.a2.pk, "label": "Kakkonen"})
    region = ReportingRegion.objects.get(roadmap=roadmap, organisation=world.a2)
    assert region.label == "Kakkonen"
    client.post(url, {"operation": "change", "region": region.pk, f"r{region.pk}-label": "Toinen",
                      f"r{region.pk}-order": 7})
    region.refresh_from_db()
    assert (region.label, region.order) == ("Toinen", 7)
    client.post(url, {"operation": "remove", "region": region.pk})
    assert not ReportingRegion.objects.filter(pk=region.pk).exists()
    # another county's editor is refused
    client_for(world.other).post(url, {"operation": "add", "organisation": world.a2.pk})
    assert not ReportingRegion.objects.filter(roadmap=roadmap, organisation=world.a2).exists()


def test_the_api(world, setup):
    roadmap, _tasks, _period, owner = setup
    api = api_client_for(owner)
    response = api.post("/api/v1/readiness/regions/", {"roadmap": roadmap.pk, "organisation": world.a2.pk,
                                                        "label": "A2"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api.patch(f"/api/v1/readiness/regions/{pk}/", {"label": "Kakkonen"}, format="json").status_code == 200
    assert ReportingRegion.objects.get(pk=pk).label == "Kakkonen"
    listed = api.get(f"/api/v1/readiness/regions/?roadmap={roadmap.pk}").json()
    assert {r["label"] for r in listed["results"]} >= {"Kakkonen"}
    refused = api_client_for(world.other).post("/api/v1/readiness/regions/", {
        "roadmap": roadmap.pk, "organisation": world.b1.pk}, format="json")
    assert refused.status_code in (400, 403)
    assert api.delete(f"/api/v1/readiness/regions/{pk}/").status_code == 204


def test_the_command(world, setup):
    roadmap, _tasks, _period, owner = setup
    out = StringIO()
    call_command("reporting_regions", "--roadmap", str(roadmap.pk), "--add", f"municipality:{world.a2.code}",
                 "--label", "A2", "--user", owner.username, stdout=out)
    assert "\tA2" in out.getvalue()
    assert ReportingRegion.objects.filter(roadmap=roadmap, organisation=world.a2).exists()
    call_command("reporting_regions", "--roadmap", str(roadmap.pk), "--remove", f"municipality:{world.a2.code}",
                 "--user", owner.username, stdout=StringIO())
    assert not ReportingRegion.objects.filter(roadmap=roadmap, organisation=world.a2).exists()
    with pytest.raises(CommandError, match="may not change"):
        call_command("reporting_regions", "--roadmap", str(roadmap.pk), "--add", f"municipality:{world.a2.code}",
                     "--user", world.editor.username, stdout=StringIO())


def test_an_area_named_with_letters_outside_ascii_gets_a_safe_code(world, setup):
    roadmap, _tasks, period, owner = setup
    data = "task_id,area,subarea,title,due\nÄ1,Sote-palvelut ä,Ö-osa,Tehtävä,2021-12-31\n".encode()
    actions.import_roadmap(roadmap, data, "roadmap.csv", actor=owner)
    area = Area.objects.get(roadmap=roadmap, name_fi="Sote-palvelut ä")
    assert area.code == "sote-palvelut-a"
    assert area.subareas.get().code == "o-osa"
    page = client_for(owner).get(f"/readiness/periods/{period.pk}/")
    assert page.status_code == 200  # was NoReverseMatch for the sub-area link
    assert client_for(owner).get(f"/readiness/periods/{period.pk}/areas/sote-palvelut-a/").status_code == 200
    # the export writes the code, the import finds the area by code or name: no second area
    header, rows = queries.export_roadmap(roadmap)
    text = "\n".join(",".join(r) for r in [header, *[[str(c) for c in row] for row in rows]]) + "\n"
    actions.import_roadmap(roadmap, text.encode(), "again.csv", actor=owner)
    actions.import_roadmap(roadmap, data, "third.csv", actor=owner)
    assert Area.objects.filter(roadmap=roadmap, name_fi="Sote-palvelut ä").count() == 1
