"""The training panel: the American bankruptcy CSV in the financials.md layout.

Reading and unit conversion are :func:`risk.features.panel_to_table`'s (one loader
for the whole library); this module only adds what training needs: the fiscal
year as a column, the (entity, period) order, and the file's sha256 for the
artefact.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from risk.features import PANEL_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PANEL_COLUMNS", "file_sha256", "load_panel"]


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_panel(path: str | Path) -> pd.DataFrame:
    """Read the panel CSV into the structured-input layout, sorted for training.

    Parameters
    ----------
    path : str or Path
        ``american_bankruptcy_1999_2014.csv`` (or a subsample with the same columns).

    Returns
    -------
    pandas.DataFrame
        :func:`risk.features.panel_to_table` (``entity``, ``period_end`` = 31 December
        of the fiscal year, ``months`` = 12, the line items in currency units,
        ``failed_next_year``) plus ``fiscal_year`` (int), sorted by entity then
        period end with a fresh index. ``status_label`` is never read: it marks
        companies, not years, and must never be a target or a feature.

    Raises
    ------
    InputError
        When the file is missing or lacks a required column.
    """
    from risk.features import panel_to_table

    table = panel_to_table(path, label=True)
    table.insert(3, "fiscal_year", table["period_end"].dt.year.astype("int64"))
    out = table.sort_values(["entity", "period_end"], kind="stable").reset_index(drop=True)
    out.attrs.pop("source", None)
    return out
