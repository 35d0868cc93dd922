"""Synthetic studies shaped like Kuntaliitto's 2020 survey, for demos, tests and benchmarks.

The planted structure reproduces the key result (avaintulos): a "huolenpito kunnan
asukkaasta" cluster (care for the resident) and a "hoito ja hoiva" cluster (treatment
and care); large cities (Tampere, Vantaa, Oulu) need more cooperation with the other
municipal services. Everything is seeded and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from .parties import PARTIES

CARE_FOR_RESIDENT = ("2.2", "2.3", "2.12", "2.13", "2.14", "2.15", "2.16", "2.17", "2.18",
                     "2.19", "2.20")
TREATMENT_AND_CARE = ("2.1", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.21")
PLANTED = {**{c: "huolenpito kunnan asukkaasta" for c in CARE_FOR_RESIDENT},
           **{c: "hoito ja hoiva" for c in TREATMENT_AND_CARE}}
LARGE_CITIES = ("Tampere", "Vantaa", "Oulu")
MUNICIPALITIES = (*LARGE_CITIES, "Seinäjoki", "Ilmajoki", "Hämeenlinna", "Porvoo", "Rovaniemi",
                  "Kajaani", "Salo", "Raasepori", "Keuruu")
MUNICIPAL_SIDE = ("2.12", "2.13", "2.14", "2.15", "2.16", "2.17", "2.18")


@dataclass
class SyntheticStudy:
    answers: pl.DataFrame  # long form + municipality, size_group ("large" | "other")
    invited: int
    answered: int
    planted: dict[str, str] = field(default_factory=lambda: dict(PLANTED))

    @property
    def response_rate(self) -> float:
        return self.answered / self.invited


def _items(latent: np.ndarray, rng, p_missing: float) -> list[np.ndarray]:
    n = len(latent)
    freq = np.clip(np.rint(latent + rng.normal(0, 0.55, n)), 0, 4)
    mut = np.clip(np.rint(latent / 2 + rng.normal(0, 0.35, n)), 0, 2)
    need = np.clip(np.rint(latent + 0.3 + rng.normal(0, 0.55, n)), 0, 4)
    out = []
    for arr in (freq, mut, need):
        arr = arr.astype(np.float64)
        arr[rng.random(n) < p_missing] = np.nan
        out.append(arr)
    return out


def synthetic_study(seed: int = 1, invited: int = 719, answered: int = 268,
                    within: float = 2.9, between: float = 1.0,
                    p_missing: float = 0.06) -> SyntheticStudy:
    """719 invited in 12 municipalities, 268 answered (37.3 %), 21 parties, long form."""
    rng = np.random.default_rng(seed)
    weights = np.array([3.0, 3.0, 3.0] + [1.0] * 9)
    muni_of_invited = rng.choice(len(MUNICIPALITIES), invited, p=weights / weights.sum())
    responders = np.sort(rng.choice(invited, answered, replace=False))
    groups = [p.code for p in PARTIES[:18]]  # task holders answer from 2.1–2.18
    codes = [p.code for p in PARTIES]
    rows_r, rows_g, rows_p, lat, muni = [], [], [], [], []
    group_effect = {(g, p): rng.normal(0, 0.25) for g in groups for p in codes}
    for k, inv in enumerate(responders):
        g = groups[k % len(groups)] if k < 2 * len(groups) else groups[rng.integers(18)]
        m = MUNICIPALITIES[muni_of_invited[inv]]
        large = m in LARGE_CITIES
        resp_shift = rng.normal(0, 0.35)
        for p in codes:
            if p == g:
                continue
            base = within if PLANTED[g] == PLANTED[p] else between
            if large and p in MUNICIPAL_SIDE:
                base += 0.35
            rows_r.append(f"R{inv + 1:04d}")
            rows_g.append(g)
            rows_p.append(p)
            muni.append(m)
            lat.append(base + group_effect[(g, p)] + resp_shift)
    lat = np.array(lat)
    freq, mut, need = _items(lat, rng, p_missing)
    df = pl.DataFrame({
        "respondent_id": rows_r, "group": rows_g, "party": rows_p,
        "frequency": freq, "mutuality": mut, "need": need, "municipality": muni,
        "size_group": ["large" if m in LARGE_CITIES else "other" for m in muni],
    }).with_columns(pl.col("frequency", "mutuality", "need").fill_nan(None))
    return SyntheticStudy(df, invited, answered)


def synthetic_answers(n: int, seed: int = 1, n_parties: int = 21) -> pl.DataFrame:
    """n answers (≈ n/20 respondents) with the planted two-cluster structure, vectorised."""
    rng = np.random.default_rng(seed)
    codes = np.array([p.code for p in PARTIES][:n_parties] if n_parties <= 21
                     else [f"2.{k + 1}" for k in range(n_parties)])
    per = n_parties - 1
    resp = np.arange(n) // per
    g_ix = (resp * 7919) % min(18, n_parties)
    p_ix = (np.arange(n) % per)
    p_ix = p_ix + (p_ix >= g_ix)
    p_ix = np.minimum(p_ix, n_parties - 1)
    clus = np.array([0 if c in CARE_FOR_RESIDENT else 1 for c in codes])
    latent = np.where(clus[g_ix] == clus[p_ix], 2.9, 1.0) + rng.normal(0, 0.5, n)
    freq, mut, need = _items(latent, rng, 0.05)
    size = np.where(resp % 4 == 0, "large", "other")
    return pl.DataFrame({
        "respondent_id": pl.Series(resp).cast(pl.String), "group": codes[g_ix],
        "party": codes[p_ix], "frequency": freq, "mutuality": mut, "need": need,
        "size_group": size,
    }).with_columns(pl.col("frequency", "mutuality", "need").fill_nan(None))


def planted_needs(sizes: tuple[int, ...], within: float = 170.0, between: float = 60.0,
                  noise: float = 10.0, seed: int = 1,
                  density: float = 1.0) -> tuple[dict[tuple[str, str], float], dict[str, int]]:
    """Symmetric needs with planted blocks; returns ({(a, b): need}, {node: block})."""
    rng = np.random.default_rng(seed)
    width = len(str(sum(sizes)))
    nodes, block = [], {}
    for b, s in enumerate(sizes):
        for _ in range(s):
            name = f"n{len(nodes):0{width}d}"
            nodes.append(name)
            block[name] = b
    needs = {}
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if density < 1 and rng.random() > density:
                continue
            mu = within if block[a] == block[b] else between
            needs[(a, b)] = float(max(0.0, rng.normal(mu, noise)))
    return needs, block


def random_sparse_graph(n_nodes: int, n_edges: int, n_blocks: int = 100, p_in: float = 0.8,
                        seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Large planted-block edge list (src, dst, weight) for the clustering benchmark."""
    rng = np.random.default_rng(seed)
    block = rng.integers(0, n_blocks, n_nodes)
    order = np.argsort(block, kind="stable")
    starts = np.searchsorted(block[order], np.arange(n_blocks))
    sizes = np.bincount(block, minlength=n_blocks)
    src = rng.integers(0, n_nodes, n_edges)
    inside = rng.random(n_edges) < p_in
    b = block[src]
    dst_in = order[starts[b] + (rng.random(n_edges) * sizes[b]).astype(np.int64)]
    dst = np.where(inside, dst_in, rng.integers(0, n_nodes, n_edges))
    ok = src != dst
    w = np.where(inside, rng.normal(160, 20, n_edges), rng.normal(60, 20, n_edges))
    return src[ok], dst[ok], np.clip(w[ok], 0, None)
