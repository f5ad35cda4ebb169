"""``risk score-table IN --out OUT``: probability and band per entity-period of a table."""

from __future__ import annotations

import argparse
import sys
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
    p.add_argument(
        "--layout",
        choices=["auto", "financials", "panel"],
        default="auto",
        help=(
            "financials: the financials.md layout (amounts in currency units); panel: the "
            "American bankruptcy panel CSV (company_name, year, X1..X18 in millions); "
            "auto (default): panel when the CSV header is the panel's, else financials"
        ),
    )
    p.set_defaults(run=run)


def _is_panel(path: Path) -> bool:
    """True when ``path`` is a CSV whose header is the American bankruptcy panel's."""
    import pandas as pd

    from risk.features import PANEL_COLUMNS

    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    try:
        header = set(pd.read_csv(path, nrows=0).columns)
    except (ValueError, UnicodeDecodeError):
        return False  # read_table reports what is wrong with the file
    return {"company_name", "year", *PANEL_COLUMNS} <= header


def run(args: argparse.Namespace) -> int:
    from risk.financials import read_table
    from risk.model import load_model, score_frame

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet", ".pq"}:
        raise InputError(f"--out must end in .csv or .parquet; got {args.out!r}")
    source = Path(args.input)
    panel = args.layout == "panel" or (args.layout == "auto" and _is_panel(source))
    if panel:
        import pandas as pd

        from risk.features import PANEL_LABEL, panel_to_table

        has_label = PANEL_LABEL in pd.read_csv(source, nrows=0).columns
        frame = panel_to_table(source, label=has_label)
        print(
            f"risk score-table: {source}: read as the American bankruptcy panel layout "
            "(amounts in millions, converted to dollars; fiscal years end December 31)",
            file=sys.stderr,
        )
    else:
        frame = read_table(source)
    model = load_model(args.model)
    scored = score_frame(frame, model)
    if panel and PANEL_LABEL in frame.columns:
        # the outcome passes through, row for row, so the output can be validated
        scored[PANEL_LABEL] = frame[PANEL_LABEL].to_numpy()
    scored["period_end"] = scored["period_end"].dt.strftime("%Y-%m-%d")
    if suffix == ".csv":
        scored.to_csv(out, index=False, float_format="%.6g")
    else:
        scored.to_parquet(out, index=False)
    return 0
