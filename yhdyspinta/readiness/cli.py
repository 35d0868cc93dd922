"""`yhdyspinta readiness report`: readiness figures from two CSV files, as CSV.

    yhdyspinta readiness report --roadmap ROADMAP.csv --statuses STATUSES.csv \\
        --period-end YYYY-MM-DD [--target YYYY-MM-DD] --format csv

Regions are listed in order of first appearance in STATUSES.csv, areas and sub-areas in
order of first appearance in ROADMAP.csv. The whole table is built before anything is
written, so a bad file (exit 2, "file:line: reason" on stderr) never leaves half a table.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from .compute import compute_figures
from .csvio import ReadinessInputError, parse_date, read_roadmap, read_statuses

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
    report.add_argument("--period-end", required=True, type=_date,
                        help="progress counts tasks due by this date (YYYY-MM-DD)")
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
        writer.writerow(
            "" if v is None else v
            for v in (f.region, f.area, f.subarea, f.applicable, f.in_progress_pct,
                      f.done_pct, f.due, f.progress_pct)
        )
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0 ok, 2 bad arguments or input)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage and reason to stderr
        return exc.code if isinstance(exc.code, int) else 2
    try:
        tasks = read_roadmap(args.roadmap)
        statuses = read_statuses(args.statuses, {t.task_id for t in tasks})
        table = render_csv(compute_figures(tasks, statuses, args.period_end, args.target))
    except ReadinessInputError as exc:
        print(f"yhdyspinta readiness: error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
