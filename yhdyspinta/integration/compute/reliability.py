"""Item reliability of the three ratings and response rates per task group. No Django imports.

Cronbach's α = k / (k − 1) · (1 − Σ var(item) / var(Σ items)) over the answers with all k
items (population variances, as the index uses); the corrected item–total correlation is
Pearson's r of an item with the sum of the other items. A reviewer reads them to judge
whether the three ratings measure one thing, which the index assumes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .parties import ITEMS, node_sort_key


@dataclass(frozen=True)
class Reliability:
    answers: int  # answers with every item
    alpha: float | None
    item_total: dict[str, float | None]  # corrected item–total correlation per item


def reliability(answers: pl.DataFrame, items: tuple[str, ...] = ITEMS) -> Reliability:
    complete = answers.select(items).drop_nulls().filter(
        pl.all_horizontal([pl.col(i).is_not_nan() for i in items]))
    x = complete.to_numpy().astype(float)
    n, k = x.shape
    if n < 2 or k < 2:
        return Reliability(n, None, dict.fromkeys(items))
    variances = x.var(axis=0)
    total = x.sum(axis=1)
    alpha = None if total.var() == 0 else float(k / (k - 1) * (1 - variances.sum() / total.var()))
    item_total = {}
    for j, item in enumerate(items):
        rest = total - x[:, j]
        if x[:, j].std() == 0 or rest.std() == 0:
            item_total[item] = None
        else:
            item_total[item] = float(np.corrcoef(x[:, j], rest)[0, 1])
    return Reliability(n, alpha, item_total)


def response_rates(respondents: list[tuple[str | None, bool]]) -> list[dict]:
    """[(task group or None, submitted?)] → per group: started, submitted, completion share."""
    groups: dict[str, list[int]] = {}
    for group, submitted in respondents:
        key = group or ""
        started_submitted = groups.setdefault(key, [0, 0])
        started_submitted[0] += 1
        started_submitted[1] += int(bool(submitted))
    return [{"group": g or None, "started": s, "submitted": d, "completion": d / s if s else None}
            for g, (s, d) in sorted(groups.items(), key=lambda kv: node_sort_key(kv[0] or "~"))]
