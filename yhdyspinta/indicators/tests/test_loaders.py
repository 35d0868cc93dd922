"""Loaders on recorded fixtures: Sotkanet over a local HTTP server, saved JSON, long CSV, JSON-stat."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.core.tabular import InputError
from yhdyspinta.indicators import actions
from yhdyspinta.indicators.loaders.sotkanet import USER_AGENT, SotkanetClient, SotkanetError
from yhdyspinta.indicators.models import ImportRun, Indicator, IndicatorValue

from .factories import IndicatorFactory, IndicatorSetFactory

FIXTURES = Path(__file__).parent / "fixtures"


class Recorded(BaseHTTPRequestHandler):
    """Serves the recorded Sotkanet responses; `failures[path]` answers 500 that many times."""

    routes = MappingProxyType({
        "/rest/1.1/regions": "sotkanet_regions.json",
        "/rest/1.1/indicators": "sotkanet_indicators.json",
        "/rest/1.1/indicators/127": "sotkanet_indicator_127.json",
        "/rest/1.1/json": "sotkanet_127.json",
    })

    def do_GET(self):
        server = self.server
        url = urlparse(self.path)
        server.log.append((url.path, parse_qs(url.query), self.headers.get("User-Agent")))
        if server.failures.get(url.path, 0) > 0:
            server.failures[url.path] -= 1
            self.send_response(500)
            self.end_headers()
            return
        name = self.routes.get(url.path)
        if name is None:
            self.send_response(404)
            self.end_headers()
            return
        body = (FIXTURES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def sotkanet():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    server.log, server.failures = [], {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/rest/1.1"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def regions(db):
    """Pirkanmaa (08) with Tampere and Pirkkala, Vantaa–Kerava (04), Helsinki (091)."""
    pirkanmaa = CountyFactory(code="08", area_code="08", name="Pirkanmaan hyvinvointialue")
    vantaa_kerava = CountyFactory(code="04", area_code="04", name="Vantaan ja Keravan hyvinvointialue")
    helsinki = MunicipalityFactory(code="091", name="Helsinki", area=None, organises_sote=True)
    return {
        "08": pirkanmaa, "04": vantaa_kerava, "091": helsinki,
        "837": MunicipalityFactory(code="837", name="Tampere", area=pirkanmaa),
        "604": MunicipalityFactory(code="604", name="Pirkkala", area=pirkanmaa),
    }


def client_for(server, tmp_path, **kwargs):
    return SotkanetClient(server.base_url, cache_dir=tmp_path / "cache", backoff=0, timeout=5, **kwargs)


def value(indicator_source_id, org, year, sex="total", source="sotkanet"):
    return IndicatorValue.objects.get(indicator__source=source, indicator__source_id=indicator_source_id,
                                      region=org, year=year, sex=sex)


# ---- Sotkanet over HTTP -----------------------------------------------------------------------
def test_refresh_maps_renumbered_counties_and_skips_absent_values(regions, sotkanet, tmp_path):
    client = client_for(sotkanet, tmp_path)
    summary = actions.refresh_sotkanet(["127"], [2022, 2023], client=client)
    indicator = Indicator.objects.get(source="sotkanet", source_id="127")
    assert indicator.title_sv == "Befolkning 31.12" and indicator.decimals == 0
    assert indicator.unit_en == "Number" and indicator.source_organisation_fi == "Tilastokeskus"
    # Sotkanet region 970 has code "8": the new county code 08, not the old numbering
    assert value("127", regions["08"], 2023).value == 535000
    assert not IndicatorValue.objects.filter(region=regions["04"]).exists()
    # HYVINVOINTIALUE 90 is Helsinki, stored on the Helsinki municipality (091)
    assert value("127", regions["091"], 2023).value == 664028
    assert value("127", actions.country(), 2022).abs_value == 5563970
    # Pirkkala 2021 has no value in Sotkanet: skipped; Åland and the sub-region are skipped too
    assert not IndicatorValue.objects.filter(region=regions["604"], year=2021).exists()
    assert summary.created == 10 and summary.skipped == 5 and summary.indicators_created == 1
    assert all(agent == USER_AGENT for _path, _query, agent in sotkanet.log)
    data_query = next(q for path, q, _a in sotkanet.log if path.endswith("/json"))
    assert data_query["indicator"] == ["127"] and data_query["years"] == ["2022", "2023"]


def test_refresh_again_is_idempotent_and_cached(regions, sotkanet, tmp_path):
    actions.refresh_sotkanet(["127"], [2022, 2023], client=client_for(sotkanet, tmp_path))
    requests_before = len(sotkanet.log)
    client = client_for(sotkanet, tmp_path)
    summary = actions.refresh_sotkanet(["127"], [2022, 2023], client=client)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 10)
    assert len(sotkanet.log) == requests_before  # all answers came from the cache
    assert IndicatorValue.objects.count() == 10
    assert ImportRun.objects.count() == 2


def test_retries_server_errors_then_succeeds(regions, sotkanet, tmp_path):
    sotkanet.failures["/rest/1.1/regions"] = 2
    client = client_for(sotkanet, tmp_path, retries=3)
    actions.refresh_sotkanet(["127"], [2023], client=client)
    assert [p for p, _q, _a in sotkanet.log].count("/rest/1.1/regions") == 3


def test_network_error_leaves_data_untouched(regions, sotkanet, tmp_path):
    indicator = IndicatorFactory(source_id="127", title="Väestö", title_fi="Väestö")
    IndicatorValue.objects.create(indicator=indicator, region=regions["837"], year=2023, value=1)
    sotkanet.failures["/rest/1.1/json"] = 99
    client = client_for(sotkanet, tmp_path, retries=1)
    with pytest.raises(SotkanetError, match=r"/json\?indicator=127.*failed after 2 attempts \(HTTP 500\)"):
        actions.refresh_sotkanet(["127"], [2023], client=client)
    assert IndicatorValue.objects.get().value == 1
    assert Indicator.objects.get().title == "Väestö"


def test_unreachable_server_is_a_clear_error(tmp_path, db):
    client = SotkanetClient("http://127.0.0.1:9/rest/1.1", cache_dir=tmp_path, retries=1, backoff=0, timeout=1)
    with pytest.raises(SotkanetError, match="127.0.0.1:9/rest/1.1/regions: failed after 2 attempts"):
        client.regions()


def test_refresh_command_follows_the_areas_sets(regions, sotkanet, tmp_path, settings):
    settings.SOTKANET_BASE_URL = sotkanet.base_url
    settings.SOTKANET_CACHE_DIR = str(tmp_path / "c")
    settings.SOTKANET_BACKOFF = 0
    followed = IndicatorSetFactory(organisation=regions["08"], followed=True)
    followed.indicators.add(IndicatorFactory(source_id="127"))
    call_command("refresh_sotkanet", "--area", "08", "--from-year", "2022", "--to-year", "2023")
    assert value("127", regions["837"], 2023).value == 249009
    sotkanet.failures["/rest/1.1/regions"] = 99
    settings.SOTKANET_CACHE_TTL = 0
    with pytest.raises(CommandError, match="stored data untouched"):
        call_command("refresh_sotkanet", "--area", "08", "--from-year", "2022", "--to-year", "2023")


# ---- files ------------------------------------------------------------------------------------
def test_saved_sotkanet_json_with_regions_file(regions, tmp_path):
    IndicatorFactory(source_id="127")
    summary = actions.import_file(FIXTURES / "sotkanet_127.json", regions_path=FIXTURES / "sotkanet_regions.json")
    assert summary.created == 10
    assert value("127", regions["08"], 2022).value == 530000
    again = actions.import_file(FIXTURES / "sotkanet_127.json", regions_path=FIXTURES / "sotkanet_regions.json")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_metadata_file_creates_then_updates_indicators(db, tmp_path):
    actions.import_file(FIXTURES / "sotkanet_indicator_127.json")
    meta = json.loads((FIXTURES / "sotkanet_indicator_127.json").read_text())
    meta["title"]["fi"] = "Väestö vuoden lopussa"
    changed = tmp_path / "meta.json"
    changed.write_text(json.dumps(meta), encoding="utf-8")
    summary = actions.import_file(changed)
    assert summary.indicators_updated == 1 and Indicator.objects.get().title_fi == "Väestö vuoden lopussa"


def test_long_csv_finnish_dialect_and_reimport_updates(regions, tmp_path):
    IndicatorFactory(source_id="127")
    IndicatorFactory(source_id="3071")
    summary = actions.import_file(FIXTURES / "values.csv")
    assert summary.created == 4
    assert value("3071", regions["604"], 2023, "female").value == 12.5
    assert value("127", regions["08"], 2023).abs_value is None
    changed = tmp_path / "values.csv"
    text = (FIXTURES / "values.csv").read_text(encoding="utf-8-sig").replace("12,5", "13,25")
    changed.write_bytes(text.encode("cp1252"))
    again = actions.import_file(changed)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    assert value("3071", regions["604"], 2023, "female").value == 13.25
    assert IndicatorValue.objects.count() == 4


def test_jsonstat_from_statfin(regions):
    IndicatorFactory(source="statfin", source_id="vaesto")
    summary = actions.import_file(FIXTURES / "statfin_vaesto.json")
    assert summary.created == 5  # one null in the value array
    assert value("vaesto", regions["837"], 2023, source="statfin").value == 249009
    assert value("vaesto", actions.country(), 2022, source="statfin").value == 5563970


def test_command_imports_and_reports(regions, capsys):
    IndicatorFactory(source_id="127")
    IndicatorFactory(source_id="3071")
    call_command("import_indicator_values", str(FIXTURES / "values.csv"))
    assert "4 created, 0 updated, 0 unchanged" in capsys.readouterr().out


# ---- bad input: refused with file and reason, nothing imported ----------------------------------
def _bad_csv(tmp_path, line):
    path = tmp_path / "bad.csv"
    path.write_text("indicator_id;region_code;region_category;year;sex;value;abs_value\n"
                    "127;837;KUNTA;2023;total;1;1\n" + line + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("line, reason", [
    ("127;999;KUNTA;2023;total;1;1", "bad.csv, line 3: unknown region code '999' (municipality)"),
    ("4242;837;KUNTA;2023;total;1;1", "bad.csv, line 3: unknown indicator id '4242'"),
    ("127;837;KUNTA;1850;total;1;1", "bad.csv, line 3: year 1850 out of range"),
    ("127;837;KUNTA;2023;both;1;1", "bad.csv, line 3: sex: 'both'"),
    ("127;837;KUNTA;2023;total;abc;1", "bad.csv, line 3: value: 'abc' is not a number"),
    ("127;837;KUNTA;2023;total;2;2", "bad.csv, line 3: the same indicator, region, year and sex appear twice"),
])
def test_bad_csv_refused_whole(regions, tmp_path, line, reason):
    IndicatorFactory(source_id="127")
    with pytest.raises(InputError) as err:
        actions.import_file(_bad_csv(tmp_path, line))
    assert reason in str(err.value)
    assert not IndicatorValue.objects.exists() and not ImportRun.objects.exists()


def test_json_not_in_sotkanets_shape(regions, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps([{"foo": 1}]))
    with pytest.raises(InputError, match="other.json: unknown format"):
        actions.import_file(path)
    path.write_text("{not json")
    with pytest.raises(InputError, match="other.json: not valid JSON"):
        actions.import_file(path)


def test_sotkanet_unknown_region_id_refused(regions, tmp_path):
    IndicatorFactory(source_id="127")
    rows = json.loads((FIXTURES / "sotkanet_127.json").read_text())
    rows.append({"indicator": 127, "region": 123456, "year": 2023, "gender": "total", "value": 1})
    path = tmp_path / "data.json"
    path.write_text(json.dumps(rows))
    with pytest.raises(InputError, match=r"data.json: row 16: unknown Sotkanet region id 123456"):
        actions.import_file(path, regions_path=FIXTURES / "sotkanet_regions.json")
    with pytest.raises(InputError, match="needs Sotkanet's region list"):
        actions.import_file(path)
    assert not IndicatorValue.objects.exists()


def test_jsonstat_with_mismatched_dimensions(regions, tmp_path):
    IndicatorFactory(source="statfin", source_id="vaesto")
    payload = json.loads((FIXTURES / "statfin_vaesto.json").read_text())
    payload["dimension"]["Kuukausi"] = payload["dimension"].pop("Vuosi")
    payload["dimension"]["Kuukausi"]["label"] = "Kuukausi"
    payload["id"][1] = "Kuukausi"
    payload.pop("role")
    path = tmp_path / "px.json"
    path.write_text(json.dumps(payload))
    with pytest.raises(InputError, match="px.json: dimensions do not match.*found Alue, Kuukausi, Tiedot"):
        actions.import_file(path)
    payload = json.loads((FIXTURES / "statfin_vaesto.json").read_text())
    payload["value"] = payload["value"][:4]
    path.write_text(json.dumps(payload))
    with pytest.raises(InputError, match="'value' has 4 entries, the dimensions give 6"):
        actions.import_file(path)
    assert not IndicatorValue.objects.exists()


def test_command_refuses_bad_file(regions, tmp_path, capsys):
    IndicatorFactory(source_id="127")
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_indicator_values", str(_bad_csv(tmp_path, "127;999;KUNTA;2023;total;1;1")))
    assert "unknown region code '999'" in capsys.readouterr().err


def test_csv_shape_errors_and_blank_lines(regions, tmp_path):
    IndicatorFactory(source_id="127")
    path = tmp_path / "shape.csv"
    path.write_text("indicator_id;region_code;region_category;year;sex;value\n127;837;KUNTA;2023;total;1\n\n"
                    ";;;;;\n127;604;KUNTA;2023;total\n", encoding="utf-8")
    with pytest.raises(InputError, match="shape.csv, line 5: expected 6 fields, got 5"):
        actions.import_file(path)
    path.write_text("indicator_id;region_code;year;sex;value\n127;837;2023;total;1\n", encoding="utf-8")
    with pytest.raises(InputError, match="shape.csv, line 1: missing column.*region_category"):
        actions.import_file(path)
    path.write_text("indicator_id;region_code;region_category;year;sex;value;colour\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column.*colour"):
        actions.import_file(path)
    path.write_text("indicator_id;region_code;region_category;year;sex;value\n127;837;KUNTA;2023;total;1\n\n"
                    ";;;;;\n", encoding="utf-8")
    assert actions.import_file(path).created == 1
    path.write_text("indicator_id;region_code;region_category;year;sex;value\n127;837;KUNTA;2023;total;nan\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="line 2: value: 'nan' is not a finite number"):
        actions.import_file(path)


# ---- found by bench/fuzz/fuzz_indicator_values.py (atheris); each was an uncaught exception ----
def _statfin(**changes):
    payload = json.loads((FIXTURES / "statfin_vaesto.json").read_text(encoding="utf-8"))
    return json.dumps({**payload, **changes})


def _statfin_role_outside_id():
    """`role` names a described dimension that `id` does not list (was a KeyError)."""
    payload = json.loads(_statfin(role={"geo": ["Muu"], "time": ["Vuosi"], "metric": ["Tiedot"], "sex": ["Alue"]}))
    payload["dimension"]["Muu"] = {"label": "Muu", "category": {"index": ["x"]}}
    return json.dumps(payload)


@pytest.mark.parametrize("file_name, content, message", [
    ("values.csv", "indicator_id;region_code;region_category;year;sex;value\n127;837;KUNTA;20²;total;1\n",
     r"values.csv, line 2: year: '20²' is not a number"),  # was ValueError from int()
    # region code "9²" reached int(): now an unknown county code for the database step
    ("values.csv", "indicator_id;region_code;region_category;year;sex;value\n127;9²;HYVINVOINTIALUE;2023;;1\n",
     None),
    ("deep.json", "[" * 5000 + "]" * 5000, r"deep.json: not valid JSON \(nested deeper than 64 levels\)"),  # was RecursionError
    ("px.json", _statfin(role=True), None),  # was AttributeError: role found from the labels instead
    ("px.json", _statfin(size=[3, 2.0, 1]), r"'size' whole numbers"),  # was TypeError in range()
    ("px.json", _statfin_role_outside_id(), r"value 3: unknown sex code 'KU837'"),
    # refused by the JSON limits of core.jsonsafe before the value check ("is not a finite number")
    ("px.json", _statfin(value=[10 ** 400, 1, 1, 1, 1, None]), r"a number has more than 30 digits"),
    ("meta.json", json.dumps({"id": 127, "title": {"fi": "Väestö"}, "primaryValueType": 1.5}), None),
    ("meta.json", json.dumps({"id": 127, "title": {"fi": "Väestö"}, "range": {"start": "1990-01"}}),
     r"meta.json: indicator 1: range start '1990-01' is not a whole number"),
])
def test_malformed_value_files_are_refused_by_the_parser(tmp_path, file_name, content, message):
    path = tmp_path / file_name
    path.write_text(content, encoding="utf-8")
    if message is None:
        actions.parse_file(path)  # must not raise anything but InputError; these parse
        return
    with pytest.raises(InputError, match=message):
        actions.parse_file(path)


class _FakeSession:
    """requests.Session stand-in answering every GET with 200 and `body`."""

    def __init__(self, body: bytes):
        self.headers, self.body = {}, body

    def get(self, url, timeout=None):
        import requests

        response = requests.Response()
        response.status_code, response._content, response.url = 200, self.body, url
        response.encoding = "utf-8"
        return response


@pytest.mark.parametrize("body, call, error", [
    (b"[" * 5000 + b"]" * 5000, "values", SotkanetError),  # was RecursionError from response.json()
    (b'[{"indicator": 1e999, "region": 1, "year": 2023}]', "values", InputError),  # was OverflowError
    (b'[{"indicator": 127, "region": 1, "year": 2023, "value": 1e999}]', "values", InputError),  # was stored
    (b'[{"indicator": 127, "region": 1, "year": 2023, "value": 1' + b"0" * 400 + b"}]", "values", InputError),
    (b'[{"id": {"x": 1}, "code": "837", "category": "KUNTA"}]', "regions", InputError),  # was TypeError
    (b'{"id": 127, "title": {"fi": 5}, "description": "text", "decimals": [1]}', "indicator", InputError),
])
def test_malformed_sotkanet_responses_are_refused(settings, body, call, error):
    from yhdyspinta.indicators.compute import parsing

    client = SotkanetClient("https://sotkanet.invalid/rest/1.1", ttl=0, retries=0, session=_FakeSession(body))
    regions = parsing.parse_sotkanet_regions(json.loads((FIXTURES / "sotkanet_regions.json").read_text()))
    with pytest.raises(error):
        if call == "values":
            parsing.parse_sotkanet_values(client.values(127, [2023]), regions, name="json", max_year=2030)
        elif call == "regions":
            parsing.parse_sotkanet_regions(client.regions(), "regions")
        else:
            parsing.parse_sotkanet_metadata(client.indicator(127), "indicators/127")


def test_jsonstat_with_too_many_cells_is_refused(tmp_path):
    """Sparse `value` objects over huge dimensions would allocate every cell: refused before that
    (peak memory here; the time in bench/trust/bench_limits.py)."""
    import tracemalloc

    cats = {f"K{i}": i for i in range(5000)}
    payload = {"version": "2.0", "class": "dataset", "id": ["Alue", "Vuosi", "Tiedot"], "size": [5000, 5000, 1],
               "role": {"geo": ["Alue"], "time": ["Vuosi"], "metric": ["Tiedot"]},
               "dimension": {"Alue": {"category": {"index": cats}}, "Vuosi": {"category": {"index": cats}},
                             "Tiedot": {"category": {"index": {"vaesto": 0}}}},
               "value": {"0": 1}}
    path = tmp_path / "px.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"px.json: the dimensions give 25000000 cells"):
            actions.parse_file(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


# ---- refusal reasons: English for the command line, translatable for the pages ----
def test_parser_reasons_are_translatable_reasons():
    from django.utils import translation

    from yhdyspinta.core.localize import error_message
    from yhdyspinta.core.reasons import Reason
    from yhdyspinta.indicators.compute import parsing

    rows = [{"indicator": 127, "region": 1, "year": 2023, "gender": "total", "value": 1},
            {"indicator": 127, "region": 123456, "year": 2023, "gender": "total", "value": 1}]
    with pytest.raises(InputError) as err:
        parsing.parse_sotkanet_values(rows, {1: ("KUNTA", "837")}, name="data.json", max_year=2030)
    problem = err.value.reason
    assert isinstance(problem, Reason) and problem.template == "%(where)s: %(problem)s"
    assert problem.params["where"].template == "row %(number)s" and problem.params["where"].params == {"number": 2}
    assert problem.params["problem"].template == "unknown Sotkanet region id %(region)s"
    assert str(err.value) == "data.json: row 2: unknown Sotkanet region id 123456"  # the CLI is unchanged
    with translation.override("fi"):
        assert error_message(err.value) == "data.json: rivi 2: tuntematon Sotkanetin aluetunniste 123456"
    with translation.override("sv"):
        assert error_message(err.value) == "data.json: rad 2: okänt områdes-id 123456 i Sotkanet"

    csv = "indicator_id;region_code;region_category;year;sex;value\n127;837;SEUTUKUNTA;2023;total;1\n"
    with pytest.raises(InputError) as err:
        parsing.parse_long_csv(csv.encode(), name="values.csv", max_year=2030)
    assert err.value.line == 2
    assert err.value.reason.template == ("unknown region category '%(category)s' "
                                         "(KUNTA, HYVINVOINTIALUE, MAA expected)")
    with translation.override("fi"):
        assert error_message(err.value) == ("values.csv, rivi 2: tuntematon alueluokka 'SEUTUKUNTA' "
                                            "(odotettiin KUNTA, HYVINVOINTIALUE tai MAA)")


def test_jsonstat_reasons_are_translatable_reasons():
    from django.utils import translation

    from yhdyspinta.core.localize import error_message
    from yhdyspinta.core.reasons import Reason
    from yhdyspinta.indicators.compute.jsonstat import parse_jsonstat

    payload = json.loads((FIXTURES / "statfin_vaesto.json").read_text(encoding="utf-8"))
    payload["value"] = "none"
    with pytest.raises(InputError) as err:
        parse_jsonstat(payload, name="px.json", max_year=2030)
    assert isinstance(err.value.reason, Reason)
    assert err.value.reason.template == "'value' has no entries, the dimensions give %(total)s"
    assert str(err.value) == "px.json: 'value' has no entries, the dimensions give 6"
    with translation.override("fi"):
        assert error_message(err.value) == "px.json: 'value'-kentässä ei ole arvoja, ulottuvuuksista tulee 6"


def test_database_check_reasons_are_translatable(regions, tmp_path):
    from django.utils import translation

    from yhdyspinta.core.localize import error_message

    IndicatorFactory(source_id="127")
    with pytest.raises(InputError) as err:
        actions.import_file(_bad_csv(tmp_path, "127;999;KUNTA;2023;total;1;1"))
    assert err.value.reason.template == "unknown region code '%(code)s' (%(kind)s)"
    with translation.override("fi"):
        assert error_message(err.value) == "bad.csv, rivi 3: tuntematon aluekoodi '999' (kunta)"
    with translation.override("sv"):
        assert error_message(err.value) == "bad.csv, rad 3: okänd områdeskod '999' (kommun)"


@pytest.mark.parametrize("payload", ["[" * 100_000 + "]" * 100_000, '[{"value": ' + "9" * 100_000 + "}]"])
def test_deep_or_huge_json_is_refused_with_the_reason(payload):
    """The indicator JSON imports use the same limits as API bodies (core.jsonsafe)."""
    from yhdyspinta.indicators.compute.parsing import load_json

    with pytest.raises(InputError, match=r"arvot.json: not valid JSON \((nested deeper|a number has more)"):
        load_json(payload, "arvot.json")
