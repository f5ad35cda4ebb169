"""``SubModel``: one fitted logistic submodel of the distress model, as plain numbers.

Numpy only: the scoring path (:mod:`risk.model._predict`) and the estimator
(:class:`risk.model.DistressModel`, which fits it) share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

__all__ = ["GEMV_ROWS", "SubModel"]

#: Rows per matrix-vector product: BLAS runs blocks this small on one thread (its threads
#: cost more than they give on a busy machine) and, as the block is a multiple of 4,
#: rounds each row's sum exactly as in one product over all the rows.
GEMV_ROWS = 2048


@dataclass(frozen=True)
class SubModel:
    """One fitted logistic submodel: its transforms and coefficients (all plain numbers).

    ``knots[j]`` are the increasing knots of ``columns[j]`` (its values are clipped to
    the first and last); the design has one ramp column per pair of consecutive knots,
    feature by feature, then one column per missing indicator.
    """

    columns: tuple[str, ...]
    knots: tuple[tuple[float, ...], ...]
    median: tuple[float, ...]
    indicators: tuple[str, ...]  # columns whose missingness has its own term
    mean: tuple[float, ...]  # of the design columns (ramps then indicators)
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    calibration: tuple[float, float]  # a, b: calibrated logit = a + b * raw logit

    def __post_init__(self) -> None:
        if len(self.knots) != len(self.columns) or len(self.median) != len(self.columns):
            raise ValueError(
                f"SubModel: knots ({len(self.knots)}) and median ({len(self.median)}) must "
                f"have one entry per column ({len(self.columns)})"
            )
        for name, kn in zip(self.columns, self.knots, strict=True):
            if not kn or any(b <= a for a, b in pairwise(kn)):
                raise ValueError(
                    f"SubModel: the knots of {name!r} must be strictly increasing; got {kn!r}"
                )
        width = self.n_ramps + len(self.indicators)
        for field in ("mean", "scale", "coef"):
            if len(getattr(self, field)) != width:
                raise ValueError(
                    f"SubModel: {field} must have {width} entries (ramps and indicators); "
                    f"got {len(getattr(self, field))}"
                )

    @property
    def n_ramps(self) -> int:
        """Number of ramp columns in the design (all features)."""
        return sum(len(kn) - 1 for kn in self.knots)

    def feature_of_column(self) -> list[int]:
        """For each design column, the index of its feature in :attr:`columns`."""
        owner = [j for j, kn in enumerate(self.knots) for _ in range(len(kn) - 1)]
        pos = {c: i for i, c in enumerate(self.columns)}
        return owner + [pos[c] for c in self.indicators]

    def slopes(self, name: str) -> tuple[float, ...]:
        """The coefficients of feature ``name``'s ramp columns, lowest segment first."""
        j = self.columns.index(name)
        owner = self.feature_of_column()[: self.n_ramps]
        return tuple(c for c, o in zip(self.coef, owner, strict=False) if o == j)

    def design(self, values: np.ndarray) -> np.ndarray:
        """Standardised design matrix for ``values`` (n, len(columns)) in column order.

        Each ramp column is ``clip(x, a, b) - a`` for a pair of consecutive knots
        ``a < b`` (the missing values of ``x`` filled with its training median), each
        indicator column 1.0 where the feature is missing; then every column minus its
        training mean, divided by its scale. Built in place in one C-ordered array (the
        order the coefficients are applied in).
        """
        missing = np.isnan(values)
        filled = np.where(missing, np.asarray(self.median), values)
        raw = np.empty((values.shape[0], len(self.mean)))
        k = 0
        for j, kn in enumerate(self.knots):
            x = filled[:, j]
            for a, b in pairwise(kn):
                np.subtract(np.clip(x, a, b), a, out=raw[:, k])
                k += 1
        pos = {c: i for i, c in enumerate(self.columns)}
        for c in self.indicators:
            raw[:, k] = missing[:, pos[c]]
            k += 1
        raw -= np.asarray(self.mean)
        raw /= np.asarray(self.scale)
        return raw

    def raw_logit(self, values: np.ndarray) -> np.ndarray:
        """Uncalibrated log-odds."""
        design = self.design(values)
        coef = np.asarray(self.coef)
        out = np.empty(design.shape[0])
        for start in range(0, design.shape[0], GEMV_ROWS):
            out[start : start + GEMV_ROWS] = design[start : start + GEMV_ROWS] @ coef
        return out + self.intercept

    def logit(self, values: np.ndarray) -> np.ndarray:
        """Calibrated log-odds of failure within 12 months."""
        a, b = self.calibration
        return a + b * self.raw_logit(values)

    def curve_range(self) -> dict[str, float]:
        """Per feature: the change in raw log-odds from its lowest knot to its highest.

        Positive when the curve rises (a higher value raises the risk); its absolute
        size is how much the feature can move the score within its training range.
        """
        coef = np.asarray(self.coef)
        scale = np.asarray(self.scale)
        out: dict[str, float] = {}
        i = 0
        for name, kn in zip(self.columns, self.knots, strict=True):
            total = 0.0
            for a, b in pairwise(kn):
                total += float(coef[i] * (b - a) / scale[i])
                i += 1
            out[name] = total
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able representation."""
        return {
            "columns": list(self.columns),
            "knots": [list(kn) for kn in self.knots],
            "impute_median": list(self.median),
            "missing_indicators": list(self.indicators),
            "standardise_mean": list(self.mean),
            "standardise_scale": list(self.scale),
            "coefficients": list(self.coef),
            "intercept": self.intercept,
            "calibration": {"a": self.calibration[0], "b": self.calibration[1]},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SubModel:
        """Inverse of :meth:`to_dict`."""
        cal = data["calibration"]
        return cls(
            columns=tuple(str(c) for c in data["columns"]),
            knots=tuple(tuple(float(v) for v in kn) for kn in data["knots"]),
            median=tuple(float(v) for v in data["impute_median"]),
            indicators=tuple(str(c) for c in data["missing_indicators"]),
            mean=tuple(float(v) for v in data["standardise_mean"]),
            scale=tuple(float(v) for v in data["standardise_scale"]),
            coef=tuple(float(v) for v in data["coefficients"]),
            intercept=float(data["intercept"]),
            calibration=(float(cal["a"]), float(cal["b"])),
        )
