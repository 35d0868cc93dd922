"""One-call analysis behind `yhdyspinta integration analyse` (and the web layer)."""

from __future__ import annotations

import os
from collections.abc import Mapping

import polars as pl

from yhdyspinta.core.reasons import reason

from .boundary import optimise_boundary
from .cluster import cluster
from .errors import IntegrationComputeError, IntegrationInputError
from .index import cell_matrix, compute_index, flags, nodes_of, symmetric_need
from .io import read_fixed, read_responses
from .parties import PARTIES
from .validate import validate_answers


def _r(v: float) -> float:
    return round(float(v), 6)


def _source_name(src, default: str) -> str:
    return os.path.basename(str(src)) if isinstance(src, str | os.PathLike) else default


def check_known_nodes(answers: pl.DataFrame, fixed: Mapping, file: str = "RESPONSES.csv",
                      fixed_file: str = "FIXED.csv") -> None:
    """Every group and party must be in FIXED; error points at the first offending line
    (line = row + 2: header is line 1, answers have no embedded newlines)."""
    first: tuple[int, str, str] | None = None
    for col in ("group", "party"):
        for value in set(answers[col].unique().to_list()) - set(fixed):
            row = int((answers[col] == value).arg_max())
            if first is None or row < first[0]:
                first = (row, col, value)
    if first is not None:
        row, col, value = first
        raise IntegrationInputError(file, row + 2, reason(
            "%(column)s %(value)s is not listed in %(file)s", column=col, value=repr(value), file=fixed_file))


MIN_N = 5  # the web's n < 5 rule (integration.analysis.MIN_N), the CLI's default --min-n


def usable_cells(cells, min_n: int):
    """Cells of at least min_n answers: the only ones needs, flags, clusters and the boundary
    use, in the CLI and on the web alike (smaller ones are hidden there and unknown here)."""
    return [c for c in cells if c.n >= min_n]


def missing_data(b) -> dict:
    """What the boundary did with what nobody measured: the unknown pairs, which nodes the
    other treatments would move, and the "other" nodes' needs to each side."""
    return {
        "unknown_pairs_treatment": b.unknown,
        "unknown_pairs": [[a, c] for a, c in b.unknown_pairs],
        "alternatives": {k: {"damage": _r(v["damage"]), "cut": _r(v["cut"]), "moved": v["moved"]}
                         for k, v in b.alternatives.items()},
        "other_needs": {k: {s: _r(x) for s, x in v.items()} for k, v in b.other_needs.items()},
    }


def notes(result: dict, missing: dict | None, cells_below_min_n: int, min_n: int) -> list[str]:
    """Plain-text notes for the CLI's stderr (stdout's JSON keys are a fixed contract)."""
    out = []
    if cells_below_min_n:
        out.append(f"note: {cells_below_min_n} cells have fewer than {min_n} answers and are "
                   "not used for needs, flags, clusters or the boundary (--min-n)")
    if missing and missing["unknown_pairs"]:
        pairs = ", ".join(f"{a}–{b}" for a, b in missing["unknown_pairs"])
        out.append(f"note: {len(missing['unknown_pairs'])} pairs nobody rated, treated as "
                   f"'{missing['unknown_pairs_treatment']}': {pairs}")
        for treatment, alt in missing["alternatives"].items():
            moved = ", ".join(alt["moved"]) or "no node"
            out.append(f"note: treated as '{treatment}', the optimum moves {moved} "
                       f"(damage {alt['damage']})")
    for node, sides in (missing or {}).get("other_needs", {}).items():
        out.append(f"note: {node} is 'other': need {sides['municipality']} to the municipality "
                   f"side, {sides['county']} to the county side")
    return out


def write_index(idx, path) -> None:
    """The per-answer index file for R/SPSS: one row per respondent × group × party."""
    cols = [c for c in ("respondent_id", "group", "party", "index") if c in idx.answers.columns]
    idx.answers.select(cols).write_csv(path)


def analyse(responses, fixed=None, baseline: float = 100.0, resolution: float = 1.0,
            seed: int = 1, flag_above: float = 140.0, min_n: int = MIN_N,
            unknown_pairs: str = "ignore", index_out=None, note_sink: list | None = None) -> dict:
    """responses: path / bytes / long-form frame; fixed: path / {node: (organiser, fixed)}.

    Returns the CLI JSON object (see cli.py); notes on missing data go to note_sink. Raises
    IntegrationInputError for bad files and IntegrationComputeError for unanalysable data.
    """
    resp_name = _source_name(responses, "RESPONSES.csv")
    answers = responses if isinstance(responses, pl.DataFrame) else read_responses(responses)
    fx = None
    if fixed is not None:
        fx = fixed if isinstance(fixed, Mapping) else read_fixed(fixed)
        check_known_nodes(answers, fx, resp_name, _source_name(fixed, "FIXED.csv"))
    # the web's checks (validate.py): without FIXED the known parties are the questionnaire's
    answers = validate_answers(answers, file=resp_name, parties=list(fx) if fx else [p.code for p in PARTIES],
                               line_of=lambda row: row + 2)
    idx = compute_index(answers)
    if index_out:
        write_index(idx, index_out)
    cells = cell_matrix(idx, n_boot=0)
    usable = usable_cells(cells, min_n)
    sym = symmetric_need(usable)
    clus = cluster(sym, nodes_of(usable), resolution=resolution, seed=seed)

    def cell(c):
        return {"group": c.group, "party": c.party, "n": c.n, "mean_index": _r(c.mean_index)}

    out = {
        "answers_used": idx.answers_used,
        "answers_dropped": idx.answers_dropped,
        "index": {"mean": _r(idx.mean), "sd": _r(idx.sd)},
        "cells": [cell(c) for c in cells],
        "symmetric": [{"a": a, "b": b, "need": _r(v)} for (a, b), v in sym.items()],
        "clusters": clus.membership,
        "modularity": _r(clus.modularity),
        "flags": [cell(c) for c in flags(usable, flag_above)],
    }
    missing = None
    if fx is not None:
        b = optimise_boundary(sym, fx, baseline=baseline, flag_above=flag_above, seed=seed,
                              unknown=unknown_pairs)
        out["boundary"] = {
            "baseline": _r(b.baseline), "assignment": b.assignment, "damage": _r(b.damage),
            "cut": _r(b.cut), "cut_share": _r(b.cut_share),
            "current_damage": _r(b.current_damage), "current_cut": _r(b.current_cut),
            "current_cut_share": _r(b.current_cut_share), "exact": b.exact,
        }
        missing = missing_data(b)
    if note_sink is not None:
        note_sink.extend(notes(out, missing, len(cells) - len(usable), min_n))
    return out


__all__ = ["MIN_N", "IntegrationComputeError", "IntegrationInputError", "analyse",
           "check_known_nodes", "missing_data", "usable_cells"]
