"""Throughput of ``risk score-table``'s scoring step on the 65k firm-year panel.

Prints firm-years per second for: the model's features alone (they include
``risk.features.feature_table``), features + model,
and the whole of ``score_frame`` (model features, model, refusals, bands and the
published scores of ``risk.features.feature_table``). Reading the CSV and writing
the output are timed separately. Target: >= 100,000 firm-years/s for score_frame.

    python benchmarks/score_table.py [PANEL_CSV]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

PANEL = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "american_bankruptcy"
    / "american_bankruptcy_1999_2014.csv"
)


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from risk.financials import read_table
    from risk.model import load_model, load_panel, model_features, score_frame

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PANEL
    panel = load_panel(path).drop(columns=["fiscal_year", "failed_next_year"])
    model = load_model()
    n = len(panel)
    names = list(model.feature_names_in_)
    print(f"{n} firm-years from {path.name}")

    t = _best(lambda: model_features(panel))
    print(f"model features            : {n / t:12,.0f} firm-years/s ({t:.3f} s)")
    t = _best(lambda: model.predict_proba(model_features(panel)[names]))
    print(f"features + model          : {n / t:12,.0f} firm-years/s ({t:.3f} s)")
    t = _best(lambda: score_frame(panel, model))
    print(f"score_frame (all columns) : {n / t:12,.0f} firm-years/s ({t:.3f} s)")

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "panel.csv"
        out = panel.copy()
        out["period_end"] = out["period_end"].dt.strftime("%Y-%m-%d")
        out.to_csv(csv, index=False)
        t = _best(lambda: read_table(csv), repeat=1)
        print(f"read_table (CSV, validate): {n / t:12,.0f} firm-years/s ({t:.3f} s)")


if __name__ == "__main__":
    main()
