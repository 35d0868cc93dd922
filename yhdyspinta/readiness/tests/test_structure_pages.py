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


def test_subareas_added_edited_and_listed_on_pages(world, as_user):
    from django.urls import reverse

    from yhdyspinta.readiness.models import SubArea

    roadmap = Roadmap.objects.create(name="Alfan tiekartta", owner=world.county_a, target_date=date(2027, 1, 1))
    area = Area.objects.create(roadmap=roadmap, code="tyollisyys", name="Työllisyys")
    client = as_user(world.coordinator)
    detail = client.get(roadmap.get_absolute_url()).content.decode()
    add = reverse("readiness:subarea_add")
    assert f"{add}?area={area.pk}" in detail
    form = client.get(f"{add}?area={area.pk}").content.decode()
    assert f'<option value="{area.pk}" selected>Alfan tiekartta: Työllisyys</option>' in form
    response = client.post(add, {"area": area.pk, "code": "palvelut", "letter": "A",
                                 "name": "Työllisyyspalvelut", "order": 1})
    assert response.status_code == 302 and response.url == roadmap.get_absolute_url()
    sub = SubArea.objects.get(area=area)
    assert "A Työllisyyspalvelut" in client.get(roadmap.get_absolute_url()).content.decode()
    edit = reverse("readiness:subarea_edit", args=[sub.pk])
    assert client.post(edit, {"area": area.pk, "code": "palvelut", "letter": "A", "name": "TE-palvelut",
                              "order": 1, "version": sub.version}).status_code == 302
    sub.refresh_from_db()
    assert sub.name == "TE-palvelut"
    # a second one with the same code in the area is refused on the form, nothing saved
    again = client.post(add, {"area": area.pk, "code": "palvelut", "letter": "B", "name": "Kaksi", "order": 2})
    assert again.status_code == 200 and SubArea.objects.filter(area=area).count() == 1
    # another county's editor, a viewer and the anonymous may not add or change
    other_area = Area.objects.create(
        roadmap=Roadmap.objects.create(name="Beetan", owner=world.county_b, target_date=date(2027, 1, 1)),
        code="b", name="B")
    for user in (world.other, world.viewer):
        refused = as_user(user).post(add, {"area": area.pk, "code": "x", "name": "X", "order": 3})
        assert refused.status_code in (200, 403)
        assert as_user(user).get(edit).status_code in (403, 404)
    assert not SubArea.objects.filter(code="x").exists()
    assert client.post(add, {"area": other_area.pk, "code": "y", "name": "Y", "order": 1}).status_code == 200
    assert not SubArea.objects.filter(code="y").exists()
    assert as_user(world.coordinator).get(reverse("readiness:subarea_edit", args=[sub.pk])).status_code == 200


def test_add_links_from_a_roadmap_preselect_it_and_name_each_area_by_its_roadmap(world, as_user):
    """The roadmap page's "Add an area" / "Add a task" open with the roadmap chosen, and a task's area
    list names the roadmap of each area and offers only that roadmap's areas."""
    roadmap = Roadmap.objects.create(name="Alfan tiekartta", owner=world.county_a, target_date=date(2027, 1, 1))
    other = Roadmap.objects.create(name="Kuntien tiekartta", owner=world.county_a, target_date=date(2027, 1, 1))
    area = Area.objects.create(roadmap=roadmap, code="tyollisyys", name="Työllisyys")
    Area.objects.create(roadmap=other, code="hallinto", name="Hallinto")
    client = as_user(world.coordinator)
    form = client.get(f"/readiness/areas/add/?roadmap={roadmap.pk}").content.decode()
    assert f'<option value="{roadmap.pk}" selected>' in form
    form = client.get(f"/readiness/tasks/add/?roadmap={roadmap.pk}").content.decode()
    assert f'<option value="{roadmap.pk}" selected>' in form
    assert f'<option value="{area.pk}">Alfan tiekartta: Työllisyys</option>' in form
    assert "Kuntien tiekartta: Hallinto" not in form
    everything = client.get("/readiness/tasks/add/").content.decode()
    assert "Kuntien tiekartta: Hallinto" in everything and "Alfan tiekartta: Työllisyys" in everything
