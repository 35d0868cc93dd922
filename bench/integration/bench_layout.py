"""Benchmark: VOS layout of 1 000 nodes (goal < 1 s).

Run: .venv/bin/python bench/integration/bench_layout.py
"""

import os
import time

from yhdyspinta.integration.compute.layout import layout
from yhdyspinta.integration.compute.synthetic import planted_needs


def main(repeats: int = 3) -> None:
    needs, _ = planted_needs((300, 300, 400), density=0.05, seed=1)
    print(f"nodes 1000, edges {len(needs)}")
    best = cpu = 1e9
    for _ in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        lay = layout(needs, seed=1)
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    print(f"layout ({lay.method}): {best:.3f}s (best of {repeats}), cpu {cpu:.3f}s, "
          f"load average {os.getloadavg()[0]:.1f}, objective {lay.objective:.1f}")
    print("goal < 1 s:", "OK" if best < 1 else "MISSED")


if __name__ == "__main__":
    main()
