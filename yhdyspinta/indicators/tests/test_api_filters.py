"""Indicator values through the API: by Sotkanet id, several regions (comma-separated or repeated),
unknown values a 400 naming them, and the list as a Finnish CSV with decimal commas."""

from conftest import api_client_for

from .factories import IndicatorFactory, IndicatorValueFactory

URL = "/api/v1/indicators/values/"


def _values(world):
    obesity = IndicatorFactory(source_id="186")
    other = IndicatorFactory(source_id="289")
    for region, value in ((world.a1, 12.5), (world.a2, 14.0), (world.b1, 9.25)):
        IndicatorValueFactory(indicator=obesity, region=region, value=value)
        IndicatorValueFactory(indicator=other, region=region, value=1.0)
    return obesity, other


def _regions(answer):
    assert answer.status_code == 200, answer.content
    return sorted(r["region"] for r in answer.json()["results"])


def test_sotkanet_id_and_several_regions(world):
    obesity, _other = _values(world)
    api = api_client_for(world.viewer)
    assert len(api.get(URL, {"sotkanet_id": "186"}).json()["results"]) == 3
    assert len(api.get(URL, {"sotkanet_id": "186,289"}).json()["results"]) == 6
    both = sorted([world.a1.pk, world.b1.pk])
    assert _regions(api.get(URL, {"sotkanet_id": "186", "region": f"{world.a1.pk},{world.b1.pk}"})) == both
    assert _regions(api.get(f"{URL}?sotkanet_id=186&region={world.a1.pk}&region={world.b1.pk}")) == both
    assert _regions(api.get(URL, {"indicator": obesity.pk, "region_code": world.a2.code})) == [world.a2.pk]


def test_unknown_values_are_400_naming_them(world):
    _values(world)
    api = api_client_for(world.viewer)
    answer = api.get(URL, {"sotkanet_id": "186,999999"})
    assert answer.status_code == 400 and "999999" in str(answer.json()) and "186" not in str(answer.json())
    assert api.get(URL, {"region": "abc"}).status_code == 400
    assert api.get(URL, {"region_code": "nope"}).status_code == 400
    assert api.get(URL, {"indicator": "123456789"}).status_code == 400


def test_values_as_csv(world):
    _values(world)
    answer = api_client_for(world.viewer).get(URL, {"sotkanet_id": "186", "region": world.b1.pk,
                                                     "format": "csv"})
    assert answer.status_code == 200
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff") and "9,25" in text and ";" in text
    international = api_client_for(world.viewer).get(URL, {"sotkanet_id": "186", "region": world.b1.pk,
                                                           "format": "csv", "dialect": "international"})
    assert "9.25" in international.content.decode("utf-8")
