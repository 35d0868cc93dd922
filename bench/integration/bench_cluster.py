"""Benchmark: Leiden clustering of 100 000 nodes / 500 000 edges (goal < 2 s).

Run: .venv/bin/python bench/integration/bench_cluster.py
"""

import os
import time

from yhdyspinta.integration.compute.cluster import cluster_arrays
from yhdyspinta.integration.compute.synthetic import random_sparse_graph


def main(n: int = 100_000, m: int = 500_000, repeats: int = 3) -> None:
    src, dst, w = random_sparse_graph(n, m, n_blocks=100, seed=1)
    print(f"nodes {n}, edges {len(src)} (planted 100 blocks)")
    best = cpu = 1e9
    for _ in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        memb, mod, _q = cluster_arrays(n, src, dst, w, resolution=1.0, seed=1)
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    print(f"cluster_arrays: {best:.3f}s (best of {repeats}), cpu {cpu:.3f}s, "
          f"load average {os.getloadavg()[0]:.1f}, clusters {memb.max()}, "
          f"modularity {mod:.4f}")
    print("goal < 2 s:", "OK" if best < 2 else "MISSED")


if __name__ == "__main__":
    main()
