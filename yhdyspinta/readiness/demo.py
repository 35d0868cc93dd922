"""Demo: the 10/2021 roadmap and the 2021-10 (closed) and 2021-11 (open) reports (seed 003).

Task-level data from `reference_2021`, so the national table computed from the database
equals VM's published tables cell by cell. Idempotent: an existing roadmap is reused.
"""

from django.db import transaction

from yhdyspinta.organisations.models import Organisation, OrganisationKind

from . import reference_2021 as ref
from .compute import IN_PROGRESS, ON_SCHEDULE
from .models import Area, Period, ReportingRegion, Roadmap, RoadmapTask, StatusReport, SubArea

OWNER = (OrganisationKind.STATE_AUTHORITY, "VM", "Valtiovarainministeriö", "Finansministeriet")
HUS = (OrganisationKind.JOINT_AUTHORITY, "HUS", "HUS-yhtymä", "HUS-sammanslutningen")
COUNTY_ALIASES = {"Vantaa-Kerava": "04"}  # the published tables' short name
COMMENTS = (
    "Valmistelu käynnissä, päätös aluevaltuustossa keväällä.",
    "Odottaa kansallista linjausta.",
    "Työryhmä nimetty, aikataulu tarkentuu.",
)


def _org(kind, code, fi, sv):
    org, _ = Organisation.objects.get_or_create(kind=kind, code=code,
                                                defaults={"name": fi, "name_fi": fi, "name_sv": sv})
    return org


def region_organisation(name: str) -> Organisation:
    """The organisation behind a region name of the published tables."""
    if name == "Helsinki":
        return Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, code="091")
    if name == "HUS":
        return _org(*HUS)
    if name in COUNTY_ALIASES:
        return Organisation.objects.get(kind=OrganisationKind.COUNTY, code=COUNTY_ALIASES[name])
    return Organisation.objects.get(kind=OrganisationKind.COUNTY, short_name_fi=name)


def load_roadmap() -> Roadmap:
    roadmap = Roadmap.objects.filter(name_fi=ref.ROADMAP_NAME["fi"]).first()
    if roadmap is None:
        roadmap = Roadmap.objects.create(
            name=ref.ROADMAP_NAME["fi"], **{f"name_{k}": v for k, v in ref.ROADMAP_NAME.items()},
            owner=_org(*OWNER), target_date=ref.TARGET, visibility="public",
            description_fi="Valtiovarainministeriön seuranta alueiden valmistautumisesta 1.1.2023.")
    areas, subs = {}, {}
    for i, area in enumerate(ref.AREAS):
        areas[area.code], _ = Area.objects.get_or_create(
            roadmap=roadmap, code=area.code,
            defaults={"name": area.name_fi, "name_fi": area.name_fi, "name_sv": area.name_sv,
                      "name_en": area.name_en, "order": i, "letter": area.short})
        for j, sub in enumerate(area.subareas):
            subs[sub.code], _ = SubArea.objects.get_or_create(
                area=areas[area.code], code=sub.code,
                defaults={"letter": sub.letter, "name": sub.name_fi, "name_fi": sub.name_fi,
                          "name_sv": sub.name_sv, "name_en": sub.name_en, "order": j})
    existing = set(roadmap.tasks.values_list("code", flat=True))
    RoadmapTask.objects.bulk_create([
        RoadmapTask(roadmap=roadmap, code=t.task_id, title=t.title, title_fi=t.title, title_sv=t.title_sv,
                    title_en=t.title_en, area=areas[t.area], subarea=subs.get(t.subarea), due_date=t.due,
                    critical=t.critical, order=i)
        for i, t in enumerate(ref.build_roadmap()) if t.task_id not in existing
    ])
    for i, name in enumerate(ref.REGIONS):
        ReportingRegion.objects.get_or_create(roadmap=roadmap, organisation=region_organisation(name),
                                              defaults={"label": name, "order": i})
    return roadmap


def load_period(roadmap: Roadmap, code: str, *, closed: bool) -> Period:
    spec = ref.PERIODS[code]
    period, _ = Period.objects.get_or_create(
        roadmap=roadmap, code=code, defaults={"end_date": spec.snapshot, "progress_end": spec.progress_end})
    if not period.reports.exists():
        tasks = dict(roadmap.tasks.values_list("code", "pk"))
        orgs = dict(roadmap.reporting_regions.values_list("label", "organisation_id"))
        reports = []
        for region, statuses in ref.build_statuses(code).items():
            for n, (task_code, status) in enumerate(statuses.items()):
                comment = COMMENTS[n % 3] if status in (IN_PROGRESS, ON_SCHEDULE) and n % 11 == 0 else ""
                reports.append(StatusReport(period=period, region_id=orgs[region], task_id=tasks[task_code],
                                            status=status, comment=comment))
        StatusReport.objects.bulk_create(reports, batch_size=2000)
        period.revision += 1
    period.save()
    if closed and not period.closed:
        from .actions import publish

        publish(period, None)  # closed and its figures published as a snapshot, as the page's Close does
    return period


@transaction.atomic
def load(stdout=None):
    roadmap = load_roadmap()
    load_period(roadmap, "2021-10", closed=True)
    load_period(roadmap, "2021-11", closed=False)
    if stdout is not None:
        stdout.write(f"readiness: {roadmap} ({roadmap.tasks.count()} tasks, "
                     f"{roadmap.reporting_regions.count()} reporting regions)")
