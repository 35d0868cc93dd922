"""Real all-regions Sotkanet downloads (REST 1.1 shape): Helsinki listed twice, old county ids,
provenance of every value and demo values that stay illustrative. Served by a local HTTP server
(test_loaders.Recorded), never the internet; the fixtures come from fixtures/sotkanet_all/."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from conftest import client_for
from tests.factories import UserFactory
from yhdyspinta.core.tabular import InputError
from yhdyspinta.indicators import actions, demo
from yhdyspinta.indicators.compute import sotkanet_regions
from yhdyspinta.indicators.loaders.sotkanet import SotkanetClient
from yhdyspinta.indicators.models import ImportRun, Indicator, IndicatorValue, Level
from yhdyspinta.organisations.models import Organisation, OrganisationKind
from yhdyspinta.organisations.reference import load_reference_data

from .factories import IndicatorFactory, IndicatorSetFactory
from .test_loaders import FIXTURES, Recorded, sotkanet  # noqa: F401 (the server fixture)

ALL = FIXTURES / "sotkanet_all"
MUNICIPALITY_ROWS = 309 - 1  # Pirkkala's 2023 value is suppressed (no value, no absValue)


class AllRegions(Recorded):
    """The same server with the all-regions answers; `server.old_ids` serves the old region list."""

    def do_GET(self):
        if self.path.split("?")[0].endswith("/regions") and getattr(self.server, "old_ids", False):
            self.routes = {**self.routes, "/rest/1.1/regions": "sotkanet_all/regions_old_ids.json",
                           "/rest/1.1/json": "sotkanet_all/values_127_old_ids.json"}
        elif getattr(self.server, "old_ids", False):
            self.routes = {**self.routes, "/rest/1.1/json": "sotkanet_all/values_127_old_ids.json"}
        super().do_GET()

    routes = {**Recorded.routes, "/rest/1.1/regions": "sotkanet_all/regions.json",
              "/rest/1.1/json": "sotkanet_all/values_127.json"}


@pytest.fixture
def country(db):
    load_reference_data()
    return {o.code: o for o in Organisation.objects.filter(kind__in=[OrganisationKind.COUNTY,
                                                                    OrganisationKind.MUNICIPALITY])}


@pytest.fixture
def server(sotkanet):  # noqa: F811
    sotkanet.RequestHandlerClass = AllRegions
    sotkanet.old_ids = False
    return sotkanet


def client_for_server(server, tmp_path):
    return SotkanetClient(server.base_url, cache_dir=tmp_path / "cache", backoff=0, timeout=5)


def stored(org, level=Level.REGION, year=2023):
    return IndicatorValue.objects.get(indicator__source_id="127", region=org, year=year, sex="total", level=level)


def population(name, code):
    path = ALL / name
    import csv
    return next(int(r["population"]) for r in csv.DictReader(path.open(encoding="utf-8")) if r["code"] == code)


# ---- Helsinki twice -------------------------------------------------------------------------------
def test_all_regions_refresh_stores_helsinki_as_municipality_and_as_organiser(country, server, tmp_path):
    summary = actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path))
    helsinki = country["091"]
    # the KUNTA row (Sotkanet 658, code 91) and the HYVINVOINTIALUE row (960, code 90): both kept
    assert stored(helsinki).value == population("municipalities_2021.csv", "091")
    assert stored(helsinki, Level.ORGANISER).value == population("wellbeing_services_counties_2021.csv", "90")
    assert stored(country["08"]).value == population("wellbeing_services_counties_2021.csv", "08")
    assert stored(country["04"]).value == population("wellbeing_services_counties_2021.csv", "04")
    assert stored(actions.country()).value == sum(
        population("municipalities_2021.csv", m.code) for m in Organisation.objects.municipalities())
    # 21 counties + Helsinki as organiser + 308 municipalities + the country; Åland, Pirkkala and
    # the sub-region and region levels skipped
    assert summary.created == 21 + 1 + MUNICIPALITY_ROWS + 1
    assert summary.skipped == 1 + 1 + 2
    assert IndicatorValue.objects.filter(region=helsinki).count() == 2


def test_all_regions_file_through_the_command_and_the_page(country, tmp_path):
    IndicatorFactory(source_id="127")
    call_command("import_indicator_values", str(ALL / "values_127.json"), "--regions", str(ALL / "regions.json"))
    assert IndicatorValue.objects.count() == 21 + 1 + MUNICIPALITY_ROWS + 1
    IndicatorValue.objects.all().delete()
    admin = UserFactory(is_superuser=True, is_staff=True)
    response = client_for(admin).post("/indicators/import/", {
        "file": SimpleUploadedFile("values_127.json", (ALL / "values_127.json").read_bytes()),
        "regions": SimpleUploadedFile("regions.json", (ALL / "regions.json").read_bytes()),
    }, follow=True)
    assert response.status_code == 200
    assert IndicatorValue.objects.count() == 21 + 1 + MUNICIPALITY_ROWS + 1
    assert IndicatorValue.objects.filter(region=country["091"], level=Level.ORGANISER).exists()


def test_refresh_command_with_an_all_regions_answer(country, server, tmp_path, settings):
    settings.SOTKANET_BASE_URL = server.base_url
    settings.SOTKANET_CACHE_DIR = str(tmp_path / "c")
    settings.SOTKANET_BACKOFF = 0
    followed = IndicatorSetFactory(organisation=country["08"], followed=True)
    followed.indicators.add(IndicatorFactory(source_id="127"))
    call_command("refresh_sotkanet", "--area", "08", "--from-year", "2023", "--to-year", "2023")
    assert stored(country["091"], Level.ORGANISER)
    assert list((tmp_path / "c").iterdir())  # SOTKANET_CACHE_DIR was used


def test_the_organiser_row_is_helsinkis_county_level_figure(country, server, tmp_path):
    """The situational picture of Helsinki's area and county-level comparisons read the organiser row."""
    from yhdyspinta.indicators import queries

    actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path))
    helsinki, ind = country["091"], Indicator.objects.get(source_id="127")
    IndicatorValue.objects.filter(region=helsinki, level=Level.ORGANISER).update(value=1.0)
    data = queries.series([ind.pk], [helsinki.pk], organisers={helsinki.pk})
    assert data[(ind.pk, helsinki.pk)] == {2023: 1.0}
    data = queries.series([ind.pk], [helsinki.pk])
    assert data[(ind.pk, helsinki.pk)] == {2023: population("municipalities_2021.csv", "091")}
    followed = IndicatorSetFactory(organisation=helsinki, followed=True)
    followed.indicators.add(ind)
    assert queries.picture(helsinki, followed)["blocks"][0]["area_value"] == "1"


# ---- renumbered county ids ------------------------------------------------------------------------
def test_old_county_ids_are_translated_with_a_note(country, server, tmp_path):
    server.old_ids = True
    summary = actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path))
    # old id 890 had the old code 4 (Pirkanmaa): stored on Pirkanmaa 08, not on Vantaa–Kerava 04
    assert stored(country["08"]).value == population("wellbeing_services_counties_2021.csv", "08")
    assert stored(country["04"]).value == population("wellbeing_services_counties_2021.csv", "04")
    assert stored(country["091"], Level.ORGANISER)
    assert any("890" in str(n) and "08" in str(n) for n in summary.notes)
    assert len(summary.notes) == 22 and summary.created == 21 + 1 + MUNICIPALITY_ROWS + 1
    run = ImportRun.objects.get()
    assert "old Sotkanet region id 890 (Pirkanmaan hyvinvointialue, old code 4)" in run.notes


def test_a_county_whose_name_does_not_match_its_id_is_refused(country, tmp_path):
    regions = json.loads((ALL / "regions.json").read_text(encoding="utf-8"))
    for region in regions:
        if region["id"] == 970:  # Pirkanmaa's id, but another county's code and name
            region["code"], region["title"]["fi"] = "4", "Vantaan ja Keravan hyvinvointialue"
    path = tmp_path / "regions.json"
    path.write_text(json.dumps(regions), encoding="utf-8")
    IndicatorFactory(source_id="127")
    with pytest.raises(InputError, match="region 970: the list gives code 4, but Sotkanet's county-level region "
                                         "970 is Pirkanmaan hyvinvointialue with code 8"):
        actions.import_file(ALL / "values_127.json", regions_path=path)
    assert not IndicatorValue.objects.exists()


def test_an_unknown_county_id_is_checked_against_the_products_name(country, tmp_path):
    regions = json.loads((ALL / "regions.json").read_text(encoding="utf-8"))
    values = json.loads((ALL / "values_127.json").read_text(encoding="utf-8"))
    regions.append({"id": 5555, "title": {"fi": "Pirkanmaan hyvinvointialue"}, "code": "4",
                    "category": "HYVINVOINTIALUE", "uri": "", "memberOf": [1], "primary": False})
    values.append({"indicator": 127, "region": 5555, "year": 2022, "gender": "total", "value": 1, "absValue": 1})
    (tmp_path / "r.json").write_text(json.dumps(regions), encoding="utf-8")
    (tmp_path / "v.json").write_text(json.dumps(values), encoding="utf-8")
    IndicatorFactory(source_id="127")
    with pytest.raises(InputError, match="region 5555: code 4 is .*Vantaa.* here, but the region list names it "
                                         "Pirkanmaan hyvinvointialue"):
        actions.import_file(tmp_path / "v.json", regions_path=tmp_path / "r.json")
    assert not IndicatorValue.objects.exists()


def test_the_resolver_is_plain_python():
    table = sotkanet_regions.load_table()
    assert len(table) == 23 and {c.new_code for c in table} >= {"8", "90", "91"}
    parsed = {890: ("HYVINVOINTIALUE", "4"), 960: ("HYVINVOINTIALUE", "90"), 52: ("KUNTA", "837")}
    payload = [{"id": 890, "title": {"fi": "Pirkanmaan hyvinvointialue"}},
               {"id": 960, "title": {"fi": "Helsingin kaupunki"}}, {"id": 52, "title": {"fi": "Tampere"}}]
    resolved = sotkanet_regions.resolve(parsed, payload, "regions")
    assert resolved.regions == {890: ("HYVINVOINTIALUE", "8"), 960: ("HYVINVOINTIALUE", "90"), 52: ("KUNTA", "837")}
    assert resolved.organiser_ids == {960}


# ---- provenance -----------------------------------------------------------------------------------
def test_every_value_carries_its_source(country, server, tmp_path):
    user = UserFactory(is_superuser=True)
    actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path), actor=user)
    run = ImportRun.objects.get()
    assert run.user == user and run.started is not None
    assert run.calls.splitlines() == [
        f"{server.base_url}/regions", f"{server.base_url}/indicators/127",
        f"{server.base_url}/json?indicator=127&years=2023&genders=total&genders=male&genders=female"]
    assert not IndicatorValue.objects.filter(import_run__isnull=True).exists()
    # a file import over it: changed values point to the file, unchanged ones keep the refresh
    values = json.loads((ALL / "values_127.json").read_text(encoding="utf-8"))
    for row in values:
        if row["region"] == 52:
            row["value"] = 1
    path = tmp_path / "tampere_fixed.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    actions.import_file(path, regions_path=ALL / "regions.json", actor=user)
    file_run = ImportRun.objects.order_by("-pk").first()
    assert file_run.source == "tampere_fixed.json (+ regions.json)"
    assert stored(country["837"]).import_run == file_run
    assert stored(country["08"]).import_run == run
    # the API shows it
    value = stored(country["837"])
    response = client_for(user).get(f"/api/v1/indicators/values/{value.pk}/")
    provenance = response.json()["provenance"]
    assert provenance["source"] == "tampere_fixed.json (+ regions.json)" and provenance["import_run"] == file_run.pk
    assert response.json()["level"] == ""


# ---- demo values stay illustrative ----------------------------------------------------------------
def test_real_metadata_over_demo_indicators_keeps_them_illustrative(country, server, tmp_path):
    _demo_indicators(country)
    indicator = Indicator.objects.get(source_id="127")
    assert indicator.illustrative and indicator.title_fi.endswith("(esimerkkiarvot)")
    actions.import_file(FIXTURES / "sotkanet_indicator_127.json")  # real metadata only
    indicator.refresh_from_db()
    assert indicator.illustrative
    assert indicator.title_fi == "Väestö 31.12. (esimerkkiarvot)"
    assert indicator.title_sv == "Befolkning 31.12 (exempelvärden)"
    assert indicator.title == "Väestö 31.12. (esimerkkiarvot)"
    # a refresh replaces every synthetic value with a real one: then it is real
    actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path))
    indicator.refresh_from_db()
    assert indicator.illustrative  # values of other years are still synthetic
    IndicatorValue.objects.filter(indicator=indicator).exclude(year=2023).delete()
    actions.refresh_sotkanet(["127"], [2023], client=client_for_server(server, tmp_path))
    indicator.refresh_from_db()
    assert not indicator.illustrative and indicator.title_fi == "Väestö 31.12."


def _demo_indicators(country):
    """The demo's indicators and values (the whole demo needs people and interfaces)."""
    from yhdyspinta.indicators.compute.parsing import ValueRow

    for sid, (fi, sv, en, unit, decimals, *_rest) in demo.INDICATORS.items():
        Indicator.objects.update_or_create(source="sotkanet", source_id=sid, defaults={
            "title": fi + demo.NOTE["fi"], "title_fi": fi + demo.NOTE["fi"], "title_sv": sv + demo.NOTE["sv"],
            "title_en": en + demo.NOTE["en"], "decimals": decimals, "illustrative": True})
    rows = [ValueRow("sotkanet", "127", ("county", "08"), year, "total", 500000.0, 500000.0, "demo")
            for year in demo.YEARS]
    summary = actions.ImportSummary("demo (synthetic values)", illustrative=True)
    actions.write_values(rows, name="demo", summary=summary)
    actions.record(summary, None)


# ---- the settings are read --------------------------------------------------------------------------
def test_sotkanet_settings_come_from_the_environment(tmp_path):
    env = {"SOTKANET_BASE_URL": "http://127.0.0.1:9/sotkanet", "SOTKANET_CACHE_DIR": str(tmp_path / "sc"),
           "DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", "DEBUG": "1"}
    code = ("import django; django.setup(); from yhdyspinta.indicators.loaders.sotkanet import SotkanetClient; "
            "c = SotkanetClient(); print(c.base_url); print(c.cache_dir)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=Path(django_settings.BASE_DIR))
    assert out.stdout.split() == ["http://127.0.0.1:9/sotkanet", str(tmp_path / "sc")]


def test_command_refuses_a_mismatching_region_list(country, tmp_path, capsys):
    regions = json.loads((ALL / "regions.json").read_text(encoding="utf-8"))
    broken = tmp_path / "broken.json"
    for region in regions:
        if region["id"] == 977:
            region["title"]["fi"] = "Pirkanmaan hyvinvointialue"
    broken.write_text(json.dumps(regions), encoding="utf-8")
    IndicatorFactory(source_id="127")
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_indicator_values", str(ALL / "values_127.json"), "--regions", str(broken))
    assert ("broken.json: region 977 is Vantaan ja Keravan hyvinvointialue in Sotkanet's county table, but the "
            "region list names it Pirkanmaan hyvinvointialue") in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()
