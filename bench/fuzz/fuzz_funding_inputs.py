"""atheris: yhdyspinta/funding/inputs.py — county and municipal input CSVs.

Mode byte, then the file: 0 `read_municipal_csv`; 1 `read_county_csv` alone; 2 `read_county_csv`
checked against the law's parameter set (`law_617_2021_level_2022`, as the web import does with
"check against", which also runs `compute_county_funding` on the rows). Refusal: what
`funding.actions.import_inputs` turns into a form error — tabular.InputError (naming the file)
or compute.FundingInputError. No Django.

    .venv/bin/python bench/fuzz/fuzz_funding_inputs.py -max_total_time=60
"""

import sys

import _fuzzlib
import atheris

with atheris.instrument_imports(include=["yhdyspinta"]):
    from yhdyspinta.core.tabular import InputError
    from yhdyspinta.funding import inputs
    from yhdyspinta.funding.compute import FundingInputError, load_parameter_set
    from yhdyspinta.funding.compute.demo_inputs import demo_county_inputs, demo_municipality_inputs

PARAMS = load_parameter_set("law_617_2021_level_2022")
NAME = "syotteet.csv"


def TestOneInput(data: bytes):
    if not data:
        return
    mode, body = data[0] % 3, data[1:]
    try:
        if mode == 0:
            inputs.read_municipal_csv(body, name=NAME)
        elif mode == 1:
            inputs.read_county_csv(body, name=NAME)
        else:
            inputs.read_county_csv(body, name=NAME, params=PARAMS, year=PARAMS.year)
    except InputError as exc:
        _fuzzlib.check_refusal(exc, NAME)
    except FundingInputError:
        pass


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).replace(".", ",")  # decimal comma


def _table(items, columns):
    rows = inputs.to_rows(items)
    return [list(columns)] + [[_cell(row.get(c)) for c in columns] for row in rows]


def seeds():
    counties = _table(demo_county_inputs(PARAMS), inputs.COUNTY_COLUMNS)  # all 22 (Åland included)
    municipal = _table(demo_municipality_inputs()[:6], inputs.MUNICIPAL_COLUMNS)
    municipal[2][2] = "9 419"  # thousands separator as Excel shows it
    return {
        "municipal-bom.csv": b"\x00" + _fuzzlib.finnish_csv(municipal),
        "municipal-cp1252.csv": b"\x00" + _fuzzlib.finnish_csv(municipal, encoding="cp1252"),
        "county.csv": b"\x01" + _fuzzlib.finnish_csv(counties[:5]),
        "county-params.csv": b"\x02" + _fuzzlib.finnish_csv(counties),
    }


if __name__ == "__main__":
    _fuzzlib.run("fuzz_funding_inputs", TestOneInput, seeds(),
                  tokens=[*inputs.COUNTY_COLUMNS, *inputs.MUNICIPAL_COLUMNS, "kyllä", "ei", "1E+999999"])
    sys.exit(0)
