"""``risk score-table IN --out OUT``: probability and band per entity-period of a table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from risk.exceptions import InputError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score-table",
        help="score a structured-input table (CSV or Parquet, financials.md layout)",
        description=(
            "One output row per entity-period: entity, period_end, probability of failure "
            "within 12 months, band, the submodel used or the reason a row was refused, "
            "and the main published scores. Amounts must be in currency units."
        ),
    )
    p.add_argument("input", help="a .csv or .parquet table")
    p.add_argument("--out", required=True, help="output .csv or .parquet")
    p.add_argument("--model", default=None, help="a model artefact (default: the shipped one)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from risk.financials import read_table
    from risk.model import load_model, score_frame

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet", ".pq"}:
        raise InputError(f"--out must end in .csv or .parquet; got {args.out!r}")
    frame = read_table(args.input)
    model = load_model(args.model)
    scored = score_frame(frame, model)
    scored["period_end"] = scored["period_end"].dt.strftime("%Y-%m-%d")
    if suffix == ".csv":
        scored.to_csv(out, index=False, float_format="%.6g")
    else:
        scored.to_parquet(out, index=False)
    return 0
