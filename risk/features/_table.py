"""The feature table: ratios, published scores and trends for many firm-periods at once.

Column operations only (numpy / pandas); no Python loop over rows. A missing input
(NaN) gives a NaN feature, never a number computed from a zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from risk.exceptions import InputError
from risk.features._scores import (
    altman_z,
    altman_z_double_prime,
    altman_z_prime,
    ohlson_o,
    ohlson_probability,
    ohlson_size,
    springate_s,
    taffler_z,
    zmijewski_probability,
    zmijewski_x,
)
from risk.policy import altman_z_or_prime
from risk.timelines import Columns, as_columns, entity_codes

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FEATURE_COLUMNS", "PRIOR_YEAR_TOLERANCE_DAYS", "feature_columns", "feature_table"]

Array = npt.NDArray[np.float64]

#: A prior period counts as "the previous fiscal year" when its end lies within this
#: many days of ``period_end`` minus 365 days (52/53-week years, leap days).
PRIOR_YEAR_TOLERANCE_DAYS = 20

#: The feature columns of :func:`feature_table`, in order (after entity, period_end, months).
FEATURE_COLUMNS: tuple[str, ...] = (
    # building blocks
    "working_capital",
    "book_equity",
    # Altman ratios: X1 wc_ta, X2 re_ta, X3 ebit_ta, X4 mve_tl (Z) / bve_tl (Z', Z''), X5 sales_ta
    "wc_ta",
    "re_ta",
    "ebit_ta",
    "mve_tl",
    "bve_tl",
    "sales_ta",
    "altman_z",
    "altman_z_prime",
    "altman_z_double_prime",
    "altman_z_or_prime",
    "altman_z_used_prime",
    # Ohlson, Zmijewski, Springate, Taffler
    "ohlson_size",
    "futl",
    "oeneg",
    "intwo",
    "chin",
    "ohlson_o",
    "ohlson_p",
    "zmijewski_x",
    "zmijewski_p",
    "pbt_cl",
    "springate_s",
    "ca_tl",
    "cl_ta",
    "no_credit_interval",
    "taffler_z",
    # leverage and liquidity
    "tl_ta",
    "equity_ta",
    "debt_to_equity",
    "equity_deficit",
    "current_ratio",
    "cl_ca",
    "cash_ta",
    "wc_revenue",
    "interest_coverage",
    # profitability
    "ni_ta",
    "loss",
    # trends against the previous fiscal year of the same entity
    "prior_year",
    "revenue_growth",
    "d_ni_ta",
    "d_tl_ta",
    "d_debt_to_equity",
)

_FLOWS = (
    "revenue",
    "operating_income",
    "net_income",
    "pretax_income",
    "depreciation_amortization",
    "interest_expense",
    "operating_cash_flow",
)
_BALANCES = (
    "cash",
    "inventory",
    "current_assets",
    "current_liabilities",
    "total_assets",
    "total_liabilities",
    "retained_earnings",
    "stockholders_equity",
    "working_capital",
    "market_value_equity",
)


def _div(num: Array, den: Array) -> Array:
    """num / den with NaN (never inf) where the denominator is zero or missing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    out[~np.isfinite(out)] = np.nan
    return out


def _flag(condition: npt.NDArray[np.bool_], *inputs: Array) -> Array:
    """1.0 where ``condition`` holds, 0.0 where not, NaN where any input is missing."""
    out = condition.astype(np.float64)
    for arr in inputs:
        out[np.isnan(arr)] = np.nan
    return out


def _prior_positions(
    codes: np.ndarray, months: np.ndarray, period_end: np.ndarray
) -> npt.NDArray[np.int64]:
    """Row position of the same entity's period 12 months earlier (same months), or -1.

    The earlier row whose end is nearest to 365 days back, within
    :data:`PRIOR_YEAR_TOLERANCE_DAYS`. Rows are sorted by entity, months and end, and each
    row looks back over the rows of its group (numpy only: a company's report scores a
    frame of a few rows, where a pandas join costs more than the features).
    """
    n = len(codes)
    out = np.full(n, -1, dtype=np.int64)
    if n < 2:
        return out
    ends = np.asarray(period_end, dtype="datetime64[D]").astype(np.int64)
    order = np.lexsort((ends, months.astype(np.int64), codes))
    e, m, d = codes[order], months.astype(np.int64)[order], ends[order]
    best = np.full(n, PRIOR_YEAR_TOLERANCE_DAYS + 1, dtype=np.int64)
    for back in range(1, n):
        cur, before = slice(back, None), slice(None, -back)
        same = (e[cur] == e[before]) & (m[cur] == m[before])
        gap = d[cur] - d[before]
        if not (same & (gap <= 365 + PRIOR_YEAR_TOLERANCE_DAYS)).any():
            break  # every row's group is already further back than a year
        miss = np.abs(gap - 365)
        closer = same & (miss < best[back:])
        rows = np.flatnonzero(closer) + back
        best[rows] = miss[closer]
        out[order[rows]] = order[rows - back]
    return out


def _take(values: Array, positions: npt.NDArray[np.int64]) -> Array:
    out = values[np.clip(positions, 0, None)] if len(values) else values.copy()
    out = out.astype(np.float64, copy=True)
    out[positions < 0] = np.nan
    return out


def feature_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Distress features for every row of a structured-input table.

    Parameters
    ----------
    frame : pandas.DataFrame
        The structured-input layout (as returned by :func:`risk.financials.read_table`
        or :meth:`risk.timelines.Timeline.to_frame`): ``entity``, ``period_end``,
        ``months`` and any financials.md line items in currency units (NaN = missing).
        Flows are used only on rows with ``months == 12``; other rows get NaN for every
        feature that needs a flow (a quarter is never annualised here).

    Returns
    -------
    pandas.DataFrame
        One row per input row, in the input order: ``entity``, ``period_end``,
        ``months`` and :data:`FEATURE_COLUMNS`. Definitions:

        - ``working_capital``: reported ``working_capital``, else current_assets -
          current_liabilities. ``book_equity``: ``stockholders_equity``, else
          total_assets - total_liabilities (which then includes minority interest).
          EBIT is ``operating_income``.
        - Altman ratios: ``wc_ta`` (X1), ``re_ta`` (X2), ``ebit_ta`` (X3), ``mve_tl``
          (X4 of Z), ``bve_tl`` (X4 of Z' and Z''), ``sales_ta`` (X5). Scores
          ``altman_z`` (1968), ``altman_z_prime`` (1983), ``altman_z_double_prime``
          (1995, without the +3.25 constant); ``altman_z_or_prime`` is Z, or Z' where
          the market value of equity is missing, and ``altman_z_used_prime`` is 1.0
          where it fell back.
        - Ohlson (1980): ``ohlson_size`` (ln of total assets in millions of 1968
          dollars, CPI-U deflated), ``futl`` (funds from operations / total liabilities,
          funds = net income + depreciation_amortization, else operating_cash_flow),
          ``oeneg`` (1 if TL > TA), ``intwo`` (1 if net income < 0 this and last year),
          ``chin`` (NaN when both years' net income is zero); ``ohlson_o`` and its
          logistic probability ``ohlson_p``.
        - Zmijewski (1984): ``zmijewski_x`` and its probit probability ``zmijewski_p``.
        - Springate (1978): ``springate_s`` with ``pbt_cl`` = pretax_income /
          current_liabilities. Taffler (1983): ``taffler_z`` from ``pbt_cl``, ``ca_tl``,
          ``cl_ta`` and ``no_credit_interval`` (days).
        - ``tl_ta``; ``equity_ta``; ``debt_to_equity`` = total_liabilities /
          book_equity, NaN when book equity <= 0, where ``equity_deficit`` = 1.0;
          ``current_ratio`` (CA/CL), ``cl_ca``, ``cash_ta``, ``wc_revenue`` (working
          capital / revenue), ``interest_coverage`` (EBIT / interest_expense, when the
          expense is positive), ``ni_ta``, ``loss`` (1 if net income < 0).
        - Trends against the same entity's row with the same ``months`` whose end is
          365 +/- 20 days earlier (``prior_year`` = 1.0 when found): ``revenue_growth``
          (revenue / prior revenue - 1, prior revenue > 0), ``d_ni_ta``, ``d_tl_ta``,
          ``d_debt_to_equity``.

        Flags are 1.0 / 0.0 and NaN where their inputs are missing. Ratios whose
        denominator is zero or missing, or whose total assets are not positive, are NaN.

    Raises
    ------
    InputError
        When ``entity``, ``period_end`` or ``months`` is missing.
    """
    import pandas as pd

    columns = feature_columns(as_columns(frame))
    columns["period_end"] = frame["period_end"].to_numpy()
    return pd.DataFrame(columns, index=frame.index)


def feature_columns(columns: Columns) -> dict[str, np.ndarray]:
    """:func:`feature_table` on numpy columns (:data:`risk.timelines.Columns`), without pandas.

    Parameters
    ----------
    columns : mapping of str to numpy array
        The structured-input layout (``entity``, ``period_end``, ``months`` and line
        items), e.g. from :func:`risk.timelines.columns_from_rows`.

    Returns
    -------
    dict of str to numpy array
        ``entity``, ``period_end``, ``months`` and :data:`FEATURE_COLUMNS`, as in
        :func:`feature_table`.

    Raises
    ------
    InputError
        When ``entity``, ``period_end`` or ``months`` is missing.
    """
    for column in ("entity", "period_end", "months"):
        if column not in columns:
            raise InputError(
                f"feature_table needs the column {column!r}; the frame has {list(columns)}"
            )
    entity = columns["entity"]
    period_end = np.asarray(columns["period_end"], dtype="datetime64[D]")
    months = np.asarray(columns["months"])
    n = len(entity)
    annual = months == 12
    nan = np.full(n, np.nan)

    def col(name: str) -> Array:
        if name not in columns:
            return nan.copy()
        return np.array(columns[name], dtype=np.float64)

    b = {name: col(name) for name in _BALANCES}
    f = {name: np.where(annual, col(name), np.nan) for name in _FLOWS}

    ta = np.where(b["total_assets"] > 0, b["total_assets"], np.nan)
    tl = b["total_liabilities"]
    ca, cl = b["current_assets"], b["current_liabilities"]
    wc = np.where(np.isnan(b["working_capital"]), ca - cl, b["working_capital"])
    equity = np.where(
        np.isnan(b["stockholders_equity"]), b["total_assets"] - tl, b["stockholders_equity"]
    )
    revenue, ebit, ni = f["revenue"], f["operating_income"], f["net_income"]
    pretax, da = f["pretax_income"], f["depreciation_amortization"]

    wc_ta = _div(wc, ta)
    re_ta = _div(b["retained_earnings"], ta)
    ebit_ta = _div(ebit, ta)
    mve_tl = _div(b["market_value_equity"], tl)
    bve_tl = _div(equity, tl)
    sales_ta = _div(revenue, ta)
    z = np.asarray(altman_z(wc_ta, re_ta, ebit_ta, mve_tl, sales_ta))
    z1 = np.asarray(altman_z_prime(wc_ta, re_ta, ebit_ta, bve_tl, sales_ta))
    z2 = np.asarray(altman_z_double_prime(wc_ta, re_ta, ebit_ta, bve_tl))
    z_or_prime, used_prime = altman_z_or_prime(z, z1)
    used_prime_flag = np.where(np.isnan(z_or_prime), np.nan, used_prime.astype(np.float64))

    tl_ta = _div(tl, ta)
    cl_ca = _div(cl, ca)
    ca_cl = _div(ca, cl)
    ni_ta = _div(ni, ta)
    ffo = np.where(np.isnan(ni + da), f["operating_cash_flow"], ni + da)
    futl = _div(ffo, tl)
    oeneg = _flag(tl > b["total_assets"], tl, b["total_assets"])
    years = (period_end.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.float64)
    size = np.asarray(ohlson_size(ta, years))

    equity_deficit = _flag(equity <= 0, equity)
    debt_to_equity = np.where(equity > 0, _div(tl, equity), np.nan)

    prior = _prior_positions(entity_codes(columns), months, period_end)
    has_prior = prior >= 0
    prev_ni = _take(ni, prior)
    prev_revenue = _take(revenue, prior)
    prev_ni_ta = _take(ni_ta, prior)
    prev_tl_ta = _take(tl_ta, prior)
    prev_de = _take(debt_to_equity, prior)

    intwo = _flag((ni < 0) & (prev_ni < 0), ni, prev_ni)
    chin = _div(ni - prev_ni, np.abs(ni) + np.abs(prev_ni))
    o = np.asarray(ohlson_o(size, tl_ta, wc_ta, cl_ca, oeneg, ni_ta, futl, intwo, chin))
    zx = np.asarray(zmijewski_x(ni_ta, tl_ta, ca_cl))

    pbt_cl = _div(pretax, cl)
    s = np.asarray(springate_s(wc_ta, ebit_ta, pbt_cl, sales_ta))
    ca_tl = _div(ca, tl)
    cl_ta = _div(cl, ta)
    daily_costs = (revenue - pretax - da) / 365.0
    daily_costs = np.where(daily_costs > 0, daily_costs, np.nan)
    nci = _div(ca - b["inventory"] - cl, daily_costs)
    tz = np.asarray(taffler_z(pbt_cl, ca_tl, cl_ta, nci))

    interest = f["interest_expense"]
    coverage = _div(ebit, np.where(interest > 0, interest, np.nan))
    wc_revenue = _div(wc, np.where(revenue > 0, revenue, np.nan))

    revenue_growth = _div(revenue, np.where(prev_revenue > 0, prev_revenue, np.nan)) - 1.0

    data: dict[str, np.ndarray] = {
        "entity": entity,
        "period_end": period_end,
        "months": months,
        "working_capital": wc,
        "book_equity": equity,
        "wc_ta": wc_ta,
        "re_ta": re_ta,
        "ebit_ta": ebit_ta,
        "mve_tl": mve_tl,
        "bve_tl": bve_tl,
        "sales_ta": sales_ta,
        "altman_z": z,
        "altman_z_prime": z1,
        "altman_z_double_prime": z2,
        "altman_z_or_prime": z_or_prime,
        "altman_z_used_prime": used_prime_flag,
        "ohlson_size": size,
        "futl": futl,
        "oeneg": oeneg,
        "intwo": intwo,
        "chin": chin,
        "ohlson_o": o,
        "ohlson_p": np.asarray(ohlson_probability(o)),
        "zmijewski_x": zx,
        "zmijewski_p": np.asarray(zmijewski_probability(zx)),
        "pbt_cl": pbt_cl,
        "springate_s": s,
        "ca_tl": ca_tl,
        "cl_ta": cl_ta,
        "no_credit_interval": nci,
        "taffler_z": tz,
        "tl_ta": tl_ta,
        "equity_ta": _div(equity, ta),
        "debt_to_equity": debt_to_equity,
        "equity_deficit": equity_deficit,
        "current_ratio": ca_cl,
        "cl_ca": cl_ca,
        "cash_ta": _div(b["cash"], ta),
        "wc_revenue": wc_revenue,
        "interest_coverage": coverage,
        "ni_ta": ni_ta,
        "loss": _flag(ni < 0, ni),
        "prior_year": has_prior.astype(np.float64),
        "revenue_growth": revenue_growth,
        "d_ni_ta": ni_ta - prev_ni_ta,
        "d_tl_ta": tl_ta - prev_tl_ta,
        "d_debt_to_equity": debt_to_equity - prev_de,
    }
    return data
