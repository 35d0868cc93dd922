"""Generic permission suites: roadmaps and status reports (a region edits only its own report)."""

from tests.factories import CountyFactory
from tests.generic import RestrictedModelSuite
from yhdyspinta.readiness.models import ReportingRegion

from .factories import PeriodFactory, RoadmapFactory, StatusReportFactory, TaskFactory


class TestRoadmapPermissions(RestrictedModelSuite):
    from yhdyspinta.readiness.models import Roadmap as model

    list_url = "/readiness/"
    api_list_url = "/api/v1/readiness/roadmaps/"

    def make(self, world, org, visibility):
        return RoadmapFactory(owner=org, visibility=visibility)

    def marker(self, obj):
        return obj.name

    def api_payload(self, world, org):
        return {"name_fi": "Uusi tiekartta", "owner": org.pk, "target_date": "2024-01-01",
                "visibility": "internal"}

    def api_update(self, obj):
        return {"name_sv": "Ny färdplan"}

    def search_text(self, obj):
        return obj.name


def _reporting(org, visibility="public"):
    """A roadmap owned by a county outside the world, with `org` reporting, an open period, a task."""
    roadmap = RoadmapFactory(owner=CountyFactory(), visibility=visibility)
    ReportingRegion.objects.create(roadmap=roadmap, organisation=org, label=org.name)
    period = PeriodFactory(roadmap=roadmap)
    return period, TaskFactory(roadmap=roadmap)


class TestStatusReportPermissions(RestrictedModelSuite):
    from yhdyspinta.readiness.models import StatusReport as model

    list_url = "/readiness/reports/"
    api_list_url = "/api/v1/readiness/reports/"

    def make(self, world, org, visibility):
        period, task = _reporting(org, visibility)
        return StatusReportFactory(period=period, task=task, region=org)

    def marker(self, obj):
        return obj.comment

    def api_payload(self, world, org):
        period, task = _reporting(org)
        return {"period": period.pk, "region": org.pk, "task": task.pk, "status": "in_progress",
                "comment": "Valmistelu alkanut"}

    def api_update(self, obj):
        return {"status": "done"}


class TestReportingRegionPermissions(RestrictedModelSuite):
    """A roadmap's reporting regions (API only; the regions page is in test_reporting_regions.py)."""

    from yhdyspinta.readiness.models import ReportingRegion as model

    api_list_url = "/api/v1/readiness/regions/"

    def make(self, world, org, visibility):
        return ReportingRegion.objects.create(roadmap=RoadmapFactory(owner=org, visibility=visibility),
                                              organisation=world.a2, label="Raportoiva kunta A2")

    def marker(self, obj):
        return obj.label

    def api_payload(self, world, org):
        return {"roadmap": RoadmapFactory(owner=org).pk, "organisation": world.a2.pk, "label": "Uusi alue"}

    def api_update(self, obj):
        return {"label": "Uusi nimi"}
