"""`yhdyspinta readiness report`: readiness figures from two CSV files, as CSV.

    yhdyspinta readiness report --roadmap ROADMAP.csv --statuses STATUSES.csv \\
        [--regions REGIONS.csv] --period-end YYYY-MM-DD [--progress-end YYYY-MM-DD] \\
        [--target YYYY-MM-DD] --format csv

Progress counts the tasks due by --progress-end, by default the end of the calendar quarter of
--period-end, as the web does for a period (so `--period-end 2021-10-31` gives the published
10/2021 table, whose horizon is 31.12.2021). Regions are listed in the order of REGIONS.csv
(a `region` column) when given, else in order of first appearance in STATUSES.csv; a listed
region without any status row is a region that reported nothing: its value cells say
`not_reported` (never 0 %). Areas and sub-areas follow ROADMAP.csv. The whole table is built
before anything is written, so a bad file (exit 2, "file:line: reason" on stderr) never leaves
half a table.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from yhdyspinta.core.reasons import reason

from .compute import compute_figures, quarter_end
from .csvio import ReadinessInputError, parse_date, read_regions, read_roadmap, read_statuses

NOT_REPORTED = "not_reported"

HEADER = (
    "region", "area", "subarea", "applicable", "in_progress_pct", "done_pct", "due",
    "progress_pct",
)


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yhdyspinta readiness",
        description="Readiness monitoring (valmiusaste ja eteneminen) of the roadmap.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="per region, area and sub-area figures as CSV")
    report.add_argument("--roadmap", required=True, help="task_id,area,subarea,title,due")
    report.add_argument("--statuses", required=True, help="region,task_id,status")
    report.add_argument("--regions", help="region: the reporting regions in table order (optional; a "
                        "region without status rows is shown as not reported)")
    report.add_argument("--period-end", required=True, type=_date,
                        help="the statuses' date (YYYY-MM-DD); progress counts tasks due by the end of its quarter")
    report.add_argument("--progress-end", type=_date, default=None,
                        help="progress counts tasks due by this date instead (YYYY-MM-DD)")
    report.add_argument("--target", type=_date, default=None,
                        help="readiness counts tasks due by this date; default: every task")
    report.add_argument("--format", choices=["csv"], default="csv")
    return parser


def render_csv(figures) -> str:
    """The report table; None (no denominator) is written as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for f in figures:
        values = (f.applicable, f.in_progress_pct, f.done_pct, f.due, f.progress_pct)
        if not f.reported:
            values = (NOT_REPORTED,) * len(values)
        writer.writerow([f.region, f.area, f.subarea, *("" if v is None else v for v in values)])
    return out.getvalue()


def with_regions(statuses: dict, regions: list[str], path: str) -> dict:
    """The statuses in the order of the region list; listed regions without rows report nothing."""
    unknown = [r for r in statuses if r not in regions]
    if unknown:
        raise ReadinessInputError(path, None, reason("region %(region)s of the statuses is not in the region list",
                                                   region=repr(unknown[0])))
    return {r: statuses.get(r, {}) for r in regions}


def main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0 ok, 2 bad arguments or input)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage and reason to stderr
        return exc.code if isinstance(exc.code, int) else 2
    try:
        tasks = read_roadmap(args.roadmap)
        statuses = read_statuses(args.statuses, {t.task_id for t in tasks})
        if args.regions:
            statuses = with_regions(statuses, read_regions(args.regions), args.regions)
        horizon = args.progress_end or quarter_end(args.period_end)
        table = render_csv(compute_figures(tasks, statuses, horizon, args.target))
    except ReadinessInputError as exc:
        print(f"yhdyspinta readiness: error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
