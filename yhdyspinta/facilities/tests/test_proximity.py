"""The proximity principle of student welfare: schools, on-site services, the check and its views."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for, client_for
from tests.factories import MunicipalityFactory, UnitFactory
from yhdyspinta.core.actions import create_record
from yhdyspinta.core.models import AccessLog
from yhdyspinta.facilities.models import School, WelfareService
from yhdyspinta.facilities.proximity import LEGAL_BASIS, by_municipality, missing, totals
from yhdyspinta.facilities.queries import school_rows
from yhdyspinta.facilities.views import KIND_LABELS

from .factories import BuildingFactory, PremiseFactory, SchoolFactory, WelfareServiceFactory

pytestmark = pytest.mark.django_db


def school(org, name, *kinds, visibility="public", pupils=300):
    s = SchoolFactory(unit=UnitFactory(organisation=org, name=name), visibility=visibility, pupils=pupils)
    for kind in kinds:
        WelfareServiceFactory(school=s, kind=kind, provider=org.area)
    return s


@pytest.fixture
def schools(world):
    return {
        "full": school(world.a1, "Alfalan koulu", "health", "curator", "psychologist"),
        "no_curator": school(world.a1, "Kylän koulu", "health", "psychologist", pupils=80),
        "nothing": school(world.a2, "Alfasen lukio"),
        "other_county": school(world.b1, "Betalan koulu", "health"),
    }


def test_the_check_lists_the_schools_without_each_kind(world, schools):
    rows = school_rows(world.coordinator, county=world.county_a)
    assert {r.name for r in rows} == {"Alfalan koulu", "Kylän koulu", "Alfasen lukio"}
    assert {r.name for r in missing(rows, "curator")} == {"Kylän koulu", "Alfasen lukio"}
    assert {r.name for r in missing(rows, "health")} == {"Alfasen lukio"}
    assert totals(rows) == {"health": 1, "curator": 2, "psychologist": 1}
    per = {m.municipality: m for m in by_municipality(rows)}
    assert per["Alfala"].schools == 2 and per["Alfala"].pupils == 380
    assert per["Alfala"].without == {"health": 0, "curator": 1, "psychologist": 0}
    assert per["Alfala"].days["curator"] == Decimal("2.0")
    assert per["Alfanen"].without == {"health": 1, "curator": 1, "psychologist": 1}


def test_the_check_shows_only_the_schools_the_user_may_view(world):
    school(world.a1, "Sisäinen koulu", visibility="internal")
    assert [r.name for r in school_rows(world.coordinator)] == ["Sisäinen koulu"]
    assert school_rows(world.other) == []
    assert school_rows(None) == []


def test_the_legal_basis_names_its_source_and_whether_it_was_verified():
    assert "1287/2013 9 §" in LEGAL_BASIS["curator"].source and LEGAL_BASIS["curator"].verified
    assert "633/2021" in LEGAL_BASIS["psychologist"].source
    assert not LEGAL_BASIS["health"].verified


def test_a_school_is_a_unit_of_an_education_organiser(world):
    county_unit = UnitFactory(organisation=world.county_a)
    with pytest.raises(ValidationError) as exc:
        create_record(School, acting_user=world.coordinator, unit=county_unit, municipality=world.a1)
    assert "unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        create_record(School, acting_user=world.coordinator, unit=UnitFactory(organisation=world.a1),
                      municipality=world.a2)
    assert "municipality" in exc.value.message_dict
    provider = MunicipalityFactory(kind="education_provider", name="Yksityiskoulu Oy", area=world.county_a)
    made = create_record(School, acting_user=world.coordinator, unit=UnitFactory(organisation=provider),
                         municipality=world.a2, school_code="01234")
    assert made.municipality == world.a2
    with pytest.raises(ValidationError) as exc:
        create_record(School, acting_user=world.coordinator, unit=UnitFactory(organisation=world.a2),
                      municipality=world.a2, school_code="12a")
    assert "school_code" in exc.value.message_dict


def test_a_service_rules(world):
    s = school(world.a1, "Koulu", "curator")
    with pytest.raises(ValidationError) as exc:  # one record per kind
        create_record(WelfareService, acting_user=world.coordinator, school=s, kind="curator",
                      provider=world.county_a, days_per_week=Decimal(1))
    assert "kind" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # another county does not provide it
        create_record(WelfareService, acting_user=world.admin, school=s, kind="health", provider=world.county_b,
                      days_per_week=Decimal(1))
    assert "provider" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        create_record(WelfareService, acting_user=world.coordinator, school=s, kind="health",
                      provider=world.county_a, days_per_week=Decimal(6))
    assert "days_per_week" in exc.value.message_dict
    far = PremiseFactory(building=BuildingFactory(owner=world.a2))
    with pytest.raises(ValidationError) as exc:
        create_record(WelfareService, acting_user=world.coordinator, school=s, kind="health",
                      provider=world.county_a, days_per_week=Decimal(2), premise=far)
    assert "premise" in exc.value.message_dict
    near = PremiseFactory(building=BuildingFactory(owner=world.a1))
    ok = create_record(WelfareService, acting_user=world.coordinator, school=s, kind="health",
                       provider=world.county_a, days_per_week=Decimal("2.5"), premise=near)
    assert ok.premise == near


def test_the_check_page_names_the_schools_without_a_curator_and_the_legal_basis(world, schools):
    page = client_for(world.coordinator).get("/facilities/schools/check/", {"municipality": world.a1.pk})
    assert page.status_code == 200
    without = {kind: [r.name for r in rows] for kind, _label, _rule, rows, _n in page.context["without"]}
    assert without == {"health": [], "curator": ["Kylän koulu"], "psychologist": []}
    body = page.content.decode()
    assert "1287/2013 9 §" in body and "Betalan koulu" not in body


def test_the_county_and_municipality_views(world, schools):
    client = client_for(world.coordinator)
    county = client.get(f"/facilities/schools/county/{world.county_a.pk}/")
    assert county.status_code == 200
    assert [m.municipality for m in county.context["municipalities"]] == ["Alfala", "Alfanen"]
    municipality = client.get(f"/facilities/schools/municipality/{world.a1.pk}/")
    assert [r.name for r in municipality.context["rows"]] == ["Alfalan koulu", "Kylän koulu"]
    assert client.get(f"/facilities/schools/county/{world.a1.pk}/").status_code == 404  # not a county


def test_the_export_is_the_core_export_response_and_is_logged(world, schools):
    response = client_for(world.coordinator).get(f"/facilities/schools/county/{world.county_a.pk}/",
                                                 {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Kylän koulu" in text and ";" in text and "1287/2013" in text
    assert AccessLog.objects.filter(user=world.coordinator, action=AccessLog.Action.EXPORT).exists()
    xlsx = client_for(world.coordinator).get("/facilities/schools/check/", {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client_for(world.coordinator).get("/facilities/schools/check/", {"export": "pdf"}).status_code == 404


def test_the_api_check_and_the_without_filter(world, schools):
    api = api_client_for(world.coordinator)
    body = api.get("/api/v1/facilities/schools/proximity/", {"county": world.county_a.pk}).json()
    rows = {r["name"]: r for r in body["results"]}
    assert rows["Kylän koulu"]["without"] == ["curator"]
    assert rows["Alfalan koulu"]["curator_days"] == "2.0"
    assert body["totals"] == {"health": 1, "curator": 2, "psychologist": 1}
    assert {b["kind"] for b in body["legal_basis"]} == {"health", "curator", "psychologist"}
    listed = api.get("/api/v1/facilities/schools/", {"without": "curator", "municipality": world.a1.pk}).json()
    assert [r["name"] for r in listed["results"]] == ["Kylän koulu"]
    csv = api.get("/api/v1/facilities/schools/proximity/", {"county": world.county_a.pk, "format": "csv"})
    assert csv.status_code == 200 and "Kylän koulu" in csv.content.decode("utf-8-sig")
    assert api.get("/api/v1/facilities/schools/proximity/", {"county": world.a1.pk}).status_code == 400


def test_the_school_page_shows_its_services_and_what_is_not_on_site(world, schools):
    page = client_for(world.viewer).get(f"/facilities/schools/{schools['no_curator'].pk}/")
    assert page.status_code == 200
    assert [kind for kind, _label in page.context["absent"]] == ["curator"]


def test_a_long_check_shows_the_first_rows_and_says_how_many_there_are(world, schools, monkeypatch):
    from yhdyspinta.facilities.views import ProximityCheckView

    monkeypatch.setattr(ProximityCheckView, "shown", 1)
    page = client_for(world.coordinator).get("/facilities/schools/check/", {"county": world.county_a.pk})
    curator = next(entry for entry in page.context["without"] if entry[0] == "curator")
    assert (len(curator[3]), curator[4]) == (1, 2)


def test_the_school_list_finds_a_school_by_name_and_filters_those_without_a_kind(world, schools):
    client = client_for(world.viewer)
    found = client.get("/facilities/schools/", {"q": "kylän"})
    assert [row.record.pk for row in found.context["table"].rows] == [schools["no_curator"].pk]
    without = client.get("/facilities/schools/", {"without": "psychologist", "county": world.county_a.pk})
    assert [row.record.pk for row in without.context["table"].rows] == [schools["nothing"].pk]


def test_the_check_links_a_coordinator_to_the_county_view(world, schools):
    page = client_for(world.coordinator).get("/facilities/schools/check/")
    assert page.context["county_views"] == [world.county_a]
    chosen = client_for(world.coordinator).get("/facilities/schools/check/", {"county": world.county_b.pk})
    assert chosen.context["county_views"] == [world.county_b, world.county_a]
    assert client_for(None).get("/facilities/schools/check/").context["county_views"] == []


def test_the_legal_basis_lists_each_act_once_with_the_services_it_applies_to(world, schools):
    """Walk 5, #16: curator and psychologist rest on the same section (1287/2013 9 § 2 mom.): one entry."""
    page = client_for(world.coordinator).get("/facilities/schools/check/")
    sources = [entry["source"] for entry in page.context["legal_basis"]]
    assert len(sources) == len(set(sources))
    section = page.content.decode().split('id="basis-h"')[1].split("</section>")[0]
    visible = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", section)  # the links' names repeat it
    assert visible.count("1287/2013 9 § 2 mom.") == 1
    act = next(e for e in page.context["legal_basis"] if e["source"].startswith("oppilas- ja opiskelijahuoltolaki 1287"))
    assert [str(k) for k in act["kinds"]] == [str(KIND_LABELS["curator"]), str(KIND_LABELS["psychologist"])]
    school = client_for(world.coordinator).get(schools["full"].get_absolute_url()).content.decode()
    visible = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", school.split('id="basis-h"')[1])
    assert visible.count("1287/2013 9 § 2 mom.") == 1
