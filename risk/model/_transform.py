"""The model's own features: ratios and year-over-year trends from raw line items.

Vectorised over a structured-input table (the financials.md layout: ``entity``,
``period_end``, ``months`` and line items in currency units). Only information
available at each fiscal year end is used; a trend needs the same entity's
fiscal year ending 9 to 15 months earlier (otherwise the trend is missing and
the model's ``no_prior_year`` term takes over).

The ratios whose definition is the same as in :func:`risk.features.feature_table`
(``re_ta``, ``ebit_ta``, ``ni_ta``, ``sales_ta``: a line item over positive total
assets, flows only on 12-month rows) are taken from it (:data:`SHARED_FEATURES`).
The others stay here because the model defines them differently: ``tl_ta`` falls
back on total assets minus equity when total liabilities are missing (feature_table
leaves it missing); ``wc_ta`` prefers current assets minus current liabilities to a
reported working capital (feature_table the reverse); trends use the previous
12-month row 9-15 months earlier (feature_table: same months, 365 +/- 20 days);
and the rest (size, market terms, EBITDA / TL, ...) are the model's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from risk.timelines import Columns, as_columns, entity_codes, n_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BOOK_FEATURES",
    "BOOK_INTERACTIONS",
    "BOOK_SIGNS",
    "FEATURE_SIGNS",
    "FEATURE_TEXT",
    "FULL_FEATURES",
    "MARKET_FEATURES",
    "MODEL_FEATURES",
    "REFUSALS",
    "SHARED_FEATURES",
    "V2_BOOK_FEATURES",
    "core_refusals",
    "model_feature_columns",
    "model_features",
    "prior_year_rows",
    "refusal_index",
]

#: The book-value features of model 2.0.0: the book part of the full submodel (and, in
#: 2.0.0, the whole book submodel).
V2_BOOK_FEATURES: tuple[str, ...] = (
    "wc_ta",
    "re_ta",
    "ebit_ta",
    "ni_ta",
    "tl_ta",
    "sales_ta",
    "log_ta",
    "ltd_ta",
    "cl_ca",
    "ebitda_tl",
    "neg_equity",
    "d_ni_ta",
    "d_tl_ta",
    "d_re_ta",
    "d_wc_ta",
    "d_ebit_ta",
    "sales_growth",
    "loss_two_years",
    "quick",
    "cl_ta",
)
#: Market features: need the market value of equity (this year and, for returns, earlier).
MARKET_FEATURES: tuple[str, ...] = (
    "log_mve",
    "mve_tl",
    "d_mve_tl",
    "mve_change",
    "mve_change_lag",
    "ni_mve",
    "mve_ta",
    "nimta_lag",
)
#: The full submodel's features (unchanged since 2.0.0).
FULL_FEATURES: tuple[str, ...] = V2_BOOK_FEATURES + MARKET_FEATURES

#: The book-value submodel's features (since 3.0.0, its own set): 2.0.0's book features
#: without revenue growth (no theory sign, and the walk-forward is better without it), with
#: size in real terms (Ohlson's CPI-deflated SIZE, stable over the years) instead of
#: nominal. Its pairwise terms are :data:`BOOK_INTERACTIONS`.
BOOK_FEATURES: tuple[str, ...] = (
    "wc_ta",
    "re_ta",
    "ebit_ta",
    "ni_ta",
    "tl_ta",
    "sales_ta",
    "ohlson_size",
    "ltd_ta",
    "cl_ca",
    "ebitda_tl",
    "neg_equity",
    "d_ni_ta",
    "d_tl_ta",
    "d_re_ta",
    "d_wc_ta",
    "d_ebit_ta",
    "loss_two_years",
    "quick",
    "cl_ta",
)
#: Every feature :func:`model_features` computes: the full submodel's, then the book
#: submodel's own.
MODEL_FEATURES: tuple[str, ...] = FULL_FEATURES + tuple(
    f for f in BOOK_FEATURES if f not in FULL_FEATURES
)

#: The book submodel's pairwise terms: (name, first feature, its direction, second
#: feature, its direction). Each term is the product of the two features' training ranks,
#: oriented so that it grows in the given direction, entered as a monotone rising curve.
#: In this panel a larger company in distress is more likely to file under Chapter 11
#: than a small one (which tends to delist), while a larger healthy company is not
#: riskier: size raises the risk only together with leverage or losses.
BOOK_INTERACTIONS: tuple[tuple[str, str, int, str, int], ...] = (
    ("size_x_leverage", "ohlson_size", 1, "tl_ta", 1),
    ("size_x_loss", "ohlson_size", 1, "ni_ta", -1),
)

#: The direction theory gives each feature: +1 raises the probability of failure, -1
#: lowers it, 0 unconstrained. The fitted coefficients are held to these signs.
FEATURE_SIGNS: dict[str, int] = {
    "wc_ta": -1,
    "re_ta": -1,
    "ebit_ta": -1,
    "ni_ta": -1,
    "tl_ta": 1,
    "sales_ta": -1,
    "log_ta": 0,
    "ltd_ta": 1,
    "cl_ca": 1,
    "ebitda_tl": -1,
    "neg_equity": 1,
    "d_ni_ta": -1,
    "d_tl_ta": 1,
    "d_re_ta": -1,
    "d_wc_ta": -1,
    "d_ebit_ta": -1,
    "sales_growth": 0,
    "loss_two_years": 1,
    "log_mve": -1,
    "mve_tl": -1,
    "d_mve_tl": -1,
    "mve_change": -1,
    "mve_change_lag": -1,
    "quick": -1,
    "cl_ta": 1,
    "ohlson_size": -1,
    "ni_mve": -1,
    "mve_ta": -1,
    "nimta_lag": -1,
}

#: Signs that hold in the book-value-only submodel on top of :data:`FEATURE_SIGNS`.
#: Without market value, size on its own can only lower the risk (Ohlson 1980: SIZE < 0);
#: since 3.0.0 the panel's positive conditional size effect enters the book submodel
#: through :data:`BOOK_INTERACTIONS` (size with leverage, size with losses) instead.
BOOK_SIGNS: dict[str, int] = {"log_ta": -1, "ohlson_size": -1}

#: Plain words for each feature (used by ``DistressModel.explain``).
FEATURE_TEXT: dict[str, str] = {
    "wc_ta": "working capital / total assets",
    "re_ta": "retained earnings / total assets",
    "ebit_ta": "operating income / total assets",
    "ni_ta": "net income / total assets",
    "tl_ta": "total liabilities / total assets",
    "sales_ta": "revenue / total assets",
    "log_ta": "size: log of total assets (USD millions)",
    "ltd_ta": "long-term debt / total assets",
    "cl_ca": "current liabilities / current assets",
    "ebitda_tl": "EBITDA / total liabilities",
    "neg_equity": "liabilities exceed assets (negative book equity)",
    "d_ni_ta": "change in net income / total assets over the year",
    "d_tl_ta": "change in total liabilities / total assets over the year",
    "d_re_ta": "change in retained earnings / total assets over the year",
    "d_wc_ta": "change in working capital / total assets over the year",
    "d_ebit_ta": "change in operating income / total assets over the year",
    "sales_growth": "revenue growth (signed log change)",
    "loss_two_years": "net loss in this and the prior year",
    "log_mve": "log of market value of equity (USD millions)",
    "mve_tl": "log of market value of equity / total liabilities",
    "d_mve_tl": "change in log market value of equity / total liabilities",
    "mve_change": "log change in market value of equity over the year",
    "mve_change_lag": "log change in market value of equity the year before",
    "quick": "quick ratio: (current assets - inventory) / current liabilities",
    "cl_ta": "current liabilities / total assets",
    "ohlson_size": "size: log of total assets in millions of 1968 dollars (CPI-deflated)",
    "size_x_leverage": "size (real) together with total liabilities / total assets",
    "size_x_loss": "size (real) together with losses (net income / total assets)",
    "ni_mve": "net income / market value of equity (earnings yield)",
    "mve_ta": "log of market value of equity / total assets",
    "nimta_lag": "net income / (market value of equity + total liabilities), the year before",
}

#: Features that are trends: missing on an entity's first year (or after a gap).
TREND_FEATURES: tuple[str, ...] = (
    "d_ni_ta",
    "d_tl_ta",
    "d_re_ta",
    "d_wc_ta",
    "d_ebit_ta",
    "sales_growth",
    "loss_two_years",
    "d_mve_tl",
    "mve_change",
    "mve_change_lag",
    "nimta_lag",
)

_MILLION = 1e6

#: Model features read from :func:`risk.features.feature_table` (same definition there).
SHARED_FEATURES: tuple[str, ...] = ("re_ta", "ebit_ta", "ni_ta", "sales_ta", "ohlson_size")

#: How many earlier annual rows of an entity are looked at for its prior fiscal year.
_MAX_ROWS_BACK = 4


def _col(columns: Columns, name: str) -> np.ndarray:
    if name in columns:
        return np.asarray(columns[name], dtype="float64")
    return np.full(n_rows(columns), np.nan)


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out: np.ndarray = a / b
    out[~np.isfinite(out)] = np.nan
    return out


def _slog(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.sign(x) * np.log1p(np.abs(x))
    return out


def _safe_log(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(np.where(x > 0, x, np.nan))
    return out


def model_features(frame: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compute the model's features for every annual row of a structured-input table.

    Parameters
    ----------
    frame : pandas.DataFrame
        The financials.md layout (as returned by :func:`risk.financials.read_table`):
        ``entity``, ``period_end`` (datetime64), ``months`` and any line items, in
        currency units. Rows with ``months`` other than 12 are ignored for trends but
        still get a row in the output (their flows are not annual, so the model should
        not score them; :func:`core_refusals` flags them).
    table : pandas.DataFrame, optional
        ``risk.features.feature_table(frame)`` when the caller already has it (same rows,
        same order); computed here otherwise. :data:`SHARED_FEATURES` come from it.

    Returns
    -------
    pandas.DataFrame
        One row per input row, same index, columns :data:`MODEL_FEATURES` (float64,
        NaN where an input is missing or a ratio is undefined).
    """
    import pandas as pd

    if table is not None and len(table) != len(frame):
        raise ValueError(
            f"table must have one row per row of frame ({len(frame)}); got {len(table)}"
        )
    out = model_feature_columns(as_columns(frame), None if table is None else as_columns(table))
    return pd.DataFrame(out, index=frame.index)


def model_feature_columns(
    columns: Columns, table: Columns | None = None, *, prior: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """:func:`model_features` on numpy columns (:data:`risk.timelines.Columns`), without pandas.

    Parameters
    ----------
    columns : mapping of str to numpy array
        The structured-input layout.
    table : mapping of str to numpy array, optional
        ``risk.features.feature_columns(columns)`` when the caller has it already.
    prior : numpy array of int, optional
        :func:`prior_year_rows` of ``columns`` when the caller has it already.

    Returns
    -------
    dict of str to numpy array
        :data:`MODEL_FEATURES`, in that order, one value per row.
    """
    if table is None:
        from risk.features import feature_columns

        table = feature_columns(columns)
    elif n_rows(table) != n_rows(columns):
        raise ValueError(
            f"table must have one row per row of frame ({n_rows(columns)}); got {n_rows(table)}"
        )
    frame = columns
    ta = _col(frame, "total_assets")
    ta = np.where(ta > 0, ta, np.nan)
    tl = _col(frame, "total_liabilities")
    equity = _col(frame, "stockholders_equity")
    tl = np.where(np.isnan(tl), ta - equity, tl)
    ca = _col(frame, "current_assets")
    cl = _col(frame, "current_liabilities")
    wc = np.where(np.isnan(ca) | np.isnan(cl), _col(frame, "working_capital"), ca - cl)
    ebit = _col(frame, "operating_income")
    ni = _col(frame, "net_income")
    rev = _col(frame, "revenue")
    ltd = _col(frame, "long_term_debt")
    ebitda = _col(frame, "ebitda")
    ebitda = np.where(np.isnan(ebitda), ebit + _col(frame, "depreciation_amortization"), ebitda)
    mve = _col(frame, "market_value_equity")
    mve = np.where(mve > 0, mve, np.nan)

    out: dict[str, np.ndarray] = {}
    for name in SHARED_FEATURES:
        out[name] = np.asarray(table[name], dtype="float64")
    out["wc_ta"] = _div(wc, ta)
    out["tl_ta"] = _div(tl, ta)
    out["log_ta"] = _safe_log(ta / _MILLION)
    out["ltd_ta"] = _div(ltd, ta)
    out["cl_ca"] = _div(cl, np.where(ca > 0, ca, np.nan))
    out["ebitda_tl"] = _div(ebitda, np.where(tl > 0, tl, np.nan))
    neg = np.where(np.isnan(out["tl_ta"]), np.nan, (out["tl_ta"] > 1.0).astype("float64"))
    out["neg_equity"] = neg
    out["log_mve"] = _safe_log(mve / _MILLION)
    out["mve_tl"] = _safe_log(_div(mve, np.where(tl > 0, tl, np.nan)))
    cl_pos = np.where(cl > 0, cl, np.nan)
    out["quick"] = _div(ca - _col(frame, "inventory"), cl_pos)
    out["cl_ta"] = _div(cl, ta)
    out["ni_mve"] = _div(ni, mve)
    out["mve_ta"] = _safe_log(_div(mve, ta))
    # Net income over the market value of assets (Campbell, Hilscher and Szilagyi 2008).
    nimta = _div(ni, np.where(tl >= 0, mve + tl, np.nan))

    prev = prior_year_rows(frame) if prior is None else prior
    has_prev = prev >= 0
    idx = np.where(has_prev, prev, 0)

    def lag(values: np.ndarray) -> np.ndarray:
        return np.where(has_prev, values[idx], np.nan)

    # Only annual rows have a prior row, and both are annual: feature_table's masking of
    # flows on non-annual rows does not reach the trends.
    for name in ("ni_ta", "tl_ta", "re_ta", "wc_ta", "ebit_ta", "mve_tl"):
        out["d_" + name] = out[name] - lag(out[name])
    out["sales_growth"] = _slog(rev / _MILLION) - lag(_slog(rev / _MILLION))
    both = ~np.isnan(ni) & ~np.isnan(lag(ni))
    out["loss_two_years"] = np.where(both, ((ni < 0) & (lag(ni) < 0)).astype("float64"), np.nan)
    log_mve = out["log_mve"]
    out["mve_change"] = log_mve - lag(log_mve)
    out["mve_change_lag"] = lag(out["mve_change"])
    out["nimta_lag"] = lag(nimta)
    return {name: out[name] for name in MODEL_FEATURES}


def prior_year_rows(frame: pd.DataFrame | Columns) -> np.ndarray:
    """For each row, the position of the same entity's prior fiscal year, or -1.

    Only 12-month rows have one: the entity's earlier 12-month row whose end is closest
    to a year back, within 270-460 days. In an annual panel that is the previous row; a
    trailing-twelve-month row at a quarter end (three months after the last fiscal
    year) reaches back to the fiscal year before (15 months). Without it the model's
    trends are missing and the row is scored like a newly listed company's.
    """
    columns = as_columns(frame)
    n = n_rows(columns)
    months = _col(columns, "months")
    annual = months == 12
    entity = entity_codes(columns) if "entity" in columns else np.zeros(n, dtype=np.int64)
    end = (
        np.asarray(columns["period_end"], dtype="datetime64[D]")
        if "period_end" in columns
        else np.zeros(n, dtype="datetime64[D]")
    )
    order = np.lexsort((end, entity))
    prev = np.full(n, -1, dtype=np.int64)
    annual_order = order[annual[order]]
    best_gap = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    for back in range(1, _MAX_ROWS_BACK + 1):
        if len(annual_order) <= back:
            break
        cur = annual_order[back:]
        before = annual_order[:-back]
        gap = (end[cur] - end[before]).astype("int64")
        same = (entity[cur] == entity[before]) & (gap >= 270) & (gap <= 460)
        closer = same & (np.abs(gap - 365) < best_gap[cur])
        prev[cur[closer]] = before[closer]
        best_gap[cur[closer]] = np.abs(gap - 365)[closer]
    return prev


#: Why a row cannot be scored: :func:`refusal_index` gives the position in this tuple
#: (0: it can be).
REFUSALS: tuple[str | None, ...] = (
    None,
    "not a fiscal-year row (the model needs months = 12)",
    "total_assets is missing or not positive",
    "no leverage measure: total_liabilities and stockholders_equity are missing",
    "no profitability measure: operating_income and net_income are missing",
)


def refusal_index(frame: pd.DataFrame | Columns) -> np.ndarray:
    """For each row, the index in :data:`REFUSALS` of why it cannot be scored (0: it can).

    A row is refused when it is not a 12-month period, when total assets are missing
    or not positive, when no leverage measure is available (total liabilities, or
    stockholders' equity to derive them), or when no profitability measure is
    available (operating income or net income); the first reason that applies is given.
    """
    columns = as_columns(frame)
    ta = _col(columns, "total_assets")
    tl = _col(columns, "total_liabilities")
    eq = _col(columns, "stockholders_equity")
    ebit = _col(columns, "operating_income")
    ni = _col(columns, "net_income")
    months = _col(columns, "months")
    with np.errstate(invalid="ignore"):
        conditions = [
            months != 12,
            ~(ta > 0),
            np.isnan(tl) & np.isnan(eq),
            np.isnan(ebit) & np.isnan(ni),
        ]
    index: np.ndarray = np.select(conditions, [1, 2, 3, 4], default=0)
    return index


def core_refusals(frame: pd.DataFrame | Columns) -> list[str | None]:
    """Why each row cannot be scored (:data:`REFUSALS`), or None when it can."""
    return [REFUSALS[i] for i in refusal_index(frame).tolist()]
