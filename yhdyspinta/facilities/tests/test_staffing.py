"""Staffing ratios of the curator and psychologist services: pupils per full-time equivalent on site
(days a week / 5) per county, municipality and education organiser, against the act's maximum.

Hand-computed cases (ratios: 670 pupils per curator, 780 per psychologist):
- Alfala (a1): 400 pupils with the curator 2 days and the psychologist 1 day, 300 pupils with 3 and
  2.5 days: 700 pupils, curators 1.0 FTE → 700 > 670, over; psychologists 0.7 FTE → 1 000, over.
- Alfanen's own school: 390 pupils with 3 and 2.5 days: 0.6 FTE → 650, within; 0.5 FTE → 780,
  exactly the maximum, within (organiser Alfanen). Its school without a pupil count (curator 5
  days) does not enter the ratio.
- A private school in Alfanen (organiser Yksityiskoulu Oy): 120 pupils, no one on site.
- Municipality Alfanen: 510 pupils; 0.6 FTE → 850, over; 0.5 FTE → 1 020, over.
- County A: 1 210 pupils; curators 1.6 FTE → 756 (756.25), over; psychologists 1.2 FTE → 1 008, over.
"""

from decimal import Decimal

import pytest

from conftest import api_client_for, client_for
from tests.factories import MunicipalityFactory, UnitFactory
from yhdyspinta.facilities.proximity import (
    NO_PUPILS,
    NO_STAFF,
    OVER,
    STAFFING_RATIOS,
    WITHIN,
    fte,
    staffing,
)
from yhdyspinta.facilities.queries import school_rows

from .factories import SchoolFactory, WelfareServiceFactory

pytestmark = pytest.mark.django_db


def _school(org, municipality, name, pupils, **days):
    school = SchoolFactory(unit=UnitFactory(organisation=org, name=name), municipality=municipality, pupils=pupils)
    for kind, value in days.items():
        WelfareServiceFactory(school=school, kind=kind, provider=municipality.area, days_per_week=Decimal(value))
    return school


@pytest.fixture
def area(world):
    private = MunicipalityFactory(kind="education_provider", name="Yksityiskoulu Oy", area=world.county_a)
    _school(world.a1, world.a1, "Keskuskoulu", 400, curator="2", psychologist="1")
    _school(world.a1, world.a1, "Kyläkoulu", 300, curator="3", psychologist="2.5")
    _school(world.a2, world.a2, "Alfasen koulu", 390, curator="3", psychologist="2.5")
    _school(world.a2, world.a2, "Laskematon koulu", None, curator="5")
    _school(private, world.a2, "Yksityinen koulu", 120)
    return world


def test_the_ratios_are_data_with_their_source():
    assert (STAFFING_RATIOS["curator"].max_pupils, STAFFING_RATIOS["psychologist"].max_pupils) == (670, 780)
    assert str(STAFFING_RATIOS["psychologist"].in_force_from) == "2023-08-01"
    assert all("1287/2013" in r.source and r.url and not r.verified for r in STAFFING_RATIOS.values())
    assert fte(Decimal("2.5")) == Decimal("0.5") and fte(None) == 0


def test_hand_computed_ratios_per_municipality_county_and_organiser(area):
    world = area
    rows = school_rows(world.coordinator, county=world.county_a)
    by_municipality = {e.name: e for e in staffing(rows, "municipality")}
    alfala, alfanen = by_municipality["Alfala"], by_municipality["Alfanen"]
    assert (alfala.pupils, alfala.fte["curator"], alfala.fte["psychologist"]) == (700, Decimal("1.0"), Decimal("0.7"))
    assert [(c[2], c[3]) for c in alfala.cells()] == [(700, OVER), (1000, OVER)]
    assert (alfanen.schools, alfanen.counted, alfanen.pupils) == (3, 2, 510)
    assert alfanen.fte == {"curator": Decimal("0.6"), "psychologist": Decimal("0.5")}
    assert [(c[2], c[3]) for c in alfanen.cells()] == [(850, OVER), (1020, OVER)]

    by_organiser = {e.name: e for e in staffing(rows, "organiser")}
    assert [(c[2], c[3]) for c in by_organiser["Alfanen"].cells()] == [(650, WITHIN), (780, WITHIN)]  # 780: at most
    assert [(c[2], c[3]) for c in by_organiser["Yksityiskoulu Oy"].cells()] == [(None, NO_STAFF), (None, NO_STAFF)]
    assert by_organiser["Alfala"].pupils == 700

    [county] = staffing(rows, "county")
    assert (county.name, county.pupils, county.fte["curator"], county.fte["psychologist"]) == (
        "Alfan hyvinvointialue", 1210, Decimal("1.6"), Decimal("1.2"))
    assert [(c[2], c[3]) for c in county.cells()] == [(756, OVER), (1008, OVER)]


def test_no_pupil_count_is_not_judged(world):
    _school(world.a1, world.a1, "Laskematon", None, curator="1")
    [entry] = staffing(school_rows(world.coordinator), "municipality")
    assert entry.cells()[0][2:] == (None, NO_PUPILS) and entry.counted == 0


def test_the_check_page_shows_the_ratio_table_in_words(area):
    world = area
    page = client_for(world.coordinator).get("/facilities/schools/check/", {"county": world.county_a.pk,
                                                                           "by": "organiser"})
    assert page.status_code == 200
    assert [entry.name for entry, _cells in page.context["staffing"]] == ["Alfala", "Alfanen", "Yksityiskoulu Oy"]
    body = page.content.decode()
    assert "<caption>" in body and "670" in body and "780" in body and "1287/2013" in body
    # the status is words (never colour alone): "Over the ratio" / "Within the ratio" in Finnish
    labels = [cells[0][3] for _entry, cells in page.context["staffing"]]
    assert len(set(map(str, labels))) == 3 and all(str(label) in body for label in labels)
    county = client_for(world.coordinator).get("/facilities/schools/check/", {"county": world.county_a.pk})
    assert [entry.name for entry, _cells in county.context["staffing"]] == ["Alfan hyvinvointialue"]


def test_the_staffing_download_and_the_api(area):
    world = area
    response = client_for(world.coordinator).get("/facilities/schools/check/", {
        "county": world.county_a.pk, "table": "staffing", "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Yksityiskoulu Oy" in text and "Alfan hyvinvointialue" in text and "1287/2013" in text
    line = next(row for row in text.splitlines() if row.split(";")[1:2] == ["Alfala"])
    assert ";700;1;700;670;" in line.replace(",00", "").replace(",0", "")
    body = api_client_for(world.coordinator).get("/api/v1/facilities/schools/proximity/",
                                                 {"county": world.county_a.pk}).json()
    staffing_ = body["staffing"]
    assert staffing_["days_per_fte"] == 5 and {r["max_pupils"] for r in staffing_["ratios"]} == {670, 780}
    [county] = staffing_["county"]
    assert (county["pupils"], county["curator_fte"], county["curator_pupils_per_fte"], county["curator_status"]) == (
        1210, "1.60", 756, "over")
    from yhdyspinta.facilities.api.serializers import StaffingSerializer

    assert StaffingSerializer(data=staffing_).is_valid()  # the answer is what the schema says
    organiser = {r["name"]: r for r in staffing_["organiser"]}
    assert organiser["Alfanen"]["psychologist_status"] == "within"
    csv = api_client_for(world.coordinator).get("/api/v1/facilities/schools/proximity/", {
        "county": world.county_a.pk, "format": "csv", "table": "staffing"})
    assert csv.status_code == 200 and "Yksityiskoulu Oy" in csv.content.decode("utf-8-sig")
