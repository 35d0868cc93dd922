"""atheris: indicator value files and Sotkanet responses.

Mode byte, then the body:

- 0, 1: an uploaded/CLI file (`.json`, `.csv`) through `indicators.actions.parse_file` — format
  detection, `compute.parsing.parse_long_csv`, `load_json`, `compute.jsonstat.parse_jsonstat`,
  `parse_sotkanet_values` (with Sotkanet's region list from the test fixtures) and
  `parse_sotkanet_metadata`. Refusal: tabular.InputError naming the file.
- 2, 3, 4: a Sotkanet HTTP response body through `loaders.sotkanet.SotkanetClient.get` (a fake
  session, no network, no cache) and the parser `refresh_sotkanet` applies to it: /regions,
  /indicators/{id}, /json. Refusal: SotkanetError or InputError (what `refresh_sotkanet`'s
  command reports).

Needs Django settings (parse_file lives in actions.py, which imports models); no database access.

    .venv/bin/python bench/fuzz/fuzz_indicator_values.py -max_total_time=60
"""

import json
import random
import re
import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    _fuzzlib.django_setup()
    import requests

    from yhdyspinta.core.tabular import InputError
    from yhdyspinta.indicators import actions
    from yhdyspinta.indicators.compute import parsing
    from yhdyspinta.indicators.loaders.sotkanet import SotkanetClient, SotkanetError

FIXTURES = _fuzzlib.ROOT / "yhdyspinta/indicators/tests/fixtures"
REGIONS_PAYLOAD = json.loads((FIXTURES / "sotkanet_regions.json").read_text(encoding="utf-8"))
REGIONS = parsing.parse_sotkanet_regions(REGIONS_PAYLOAD)
WORK = _fuzzlib.work_dir("fuzz_indicator_values")
FILES = [WORK / "values.json", WORK / "values.csv"]


class FakeSession:
    """requests.Session stand-in: every GET answers 200 with the fuzzed body."""

    def __init__(self):
        self.headers, self.body = {}, b""

    def get(self, url, timeout=None):
        response = requests.Response()
        response.status_code, response._content, response.url = 200, self.body, url
        response.encoding = "utf-8"
        return response


TOKENS = ['"indicator":', '"region":', '"year":', '"gender":', '"value":', '"absValue":', '"id":', '"code":',
          '"category":', '"title":{"fi":', '"description":', '"decimals":', '"range":', '"classifications":',
          '"class":"dataset"', '"dimension":', '"size":', '"role":', '"category":{"index":', "KUNTA",
          "HYVINVOINTIALUE", "MAA", "SSS", "KU837", "HV08", "null", "true", "1e999", "-1e999", "[[[[", "{}",
          *parsing.CSV_COLUMNS, "statfin:", "naiset"]
SESSION = FakeSession()
CLIENT = SotkanetClient("https://sotkanet.invalid/rest/1.1", ttl=0, retries=0, backoff=0, session=SESSION)


def TestOneInput(data: bytes):
    if not data:
        return
    mode, body = data[0] % 5, data[1:]
    if mode < 2:
        path = FILES[mode]
        path.write_bytes(body)
        try:
            actions.parse_file(path, regions_payload=REGIONS_PAYLOAD)
        except InputError as exc:
            _fuzzlib.check_refusal(exc, path.name)
        return
    SESSION.body = body
    try:
        if mode == 2:
            parsing.parse_sotkanet_regions(CLIENT.regions(), CLIENT.url("/regions"))
        elif mode == 3:
            parsing.parse_sotkanet_metadata(CLIENT.indicator(127), CLIENT.url("/indicators/127"))
        else:
            payload = CLIENT.values(127, [2022, 2023], genders=("total", "male", "female"))
            if payload != []:
                parsing.parse_sotkanet_values(payload, REGIONS, name=CLIENT.url("/json", [("indicator", 127)]),
                                              max_year=actions.max_year())
    except SotkanetError:
        pass
    except InputError as exc:
        if not exc.file.startswith(CLIENT.base_url) or not exc.reason:
            raise


ODD_VALUES = [None, True, 0, -1, 1.5, 1e308, float("inf"), 10 ** 30, "", "x", "1,5", "2023", "²", [], {},
              {"fi": 1}, ["KUNTA"], "1e999"]


def _json_mutation(value, rng: random.Random, depth=0):
    """Replaces one random node of a JSON value: a wrong type, an odd number, an empty or deep container."""
    if isinstance(value, (list, dict)) and value and rng.random() < 0.75:
        if isinstance(value, list):
            value = list(value)
            index = rng.randrange(len(value))
            value[index] = _json_mutation(value[index], rng, depth + 1)
        else:
            value = dict(value)
            key = rng.choice(list(value))
            choice = rng.random()
            if choice < 0.1:
                del value[key]
            elif choice < 0.2:
                value[key.upper() if key != key.upper() else key.lower()] = value.pop(key)
            else:
                value[key] = _json_mutation(value[key], rng, depth + 1)
        return value
    choice = rng.random()
    if choice < 0.05:
        return f"@deep{rng.choice((50, 500, 1200))}@"  # spliced in as text: json.dumps would recurse
    if choice < 0.15 and isinstance(value, dict):
        return list(value.values())
    return rng.choice(ODD_VALUES)


def CustomMutator(data: bytes, max_size: int, seed: int) -> bytes:
    """Half of the mutations of JSON inputs are structural (libFuzzer's byte mutations rarely keep
    JSON valid); the rest, and every non-JSON input, are libFuzzer's own."""
    rng = random.Random(seed)
    if len(data) > 1 and data[0] % 5 != 1 and rng.random() < 0.5:
        try:
            payload = json.loads(data[1:])
        except (ValueError, RecursionError):
            payload = None
        if payload is not None:
            text = json.dumps(_json_mutation(payload, rng), ensure_ascii=False, separators=(",", ":"))
            text = re.sub(r'"@deep(\d+)@"', lambda m: "[" * int(m.group(1)) + "]" * int(m.group(1)), text)
            out = data[:1] + text.encode("utf-8")
            if len(out) <= max_size:
                return out
    return atheris.Mutate(data, max_size)


def seeds():
    def compact(file_name):
        return json.dumps(json.loads((FIXTURES / file_name).read_text(encoding="utf-8")),
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    long_csv = _fuzzlib.finnish_csv([
        ["indicator_id", "region_code", "region_category", "year", "sex", "value", "abs_value"],
        ["127", "837", "KUNTA", "2023", "total", "249009", "249009"],
        ["127", "08", "HYVINVOINTIALUE", "2023", "naiset", "535 000,5", ""],
        ["statfin:vaesto", "", "MAA", "2022", "", "", "5603851"],
        ["3071", "604", "KUNTA", "2023", "female", "12,5", ""],
    ])
    cp1252 = _fuzzlib.finnish_csv([
        ["indicator_id", "region_code", "region_category", "year", "sex", "value", "abs_value", "source"],
        ["289", "20", "KUNTA", "2021", "yhteensä", "3,5", "", "sotkanet"],
    ], encoding="cp1252")
    return {
        "values.csv": b"\x01" + long_csv,
        "values-cp1252.csv": b"\x01" + cp1252,
        "values-comma.json-csv": b"\x00" + (FIXTURES / "values.csv").read_bytes(),
        "sotkanet-values.json": b"\x00" + compact("sotkanet_127.json"),
        "sotkanet-metadata.json": b"\x00" + compact("sotkanet_indicator_127.json"),
        "statfin-jsonstat.json": b"\x00" + compact("statfin_vaesto.json"),
        "api-regions.json": b"\x02" + compact("sotkanet_regions.json"),
        "api-indicator.json": b"\x03" + compact("sotkanet_indicator_127.json"),
        "api-indicators.json": b"\x03" + compact("sotkanet_indicators.json"),
        "api-values.json": b"\x04" + compact("sotkanet_127.json"),
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_indicator_values", TestOneInput, seeds(), tokens=TOKENS, custom_mutator=CustomMutator)
    sys.exit(0)
