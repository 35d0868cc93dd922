"""Pure computation of the register (no Django): maturity and mapping-round summaries.

The finder's relevance is in `yhdyspinta.core.textsearch`, the one search module.
"""

from statistics import mean

SCALE = (0, 1, 2, 3)


# ---- maturity -----------------------------------------------------------------------------
def maturity_cell(latest: dict, dimensions) -> dict:
    """Summary of the latest values per dimension.

    The colour follows the minimum (an interface works only as well as its weakest dimension);
    the mean and the number of assessed dimensions are shown beside it. None when nothing is assessed.
    """
    values = [latest[d] for d in dimensions if d in latest]
    if not values:
        return {"min": None, "mean": None, "assessed": 0, "total": len(dimensions)}
    return {"min": min(values), "mean": round(mean(values), 1), "assessed": len(values), "total": len(dimensions)}


def weakest_first(latest: dict, dimensions) -> list[tuple[str, int | None]]:
    """Dimensions ordered weakest first; unassessed ones (None) before 0."""
    return sorted(((d, latest.get(d)) for d in dimensions),
                  key=lambda pair: (-1 if pair[1] is None else pair[1], list(dimensions).index(pair[0])))


def matrix(cells: dict, rows, columns, dimensions) -> list[dict]:
    """Rows of the interface × municipality matrix from {(row, column): {dimension: value}}."""
    out = []
    for row in rows:
        out.append({"row": row, "cells": [
            (column, maturity_cell(cells[(row, column)], dimensions) if (row, column) in cells else None)
            for column in columns]})
    return out


def mapping_summary(expected: set, answers: list[dict]) -> dict:
    """Round summary: who has not answered, gaps (no/partly) and proposals.

    `expected`: {(interface_id, organisation_id)}; `answers`: dicts with interface, organisation,
    exists, agreed, works, problems, proposals, good_practices.
    """
    answered = {(a["interface"], a["organisation"]) for a in answers}
    gaps = [a for a in answers if "no" in (a["exists"], a["agreed"], a["works"])
            or "partly" in (a["exists"], a["agreed"], a["works"])]
    return {
        "expected": len(expected),
        "answered": len(answered & expected),
        "missing": sorted(expected - answered),
        "gaps": gaps,
        "proposals": [a for a in answers if a.get("proposals")],
        "good_practices": [a for a in answers if a.get("good_practices")],
    }
