"""`yhdyspinta funding`: the calculator on files, without a database.

    yhdyspinta funding county --parameters FILE.json --inputs COUNTIES.csv --year 2026 --format csv
    yhdyspinta funding municipal --parameters FILE.json --inputs MUNICIPALITIES.csv --format csv
    yhdyspinta funding scenario --base A.json --parameters B.json --inputs COUNTIES.csv --year 2026
    yhdyspinta funding county --parameters law_617_2021_level_2022 --inputs COUNTIES.csv --year 2023 --published
    yhdyspinta funding sets

--parameters takes a JSON file or the name of a shipped set (law_617_2021_level_2022,
seed_004_proposal). --published takes the national figures published for the year (price index,
service-need growth, new tasks, ex-post correction or the budget's level; compute.published) and is
refused for a year without them. CSV files may use the Finnish dialect (semicolons, decimal commas).
Everything is computed before anything is written: a bad file exits 2 with
"file, line N: reason" on stderr and no output. Amounts are unrounded unless --round is given.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

from yhdyspinta.core.reasons import reason
from yhdyspinta.core.tabular import InputError

from .compute import (
    FundingInputError,
    available_parameter_sets,
    compare_counties,
    compute_county_funding,
    compute_municipal_transfer,
    load_parameter_set,
)
from .compute.published import published_national
from .inputs import read_county_csv, read_municipal_csv

NOTICE = "Not official figures: the official funding calculations are made by the Ministry of Finance."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yhdyspinta funding",
                                     description="Funding calculator (rahoituslaskuri). " + NOTICE)
    sub = parser.add_subparsers(dest="command", required=True)
    county = sub.add_parser("county", help="county funding, equalisation and funding after it")
    municipal = sub.add_parser("municipal", help="municipal change in financial balance and equalisation")
    scenario = sub.add_parser("scenario", help="difference of two parameter sets per county")
    for p in (county, municipal, scenario):
        p.add_argument("--parameters", required=True, help="parameter set JSON file or shipped set name")
        p.add_argument("--inputs", required=True, type=Path, help="CSV file of inputs")
        p.add_argument("--format", choices=["csv", "json"], default="csv")
        p.add_argument("--round", type=int, default=None, metavar="DECIMALS", help="round amounts")
    for p in (county, scenario):
        p.add_argument("--year", type=int, default=None, help="year (default: the set's year)")
        p.add_argument("--published", action="store_true",
                       help="use the national figures published for the year (docs/funding.md)")
    scenario.add_argument("--base", required=True, help="base parameter set JSON file or shipped set name")
    sub.add_parser("sets", help="list the shipped parameter sets")
    return parser


def published_level(year):
    """The national parameters published for ``year`` (FundingInputError when none were found)."""
    found = published_national(year)
    if found is None:
        raise FundingInputError(reason("no published national figures for %(year)s", year=year))
    return found.national


def county_rows(params, inputs, year, national=None):
    result = compute_county_funding(params, inputs, year, national=national)
    header = ["code", "name", "population", "computed_funding_eur", "computed_per_resident",
              *[f"criterion_{c.key}_eur" for c in params.criteria],
              "change_per_resident", "equalisation_per_resident", "equalisation_eur",
              "funding_after_eur", "funding_after_per_resident"]
    rows = [[c.code, c.name, c.population, c.computed_funding_eur, c.computed_per_resident,
             *[b.amount_eur for b in c.breakdown], c.change_per_resident, c.equalisation_per_resident,
             c.equalisation_eur, c.funding_after_eur, c.funding_after_per_resident] for c in result.counties]
    return header, rows


def municipal_rows(params, inputs):
    result = compute_municipal_transfer(params, inputs)
    header = ["code", "name", "county_code", "population", "balance_change_per_resident",
              "equalisation_per_resident", "result_per_resident", "total_effect_eur", "total_effect_per_resident"]
    rows = [[m.code, m.name, m.county_code, m.population, m.balance_change_per_resident,
             m.equalisation_per_resident, m.result_per_resident, m.total_effect_eur, m.total_effect_per_resident]
            for m in result.municipalities]
    return header, rows


def scenario_rows(base, params, inputs, year, national=None):
    diffs = compare_counties(compute_county_funding(base, inputs, year, national=national),
                             compute_county_funding(params, inputs, year, national=national))
    header = ["code", "name", "population", "base_eur", "scenario_eur", "difference_eur",
              "difference_per_resident"]
    return header, [[d.code, d.name, d.population, d.base_eur, d.scenario_eur, d.difference_eur,
                     d.difference_per_resident] for d in diffs]


def _value(value, decimals):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(round(value, decimals)) if decimals is not None else str(value)
    return value


def render(header, rows, fmt, decimals) -> str:
    rows = [[_value(v, decimals) for v in row] for row in rows]
    if fmt == "json":
        return json.dumps({"notice": NOTICE, "rows": [dict(zip(header, row)) for row in rows]},
                          ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "sets":
        sys.stdout.write("\n".join(available_parameter_sets()) + "\n")
        return 0
    try:
        params = load_parameter_set(args.parameters)
        if args.command == "municipal":
            header, rows = municipal_rows(params, read_municipal_csv(args.inputs))
        else:
            year = params.year if args.year is None else args.year
            inputs = read_county_csv(args.inputs, params=params, year=year)
            national = published_level(year) if args.published else None
            if args.command == "county":
                header, rows = county_rows(params, inputs, year, national)
            else:
                header, rows = scenario_rows(load_parameter_set(args.base), params, inputs, year, national)
    except (InputError, FundingInputError, OSError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    sys.stdout.write(render(header, rows, args.format, args.round))
    return 0


if __name__ == "__main__":
    sys.exit(main())
