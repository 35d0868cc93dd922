"""Where does the boundary do the least damage? (Missä rajapinta aiheuttaa vähiten vaurioita?)

Nodes (tehtävätahot) are organised by the municipality or the wellbeing services
county; some are fixed by law. Separating two nodes costs their need above a baseline:
damage = Σ over separated pairs (need − baseline), needs clipped at 0 first. The optimiser
assigns the free nodes to minimise damage, exactly by MILP (HiGHS) when small enough, else
by Kernighan–Lin style local search with restarts (exact=False).

A pair nobody rated in either direction (absent from the needs, or NaN) is *unknown*.
What it costs is a choice, `unknown=`: "ignore" (default: it adds nothing to damage, cut or
total), "baseline" (need = baseline: no damage, but counted in the cut) or "zero" (need 0:
separating it earns −baseline, the first round's silent rule). The result lists the unknown
pairs and, re-solved under the other treatments, which nodes would move.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations, pairwise

import numpy as np

from yhdyspinta.core.reasons import reason

from .errors import IntegrationComputeError
from .parties import COUNTY, MUNICIPALITY, OTHER, node_sort_key

SIDES = (MUNICIPALITY, COUNTY)  # x = 0, x = 1
EXACT_LIMIT = 80  # free (contracted) nodes solved by MILP
UNKNOWN_TREATMENTS = ("ignore", "baseline", "zero")


class UnknownNodeError(KeyError):
    """A node in the needs that the FIXED table does not know."""

    def __init__(self, node: str):
        self.node = node
        super().__init__(node)


@dataclass
class BoundaryResult:
    nodes: list[str]
    baseline: float
    assignment: dict[str, str]  # node -> municipality | county (optimal or best found)
    damage: float
    cut: float
    cut_share: float
    current_assignment: dict[str, str]
    current_damage: float
    current_cut: float
    current_cut_share: float
    exact: bool  # optimum proven (MILP status Optimal)
    method: str  # "milp" | "heuristic" | "trivial"
    solver_status: str
    flag_above: float
    flagged_pairs: int  # pairs with symmetric need > flag_above
    flagged_cut_share: float | None  # share of those the optimal boundary separates
    current_flagged_cut_share: float | None
    separated_current: list[tuple[str, str, float]]  # (a, b, need), largest need first
    separated_optimal: list[tuple[str, str, float]]
    move_cost: dict[str, float]  # free node -> damage change if moved alone from optimum
    side_share: dict[str, dict[str, float]] | None = field(default=None)  # from bootstrap
    unknown: str = "ignore"  # how unknown pairs were treated (UNKNOWN_TREATMENTS)
    unknown_pairs: list[tuple[str, str]] = field(default_factory=list)  # nobody rated them
    # other treatment -> {"damage": …, "cut": …, "moved": [nodes on another side than ours]}
    alternatives: dict[str, dict] = field(default_factory=dict)
    # "other" node -> {"municipality": Σ need to that side's nodes, "county": …}
    other_needs: dict[str, dict[str, float]] = field(default_factory=dict)


def need_matrix(needs: Mapping[tuple[str, str], float], nodes: list[str]) -> np.ndarray:
    """Dense symmetric need matrix (clipped at 0, missing pairs 0, zero diagonal)."""
    return known_need_matrix(needs, nodes)[0]


def known_need_matrix(needs: Mapping[tuple[str, str], float],
                      nodes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(needs clipped at 0 with unknown pairs 0, mask of the pairs somebody rated)."""
    pos = {n: k for k, n in enumerate(nodes)}
    m = np.zeros((len(nodes), len(nodes)))
    known = np.zeros((len(nodes), len(nodes)), dtype=bool)
    for (a, b), v in needs.items():
        if a == b:
            continue
        for x in (a, b):
            if x not in pos:
                raise UnknownNodeError(x)
        if v is None or not np.isfinite(float(v)):
            continue
        m[pos[a], pos[b]] = m[pos[b], pos[a]] = max(0.0, float(v))
        known[pos[a], pos[b]] = known[pos[b], pos[a]] = True
    return m, known


def treated(need: np.ndarray, known: np.ndarray, baseline: float,
            unknown: str) -> tuple[np.ndarray, np.ndarray]:
    """(need counted in cut and total, damage weights need − baseline) under a treatment."""
    if unknown not in UNKNOWN_TREATMENTS:
        raise IntegrationComputeError(reason("unknown pairs must be treated as one of %(choices)s, "
                                             "got %(value)s", choices=", ".join(UNKNOWN_TREATMENTS),
                                             value=repr(unknown)))
    off = ~known
    np.fill_diagonal(off, False)
    counted = need.copy()
    if unknown == "baseline":
        counted[off] = baseline
    w = counted - baseline
    if unknown == "ignore":
        w[off] = 0.0
    np.fill_diagonal(w, 0.0)
    return counted, w


def damage_of(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Σ_{i<j, x_i≠x_j} w_ij for one (n,) or many (k, n) 0/1 assignments: x·W·1 − x·W·x."""
    x = np.asarray(x, dtype=np.float64)
    xw = x @ w
    return xw.sum(-1) - (xw * x).sum(-1)


def _figures(need: np.ndarray, w: np.ndarray, x: np.ndarray) -> tuple[float, float, float]:
    cut = float(damage_of(need, x))
    total = float(need.sum() / 2)
    return float(damage_of(w, x)), cut, (cut / total if total > 0 else 0.0)


class _UnionFind:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.p[self.find(i)] = self.find(j)


@dataclass
class _Problem:
    """Contracted problem: keep-together groups become super nodes."""

    w: np.ndarray  # super-node damage weights
    size: np.ndarray
    fixed: np.ndarray  # -1 free, else 0/1
    groups: list[list[int]]
    cap: tuple[float, float]  # max nodes on municipality (x=0) / county (x=1) side


def _contract(w: np.ndarray, fixed_val: np.ndarray, keep_together: list[tuple[int, ...]],
              cap: tuple[float, float]) -> _Problem:
    n = len(w)
    uf = _UnionFind(n)
    for grp in keep_together:
        for a, b in pairwise(grp):
            uf.union(a, b)
    roots: dict[int, int] = {}
    groups: list[list[int]] = []
    for i in range(n):
        r = uf.find(i)
        if r not in roots:
            roots[r] = len(groups)
            groups.append([])
        groups[roots[r]].append(i)
    k = len(groups)
    p = np.zeros((n, k))
    fixed = np.full(k, -1)
    for g, members in enumerate(groups):
        p[members, g] = 1.0
        vals = {int(fixed_val[i]) for i in members if fixed_val[i] >= 0}
        if len(vals) > 1:
            raise IntegrationComputeError(reason("keep-together group joins nodes fixed by law to "
                                                 "different organisers"))
        if vals:
            fixed[g] = vals.pop()
    wc = p.T @ w @ p
    np.fill_diagonal(wc, 0.0)
    size = p.sum(0)
    return _Problem(wc, size, fixed, groups, cap)


def _feasible(pr: _Problem, x: np.ndarray) -> bool:
    ones = float(pr.size @ x)
    return pr.size.sum() - ones <= pr.cap[0] + 1e-9 and ones <= pr.cap[1] + 1e-9


def _repair(pr: _Problem, x: np.ndarray) -> np.ndarray | None:
    """Move the cheapest free super nodes off an over-full side until caps hold."""
    x = x.copy()
    free = pr.fixed < 0
    for _ in range(len(x) + 1):
        if _feasible(pr, x):
            return x
        ones = float(pr.size @ x)
        over = 1 if ones > pr.cap[1] else 0
        cand = np.flatnonzero(free & (x == over))
        if len(cand) == 0:
            return None
        gains = [float(damage_of(pr.w, _flip(x, c))) for c in cand]
        x = _flip(x, cand[int(np.argmin(gains))])
    return x if _feasible(pr, x) else None


def _flip(x: np.ndarray, k: int) -> np.ndarray:
    y = x.copy()
    y[k] = 1 - y[k]
    return y


def _local_search(pr: _Problem, x: np.ndarray) -> tuple[np.ndarray, float]:
    """Kernighan–Lin passes of single flips (free nodes, caps respected)."""
    w = pr.w
    free = np.flatnonzero(pr.fixed < 0)
    total = pr.size.sum()
    rows = w.sum(1)
    best_x, best_f = x.copy(), float(damage_of(w, x))
    improved = True
    while improved:
        improved = False
        x = best_x.copy()
        f = best_f
        sep = w @ (1 - x) * x + w @ x * (1 - x)  # Σ_l w_kl [x_k ≠ x_l]
        ones = float(pr.size @ x)
        locked = np.zeros(len(x), dtype=bool)
        for _ in range(len(free)):
            delta = rows - 2 * sep
            cand = free[~locked[free]]
            if len(cand) == 0:
                break
            new_ones = ones + np.where(x[cand] == 1, -pr.size[cand], pr.size[cand])
            ok = (new_ones <= pr.cap[1] + 1e-9) & (total - new_ones <= pr.cap[0] + 1e-9)
            if not ok.any():
                break
            cand = cand[ok]
            k = int(cand[np.argmin(delta[cand])])
            f += delta[k]
            same = x == x[k]
            sep = sep + np.where(same, w[:, k], -w[:, k])
            sep[k] = rows[k] - sep[k]
            ones += -pr.size[k] if x[k] == 1 else pr.size[k]
            x[k] = 1 - x[k]
            locked[k] = True
            if f < best_f - 1e-9 * max(1.0, abs(best_f)):
                best_x, best_f = x.copy(), f
                improved = True
    return best_x, float(damage_of(w, best_x))


def _heuristic(pr: _Problem, starts: list[np.ndarray], restarts: int,
               seed: int) -> tuple[np.ndarray | None, float]:
    rng = np.random.default_rng(seed)
    free = pr.fixed < 0
    cands = list(starts)
    for _ in range(restarts):
        x = np.where(free, rng.integers(0, 2, len(free)), pr.fixed)
        cands.append(x)
    best, best_f = None, np.inf
    for x0 in cands:
        x0 = _repair(pr, np.where(free, x0, pr.fixed).astype(np.int64))
        if x0 is None:
            continue
        x, f = _local_search(pr, x0)
        if f < best_f - 1e-9:
            best, best_f = x, f
    return best, best_f


_BANNER_SILENCED = False


def _new_highs():
    """HiGHS prints a banner on stdout (C level) the first time; keep stdout clean for JSON."""
    global _BANNER_SILENCED
    import highspy
    if _BANNER_SILENCED:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_SILENCED = True
    return h


def _milp(pr: _Problem, start: np.ndarray | None, time_limit: float,
          seed: int) -> tuple[np.ndarray | None, bool, str]:
    """Binary x per free super node, y_kl ≥ |x_k − x_l| for w > 0 and
    y_kl ≤ min(x_k + x_l, 2 − x_k − x_l) for w < 0; returns (x, proven optimal, status)."""
    import highspy
    free = np.flatnonzero(pr.fixed < 0)
    fixed_ix = np.flatnonzero(pr.fixed >= 0)
    {int(k): c for c, k in enumerate(free)}
    nf = len(free)
    cost = np.zeros(nf)
    w = pr.w
    # free–fixed pairs are linear: |x_k − c| = x_k (c = 0) or 1 − x_k (c = 1)
    sign = np.where(pr.fixed[fixed_ix] == 0, 1.0, -1.0)
    cost += w[np.ix_(free, fixed_ix)] @ sign
    offset = float(w[np.ix_(free, fixed_ix)][:, pr.fixed[fixed_ix] == 1].sum())
    c0 = np.where(pr.fixed >= 0, pr.fixed, 0).astype(float)
    offset += float(damage_of(w[np.ix_(fixed_ix, fixed_ix)], c0[fixed_ix]))
    pairs = [(a, b) for a, b in combinations(range(nf), 2) if w[free[a], free[b]] != 0]
    ncol = nf + len(pairs)
    costs = np.concatenate([cost, [w[free[a], free[b]] for a, b in pairs]])
    starts, index, value, lo, up = [0], [], [], [], []
    for p, (a, b) in enumerate(pairs):
        y = nf + p
        if w[free[a], free[b]] > 0:  # y ≥ x_a − x_b, y ≥ x_b − x_a
            rows = [((y, 1), (a, -1), (b, 1)), ((y, 1), (a, 1), (b, -1))]
            bounds = [(0, np.inf), (0, np.inf)]
        else:  # y ≤ x_a + x_b, y ≤ 2 − x_a − x_b
            rows = [((y, 1), (a, -1), (b, -1)), ((y, 1), (a, 1), (b, 1))]
            bounds = [(-np.inf, 0), (-np.inf, 2)]
        for r, (lb, ub) in zip(rows, bounds, strict=True):
            for c, v in r:
                index.append(c)
                value.append(v)
            starts.append(len(index))
            lo.append(lb)
            up.append(ub)
    # capacity rows: Σ size·x ≤ cap_county − fixed ones; Σ size·(1−x) ≤ cap_muni − fixed zeros
    fixed_ones = float(pr.size[fixed_ix] @ pr.fixed[fixed_ix])
    fixed_zeros = float(pr.size[fixed_ix].sum() - fixed_ones)
    if np.isfinite(pr.cap[1]) or np.isfinite(pr.cap[0]):
        for c in range(nf):
            index.append(c)
            value.append(float(pr.size[free[c]]))
        starts.append(len(index))
        lo.append(float(pr.size[free].sum()) - (pr.cap[0] - fixed_zeros))
        up.append(pr.cap[1] - fixed_ones)
    lp = highspy.HighsLp()
    lp.num_col_ = ncol
    lp.num_row_ = len(lo)
    lp.col_cost_ = costs
    lp.col_lower_ = np.zeros(ncol)
    lp.col_upper_ = np.ones(ncol)
    lp.row_lower_ = np.array(lo, dtype=float)
    lp.row_upper_ = np.array(up, dtype=float)
    lp.offset_ = offset
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = ncol
    lp.a_matrix_.num_row_ = len(lo)
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * nf + \
        [highspy.HighsVarType.kContinuous] * len(pairs)
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("random_seed", int(seed))
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        xs = start[free].astype(float)
        ys = [abs(xs[a] - xs[b]) for a, b in pairs]
        sol.col_value = list(xs) + ys
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    label = h.modelStatusToString(status)
    optimal = status == highspy.HighsModelStatus.kOptimal
    info = h.getInfo()
    if info.primal_solution_status != 2 and not optimal:  # 2 = feasible
        return None, False, label
    xs = np.rint(np.asarray(h.getSolution().col_value[:nf])).astype(np.int64)
    x = np.where(pr.fixed >= 0, pr.fixed, 0).astype(np.int64)
    x[free] = xs
    objective = float(info.objective_function_value)
    if optimal and abs(objective - float(damage_of(pr.w, x))) > 1e-6 * max(1.0, abs(objective)):
        return x, False, "inconsistent objective"  # linearisation bug guard, never expected
    return x, bool(optimal), label


def _expand(pr: _Problem, xs: np.ndarray, n: int) -> np.ndarray:
    x = np.zeros(n, dtype=np.int64)
    for g, members in enumerate(pr.groups):
        x[members] = xs[g]
    return x


def _pairs(nodes, need, x) -> list[tuple[str, str, float]]:
    i, j = np.triu_indices(len(nodes), 1)
    sep = (x[i] != x[j]) & (need[i, j] > 0)
    out = [(nodes[a], nodes[b], float(need[a, b])) for a, b in zip(i[sep], j[sep], strict=True)]
    out = [(a, b, v) if a < b else (b, a, v) for a, b, v in out]
    return sorted(out, key=lambda t: (-t[2], t[0], t[1]))


def optimise_boundary(needs: Mapping[tuple[str, str], float],
                      fixed: Mapping[str, tuple[str, bool]], **options) -> BoundaryResult:
    """Best boundary for the needs; fixed = {node: (organiser, fixed_by_law)} as in FIXED.csv.

    Nodes in fixed but absent from needs are fine (need 0 to everyone); a node in needs
    but not in fixed raises UnknownNodeError. Options (all keyword): baseline=100,
    flag_above=140, keep_together=[(node, ...)], max_size={organiser: max nodes on that
    side}, exact_limit=80 free super nodes for the MILP, time_limit=30 s, restarts=30,
    seed=1, unknown="ignore" (see the module docstring), compare_unknown=True (re-solve
    under the other treatments when there are unknown pairs). Nodes organised by "other"
    (state, NGOs; FIXED.csv may say `other`) sit on neither side, whether marked fixed or
    not: their pairs are left out of every figure, they appear in the assignments as
    "other" and `other_needs` reports their need to each side of the optimum.
    """
    for v in [a for pair in needs for a in pair]:
        if v not in fixed:
            raise UnknownNodeError(v)
    compare = options.pop("compare_unknown", True)
    others = {v for v, (org, _f) in fixed.items() if org == OTHER}
    inner = {v: f for v, f in fixed.items() if v not in others}
    inner_needs = {k: v for k, v in needs.items() if k[0] not in others and k[1] not in others}
    res = _optimise(inner_needs, inner, **options)
    if compare and res.unknown_pairs:
        for other in UNKNOWN_TREATMENTS:
            if other == res.unknown:
                continue
            alt = _optimise(inner_needs, inner, **(options | {"unknown": other}))
            res.alternatives[other] = {
                "damage": alt.damage, "cut": alt.cut,
                "moved": [v for v in alt.nodes if alt.assignment[v] != res.assignment[v]]}
    for v in sorted(others, key=node_sort_key):
        res.assignment[v] = OTHER
        res.current_assignment[v] = OTHER
        res.other_needs[v] = _needs_to_sides(needs, v, res.assignment)
    return res


def _needs_to_sides(needs, node: str, assignment: Mapping[str, str]) -> dict[str, float]:
    """Σ of the (clipped, known) needs between an "other" node and each side's nodes."""
    out = dict.fromkeys(SIDES, 0.0)
    for (a, b), v in needs.items():
        if node not in (a, b) or a == b or v is None or not np.isfinite(float(v)):
            continue
        side = assignment.get(b if a == node else a)
        if side in out:
            out[side] += max(0.0, float(v))
    return out


def _optimise(needs: Mapping[tuple[str, str], float],  # noqa: C901 - exact or heuristic search by size, one place
                      fixed: Mapping[str, tuple[str, bool]], *, baseline: float = 100.0,
                      flag_above: float = 140.0,
                      keep_together: Iterable[Iterable[str]] = (),
                      max_size: Mapping[str, int] | None = None,
                      exact_limit: int = EXACT_LIMIT, time_limit: float = 30.0,
                      restarts: int = 30, seed: int = 1, unknown: str = "ignore") -> BoundaryResult:
    """optimise_boundary for municipality/county nodes only; heuristic when more than
    exact_limit free super nodes or on MILP time-out / non-optimal status."""
    nodes = sorted(fixed, key=node_sort_key)
    pos = {v: k for k, v in enumerate(nodes)}
    raw, known = known_need_matrix(needs, nodes)
    need, w = treated(raw, known, float(baseline), unknown)
    n = len(nodes)
    for v, (org, _) in fixed.items():
        if org not in SIDES:
            raise IntegrationComputeError(reason("node %(node)s: organiser must be municipality or "
                                                 "county, got %(value)s", node=v, value=repr(org)))
    current = np.array([SIDES.index(fixed[v][0]) for v in nodes], dtype=np.int64)
    fixed_val = np.array([current[k] if fixed[v][1] else -1 for k, v in enumerate(nodes)])
    groups = []
    for grp in keep_together:
        grp = list(grp)
        for v in grp:
            if v not in pos:
                raise UnknownNodeError(v)
        groups.append(tuple(pos[v] for v in grp))
    cap = (float((max_size or {}).get(MUNICIPALITY, np.inf)),
           float((max_size or {}).get(COUNTY, np.inf)))
    pr = _contract(w, fixed_val, groups, cap)
    free_super = int((pr.fixed < 0).sum())
    cur_super = np.array([current[m[0]] for m in pr.groups])
    if free_super == 0:
        xs = pr.fixed.astype(np.int64)
        if not _feasible(pr, xs):
            raise IntegrationComputeError(reason("the fixed assignment breaks the maximum side size"))
        exact, method, status = True, "trivial", "Optimal"
    else:
        # keep-together may contradict the current organisers; start from a majority vote
        hx, _ = _heuristic(pr, [cur_super, np.zeros_like(cur_super),
                                np.ones_like(cur_super)], restarts, seed)
        if hx is None:
            raise IntegrationComputeError(reason("no assignment satisfies the maximum side sizes"))
        xs, exact, method, status = hx, False, "heuristic", "not attempted"
        if free_super <= exact_limit:
            mx, optimal, status = _milp(pr, hx, time_limit, seed)
            if mx is not None:
                dm, dh = float(damage_of(pr.w, mx)), float(damage_of(pr.w, hx))
                tol = 1e-6 * max(1.0, abs(dh))
                if optimal and dh < dm - tol:  # a proven optimum beaten: do not claim it
                    optimal, status = False, "inconsistent: heuristic better than optimum"
                if dm <= dh + tol:
                    xs, method = mx, "milp"
            exact = optimal
    x = _expand(pr, xs, n)
    dmg, cut, share = _figures(need, w, x)
    cdmg, ccut, cshare = _figures(need, w, current)
    iu = np.triu_indices(n, 1)
    flagged = (raw[iu] > flag_above) & known[iu]
    nflag = int(flagged.sum())

    def flag_share(y):
        if nflag == 0:
            return None
        return float((y[iu[0]] != y[iu[1]])[flagged].mean())

    move = {}
    base = float(damage_of(w, x))
    for k, v in enumerate(nodes):
        if fixed_val[k] < 0:
            move[v] = float(damage_of(w, _flip(x, k))) - base
    return BoundaryResult(
        nodes, float(baseline), {v: SIDES[x[k]] for k, v in enumerate(nodes)}, dmg, cut, share,
        {v: SIDES[current[k]] for k, v in enumerate(nodes)}, cdmg, ccut, cshare, bool(exact),
        method, status, float(flag_above), nflag, flag_share(x), flag_share(current),
        _pairs(nodes, raw, current), _pairs(nodes, raw, x), move, unknown=unknown,
        unknown_pairs=[(nodes[a], nodes[b]) for a, b in zip(*iu, strict=True) if not known[a, b]])


def brute_force_boundary(needs: Mapping[tuple[str, str], float],
                         fixed: Mapping[str, tuple[str, bool]], *, baseline: float = 100.0,
                         keep_together: Iterable[Iterable[str]] = (),
                         max_size: Mapping[str, int] | None = None,
                         unknown: str = "ignore") -> tuple[float, dict]:
    """Reference optimum by enumerating every assignment of the free nodes (tests only).

    Written from the definitions, not from the optimiser's code: an unknown pair costs 0
    ("ignore"), 0 ("baseline": need = baseline) or −baseline ("zero"); "other" nodes and
    their pairs are dropped."""
    others = {v for v, (org, _f) in fixed.items() if org == OTHER}
    nodes = sorted((v for v in fixed if v not in others), key=node_sort_key)
    n = len(nodes)
    w = np.zeros((n, n))
    for i, a in enumerate(nodes):
        for j, b in enumerate(nodes):
            if i == j:
                continue
            v = needs.get((a, b), needs.get((b, a)))
            if v is None or math.isnan(v):
                w[i, j] = -baseline if unknown == "zero" else 0.0
            else:
                w[i, j] = max(0.0, float(v)) - baseline
    free = [k for k, v in enumerate(nodes) if not fixed[v][1]]
    if len(free) > 20:
        raise ValueError("brute force is for at most 20 free nodes")
    base = np.array([SIDES.index(fixed[v][0]) for v in nodes])
    combos = ((np.arange(2 ** len(free))[:, None] >> np.arange(len(free))) & 1)
    xs = np.tile(base, (len(combos), 1))
    xs[:, free] = combos
    ok = np.ones(len(xs), dtype=bool)
    pos = {v: k for k, v in enumerate(nodes)}
    for grp in keep_together:
        ix = [pos[v] for v in grp]
        ok &= (xs[:, ix] == xs[:, ix[:1]]).all(1)
    if max_size:
        ones = xs.sum(1)
        ok &= ones <= max_size.get(COUNTY, np.inf)
        ok &= len(nodes) - ones <= max_size.get(MUNICIPALITY, np.inf)
    if not ok.any():
        raise IntegrationComputeError(reason("no feasible assignment"))
    d = damage_of(w, xs)
    d[~ok] = np.inf
    k = int(np.argmin(d))
    return float(d[k]), {v: SIDES[xs[k, j]] for j, v in enumerate(nodes)} | dict.fromkeys(others, OTHER)


def bootstrap_sides(source, fixed: Mapping[str, tuple[str, bool]], *, n_boot: int = 100,
                    seed: int = 1, **options) -> dict[str, dict[str, float]]:
    """How often each node lands on each side when respondents are resampled.

    source: a long-form answers frame (respondents resampled with replacement) or a
    callable rng -> {(a, b): need}. options go to optimise_boundary.
    """
    rng = np.random.default_rng(seed)
    if callable(source):
        draw: Callable = source
    else:
        import polars as pl

        from .index import cell_matrix, compute_index, symmetric_need
        ids = source["respondent_id"].unique().sort().to_numpy()

        def draw(r):
            pick = pl.DataFrame({"respondent_id": ids[r.integers(0, len(ids), len(ids))]})
            sample = pick.join(source, on="respondent_id", how="left")
            return symmetric_need(cell_matrix(compute_index(sample), n_boot=0))
    nodes = sorted(fixed, key=node_sort_key)
    counts = {v: dict.fromkeys((*SIDES, OTHER) if fixed[v][0] == OTHER else SIDES, 0)
              for v in nodes}
    options.setdefault("time_limit", 10.0)
    options["compare_unknown"] = False
    for _ in range(n_boot):
        res = optimise_boundary(draw(rng), fixed, **options)
        for v, side in res.assignment.items():
            counts[v][side] += 1
    return {v: {s: c / n_boot for s, c in cs.items()} for v, cs in counts.items()}
