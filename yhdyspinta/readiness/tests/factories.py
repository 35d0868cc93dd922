"""Factories for readiness records and the reporting organisations of the 10/2021 demo."""

import csv
from datetime import date

import factory

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.organisations.models import Organisation, OrganisationKind
from yhdyspinta.organisations.reference import COUNTIES_CSV
from yhdyspinta.readiness.models import (
    Area,
    Period,
    ReportingRegion,
    Roadmap,
    RoadmapTask,
    StatusReport,
)


def reporting_organisations():
    """The 21 counties and Helsinki as the reference loader makes them, without 309 municipalities."""
    with open(COUNTIES_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code"] == "91":
                continue
            common = {"name": row["name_fi"], "name_fi": row["name_fi"], "name_sv": row["name_sv"],
                      "short_name_fi": row["short_name_fi"], "short_name_sv": row["short_name_sv"],
                      "letter_code": row["letter_code"], "organises_sote": True, "area_code": row["code"]}
            if row["code"] == "90":
                MunicipalityFactory(code="091", area=None, **common)
            else:
                CountyFactory(code=row["code"], **common)
    helsinki = Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code="091")
    helsinki.area = helsinki
    helsinki.save()


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    name = factory.Sequence(lambda n: f"Tiekartta {n:05d}")
    name_fi = factory.SelfAttribute("name")
    owner = factory.SubFactory(CountyFactory)
    target_date = date(2023, 1, 1)
    visibility = "public"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    roadmap = factory.SubFactory(RoadmapFactory)
    code = factory.Sequence(lambda n: f"alue_{n}")
    name = factory.SelfAttribute("code")
    name_fi = factory.SelfAttribute("code")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapTask

    roadmap = factory.SubFactory(RoadmapFactory)
    area = factory.SubFactory(AreaFactory, roadmap=factory.SelfAttribute("..roadmap"))
    code = factory.Sequence(lambda n: f"T-{n:03d}")
    title = factory.Sequence(lambda n: f"Tehtävä {n}")
    title_fi = factory.SelfAttribute("title")
    due_date = date(2021, 12, 31)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    roadmap = factory.SubFactory(RoadmapFactory)
    code = factory.Sequence(lambda n: f"2021-{n % 12 + 1:02d}")
    end_date = date(2021, 10, 31)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingRegion

    roadmap = factory.SubFactory(RoadmapFactory)
    organisation = factory.SubFactory(MunicipalityFactory)


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    period = factory.SubFactory(PeriodFactory)
    task = factory.SubFactory(TaskFactory, roadmap=factory.SelfAttribute("..period.roadmap"))
    region = factory.SubFactory(MunicipalityFactory)
    status = "in_progress"
    comment = factory.Sequence(lambda n: f"Huomio{n:05d}x")


def reporting_setup(owner, regions, tasks=3, visibility="public"):
    """A roadmap owned by `owner` with `regions` reporting, `tasks` tasks and one open period."""
    roadmap = RoadmapFactory(owner=owner, visibility=visibility)
    area = AreaFactory(roadmap=roadmap)
    task_list = [TaskFactory(roadmap=roadmap, area=area, code=f"T-{i + 1:02d}") for i in range(tasks)]
    for i, org in enumerate(regions):
        RegionFactory(roadmap=roadmap, organisation=org, label=org.name, order=i)
    period = PeriodFactory(roadmap=roadmap, code="2021-10")
    return roadmap, task_list, period
