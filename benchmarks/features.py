"""Throughput of ``risk.features.feature_table`` on the American bankruptcy panel.

Run: ``python benchmarks/features.py [path/to/american_bankruptcy_1999_2014.csv]``.
Prints firm-years per second (target: >= 200,000).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from risk.features import feature_table, panel_to_table

DEFAULT = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "american_bankruptcy"
    / "american_bankruptcy_1999_2014.csv"
)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    t0 = time.perf_counter()
    frame = panel_to_table(path)
    load = time.perf_counter() - t0
    feature_table(frame.head(100))  # warm-up (imports, caches)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        table = feature_table(frame)
        runs.append(time.perf_counter() - t0)
    best = min(runs)
    n = len(frame)
    print(f"panel: {path}")
    print(f"rows: {n:,}  feature columns: {table.shape[1] - 3}")
    print(f"panel_to_table: {load:.3f} s")
    print(f"feature_table: best of {len(runs)} {best:.3f} s, median {sorted(runs)[2]:.3f} s")
    print(f"firm-years/s: {n / best:,.0f} (target >= 200,000)")
    z = table["altman_z_double_prime"]
    print(
        f"Z'' available on {z.notna().mean():.1%} of rows; O-score on "
        f"{table['ohlson_o'].notna().mean():.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
