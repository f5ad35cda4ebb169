"""Full walk-forward validation on the panel: prints the tables of the model card.

python benchmarks/validate.py [PANEL_CSV]

The full submodel with its challengers and the published scores first, then the
book-value submodel (no market value: what most filings get) with its challengers.
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
    from risk.model import BOOK_CANDIDATES, BOOK_ROW, load_panel, metrics_markdown, walk_forward

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PANEL
    start = time.perf_counter()
    result = walk_forward(load_panel(path))
    elapsed = time.perf_counter() - start
    book = [BOOK_ROW, *(c.name for c in BOOK_CANDIDATES)]
    full = [n for n in result.metrics if n not in book]
    keys = [("tuning", "Tuning years pooled " + ", ".join(map(str, result.tuning_years)))]
    keys.append(("pooled", "Pooled " + ", ".join(map(str, result.pooled_years))))
    keys += [(str(year), str(year)) for year in result.years]
    for key, title in keys:
        for label, names in (("full submodel", full), ("book-value submodel", book)):
            print(f"## {title}: {label}\n")
            print(metrics_markdown(result.metrics, key, names) + "\n")
    print(f"walk-forward: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
