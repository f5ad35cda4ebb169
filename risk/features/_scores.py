"""Published distress scores as pure functions of ratios.

Every function works on Python floats and on numpy arrays alike (element-wise), and
returns a float for scalar input. A missing input (NaN) gives NaN: nothing is ever
computed from a zero standing in for a missing value. The coefficients, cut-offs and
references are data (``scores.json`` beside this module).
"""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import Field

from risk._rules import RuleModel, load_rule_file
from risk.features._special import expit, ndtr

__all__ = [
    "MERTON_SPEC",
    "PRICE_INDEX_YEARS",
    "SCORE_SPECS",
    "FloatOrArray",
    "MertonSpec",
    "ScoreName",
    "ScoreSpec",
    "Zone",
    "altman_z",
    "altman_z_double_prime",
    "altman_z_prime",
    "equity_volatility",
    "merton_debt",
    "naive_default_probability",
    "naive_distance_to_default",
    "ohlson_o",
    "ohlson_probability",
    "ohlson_size",
    "price_level_index",
    "score_zone",
    "springate_s",
    "taffler_z",
    "zmijewski_probability",
    "zmijewski_x",
]

FloatOrArray = float | npt.NDArray[np.float64]

_HERE = Path(__file__).parent


class ScoreName(StrEnum):
    """The published scores computed by `risk`."""

    ALTMAN_Z = "altman_z"
    ALTMAN_Z_PRIME = "altman_z_prime"
    ALTMAN_Z_DOUBLE_PRIME = "altman_z_double_prime"
    OHLSON_O = "ohlson_o"
    ZMIJEWSKI_X = "zmijewski_x"
    SPRINGATE_S = "springate_s"
    TAFFLER_Z = "taffler_z"


class Zone(StrEnum):
    """The zone a published score puts a company in."""

    SAFE = "safe"
    GREY = "grey"
    DISTRESS = "distress"


@dataclass(frozen=True)
class ScoreSpec:
    """Coefficients, cut-offs and reference of one published score (from ``scores.json``).

    Parameters
    ----------
    name : ScoreName
    title : str
    reference : str
        Authors, title, journal or publisher, year.
    intercept : float
    coefficients : dict of str to float
        Keyed by the ratio names the score function takes.
    higher_is_safer : bool
    distress_below, safe_above : float or None
        Cut-offs on the score (Altman, Springate, Taffler).
    probability : str or None
        ``"logistic"`` (Ohlson) or ``"probit"`` (Zmijewski).
    distress_probability_at_least, safe_probability_below : float or None
        Cut-offs on the probability (Ohlson, Zmijewski).
    inputs : tuple of str
        The line items (and concepts such as ``book_equity``) the score needs.
    """

    name: ScoreName
    title: str
    reference: str
    intercept: float
    coefficients: dict[str, float]
    higher_is_safer: bool
    distress_below: float | None = None
    safe_above: float | None = None
    probability: str | None = None
    distress_probability_at_least: float | None = None
    safe_probability_below: float | None = None
    inputs: tuple[str, ...] = ()

    def zones_text(self) -> str:
        """The zone cut-offs in words."""
        if self.probability is not None:
            return (
                f"safe if probability < {self.safe_probability_below}, distress if "
                f">= {self.distress_probability_at_least}"
                + (
                    ", grey in between"
                    if self.safe_probability_below != self.distress_probability_at_least
                    else ""
                )
            )
        if self.distress_below == self.safe_above:
            return f"distress if < {self.distress_below}, safe otherwise"
        return (
            f"distress if < {self.distress_below}, grey from {self.distress_below} to "
            f"{self.safe_above}, safe if > {self.safe_above}"
        )


class MertonSpec(RuleModel):
    """The constants of the naive Merton distance to default (``scores.json``).

    Bharath and Shumway (2008) replace Merton's iterated asset value and volatility by
    the market value of equity plus the face value of debt, and the debt's volatility by
    ``debt_volatility_intercept + debt_volatility_slope * sigma_E``.
    """

    title: str
    reference: str
    debt_volatility_intercept: float  # 0.05: the term-structure part of debt volatility
    debt_volatility_slope: float  # 0.25: the default-risk part, per unit of sigma_E
    long_term_debt_weight: float  # 0.5: F = short-term debt + 0.5 long-term debt
    horizon_years: float  # T = 1
    trading_days_per_year: int  # to annualise a daily volatility
    volatility_window_days: int  # sigma_E and the past return use this many days
    min_daily_returns: int  # fewer daily returns in the window: no volatility
    inputs: tuple[str, ...]


class _LinearSpec(RuleModel):
    """One published score as written in ``scores.json``."""

    title: str
    reference: str
    intercept: float
    coefficients: dict[str, float]
    higher_is_safer: bool
    distress_below: float | None = None
    safe_above: float | None = None
    probability: str | None = None
    distress_probability_at_least: float | None = None
    safe_probability_below: float | None = None
    inputs: tuple[str, ...] = ()


class _ScoresFile(RuleModel):
    """``scores.json``: one entry per :class:`ScoreName`, and the naive Merton constants."""

    altman_z: _LinearSpec
    altman_z_prime: _LinearSpec
    altman_z_double_prime: _LinearSpec
    ohlson_o: _LinearSpec
    zmijewski_x: _LinearSpec
    springate_s: _LinearSpec
    taffler_z: _LinearSpec
    merton_naive: MertonSpec


_SCORES = load_rule_file(_HERE / "scores.json", _ScoresFile)


def _load_specs() -> dict[ScoreName, ScoreSpec]:
    specs: dict[ScoreName, ScoreSpec] = {}
    for name in ScoreName:
        entry: _LinearSpec = getattr(_SCORES, name.value)
        specs[name] = ScoreSpec(name=name, **entry.model_dump())
    return specs


#: The published scores, keyed by name.
SCORE_SPECS: dict[ScoreName, ScoreSpec] = _load_specs()
#: The naive Merton model's constants and reference.
MERTON_SPEC: MertonSpec = _SCORES.merton_naive


def merton_debt(short_term_debt: FloatOrArray, long_term_debt: FloatOrArray) -> FloatOrArray:
    """Face value of debt of the Merton model: ``short-term debt + 0.5 long-term debt``.

    The default point of KMV and of Bharath and Shumway (2008): debt due within a year
    plus half of the longer-dated debt. Either input missing (NaN) gives NaN.

    Parameters
    ----------
    short_term_debt, long_term_debt : float or ndarray
        In currency units.
    """
    short = np.asarray(short_term_debt, dtype=np.float64)
    long = np.asarray(long_term_debt, dtype=np.float64)
    return _out(np.asarray(short + MERTON_SPEC.long_term_debt_weight * long))


def naive_distance_to_default(
    equity_value: FloatOrArray,
    debt: FloatOrArray,
    equity_volatility: FloatOrArray,
    equity_return: FloatOrArray,
    horizon_years: float | None = None,
) -> FloatOrArray:
    """Naive Merton distance to default (Bharath and Shumway 2008).

    ``sigma_D = 0.05 + 0.25 sigma_E``; ``sigma_V = E / (E + F) sigma_E + F / (E + F)
    sigma_D``; ``DD = (ln((E + F) / F) + (mu - sigma_V^2 / 2) T) / (sigma_V sqrt(T))``
    with E the market value of equity, F the face value of debt (:func:`merton_debt`),
    sigma_E the annualised equity volatility (:func:`equity_volatility`), mu the
    stock's return over the past year and T the horizon (one year). The probability of
    default is ``N(-DD)`` (:func:`naive_default_probability`).

    Reference: Bharath, S. T. and Shumway, T. (2008), "Forecasting Default with the
    Merton Distance to Default Model", Review of Financial Studies 21(3), 1339-1369;
    Merton, R. C. (1974), Journal of Finance 29(2), 449-470.

    Parameters
    ----------
    equity_value, debt : float or ndarray
        E and F, in the same currency units; E and F must be positive (else NaN).
    equity_volatility : float or ndarray
        sigma_E, annualised (0.4 for 40 %); must be positive (else NaN).
    equity_return : float or ndarray
        mu, the stock's simple return over the past year (0.1 for +10 %).
    horizon_years : float, optional
        T; default ``MERTON_SPEC.horizon_years`` (1).

    Returns
    -------
    float or ndarray
        NaN where an input is missing or out of its domain.
    """
    spec = MERTON_SPEC
    t = spec.horizon_years if horizon_years is None else float(horizon_years)
    e = np.asarray(equity_value, dtype=np.float64)
    f = np.asarray(debt, dtype=np.float64)
    sigma_e = np.asarray(equity_volatility, dtype=np.float64)
    mu = np.asarray(equity_return, dtype=np.float64)
    ok = (e > 0) & (f > 0) & (sigma_e > 0) & np.isfinite(mu) & (t > 0)
    e, f, sigma_e = _in_domain(ok, e, f, sigma_e)
    sigma_d = spec.debt_volatility_intercept + spec.debt_volatility_slope * sigma_e
    sigma_v = e / (e + f) * sigma_e + f / (e + f) * sigma_d
    dd = (np.log((e + f) / f) + (mu - 0.5 * sigma_v**2) * t) / (sigma_v * math.sqrt(t))
    return _nan_outside(ok, dd)


def naive_default_probability(distance_to_default: FloatOrArray) -> FloatOrArray:
    """Probability of default from a distance to default: ``N(-DD)``.

    Reference: Bharath and Shumway (2008), Review of Financial Studies 21(3), 1339-1369.
    """
    dd = np.asarray(distance_to_default, dtype=np.float64)
    return _out(np.asarray(ndtr(-dd), dtype=np.float64))


def equity_volatility(closes: npt.ArrayLike, trading_days: int | None = None) -> float:
    """Annualised equity volatility: the sample standard deviation of daily log returns
    times the square root of the trading days in a year.

    Parameters
    ----------
    closes : array-like of float
        Consecutive daily closing prices (or market capitalisations), oldest first.
    trading_days : int, optional
        Default ``MERTON_SPEC.trading_days_per_year`` (252).

    Returns
    -------
    float
        NaN when fewer than three closes are given or one is missing or not positive.
    """
    days = MERTON_SPEC.trading_days_per_year if trading_days is None else int(trading_days)
    prices = np.asarray(closes, dtype=np.float64)
    if prices.ndim != 1 or len(prices) < 3 or not bool(np.all(prices > 0)):
        return math.nan
    returns = np.diff(np.log(prices))
    return float(np.std(returns, ddof=1) * math.sqrt(days))


def _out(value: npt.NDArray[np.float64]) -> FloatOrArray:
    if value.ndim == 0:
        return float(value)
    return value


def _in_domain(
    ok: npt.NDArray[np.bool_], *inputs: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], ...]:
    """The inputs with 1.0 where ``ok`` is False: a formula then runs on the whole array
    without a warning, and :func:`_nan_outside` puts NaN back where an input was missing
    or out of the formula's domain (the one domain rule of the scores with a log)."""
    return tuple(np.where(ok, a, 1.0) for a in inputs)


def _nan_outside(ok: npt.NDArray[np.bool_], value: npt.NDArray[np.float64]) -> FloatOrArray:
    """``value`` where ``ok``, NaN elsewhere (a float for a 0-d result)."""
    return _out(np.asarray(np.where(ok, value, np.nan), dtype=np.float64))


def _linear(name: ScoreName, **ratios: FloatOrArray) -> FloatOrArray:
    spec = SCORE_SPECS[name]
    if set(ratios) != set(spec.coefficients):
        raise ValueError(f"{name.value} takes {sorted(spec.coefficients)}; got {sorted(ratios)}")
    total: npt.NDArray[np.float64] = np.asarray(spec.intercept, dtype=np.float64)
    for key, coef in spec.coefficients.items():
        total = total + coef * np.asarray(ratios[key], dtype=np.float64)
    return _out(total)


def altman_z(
    wc_ta: FloatOrArray,
    re_ta: FloatOrArray,
    ebit_ta: FloatOrArray,
    mve_tl: FloatOrArray,
    sales_ta: FloatOrArray,
) -> FloatOrArray:
    """Altman Z-score for public manufacturers.

    ``Z = 1.2 X1 + 1.4 X2 + 3.3 X3 + 0.6 X4 + 1.0 X5`` with X1 = working capital /
    total assets, X2 = retained earnings / total assets, X3 = EBIT / total assets,
    X4 = market value of equity / total liabilities, X5 = sales / total assets (decimals).
    Zones: distress below 1.81, grey 1.81-2.99, safe above 2.99.

    Reference: Altman, E. I. (1968), "Financial Ratios, Discriminant Analysis and the
    Prediction of Corporate Bankruptcy", Journal of Finance 23(4), 589-609.

    Parameters
    ----------
    wc_ta, re_ta, ebit_ta, mve_tl, sales_ta : float or ndarray
        The five ratios; NaN for a missing one gives NaN.

    Returns
    -------
    float or ndarray
    """
    return _linear(
        ScoreName.ALTMAN_Z,
        wc_ta=wc_ta,
        re_ta=re_ta,
        ebit_ta=ebit_ta,
        mve_tl=mve_tl,
        sales_ta=sales_ta,
    )


def altman_z_prime(
    wc_ta: FloatOrArray,
    re_ta: FloatOrArray,
    ebit_ta: FloatOrArray,
    bve_tl: FloatOrArray,
    sales_ta: FloatOrArray,
) -> FloatOrArray:
    """Altman Z'-score for private firms (book value of equity).

    ``Z' = 0.717 X1 + 0.847 X2 + 3.107 X3 + 0.420 X4' + 0.998 X5`` with X4' = book
    value of equity / total liabilities, other ratios as in :func:`altman_z`.
    Zones: distress below 1.23, grey 1.23-2.90, safe above 2.90.

    Reference: Altman, E. I. (1983), Corporate Financial Distress, Wiley, New York;
    restated in Altman (2000), "Predicting Financial Distress of Companies: Revisiting
    the Z-Score and ZETA Models", NYU Stern working paper.
    """
    return _linear(
        ScoreName.ALTMAN_Z_PRIME,
        wc_ta=wc_ta,
        re_ta=re_ta,
        ebit_ta=ebit_ta,
        bve_tl=bve_tl,
        sales_ta=sales_ta,
    )


def altman_z_double_prime(
    wc_ta: FloatOrArray,
    re_ta: FloatOrArray,
    ebit_ta: FloatOrArray,
    bve_tl: FloatOrArray,
) -> FloatOrArray:
    """Altman Z''-score for non-manufacturers (four variables, no sales/assets term).

    ``Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4'`` -- the version WITHOUT the
    +3.25 constant of the emerging-market score. Zones: distress below 1.10, grey
    1.10-2.60, safe above 2.60.

    Reference: Altman, E. I., Hartzell, J. and Peck, M. (1995), "Emerging Markets
    Corporate Bonds: A Scoring System", Salomon Brothers; Altman (2000), NYU Stern.
    """
    return _linear(
        ScoreName.ALTMAN_Z_DOUBLE_PRIME, wc_ta=wc_ta, re_ta=re_ta, ebit_ta=ebit_ta, bve_tl=bve_tl
    )


def ohlson_o(
    size: FloatOrArray,
    tl_ta: FloatOrArray,
    wc_ta: FloatOrArray,
    cl_ca: FloatOrArray,
    oeneg: FloatOrArray,
    ni_ta: FloatOrArray,
    futl: FloatOrArray,
    intwo: FloatOrArray,
    chin: FloatOrArray,
) -> FloatOrArray:
    """Ohlson O-score (model 1, failure within one year).

    ``O = -1.32 - 0.407 SIZE + 6.03 TLTA - 1.43 WCTA + 0.0757 CLCA - 1.72 OENEG
    - 2.37 NITA - 1.83 FUTL + 0.285 INTWO - 0.521 CHIN``; the probability of failure is
    ``1 / (1 + exp(-O))`` (:func:`ohlson_probability`).

    SIZE = log(total assets / price-level index), see :func:`ohlson_size`; OENEG = 1
    when total liabilities exceed total assets; FUTL = funds from operations / total
    liabilities; INTWO = 1 when net income was negative in each of the last two years;
    CHIN = (NI_t - NI_t-1) / (|NI_t| + |NI_t-1|).

    Reference: Ohlson, J. A. (1980), "Financial Ratios and the Probabilistic Prediction
    of Bankruptcy", Journal of Accounting Research 18(1), 109-131 (model 1).
    """
    return _linear(
        ScoreName.OHLSON_O,
        size=size,
        tl_ta=tl_ta,
        wc_ta=wc_ta,
        cl_ca=cl_ca,
        oeneg=oeneg,
        ni_ta=ni_ta,
        futl=futl,
        intwo=intwo,
        chin=chin,
    )


def ohlson_probability(o_score: FloatOrArray) -> FloatOrArray:
    """Probability of failure from an Ohlson O-score: the logistic ``1 / (1 + exp(-O))``.

    Reference: Ohlson (1980), Journal of Accounting Research 18(1), 109-131.
    """
    return _out(np.asarray(expit(np.asarray(o_score, dtype=np.float64)), dtype=np.float64))


def zmijewski_x(ni_ta: FloatOrArray, tl_ta: FloatOrArray, ca_cl: FloatOrArray) -> FloatOrArray:
    """Zmijewski X-score (probit index).

    ``X = -4.336 - 4.513 NI/TA + 5.679 TL/TA + 0.004 CA/CL``; the probability of
    distress is the standard normal CDF of X (:func:`zmijewski_probability`).

    Reference: Zmijewski, M. E. (1984), "Methodological Issues Related to the Estimation
    of Financial Distress Prediction Models", Journal of Accounting Research 22
    (Supplement), 59-82.
    """
    return _linear(ScoreName.ZMIJEWSKI_X, ni_ta=ni_ta, tl_ta=tl_ta, ca_cl=ca_cl)


def zmijewski_probability(x_score: FloatOrArray) -> FloatOrArray:
    """Probability of distress from a Zmijewski X-score: the normal CDF (probit).

    Reference: Zmijewski (1984), Journal of Accounting Research 22 (Supplement), 59-82.
    """
    return _out(np.asarray(ndtr(np.asarray(x_score, dtype=np.float64)), dtype=np.float64))


def springate_s(
    wc_ta: FloatOrArray, ebit_ta: FloatOrArray, ebt_cl: FloatOrArray, sales_ta: FloatOrArray
) -> FloatOrArray:
    """Springate S-score.

    ``S = 1.03 A + 3.07 B + 0.66 C + 0.4 D`` with A = working capital / total assets,
    B = EBIT / total assets, C = earnings before tax / current liabilities,
    D = sales / total assets. A firm with S < 0.862 is classed as failing.

    Reference: Springate, G. L. V. (1978), "Predicting the Possibility of Failure in a
    Canadian Firm", unpublished MBA research project, Simon Fraser University.
    """
    return _linear(
        ScoreName.SPRINGATE_S, wc_ta=wc_ta, ebit_ta=ebit_ta, ebt_cl=ebt_cl, sales_ta=sales_ta
    )


def taffler_z(
    pbt_cl: FloatOrArray,
    ca_tl: FloatOrArray,
    cl_ta: FloatOrArray,
    no_credit_interval: FloatOrArray,
) -> FloatOrArray:
    """Taffler z-score (UK listed manufacturers).

    ``z = 3.20 + 12.18 X1 + 2.50 X2 - 10.68 X3 + 0.029 X4`` with X1 = profit before tax
    / current liabilities, X2 = current assets / total liabilities, X3 = current
    liabilities / total assets, X4 = no-credit interval in days = (current assets -
    inventory - current liabilities) / ((sales - profit before tax - depreciation) / 365).
    A negative z is the at-risk zone.

    Reference: Taffler, R. J. (1983), "The Assessment of Company Solvency and Performance
    Using a Statistical Model", Accounting and Business Research 13(52), 295-308;
    coefficients as restated by Agarwal, V. and Taffler, R. J. (2007), "Twenty-five Years
    of the Taffler Z-score Model", Accounting and Business Research 37(4), 285-300.
    """
    return _linear(
        ScoreName.TAFFLER_Z,
        pbt_cl=pbt_cl,
        ca_tl=ca_tl,
        cl_ta=cl_ta,
        no_credit_interval=no_credit_interval,
    )


class _PriceIndexFile(RuleModel):
    base_year: int
    index: dict[int, float] = Field(min_length=1)


def _load_index() -> tuple[int, npt.NDArray[np.float64]]:
    raw = load_rule_file(_HERE / "price_index.json", _PriceIndexFile)
    index = raw.index
    first, last = min(index), max(index)
    values = np.array([index[y] for y in range(first, last + 1)], dtype=np.float64)
    base = index[raw.base_year]
    return first, values / base


_INDEX_FIRST, _INDEX = _load_index()
#: Years covered by the price-level table (outside: the nearest year is used).
PRICE_INDEX_YEARS: tuple[int, int] = (_INDEX_FIRST, _INDEX_FIRST + len(_INDEX) - 1)


def price_level_index(year: FloatOrArray) -> FloatOrArray:
    """The price level of ``year`` relative to 1968 (US CPI-U annual average, 1968 = 1.0).

    Years outside the table (``PRICE_INDEX_YEARS``) take the nearest year's value.
    NaN years give NaN.
    """
    years = np.asarray(year, dtype=np.float64)
    missing = np.isnan(years)
    pos = np.clip(np.where(missing, _INDEX_FIRST, years) - _INDEX_FIRST, 0, len(_INDEX) - 1)
    out = np.where(missing, np.nan, _INDEX[pos.astype(np.int64)])
    return _out(np.asarray(out, dtype=np.float64))


def ohlson_size(total_assets: FloatOrArray, year: FloatOrArray) -> FloatOrArray:
    """Ohlson's SIZE: ``ln(total assets in millions of 1968 dollars)``.

    Ohlson (1980) defines SIZE = log(total assets / GNP price-level index, 1968 = 100).
    This library measures total assets in millions of dollars and deflates by the US
    CPI-U re-based to 1968 = 1.0 (``price_index.json``), a documented substitution for
    the GNP deflator; the natural logarithm is used. Non-positive assets give NaN.
    Published replications differ in this scaling (dollars, thousands or millions); a
    different scale shifts the O-score by a constant (-0.407 ln c), which moves the
    probability level but not the ranking of firms.

    Parameters
    ----------
    total_assets : float or ndarray
        In currency units (dollars).
    year : float or ndarray
        The calendar year of the balance sheet date.
    """
    assets = np.asarray(total_assets, dtype=np.float64)
    level = np.asarray(price_level_index(year), dtype=np.float64)
    real = assets / 1e6 / level
    ok = real > 0
    (real,) = _in_domain(ok, real)
    return _nan_outside(ok, np.log(real))


def score_zone(
    name: ScoreName | str, value: float | None, probability: float | None = None
) -> Zone | None:
    """The zone of a score value (None when the value is missing).

    For Ohlson and Zmijewski the zone is read from the probability (computed from
    ``value`` when not given); for the others from the score and its cut-offs.
    """
    spec = SCORE_SPECS[ScoreName(name)]
    if value is None or not math.isfinite(value):
        return None
    if spec.probability is not None:
        if probability is None:
            probability = float(
                ohlson_probability(value)
                if spec.probability == "logistic"
                else zmijewski_probability(value)
            )
        assert spec.distress_probability_at_least is not None
        assert spec.safe_probability_below is not None
        if probability >= spec.distress_probability_at_least:
            return Zone.DISTRESS
        if probability < spec.safe_probability_below:
            return Zone.SAFE
        return Zone.GREY
    assert spec.distress_below is not None and spec.safe_above is not None
    if value < spec.distress_below:
        return Zone.DISTRESS
    if value > spec.safe_above or (spec.safe_above == spec.distress_below):
        return Zone.SAFE
    return Zone.GREY
