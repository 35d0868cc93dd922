"""Roadmaps, areas and tasks made and changed on pages, by the owner's writers only."""

from datetime import date

from yhdyspinta.readiness.models import Area, Roadmap, RoadmapTask


def test_roadmap_area_and_task_on_pages(world, as_user):
    client = as_user(world.coordinator)
    response = client.post("/readiness/add/", {"name": "Tiekartta 2027", "description": "",
                                               "owner": world.county_a.pk, "target_date": "2027-01-01",
                                               "visibility": "internal"})
    assert response.status_code == 302, response.content.decode()[:2000]
    roadmap = Roadmap.objects.get(name="Tiekartta 2027")
    assert "Add a task" in client.get(roadmap.get_absolute_url()).content.decode() or \
        "Lisää tehtävä" in client.get(roadmap.get_absolute_url()).content.decode()
    assert client.post("/readiness/areas/add/", {"roadmap": roadmap.pk, "code": "hallinto", "letter": "A",
                                                 "name": "Hallinto", "order": 1}).status_code == 302
    area = Area.objects.get(roadmap=roadmap)
    assert client.post("/readiness/tasks/add/", {"roadmap": roadmap.pk, "area": area.pk, "code": "A1",
                                                 "title": "Johtosääntö", "due_date": "2026-06-30",
                                                 "order": 1}).status_code == 302
    task = RoadmapTask.objects.get(roadmap=roadmap)
    assert task.due_date == date(2026, 6, 30)
    edit = client.get(f"/readiness/tasks/{task.pk}/edit/")
    assert edit.status_code == 200
    fields = {"roadmap": roadmap.pk, "area": area.pk, "code": "A1", "title": "Hallintosääntö",
              "due_date": "2026-06-30", "order": 1, "version": task.version}
    assert client.post(f"/readiness/tasks/{task.pk}/edit/", fields).status_code == 302
    task.refresh_from_db()
    assert task.title == "Hallintosääntö"


def test_others_may_not_add_or_change(world, as_user):
    roadmap = Roadmap.objects.create(name="Alfan tiekartta", owner=world.county_a, target_date=date(2027, 1, 1))
    area = Area.objects.create(roadmap=roadmap, code="a", name="A")
    other = as_user(world.other)
    other.post("/readiness/areas/add/", {"roadmap": roadmap.pk, "code": "b", "name": "B", "order": 2})
    assert not Area.objects.filter(code="b").exists()
    assert other.get(f"/readiness/areas/{area.pk}/edit/").status_code in (403, 404)
    response = other.post("/readiness/add/", {"name": "X", "owner": world.county_a.pk,
                                              "target_date": "2027-01-01", "visibility": "public"})
    assert response.status_code in (200, 403) and not Roadmap.objects.filter(name="X").exists()
