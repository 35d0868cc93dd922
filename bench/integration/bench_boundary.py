"""Benchmark: exact boundary (MILP, HiGHS) for 60 free nodes with planted structure.

Unstructured random needs around the baseline are max-cut-like and may hit the time
limit; the result then says exact=False (printed as a second case).
Run: .venv/bin/python bench/integration/bench_boundary.py
"""

import time

import numpy as np

from yhdyspinta.integration.compute.boundary import optimise_boundary
from yhdyspinta.integration.compute.synthetic import planted_needs

SIDES = ("municipality", "county")


def case(label, needs, fixed, **kw):
    t = time.perf_counter()
    res = optimise_boundary(needs, fixed, **kw)
    dt = time.perf_counter() - t
    print(f"{label}: {dt:.2f}s exact={res.exact} method={res.method} "
          f"status={res.solver_status!r} damage={res.damage:.1f} "
          f"(current {res.current_damage:.1f}) cut_share={res.cut_share:.3f}")


def main() -> None:
    rng = np.random.default_rng(1)
    needs, block = planted_needs((30, 30), within=150, between=70, noise=30, seed=2)
    # a fifth of the nodes start on the "wrong" side; all 60 are free
    fixed = {v: (SIDES[b] if rng.random() < 0.8 else SIDES[1 - b], False)
             for v, b in block.items()}
    case("60 free nodes, planted", needs, fixed)
    case("60 free nodes, planted, heuristic only", needs, fixed, exact_limit=0)
    needs, block = planted_needs((60,), within=100, between=100, noise=40, seed=2)
    fixed = {v: ("county", False) for v in block}
    case("60 free nodes, unstructured (time limit 20 s)", needs, fixed, time_limit=20)


if __name__ == "__main__":
    main()
