"""The training panel: the American bankruptcy CSV in the financials.md layout.

The CSV (Lombardo et al. 2022) holds amounts in millions of US dollars under
columns ``X1`` ... ``X18``; this loader renames them to financials.md fields and
converts them to currency units, so that the model only ever sees dollars.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from risk.exceptions import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PANEL_COLUMNS", "file_sha256", "load_panel"]

#: CSV column -> financials.md field (README of the data set). X16 equals X9.
PANEL_COLUMNS: dict[str, str] = {
    "X1": "current_assets",
    "X2": "cost_of_sales",
    "X3": "depreciation_amortization",
    "X4": "ebitda",
    "X5": "inventory",
    "X6": "net_income",
    "X7": "receivables",
    "X8": "market_value_equity",
    "X9": "revenue",
    "X10": "total_assets",
    "X11": "long_term_debt",
    "X12": "operating_income",
    "X13": "gross_profit",
    "X14": "current_liabilities",
    "X15": "retained_earnings",
    "X17": "total_liabilities",
    "X18": "operating_expenses",
}
_UNIT = 1e6  # the CSV is in millions


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_panel(path: str | Path) -> pd.DataFrame:
    """Read the panel CSV into the structured-input layout.

    Parameters
    ----------
    path : str or Path
        ``american_bankruptcy_1999_2014.csv`` (or a subsample with the same columns).

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``period_end`` (31 December of the fiscal year: the CSV gives the
        year only), ``months`` (12), ``fiscal_year``, the line items in currency units
        and ``failed_next_year`` (int). ``status_label`` is dropped: it marks companies,
        not years, and must never be a target or a feature.

    Raises
    ------
    InputError
        When a required column is missing.
    """
    import pandas as pd

    path = Path(path)
    raw = pd.read_csv(path)
    required = ["company_name", "year", "failed_next_year", *PANEL_COLUMNS]
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise InputError(f"panel is missing columns {missing}", source=str(path))
    out = pd.DataFrame(
        {
            "entity": raw["company_name"].astype(str),
            "period_end": pd.to_datetime(raw["year"].astype(str) + "-12-31"),
            "months": 12,
            "fiscal_year": raw["year"].astype("int64"),
        }
    )
    for column, field in PANEL_COLUMNS.items():
        out[field] = raw[column].astype("float64") * _UNIT
    out["failed_next_year"] = raw["failed_next_year"].astype("int64")
    out = out.sort_values(["entity", "period_end"], kind="stable").reset_index(drop=True)
    return out
