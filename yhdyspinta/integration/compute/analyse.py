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


def analyse(responses, fixed=None, baseline: float = 100.0, resolution: float = 1.0,
            seed: int = 1, flag_above: float = 140.0) -> dict:
    """responses: path / bytes / long-form frame; fixed: path / {node: (organiser, fixed)}.

    Returns the CLI JSON object (see cli.py). Raises IntegrationInputError for bad files
    and IntegrationComputeError for unanalysable data.
    """
    resp_name = _source_name(responses, "RESPONSES.csv")
    answers = responses if isinstance(responses, pl.DataFrame) else read_responses(responses)
    fx = None
    if fixed is not None:
        fx = fixed if isinstance(fixed, Mapping) else read_fixed(fixed)
        check_known_nodes(answers, fx, resp_name, _source_name(fixed, "FIXED.csv"))
    idx = compute_index(answers)
    cells = cell_matrix(idx, n_boot=0)
    sym = symmetric_need(cells)
    clus = cluster(sym, nodes_of(cells), resolution=resolution, seed=seed)

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
        "flags": [cell(c) for c in flags(cells, flag_above)],
    }
    if fx is not None:
        b = optimise_boundary(sym, fx, baseline=baseline, flag_above=flag_above, seed=seed)
        out["boundary"] = {
            "baseline": _r(b.baseline), "assignment": b.assignment, "damage": _r(b.damage),
            "cut": _r(b.cut), "cut_share": _r(b.cut_share),
            "current_damage": _r(b.current_damage), "current_cut": _r(b.current_cut),
            "current_cut_share": _r(b.current_cut_share), "exact": b.exact,
        }
    return out


__all__ = ["IntegrationComputeError", "IntegrationInputError", "analyse", "check_known_nodes"]
