"""The logistic function and the normal CDF in numpy, the same to the last bit as SciPy's.

The published scores need two special functions: the logistic ``1 / (1 + exp(-x))``
(Ohlson's probability) and the standard normal CDF (Zmijewski's probit). SciPy's
``scipy.special.expit`` and ``ndtr`` take most of a second to import, longer than a
company's whole report; these give the same numbers, bit for bit, without it:

- :func:`expit` is ``1 / (1 + exp(-x))`` with the C library's ``exp`` (numpy's own
  vectorised ``exp`` rounds some values differently);
- :func:`ndtr` is the Cephes Math Library's ``ndtr`` (S. L. Moshier, the
  implementation SciPy uses): ``erf`` by a rational function on ``|x| <= 1``,
  ``erfc`` by rational functions of ``|x|`` (below and above 8) times ``exp(-x**2)``.

Both are elementwise; NaN gives NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["expit", "ndtr"]

_libm_exp = np.frompyfunc(math.exp, 1, 1)

# Cephes ndtr.c coefficients: erf on [0, 1] (T / U), erfc on [1, 8] (P / Q) and above 8 (R / S).
_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_U = (
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_Q = (
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_S = (
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
_MAXLOG = 7.09782712893383996843e2  # log of the largest double
_SQRTH = 0.70710678118654752440  # sqrt(2) / 2


def _exp(x: np.ndarray) -> np.ndarray:
    """``exp`` of each element with the C library's function (as SciPy's kernels call it).

    Above :data:`_MAXLOG` the result is infinite (Python's ``math.exp`` would raise).
    """
    if x.size == 0:
        return x.astype(np.float64)
    big = x > _MAXLOG
    out = np.asarray(_libm_exp(np.where(big, 0.0, x)), dtype=np.float64)
    out[big] = np.inf
    return out


def _polevl(x: np.ndarray, coef: Sequence[float]) -> np.ndarray:
    """``coef[0] x^n + ... + coef[n]`` by Horner's rule (Cephes ``polevl``)."""
    out = np.full_like(x, coef[0])
    for c in coef[1:]:
        out = out * x + c
    return out


def _p1evl(x: np.ndarray, coef: Sequence[float]) -> np.ndarray:
    """As :func:`_polevl` with a leading coefficient of 1 left out (Cephes ``p1evl``)."""
    out = x + coef[0]
    for c in coef[1:]:
        out = out * x + c
    return out


def _erf_inner(x: np.ndarray) -> np.ndarray:
    """``erf(x)`` for ``0 <= x <= 1``."""
    z = x * x
    result: np.ndarray = x * _polevl(z, _T) / _p1evl(z, _U)
    return result


def _erfc_outer(x: np.ndarray) -> np.ndarray:
    """``erfc(x)`` for ``x >= 1`` (0 where ``exp(-x**2)`` underflows)."""
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):
        square = x * x
        z = _exp(-square)
        near = x < 8.0
        p = np.where(near, _polevl(x, _P), _polevl(x, _R))
        q = np.where(near, _p1evl(x, _Q), _p1evl(x, _S))
        y = (z * p) / q
    y[-square < -_MAXLOG] = 0.0
    return y


def ndtr(values: np.ndarray) -> np.ndarray:
    """The standard normal CDF of each element (Cephes ``ndtr``, as ``scipy.special.ndtr``)."""
    a = np.asarray(values, dtype=np.float64)
    x = a * _SQRTH
    z = np.abs(x)
    out = np.full(a.shape, np.nan)
    inner = z < _SQRTH
    e = _erf_inner(z[inner])
    out[inner] = 0.5 + 0.5 * np.where(x[inner] < 0, -e, e)
    outer = ~inner & ~np.isnan(a)
    zo = z[outer]
    below_one = zo < 1.0
    y = np.empty_like(zo)
    y[below_one] = 1.0 - _erf_inner(zo[below_one])
    y[~below_one] = _erfc_outer(zo[~below_one])
    y = 0.5 * y
    out[outer] = np.where(x[outer] > 0, 1.0 - y, y)
    return out


def expit(values: np.ndarray) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-x))`` of each element (as ``scipy.special.expit``)."""
    a = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore"):
        e = _exp(-a)
    result: np.ndarray = 1.0 / (1.0 + e)
    return result
