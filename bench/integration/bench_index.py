"""Benchmark: read a 1 000 000-answer RESPONSES.csv, compute the index and the matrix.

Goal: under 0.5 s for read + index + matrix (no bootstrap intervals) on 2 cores.
Run: .venv/bin/python bench/integration/bench_index.py [n_answers]
"""

import os
import sys
import tempfile
import time

from yhdyspinta.integration.compute.index import cell_matrix, compute_index, symmetric_need
from yhdyspinta.integration.compute.io import read_responses
from yhdyspinta.integration.compute.synthetic import synthetic_answers


def main(n: int = 1_000_000, repeats: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "RESPONSES.csv")
        synthetic_answers(n, seed=1).write_csv(path)
        print(f"answers: {n}, file {os.path.getsize(path) / 1e6:.1f} MB")
        best = {}
        for _ in range(repeats):
            c0 = time.process_time()
            t0 = time.perf_counter()
            df = read_responses(path)
            t1 = time.perf_counter()
            idx = compute_index(df)
            t2 = time.perf_counter()
            cells = cell_matrix(idx, n_boot=0)
            symmetric_need(cells)
            t3 = time.perf_counter()
            cpu = time.process_time() - c0
            for k, v in (("read", t1 - t0), ("index", t2 - t1), ("matrix", t3 - t2),
                         ("total", t3 - t0), ("cpu", cpu)):
                best[k] = min(best.get(k, 1e9), v)
        print(" ".join(f"{k}={v:.3f}s" for k, v in best.items()), f"(best of {repeats})")
        print(f"used={idx.answers_used} dropped={idx.answers_dropped} cells={len(cells)}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("goal total < 0.5 s:", "OK" if best["total"] < 0.5 else "MISSED")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
