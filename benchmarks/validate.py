"""Full walk-forward validation on the panel: prints the tables of the model card.

python benchmarks/validate.py [PANEL_CSV]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

PANEL = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "american_bankruptcy"
    / "american_bankruptcy_1999_2014.csv"
)


def main() -> None:
    from risk.model import load_panel, metrics_markdown, walk_forward

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PANEL
    start = time.perf_counter()
    result = walk_forward(load_panel(path))
    elapsed = time.perf_counter() - start
    print(f"## Tuning years pooled {', '.join(map(str, result.tuning_years))}\n")
    print(metrics_markdown(result.metrics, "tuning"))
    print(f"\n## Pooled {', '.join(map(str, result.pooled_years))}\n")
    print(metrics_markdown(result.metrics, "pooled"))
    for year in result.years:
        print(f"\n## {year}\n")
        print(metrics_markdown(result.metrics, str(year)))
    print(f"\nwalk-forward: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
