"""The American bankruptcy panel (Lombardo et al. 2022) in the structured-input layout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from risk.exceptions import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PANEL_COLUMNS", "PANEL_LABEL", "panel_to_table"]

#: The panel's columns and the financials.md fields they map to (X16 = X9 is dropped).
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

#: The point-in-time label: 1 on a company's last fiscal year before its bankruptcy filing.
PANEL_LABEL = "failed_next_year"

_SCALE = 1e6  # the panel's amounts are in millions of US dollars


def panel_to_table(path: str | Path, *, label: bool = True) -> pd.DataFrame:
    """Read ``american_bankruptcy_1999_2014.csv`` into the structured-input layout.

    Parameters
    ----------
    path : str or Path
        The panel CSV (columns ``company_name``, ``status_label``, ``year``, ``X1`` ...
        ``X18``, ``failed_next_year``).
    label : bool, default True
        Keep the point-in-time target ``failed_next_year`` (int 0/1) as an extra column.
        ``status_label`` is never returned: it marks a company, not a year.

    Returns
    -------
    pandas.DataFrame
        ``entity`` (the anonymised company id), ``period_end`` (datetime64: December 31
        of ``year`` -- the panel gives only the fiscal year, so a calendar fiscal year is
        ASSUMED; companies with other year ends are shifted by up to 11 months),
        ``months`` = 12, the line items of :data:`PANEL_COLUMNS` in currency units (the
        panel's millions times 1e6), and ``failed_next_year`` when ``label``. Rows keep
        the file's order (company, then year).

    Raises
    ------
    InputError
        When the file is missing or lacks one of the expected columns.
    """
    import numpy as np
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        raise InputError("panel file not found", source=str(p))
    wanted = ["company_name", "year", *PANEL_COLUMNS, *([PANEL_LABEL] if label else [])]
    header = pd.read_csv(p, nrows=0).columns
    missing = [c for c in wanted if c not in header]
    if missing:
        raise InputError(f"the panel lacks the columns {missing}", source=str(p))
    dtypes: dict[str, str] = {c: "float64" for c in PANEL_COLUMNS}
    dtypes["company_name"] = "str"
    dtypes["year"] = "int64"
    raw = pd.read_csv(p, usecols=wanted, dtype=dtypes)
    out: dict[str, object] = {
        "entity": raw["company_name"].to_numpy(),
        "period_end": pd.to_datetime({"year": raw["year"], "month": 12, "day": 31}).to_numpy(),
        "months": np.full(len(raw), 12, dtype=np.int64),
    }
    for column, field in PANEL_COLUMNS.items():
        out[field] = raw[column].to_numpy(dtype=np.float64) * _SCALE
    if label:
        out[PANEL_LABEL] = raw[PANEL_LABEL].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(out)
    frame.attrs["source"] = str(p)
    return frame
