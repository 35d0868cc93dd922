"""Integration-need index (integraatiotarve): three items → one variable, mean 100, SD 40.

Per answer (respondent × party) each item is standardised over the kept answers, the
available z-scores are averaged and the averages rescaled to mean 100, SD 40 (both
population SDs) — the combined variable of Aronen & Lehto. An answer with fewer than
two of the three items is dropped and counted, since one item alone is not the
combined variable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from yhdyspinta.core.reasons import reason

from .errors import IntegrationComputeError
from .parties import ITEMS

TARGET_MEAN = 100.0
TARGET_SD = 40.0


@dataclass
class IndexResult:
    """answers: all answers plus a Float64 column "index" (null for dropped answers, those
    with fewer than min_items items)."""

    answers: pl.DataFrame
    answers_used: int
    answers_dropped: int
    mean: float
    sd: float
    item_mean: dict[str, float]
    item_sd: dict[str, float]


def compute_index(answers: pl.DataFrame, min_items: int = 2) -> IndexResult:
    """Combined index per answer; raises IntegrationComputeError on zero spread.

    Column-wise numpy on contiguous arrays (no NaN-aware reductions, no row filter)
    keeps a million answers around 30 ms."""
    n = answers.height
    cols = [answers[i].to_numpy(allow_copy=True).astype(np.float64, copy=False) for i in ITEMS]
    present = [~np.isnan(c) for c in cols]  # nulls arrive as NaN
    n_items = present[0].astype(np.int8) + present[1] + present[2]
    keep = n_items >= min_items
    n_keep = int(keep.sum())
    n_drop = n - n_keep
    if n_keep < 2:
        raise IntegrationComputeError(reason(
            "only %(count)s answer(s) with at least %(items)s items; cannot standardise",
            count=n_keep, items=min_items))
    zsum = np.zeros(n)
    means, sds = {}, {}
    for item, col, p in zip(ITEMS, cols, present, strict=True):
        w = (p & keep).astype(np.float64)
        cnt = w.sum()
        if cnt == 0:
            raise IntegrationComputeError(reason("item %(item)s has no answers", item=item))
        filled = np.where(p, col, 0.0)
        m = float(filled @ w) / cnt
        filled -= m
        filled *= w
        sd = float(np.sqrt((filled @ filled) / cnt))
        if not sd > 0:
            raise IntegrationComputeError(reason(
                "item %(item)s has zero spread (every answer %(value)s); cannot standardise",
                item=item, value=f"{m:g}"))
        means[item], sds[item] = m, sd
        filled /= sd
        zsum += filled
    avg = zsum[keep] / n_items[keep]
    m, s = avg.mean(), avg.std()
    if not s > 0:
        raise IntegrationComputeError(reason("combined index has zero spread; cannot rescale"))
    idx = np.full(n, np.nan)
    idx[keep] = TARGET_MEAN + TARGET_SD * (avg - m) / s
    out = answers.with_columns(pl.Series("index", idx).fill_nan(None))
    return IndexResult(out, n_keep, n_drop, float(idx[keep].mean()), float(idx[keep].std()),
                       means, sds)


@dataclass(frozen=True)
class Cell:
    """Matrix cell (solu): group's respondents' mean index about a party."""

    group: str
    party: str
    n: int
    mean_index: float
    ci_low: float | None = None
    ci_high: float | None = None


def _segments(keys: list[np.ndarray], values: np.ndarray, tie: np.ndarray | None = None):
    """Sort values by composite key (then by `tie`, e.g. the respondent id, so that the
    order of the input never changes a bootstrap); return order, segment starts, lengths."""
    order = np.lexsort(([tie] if tie is not None else []) + keys[::-1])
    sk = [k[order] for k in keys]
    change = np.zeros(len(values), dtype=bool)
    change[0] = True
    for k in sk:
        change[1:] |= k[1:] != k[:-1]
    starts = np.flatnonzero(change)
    lengths = np.diff(np.append(starts, len(values)))
    return order, starts, lengths


def bootstrap_means(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                    n_boot: int, seed: int, level: float = 0.95,
                    chunk: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of the mean of every segment at once (vectorised)."""
    rng = np.random.default_rng(seed)
    base = np.repeat(starts, lengths)
    ln = np.repeat(lengths, lengths)
    out = np.empty((n_boot, len(starts)))
    for b0 in range(0, n_boot, chunk):
        nb = min(chunk, n_boot - b0)
        pick = base + (rng.random((nb, len(values))) * ln).astype(np.int64)
        sums = np.add.reduceat(values[pick], starts, axis=1)
        out[b0:b0 + nb] = sums / lengths
    a = (1 - level) / 2
    lo, hi = np.quantile(out, [a, 1 - a], axis=0)
    return lo, hi


def cell_matrix(result: IndexResult | pl.DataFrame, *, n_boot: int = 1000, seed: int = 1,
                level: float = 0.95) -> list[Cell]:
    """Task-group × party matrix (lukumatriisi); n_boot=0 skips the intervals (fast path)."""
    df = result.answers if isinstance(result, IndexResult) else result
    if n_boot <= 0:
        agg = (df.group_by("group", "party")
               .agg(pl.col("index").count().alias("n"), pl.col("index").mean().alias("mean_index"))
               .filter(pl.col("n") > 0).sort("group", "party"))
        return [Cell(g, p, int(n), float(m)) for g, p, n, m in agg.iter_rows()]
    df = df.filter(pl.col("index").is_not_null())
    g = df["group"].to_numpy()
    p = df["party"].to_numpy()
    v = df["index"].to_numpy()
    tie = df["respondent_id"].cast(pl.Utf8).to_numpy() if "respondent_id" in df.columns else None
    order, starts, lengths = _segments([g, p], v, tie)
    vs = v[order]
    means = np.add.reduceat(vs, starts) / lengths
    lo, hi = bootstrap_means(vs, starts, lengths, n_boot, seed, level)
    gs, ps = g[order][starts], p[order][starts]
    return [Cell(str(gs[k]), str(ps[k]), int(lengths[k]), float(means[k]),
                 float(lo[k]), float(hi[k])) for k in range(len(starts))]


def symmetric_need(cells: list[Cell]) -> dict[tuple[str, str], float]:
    """Need between two nodes (groups ∪ parties, same code = same node): mean of both
    directions where both exist, else the one that exists; keys (a, b) with a < b."""
    acc: dict[tuple[str, str], list[float]] = {}
    for c in cells:
        if c.group == c.party:
            continue
        key = (c.group, c.party) if c.group < c.party else (c.party, c.group)
        acc.setdefault(key, []).append(c.mean_index)
    return {k: float(sum(v) / len(v)) for k, v in sorted(acc.items())}


def nodes_of(cells: list[Cell]) -> list[str]:
    """All nodes: groups ∪ parties, natural order."""
    from .parties import node_sort_key
    return sorted({c.group for c in cells} | {c.party for c in cells}, key=node_sort_key)


def flags(cells: list[Cell], above: float = 140.0) -> list[Cell]:
    """Cells whose mean index exceeds the threshold (punaisella > 140)."""
    return [c for c in cells if c.mean_index > above]


@dataclass(frozen=True)
class Comparison:
    """Group means split by a respondent attribute: level a vs level b, diff = a − b."""

    group: str | None
    party: str | None
    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    respondents_a: int = 0  # respondents behind n_a / n_b answers (the n < 5 rule counts these)
    respondents_b: int = 0
    key: tuple = ()  # the values of `by` (e.g. a cluster)


def compare_by(result: IndexResult | pl.DataFrame, attribute: str, level_a: str,
               level_b: str | None = None, *, by: tuple[str, ...] = ("group", "party"),
               n_boot: int = 1000, seed: int = 1, level: float = 0.95) -> list[Comparison]:
    """E.g. size_group "large" vs the rest (suuret kaupungit vs muut) per cell or per group;
    the interval is a percentile bootstrap of the difference of means that resamples
    RESPONDENTS within each side (a cluster bootstrap: one respondent's ~20 answers in a
    task group are correlated, so resampling answers would make the interval too narrow).
    Rows are sorted by respondent first, so the import order never changes the result.
    level_b=None means "every other value"."""
    from .parties import node_sort_key
    df = result.answers if isinstance(result, IndexResult) else result
    df = df.filter(pl.col("index").is_not_null())
    if "respondent_id" not in df.columns:
        df = df.with_row_index("respondent_id")  # no ids: every answer its own respondent
    df = df.with_columns(pl.col("respondent_id").cast(pl.Utf8)).sort(
        "respondent_id", *[c for c in ("group", "party") if c in df.columns])
    if attribute not in df.columns:
        raise KeyError(f"no respondent attribute {attribute!r}")
    side_a = df[attribute] == level_a
    side_b = (df[attribute] != level_a) if level_b is None else (df[attribute] == level_b)
    df = df.with_columns(side_a.fill_null(False).alias("_a"), side_b.fill_null(False).alias("_b"))
    rng = np.random.default_rng(seed)
    a = (1 - level) / 2
    out = []
    groups = df.partition_by(list(by), as_dict=True, maintain_order=True) if by else {(): df}
    for key in sorted(groups, key=lambda k: tuple(node_sort_key(str(x)) for x in k)):
        sub = groups[key]
        sa, ca = _respondent_sums(sub.filter(pl.col("_a")))
        sb, cb = _respondent_sums(sub.filter(pl.col("_b")))
        va, vb = int(ca.sum()), int(cb.sum())
        ma = float(sa.sum() / va) if va else None
        mb = float(sb.sum() / vb) if vb else None
        diff = lo = hi = None
        if va and vb:
            diff = ma - mb
            if n_boot > 0:
                da = cluster_bootstrap_means(sa, ca, n_boot, rng)
                db = cluster_bootstrap_means(sb, cb, n_boot, rng)
                lo, hi = (float(q) for q in np.quantile(da - db, [a, 1 - a]))
        k = dict(zip(by, key, strict=True))
        out.append(Comparison(k.get("group"), k.get("party"), va, vb, ma, mb, diff, lo, hi,
                              len(sa), len(sb), tuple(str(x) for x in key)))
    return out


def _respondent_sums(df: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(Σ index, number of answers) per respondent, in respondent order."""
    if df.height == 0:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    agg = (df.group_by("respondent_id", maintain_order=True)
           .agg(pl.col("index").sum().alias("s"), pl.col("index").count().alias("c")))
    return agg["s"].to_numpy().astype(float), agg["c"].to_numpy().astype(np.int64)


def cluster_bootstrap_means(sums: np.ndarray, counts: np.ndarray, n_boot: int,
                            rng: np.random.Generator) -> np.ndarray:
    """Means of n_boot resamples of whole respondents: Σ picked sums / Σ picked counts."""
    pick = rng.integers(0, len(sums), (n_boot, len(sums)))
    return sums[pick].sum(axis=1) / counts[pick].sum(axis=1)
