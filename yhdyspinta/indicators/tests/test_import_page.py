"""The value import page: who may use it, a good file, a bad file (nothing imported), history."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from yhdyspinta.indicators.models import ImportRun, IndicatorValue
from yhdyspinta.organisations.models import Organisation

from .factories import IndicatorFactory

FIXTURES = Path(__file__).parent / "fixtures"
URL = "/indicators/import/"


@pytest.fixture
def values_csv(world):
    """A Finnish Excel file (semicolons, decimal comma, BOM) about the world's organisations."""
    IndicatorFactory(source_id="127")
    IndicatorFactory(source_id="3071")
    # a real county code (01–21): the factory's sequence may give 90 (Helsinki) or 91 (Åland)
    taken = set(Organisation.objects.filter(kind=world.county_a.kind).values_list("code", flat=True))
    world.county_a.code = next(f"{n:02d}" for n in range(1, 22) if f"{n:02d}" not in taken)
    Organisation.objects.filter(pk=world.county_a.pk).update(code=world.county_a.code)
    lines = ["indicator_id;region_code;region_category;year;sex;value;abs_value",
             f"127;{world.a1.code};KUNTA;2023;total;249009;249009",
             f"127;{world.county_a.code};HYVINVOINTIALUE;2023;total;535000;",
             "127;;MAA;2023;total;5603851;5603851",
             f"3071;{world.a2.code};KUNTA;2023;female;12,5;"]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_only_administrators_and_data_stewards_import(world, values_csv):
    assert client_for(None).get(URL).status_code == 302  # to the login page
    for user in (world.viewer, world.editor, world.coordinator, world.national):
        assert client_for(user).get(URL).status_code == 403
        response = client_for(user).post(URL, {"file": upload("values.csv", values_csv)})
        assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0
    world.editor.user_permissions.add(Permission.objects.get(codename="add_indicatorvalue"))
    assert client_for(world.editor).get(URL).status_code == 200
    assert client_for(world.admin).get(URL).status_code == 200


def test_a_finnish_csv_is_imported_and_listed(world, values_csv):
    client = client_for(world.admin)
    response = client.post(URL, {"file": upload("values.csv", values_csv)}, follow=True)
    assert response.status_code == 200
    assert IndicatorValue.objects.count() == 4
    body = response.content.decode()
    assert "values.csv" in body and ImportRun.objects.get().user == world.admin
    again = client.post(URL, {"file": upload("values.csv", values_csv)}, follow=True)
    assert IndicatorValue.objects.count() == 4 and ImportRun.objects.count() == 2
    assert again.status_code == 200


def test_a_bad_file_names_file_and_line_and_imports_nothing(world, values_csv):
    unknown = next(c for c in (f"{i:03d}" for i in range(999, 0, -1)) if not Organisation.objects.filter(code=c).exists())
    bad = values_csv.decode("utf-8-sig") + f"127;{unknown};KUNTA;2023;total;1;\n"
    response = client_for(world.admin).post(URL, {"file": upload("kunnat.csv", bad.encode())})
    assert response.status_code == 200
    body = response.content.decode()
    assert "role=\"alert\"" in body
    # the page is in Finnish (the default language), and so is the reason, not only its frame
    assert "Hylätty, mitään ei tuotu" in body
    assert f"kunnat.csv, rivi 6: tuntematon aluekoodi &#x27;{unknown}&#x27; (kunta)" in body
    assert "line 6" not in body and "unknown region code" not in body
    assert IndicatorValue.objects.count() == 0 and ImportRun.objects.count() == 0


@pytest.mark.parametrize("language, expected", [
    ("en", "kunnat.csv, line 6: unknown region code &#x27;{code}&#x27; (municipality)"),
    ("sv", "kunnat.csv, rad 6: okänd områdeskod &#x27;{code}&#x27; (kommun)"),
])
def test_the_refusal_reason_follows_the_page_language(world, values_csv, language, expected):
    unknown = next(c for c in (f"{i:03d}" for i in range(999, 0, -1)) if not Organisation.objects.filter(code=c).exists())
    bad = values_csv.decode("utf-8-sig") + f"127;{unknown};KUNTA;2023;total;1;\n"
    response = client_for(world.admin).post(URL, {"file": upload("kunnat.csv", bad.encode())},
                                            HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert expected.format(code=unknown) in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_a_json_position_is_translated_too(world, values_csv):
    """Sotkanet and JSON-stat errors name a position ("row 16") that is part of the reason."""
    payload = b'{"class": "dataset", "id": ["Alue"], "size": [1], "dimension": {}}'
    response = client_for(world.admin).post(URL, {"file": upload("px.json", payload)})
    body = response.content.decode()
    assert "px.json: &#x27;id&#x27;:ssä luetellut mutta kuvaamattomat ulottuvuudet: Alue" in body
    rows = b'[{"indicator": 127, "region": 1, "year": 1850, "value": 1}]'
    regions = b'[{"id": 1, "code": "837", "category": "KUNTA"}]'
    response = client_for(world.admin).post(URL, {"file": upload("data.json", rows),
                                                  "regions": upload("regions.json", regions)})
    assert "data.json: rivi 1: vuosi 1850 ei ole välillä 1900–" in response.content.decode()


def test_sotkanet_values_need_the_region_list(world, values_csv):
    response = client_for(world.admin).post(URL, {"file": upload("sotkanet.json", (FIXTURES / "sotkanet_127.json").read_bytes())})
    assert response.status_code == 200
    assert "--regions" in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_not_a_value_file_is_a_clear_error(world, values_csv):
    response = client_for(world.admin).post(URL, {"file": upload("kuva.png", b"\x89PNG\r\n\x1a\n\x00\x00")})
    assert response.status_code == 200
    assert "kuva.png" in response.content.decode()
    assert IndicatorValue.objects.count() == 0
