"""`yhdyspinta integration ...` commands; main(argv) excludes the leading "integration".

    yhdyspinta integration analyse --responses RESPONSES.csv [--fixed FIXED.csv] \\
        [--baseline 100] [--resolution 1.0] [--seed 1] [--flag-above 140] [--min-n 5] \\
        [--unknown-pairs {ignore,baseline,zero}] [--index-out INDEX.csv] --format json

--min-n is the web's n < 5 rule: smaller cells are listed but not used for needs, flags,
clusters or the boundary. --unknown-pairs says what a pair nobody rated costs (default
ignore: nothing); stderr then lists those pairs and which nodes the other treatments move
(stdout's JSON keys are a contract and stay as they were).

Exit 0 with one JSON object on stdout; exit 2 with "file:line: reason" on stderr and
nothing on stdout for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="yhdyspinta integration",
                                description="Task-specific integration-need study (S8).")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyse", help="index, matrix, clusters and boundary from answers")
    a.add_argument("--responses", required=True, help="RESPONSES.csv in long form")
    a.add_argument("--fixed", help="FIXED.csv: node,organiser,fixed")
    a.add_argument("--baseline", type=float, default=100.0)
    a.add_argument("--resolution", type=float, default=1.0)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--flag-above", type=float, default=140.0)
    a.add_argument("--min-n", type=int, default=5, help="smallest cell used (the web's n < 5 rule)")
    a.add_argument("--unknown-pairs", choices=["ignore", "baseline", "zero"], default="ignore",
                   help="what a pair nobody rated costs in the boundary")
    a.add_argument("--index-out", help="write the per-answer index to this CSV (for R/SPSS)")
    a.add_argument("--format", choices=["json"], required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    from .compute.analyse import analyse
    from .compute.errors import IntegrationComputeError, IntegrationInputError

    try:
        args = _parser().parse_args(argv if argv is not None else sys.argv[1:])
    except SystemExit as exc:  # argparse already wrote usage to stderr
        return int(exc.code or 0)
    notes: list[str] = []
    try:
        result = analyse(args.responses, args.fixed, baseline=args.baseline,
                         resolution=args.resolution, seed=args.seed,
                         flag_above=args.flag_above, min_n=args.min_n,
                         unknown_pairs=args.unknown_pairs, index_out=args.index_out,
                         note_sink=notes)
    except IntegrationInputError as exc:
        print(f"error: {exc.file}:{exc.line}: {exc.reason}", file=sys.stderr)
        return 2
    except IntegrationComputeError as exc:
        print(f"error: {os.path.basename(args.responses)}:0: {exc}", file=sys.stderr)
        return 2
    for line in notes:
        print(line, file=sys.stderr)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
