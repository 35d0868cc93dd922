"""One rule per model: a roadmap's parts are read by the owner's and the reporting regions'
members (`reader_paths`), changed by the owner's editors (`org_paths`); a status report is changed
only by its own region's editors. No readiness model has a `restrict_queryset` of its own."""

import pytest

from tests.factories import CountyFactory
from yhdyspinta.accounts.permissions import can
from yhdyspinta.readiness import models
from yhdyspinta.readiness.models import (
    Area,
    Period,
    ReportingRegion,
    RoadmapTask,
    StatusReport,
    SubArea,
)

from .factories import PeriodFactory, RoadmapFactory, StatusReportFactory, TaskFactory


@pytest.fixture
def internal_roadmap(world):
    """An internal roadmap of a county outside the world; a1 and b1 report on it."""
    roadmap = RoadmapFactory(owner=CountyFactory(), visibility="internal")
    for org in (world.a1, world.b1):
        ReportingRegion.objects.create(roadmap=roadmap, organisation=org, label=org.name)
    task = TaskFactory(roadmap=roadmap)
    subarea = SubArea.objects.create(area=task.area, code="a-1", letter="A", name="Kohta", name_fi="Kohta")
    period = PeriodFactory(roadmap=roadmap)
    report_b1 = StatusReportFactory(period=period, task=task, region=world.b1, comment="b1")
    return {"roadmap": roadmap, "area": task.area, "subarea": subarea, "task": task, "period": period,
            "region": roadmap.reporting_regions.get(organisation=world.a1), "report": report_b1}


def test_no_readiness_model_declares_its_own_restrict_queryset():
    assert not [name for name in dir(models) if hasattr(getattr(models, name), "restrict_queryset")]


@pytest.mark.parametrize("part", ["roadmap", "area", "subarea", "task", "period", "region", "report"])
def test_reporting_regions_read_an_internal_roadmap_but_do_not_change_it(world, internal_roadmap, part):
    obj = internal_roadmap[part]
    assert can(world.viewer, obj, "view")  # a1 reports on it
    assert not can(world.editor, obj, "change")
    assert not can(world.coordinator, obj, "change")
    assert can(world.national, obj, "view") and not can(world.national, obj, "change")
    outsider_report = StatusReportFactory(period=internal_roadmap["period"], task=internal_roadmap["task"],
                                          region=world.a2)
    assert can(world.viewer, outsider_report, "view")  # another region's report of a roadmap a1 reports on
    assert not can(world.editor, outsider_report, "change")


def test_others_see_an_internal_roadmap_only_when_it_is_public(world, internal_roadmap):
    roadmap = internal_roadmap["roadmap"]
    roadmap.reporting_regions.filter(organisation=world.a1).delete()
    for model in (models.Roadmap, Area, SubArea, RoadmapTask, Period, StatusReport):
        assert not model.objects.restrict(world.viewer, "view").exists(), model.__name__
        assert not model.objects.restrict(None, "view").exists(), model.__name__
    type(roadmap).objects.filter(pk=roadmap.pk).update(visibility="public")
    for model in (models.Roadmap, Area, SubArea, RoadmapTask, Period, StatusReport):
        assert model.objects.restrict(None, "view").exists(), model.__name__


def test_the_owner_changes_the_roadmap_and_only_the_region_its_report(world):
    roadmap = RoadmapFactory(owner=world.a1, visibility="internal")
    ReportingRegion.objects.create(roadmap=roadmap, organisation=world.b1, label="b1")
    task, period = TaskFactory(roadmap=roadmap), PeriodFactory(roadmap=roadmap)
    report = StatusReportFactory(period=period, task=task, region=world.b1)
    for obj in (roadmap, task, period, task.area):
        assert can(world.editor, obj, "change") and not can(world.viewer, obj, "change")
        assert can(world.other, obj, "view") and not can(world.other, obj, "change")
    assert can(world.editor, report, "view") and not can(world.editor, report, "change")
    assert can(world.other, report, "change")
