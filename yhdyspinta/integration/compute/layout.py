"""VOS mapping layout of the need network (verkostokuva): smaller distance = greater need.

VOSviewer minimises V = Σ_{i<j} a_ij ||x_i − x_j||² subject to the mean distance
being 1, with a_ij the association strength. Its Lagrangian Σ a_ij d_ij² − 2 Σ d_ij is
minimised here by SMACOF majorisation (Guttman transform X ← V⁺ B(X) X, monotone),
from a spectral start plus seeded random starts; the best is rescaled to mean
distance 1, centred on the need-weighted centroid (so the busiest nodes sit in the
middle), rotated to principal axes and sign-fixed, so output is deterministic.
Above ~2000 nodes the O(n²) method is too heavy and igraph's Fruchterman–Reingold
is used instead.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

import igraph as ig
import numpy as np
from scipy.spatial.distance import cdist

from .cluster import association_strength, edge_graph

VOS_MAX_NODES = 2000


@dataclass
class Layout:
    nodes: list[str]
    coords: np.ndarray  # shape (n, 2), mean pairwise distance 1
    method: str  # "vos" | "fruchterman-reingold"
    objective: float  # Σ a_ij d_ij² at mean distance 1 (VOS) — lower is better

    def positions(self) -> dict[str, tuple[float, float]]:
        return {n: (float(x), float(y)) for n, (x, y) in zip(self.nodes, self.coords,
                                                              strict=True)}


def _dists(x: np.ndarray) -> np.ndarray:
    return cdist(x, x)


def _mean_dist(d: np.ndarray) -> float:
    n = len(d)
    return float(d.sum() / (n * (n - 1))) if n > 1 else 1.0


def _smacof(a: np.ndarray, lap: np.ndarray, vp: np.ndarray, x: np.ndarray, max_iter: int,
            tol: float) -> tuple[np.ndarray, float]:
    """Guttman iterations; Σ a_ij d_ij² is tr(XᵀLX), cheaper than an n×n product."""
    n = len(a)
    prev = np.inf
    for _it in range(max_iter):
        d = _dists(x)
        f = float(np.einsum("ij,ij->", x, lap @ x)) - float(d.sum())  # Σa d² − 2Σd, i<j
        if prev - f <= tol * abs(f):
            break
        prev = f
        np.fill_diagonal(d, 1.0)
        dinv = np.reciprocal(d, out=d)
        np.fill_diagonal(dinv, 0.0)
        x = vp @ (dinv.sum(1)[:, None] * x - dinv @ x)  # Guttman transform
    _smacof.iterations = _it  # type: ignore[attr-defined]  # for benchmarks
    d = _dists(x)
    x = x / _mean_dist(d)
    d = _dists(x)
    return x, float(0.5 * (a * d * d).sum()) if n > 1 else 0.0


def _normalise(x: np.ndarray, strength: np.ndarray) -> np.ndarray:
    w = strength if strength.sum() > 0 else np.ones(len(x))
    x = x - (w[:, None] * x).sum(0) / w.sum()
    _, _, vt = np.linalg.svd(x - x.mean(0), full_matrices=False)
    x = x @ vt.T
    for k in range(x.shape[1]):
        if (x[:, k] ** 3).sum() < 0:
            x[:, k] = -x[:, k]
    return x


def _spectral_start(lap: np.ndarray, rng) -> np.ndarray:
    """Laplacian eigenmap start: dense eigh for small maps, sparse shift-invert beyond."""
    n = len(lap)
    if n <= 500:
        return np.linalg.eigh(lap)[1][:, 1:3] * 1.0
    from scipy import sparse
    from scipy.sparse.linalg import eigsh
    try:
        shift = -1e-6 * max(float(np.diag(lap).mean()), 1e-12)
        vals, vecs = eigsh(sparse.csc_matrix(lap), k=3, sigma=shift, which="LM")
        return vecs[:, np.argsort(vals)[1:3]] * 1.0
    except Exception:  # noqa: BLE001 — no convergence: a seeded random start will do
        return rng.normal(size=(n, 2))


def vos_layout_matrix(a: np.ndarray, *, seed: int = 1, starts: int | None = None,
                      max_iter: int = 500, tol: float | None = None) -> tuple[np.ndarray, float]:
    """VOS solution for a dense symmetric similarity matrix (zero diagonal)."""
    n = len(a)
    if n == 1:
        return np.zeros((1, 2)), 0.0
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]]), float(a[0, 1])
    a = np.array(a, dtype=np.float64)
    np.fill_diagonal(a, 0.0)
    pos = a[a > 0]
    lap0 = np.diag(a.sum(1)) - a  # before the faint attraction: sparse for big maps
    # a faint uniform attraction keeps disconnected parts from drifting apart forever
    a = a + (1e-3 * pos.mean() if len(pos) else 1.0) * (1 - np.eye(n))
    lap = np.diag(a.sum(1)) - a
    j = np.full((n, n), 1.0 / n)
    vp = np.linalg.inv(lap + j) - j
    if tol is None:  # relative change of the Lagrangian; looser on big maps for speed
        tol = 1e-7 if n <= 300 else 1e-5
    if starts is None:
        starts = 8 if n <= 100 else (3 if n <= 500 else 1)
    rng = np.random.default_rng(seed)
    inits = [_spectral_start(lap0, rng)]
    inits += [rng.normal(size=(n, 2)) for _ in range(starts - 1)]
    best, best_f = None, np.inf
    for x0 in inits:
        x, f = _smacof(a, lap, vp, x0, max_iter, tol)
        if f < best_f - 1e-12:
            best, best_f = x, f
    return best, best_f


def layout(needs: Mapping[tuple[str, str], float], nodes: list[str] | None = None, *,
           seed: int = 1, starts: int | None = None, normalise: bool = True) -> Layout:
    """Map coordinates for the need graph (needs clipped at 0, association strength)."""
    eg = edge_graph(needs, nodes)
    n = len(eg.nodes)
    a_edge = association_strength(n, eg.src, eg.dst, eg.weight) if normalise else eg.weight
    strength = np.bincount(eg.src, eg.weight, n) + np.bincount(eg.dst, eg.weight, n)
    if n <= VOS_MAX_NODES:
        a = np.zeros((n, n))
        a[eg.src, eg.dst] = a_edge
        a[eg.dst, eg.src] = a_edge
        x, f = vos_layout_matrix(a, seed=seed, starts=starts)
        return Layout(eg.nodes, _normalise(x, strength), "vos", f)
    g = ig.Graph(n=n, edges=list(zip(eg.src.tolist(), eg.dst.tolist(), strict=True)))
    rng = np.random.default_rng(seed)
    ig.set_random_number_generator(random.Random(seed))
    try:
        lay = g.layout_fruchterman_reingold(weights=a_edge.tolist(),
                                            seed=rng.normal(size=(n, 2)).tolist(), niter=300)
    finally:
        ig.set_random_number_generator(random)
    x = np.asarray(lay.coords, dtype=np.float64)
    i, k = rng.integers(0, n, (2, 20000))
    md = np.linalg.norm(x[i] - x[k], axis=1)[i != k].mean()
    x = x / md
    obj = float((a_edge * ((x[eg.src] - x[eg.dst]) ** 2).sum(1)).sum())
    return Layout(eg.nodes, _normalise(x, strength), "fruchterman-reingold", obj)


def fidelity(positions: Mapping[str, tuple[float, float]],
             needs: Mapping[tuple[str, str], float]) -> float | None:
    """Spearman's ρ of map distance against need over the rated pairs (−1: distance falls
    exactly as need grows). Shown under the map so a reader knows how far to trust it."""
    from scipy.stats import spearmanr

    dist, need = [], []
    for (a, b), v in needs.items():
        if a in positions and b in positions and a != b and v is not None and np.isfinite(v):
            (x1, y1), (x2, y2) = positions[a], positions[b]
            dist.append(float(np.hypot(x1 - x2, y1 - y2)))
            need.append(float(v))
    if len(dist) < 3 or np.ptp(need) == 0 or np.ptp(dist) == 0:
        return None
    return float(spearmanr(dist, need).statistic)


def distance_layout(needs: Mapping[tuple[str, str], float], nodes: list[str] | None = None, *,
                    seed: int = 1, starts: int = 8, max_iter: int = 1000) -> Layout:
    """Metric MDS (weighted SMACOF stress majorisation) with target distance max − need for
    every rated pair: the map whose distances follow the needs most faithfully. Unrated
    pairs get a faint weight at the largest distance so the map stays one piece."""
    nodes = list(nodes) if nodes is not None else sorted({v for p in needs for v in p})
    pos = {v: k for k, v in enumerate(nodes)}
    n = len(nodes)
    if n <= 2:
        return Layout(nodes, np.array([[-0.5, 0.0], [0.5, 0.0]])[:n], "distance", 0.0)
    target = np.zeros((n, n))
    weight = np.zeros((n, n))
    values = [max(0.0, float(v)) for (a, b), v in needs.items() if a != b and np.isfinite(v)]
    top = max(values) if values else 1.0
    span = max(top - min(values), 1e-9) if values else 1.0
    for (a, b), v in needs.items():
        if a == b or a not in pos or b not in pos or not np.isfinite(v):
            continue
        i, j = pos[a], pos[b]
        target[i, j] = target[j, i] = (top - max(0.0, float(v))) / span + 0.05
        weight[i, j] = weight[j, i] = 1.0
    unrated = (weight == 0) & ~np.eye(n, dtype=bool)
    target[unrated] = 1.05
    weight[unrated] = 0.01
    v_mat = -weight.copy()
    np.fill_diagonal(v_mat, weight.sum(1))
    vp = np.linalg.pinv(v_mat)
    rng = np.random.default_rng(seed)
    best, best_stress = None, np.inf
    for s in range(starts):
        x = rng.normal(size=(n, 2)) if s else _classical_mds(target)
        prev = np.inf
        for _ in range(max_iter):
            d = _dists(x)
            stress = float((weight * (d - target) ** 2).sum() / 2)
            if prev - stress <= 1e-9 * max(prev, 1e-12):
                break
            prev = stress
            np.fill_diagonal(d, 1.0)
            b = -weight * target / d
            np.fill_diagonal(b, 0.0)
            np.fill_diagonal(b, -b.sum(1))
            x = vp @ b @ x
        if stress < best_stress:
            best, best_stress = x, stress
    d = _dists(best)
    best = best / _mean_dist(d)
    strength = np.array([sum(max(0.0, float(v)) for (a, b), v in needs.items()
                             if node in (a, b) and np.isfinite(v)) for node in nodes])
    return Layout(nodes, _normalise(best, strength), "distance", best_stress)


def _classical_mds(target: np.ndarray) -> np.ndarray:
    """Torgerson's classical scaling of the target distances: a good first guess."""
    n = len(target)
    j = np.eye(n) - 1.0 / n
    b = -0.5 * j @ (target ** 2) @ j
    vals, vecs = np.linalg.eigh(b)
    top = np.argsort(vals)[::-1][:2]
    return vecs[:, top] * np.sqrt(np.maximum(vals[top], 1e-12))


def faithful_layout(needs: Mapping[tuple[str, str], float], nodes: list[str] | None = None, *,
                    seed: int = 1) -> tuple[Layout, float | None]:
    """The VOS map and the distance-fitted map; the one whose distances follow the needs
    better (lower Spearman ρ) is shown, with its ρ."""
    best, best_rho = None, None
    candidates = [layout(needs, nodes, seed=seed)]
    if len(candidates[0].nodes) <= VOS_MAX_NODES:
        candidates.append(distance_layout(needs, candidates[0].nodes, seed=seed))
    for lay in candidates:
        rho = fidelity(lay.positions(), needs)
        if best is None or (rho is not None and (best_rho is None or rho < best_rho - 1e-9)):
            best, best_rho = lay, rho
    return best, best_rho
