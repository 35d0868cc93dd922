"""One indicator across the counties and Helsinki (issue 20): the table, the map with the same
numbers, the CSV/XLSX export with metadata lines and the API action (checked against its schema)."""

import io

import jsonschema
import openpyxl
import pytest
from drf_spectacular.generators import SchemaGenerator

from conftest import api_client_for, client_for
from tests.factories import MunicipalityFactory
from yhdyspinta.core.tests.test_api_root_schema import _resolved
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.compute.classes import equal_classes
from yhdyspinta.indicators.models import Level

from .factories import IndicatorFactory, IndicatorValueFactory


@pytest.fixture
def areas(world):
    world.county_a.letter_code, world.county_b.letter_code = "PI", "KS"
    world.county_a.save()
    world.county_b.save()
    helsinki = MunicipalityFactory(name="Helsinki", code="091", organises_sote=True, area_code="90",
                                   letter_code="HKI", area=None)
    indicator = IndicatorFactory(title="Työttömät", decimals=1)
    for region, year, value in [(world.county_a, 2022, 10.0), (world.county_a, 2023, 12.5),
                                (world.county_b, 2023, 8.0), (actions.country(), 2022, 9.0),
                                (actions.country(), 2023, 9.5), (helsinki, 2023, 5.0)]:
        IndicatorValueFactory(indicator=indicator, region=region, year=year, value=value)
    # Helsinki's row as the organiser of its services is the one compared with the counties
    IndicatorValueFactory(indicator=indicator, region=helsinki, year=2023, value=7.0, level=Level.ORGANISER)
    IndicatorValueFactory(indicator=indicator, region=world.a1, year=2023, value=99.0)  # a municipality: not listed
    return indicator, helsinki


def test_equal_classes():
    assert equal_classes([0, 5, 10, None], 5) == ([1, 3, 5, None], [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)])
    assert equal_classes([3, 3], 5) == ([1, 1], [(3, 3)])
    assert equal_classes([None], 5) == ([None], [])


def test_table_and_map_of_counties_and_helsinki(world, areas):
    indicator, _helsinki = areas
    page = client_for(None).get(f"/indicators/{indicator.pk}/areas/").content.decode()
    assert "<h1>Työttömät alueittain, 2023</h1>" in page
    table = page.split("<table>")[1].split("</table>")[0]
    assert "<caption>" in table and 'scope="row"' in table and 'scope="col"' in table
    rows = {name: row for name, row in ((r.split("</a></th>")[0].rsplit(">", 1)[-1], r)
                                        for r in table.split("<tr>")[2:] if "</a></th>" in r)}
    assert set(rows) == {world.county_a.name, world.county_b.name, "Helsinki"}  # no municipality
    assert '<td class="num">12,5</td><td class="num">10,0</td><td class="num">2,5</td>' in rows[world.county_a.name]
    assert '<td class="num">7,0</td>' in rows["Helsinki"]  # the organiser row, not the own row (5,0)
    assert "Koko maa" in table.split("<tfoot>")[1]
    # the map: each area a link naming its value, classes also as text in the legend and the table
    svg = page.split("<svg")[1].split("</svg>")[0]
    assert f'aria-label="{world.county_a.name}: 12,5 %"' in svg and 'aria-label="Helsinki: 7,0 %"' in svg
    assert "ind-c5" in svg and "ind-c1" in svg and "luokka 5" in page
    older = client_for(None).get(f"/indicators/{indicator.pk}/areas/", {"year": 2022}).content.decode()
    assert "2022" in older.split("<caption>")[1] and "ei arvoa" in older


def test_export_with_metadata(world, areas):
    indicator, _helsinki = areas
    client = client_for(None)
    text = client.get(f"/indicators/{indicator.pk}/areas/", {"export": "csv"}).content.decode("utf-8-sig")
    lines = text.split("\r\n")
    header_at = next((i for i, line in enumerate(lines) if line.startswith("Aluekoodi;")), None)
    assert header_at is not None, text
    assert lines[0] == "Työttömät" and any("Vuosi: 2023;" in line for line in lines[:header_at])
    body = [line.split(";") for line in lines[header_at + 1:] if line]
    assert [r[1] for r in body][-1] == "Koko maa" and ["90", "Helsinki", "7,0", "", ""] in body
    assert [world.county_a.code, world.county_a.name, "12,5", "10,0", "2,5"] in body
    xlsx = client.get(f"/indicators/{indicator.pk}/areas/", {"export": "xlsx"})
    values = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert (world.county_a.code, world.county_a.name, 12.5, 10, 2.5) in values


def test_api_areas_answer_matches_its_schema(world, areas):
    indicator, _helsinki = areas
    api = api_client_for(None)
    url = f"/api/v1/indicators/indicators/{indicator.pk}/areas/"
    body = api.get(url).json()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    jsonschema.validate(body, _resolved(schema, "#/components/schemas/Areas"))
    by_code = {r["region_code"]: r for r in body["results"]}
    assert body["year"] == 2023 and body["years"] == [2022, 2023]
    assert by_code["90"]["value"] == 7.0 and by_code[world.county_a.code]["change"] == 2.5
    assert body["results"][-1]["level"] == "country"
    assert api.get(url, {"sex": "bogus"}).status_code == 400
    csv_answer = api.get(url, HTTP_ACCEPT="text/csv")
    assert csv_answer.status_code == 200 and "region;region_code" in csv_answer.content.decode("utf-8")
