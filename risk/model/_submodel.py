"""``SubModel``: one fitted logistic submodel of the distress model, as plain numbers.

Numpy only: the scoring path (:mod:`risk.model._predict`) and the estimator
(:class:`risk.model.DistressModel`, which fits it) share it. A submodel's terms are its
features, then its pairwise terms (:class:`Interaction`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

import numpy as np

__all__ = ["BLOCK_ROWS", "RANK_LEVELS", "Interaction", "SubModel", "interp", "rank_grid"]

#: Rows per step of :meth:`SubModel.raw_logit`: its working arrays (terms x rows, about
#: 6 MB for 28 terms) are reused block after block, and each numpy call runs over this
#: many rows (shorter blocks spend more in the calls, longer ones leave the cache; 8192
#: was the fastest of 1024-32768 on the panel). Any size gives the same bits: every
#: step is element-wise.
BLOCK_ROWS = 8192

#: Rows per step of the design's element-wise arithmetic (:meth:`SubModel.design`): the
#: block and the constants it is compared with stay in a core's L2 cache.
TILE_ROWS = 64

#: Quantile levels of the rank grids of an :class:`Interaction` (percentiles).
RANK_LEVELS: tuple[float, ...] = tuple(i / 100 for i in range(101))


def interp(x: np.ndarray, xp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """``np.interp(x, xp, fp)`` (``xp`` strictly increasing, no NaN in ``x``), each value
    computed on its own: the same bits however many values are passed at once.

    ``np.interp`` computes its slopes one way for fewer values than ``xp`` has points
    and another way (times a reciprocal) for more, so a value's last bit depended on
    how many rows were scored with it. This is its first way, for every value:
    ``slope * (x - xp[j]) + fp[j]`` with ``slope = (fp[j + 1] - fp[j]) / (xp[j + 1] -
    xp[j])``, ``fp[0]`` at or below ``xp[0]`` and ``fp[-1]`` at or above ``xp[-1]``.
    """
    x = np.asarray(x, dtype="float64")
    j = np.searchsorted(xp, x, side="right") - 1
    np.clip(j, 0, max(len(xp) - 2, 0), out=j)
    if len(xp) < 2:
        return np.full(x.shape, fp[0])
    slopes = np.diff(fp) / np.diff(xp)
    out: np.ndarray = slopes.take(j) * (x - xp.take(j)) + fp.take(j)
    out[x <= xp[0]] = fp[0]
    out[x >= xp[-1]] = fp[-1]
    return out


def rank_grid(values: np.ndarray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Training percentiles of ``values`` (no NaN) and their ranks, ties merged.

    A value shared by several percentiles (a spike, e.g. many zeros) gets the mean of
    their ranks, so the grid is strictly increasing and the rank of the spike is its
    middle.
    """
    levels = np.asarray(RANK_LEVELS)
    grid = np.quantile(values, levels)
    unique, inverse = np.unique(grid, return_inverse=True)
    ranks = np.bincount(inverse, weights=levels) / np.bincount(inverse)
    return tuple(float(v) for v in unique), tuple(float(r) for r in ranks)


@dataclass(frozen=True)
class Interaction:
    """A pairwise term: the product of two features' training ranks.

    Each rank is read off the feature's training percentiles (linear in between, held
    at the end ranks outside them) and turned round when its direction is -1, so the
    term grows when either feature moves in its direction and is 0 when either sits at
    the far end of the other direction. The submodel enters the term as a curve held
    rising: it can only add risk where both features point to it.
    """

    name: str
    first: str
    first_direction: int  # +1: the term grows with the feature; -1: as it falls
    first_grid: tuple[float, ...]  # strictly increasing training percentiles
    first_ranks: tuple[float, ...]  # their ranks in [0, 1]
    second: str
    second_direction: int
    second_grid: tuple[float, ...]
    second_ranks: tuple[float, ...]

    def __post_init__(self) -> None:
        for which in ("first", "second"):
            grid, ranks = getattr(self, f"{which}_grid"), getattr(self, f"{which}_ranks")
            if not grid or len(grid) != len(ranks) or any(b <= a for a, b in pairwise(grid)):
                raise ValueError(
                    f"Interaction {self.name!r}: {which}_grid must be strictly increasing "
                    f"with one rank per value; got {len(grid)} values, {len(ranks)} ranks"
                )
            if getattr(self, f"{which}_direction") not in (-1, 1):
                raise ValueError(
                    f"Interaction {self.name!r}: {which}_direction must be 1 or -1; "
                    f"got {getattr(self, f'{which}_direction')!r}"
                )

    def values(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The term for arrays of the two features (no NaN: impute first)."""
        term: np.ndarray = self._rank(
            first, self.first_grid, self.first_ranks, self.first_direction
        ) * (self._rank(second, self.second_grid, self.second_ranks, self.second_direction))
        return term

    @staticmethod
    def _rank(
        x: np.ndarray, grid: tuple[float, ...], ranks: tuple[float, ...], direction: int
    ) -> np.ndarray:
        r = interp(x, np.asarray(grid), np.asarray(ranks))
        return r if direction > 0 else 1.0 - r

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able representation."""
        return {
            "name": self.name,
            "first": self.first,
            "first_direction": self.first_direction,
            "first_grid": list(self.first_grid),
            "first_ranks": list(self.first_ranks),
            "second": self.second,
            "second_direction": self.second_direction,
            "second_grid": list(self.second_grid),
            "second_ranks": list(self.second_ranks),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Interaction:
        """Inverse of :meth:`to_dict`."""
        return cls(
            name=str(data["name"]),
            first=str(data["first"]),
            first_direction=int(data["first_direction"]),
            first_grid=tuple(float(v) for v in data["first_grid"]),
            first_ranks=tuple(float(v) for v in data["first_ranks"]),
            second=str(data["second"]),
            second_direction=int(data["second_direction"]),
            second_grid=tuple(float(v) for v in data["second_grid"]),
            second_ranks=tuple(float(v) for v in data["second_ranks"]),
        )


@dataclass(frozen=True)
class _Layout:
    """A submodel's design constants as arrays, one entry per design column."""

    source: np.ndarray  # per design column, its column of [terms, missing indicators]
    low: np.ndarray  # clip bounds
    high: np.ndarray
    shift: np.ndarray  # subtracted after clipping: the lower knot (0 for an indicator)
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray


@dataclass(frozen=True)
class _Pieces:
    """A submodel's log-odds as lines between knots (:meth:`SubModel.raw_logit`).

    Term j's ramp columns times their coefficients, ``sum_i w_i * (clip(t, k_i,
    k_i+1) - k_i)`` with ``w_i = coef / scale``, is on the segment ``k_i <= t <=
    k_i+1`` the line ``level + w_i * t`` (the ramps below it full, those above it
    empty), for ``t`` clipped to the first and last knots. Terms have up to ``width``
    segments; a shorter term's extra inner knots are +inf (never reached). The
    standardising means, the intercept and the indicators' means are folded into one
    constant.
    """

    constant: float  # intercept - sum of w * mean over the design columns
    first: np.ndarray  # (terms, 1): each term's first knot
    last: np.ndarray  # (terms, 1): its last knot
    inner: np.ndarray  # (width - 1, terms, 1): its inner knots (+inf past its own)
    offset: np.ndarray  # (terms, 1): where its segments start in level and slope
    level: np.ndarray  # (terms * width,): per segment
    slope: np.ndarray  # likewise
    indicators: tuple[tuple[int, float], ...]  # (column, w) per missing indicator
    median: np.ndarray  # (columns, 1): imputed for a missing value


@dataclass(frozen=True)
class _Work:
    """Working arrays of :meth:`SubModel.raw_logit`, terms x rows, reused block after block."""

    terms: np.ndarray
    product: np.ndarray
    count: np.ndarray  # uint8
    above: np.ndarray  # bool
    index: np.ndarray  # intp


@dataclass(frozen=True)
class SubModel:
    """One fitted logistic submodel: its transforms and coefficients (all plain numbers).

    The terms are the features (``columns``) then the pairwise ``interactions``;
    ``knots[j]`` are the increasing knots of term j (its values are clipped to the
    first and last). The design has one ramp column per pair of consecutive knots,
    term by term, then one column per missing indicator.
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
    interactions: tuple[Interaction, ...] = ()

    def __post_init__(self) -> None:
        terms = self.terms
        if len(self.knots) != len(terms) or len(self.median) != len(self.columns):
            raise ValueError(
                f"SubModel: knots ({len(self.knots)}) must have one entry per term "
                f"({len(terms)}) and median ({len(self.median)}) one per column "
                f"({len(self.columns)})"
            )
        for name, kn in zip(terms, self.knots, strict=True):
            if not kn or any(b <= a for a, b in pairwise(kn)):
                raise ValueError(
                    f"SubModel: the knots of {name!r} must be strictly increasing; got {kn!r}"
                )
        for it in self.interactions:
            if it.first not in self.columns or it.second not in self.columns:
                raise ValueError(
                    f"SubModel: interaction {it.name!r} needs the columns {it.first!r} and "
                    f"{it.second!r}; the submodel has {list(self.columns)}"
                )
        width = self.n_ramps + len(self.indicators)
        for field in ("mean", "scale", "coef"):
            if len(getattr(self, field)) != width:
                raise ValueError(
                    f"SubModel: {field} must have {width} entries (ramps and indicators); "
                    f"got {len(getattr(self, field))}"
                )

    @property
    def terms(self) -> tuple[str, ...]:
        """The features, then the names of the pairwise terms."""
        return self.columns + tuple(it.name for it in self.interactions)

    @property
    def n_ramps(self) -> int:
        """Number of ramp columns in the design (all terms)."""
        return sum(len(kn) - 1 for kn in self.knots)

    def term_of_column(self) -> list[int]:
        """For each design column, the index of its term in :attr:`terms` (an indicator
        belongs to its feature)."""
        owner = [j for j, kn in enumerate(self.knots) for _ in range(len(kn) - 1)]
        pos = {c: i for i, c in enumerate(self.columns)}
        return owner + [pos[c] for c in self.indicators]

    def slopes(self, name: str) -> tuple[float, ...]:
        """The coefficients of term ``name``'s ramp columns, lowest segment first."""
        j = self.terms.index(name)
        owner = self.term_of_column()[: self.n_ramps]
        return tuple(c for c, o in zip(self.coef, owner, strict=False) if o == j)

    def term_values(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The terms (n, len(terms)) for ``values`` (n, len(columns)), NaN imputed at the
        training medians, and the mask of missing inputs (n, len(columns))."""
        missing = np.isnan(values)
        filled = np.where(missing, np.asarray(self.median), values)
        pos = {c: i for i, c in enumerate(self.columns)}
        extra = [
            it.values(filled[:, pos[it.first]], filled[:, pos[it.second]])[:, None]
            for it in self.interactions
        ]
        return np.hstack([filled, *extra]), missing

    @cached_property
    def _layout(self) -> _Layout:
        """The design's per-column constants, as arrays (computed once per submodel)."""
        ramps = [(j, a, b) for j, kn in enumerate(self.knots) for a, b in pairwise(kn)]
        n_terms = len(self.knots)
        unbounded = [math.inf] * len(self.indicators)
        return _Layout(
            source=np.array(
                [j for j, _, _ in ramps] + [n_terms + i for i in range(len(self.indicators))],
                dtype=np.intp,
            ),
            low=np.array([a for _, a, _ in ramps] + [-v for v in unbounded], dtype="float64"),
            high=np.array([b for _, _, b in ramps] + unbounded, dtype="float64"),
            shift=np.array([a for _, a, _ in ramps] + [0.0] * len(unbounded), dtype="float64"),
            mean=np.asarray(self.mean, dtype="float64"),
            scale=np.asarray(self.scale, dtype="float64"),
            coef=np.asarray(self.coef, dtype="float64"),
        )

    @cached_property
    def _tiles(self) -> tuple[np.ndarray, ...]:
        """The layout's low, high, shift, mean and scale repeated :data:`TILE_ROWS` times:
        the design's element-wise steps then run on :data:`TILE_ROWS` whole rows at once,
        two plain contiguous arrays, instead of one short row at a time."""
        lay = self._layout
        return tuple(
            np.tile(a, TILE_ROWS) for a in (lay.low, lay.high, lay.shift, lay.mean, lay.scale)
        )

    def _sources(self, values: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """The terms then the missing indicators of ``values`` as floats, in one array
        (n, len(terms) + len(indicators)): the columns the design is built from
        (``columns``: see :meth:`design`)."""
        k = len(self.columns)
        n_terms = len(self.knots)
        out = np.empty((values.shape[0], n_terms + len(self.indicators)))
        filled = out[:, :k]
        if columns is None:
            np.copyto(filled, values)
        else:
            np.take(values, columns, axis=1, out=filled)
        missing = np.isnan(filled)
        np.copyto(filled, np.asarray(self.median), where=missing)
        pos = {c: i for i, c in enumerate(self.columns)}
        for i, it in enumerate(self.interactions):
            out[:, k + i] = it.values(filled[:, pos[it.first]], filled[:, pos[it.second]])
        for i, column in enumerate(self.indicators):
            out[:, n_terms + i] = missing[:, pos[column]]
        return out

    def design(
        self,
        values: np.ndarray,
        out: np.ndarray | None = None,
        *,
        columns: np.ndarray | None = None,
    ) -> np.ndarray:
        """Standardised design matrix for ``values`` (n, len(columns)) in column order.

        Column k of a term's ramps is ``(clip(term, a, b) - a - mean[k]) / scale[k]`` for
        its knots ``a < b``; an indicator's is ``(missing - mean[k]) / scale[k]``. Built
        with whole-array operations on one buffer: the same arithmetic, element by
        element, as one column at a time, so the values are identical (an indicator is
        clipped to +-inf and shifted by 0, which leave 0 and 1 as they are).

        ``out``, optional: a C-contiguous float64 array of at least n rows and the
        design's width, whose first n rows receive the design (and are returned), so
        that a caller scoring chunk after chunk reuses one buffer.

        ``columns``, optional: the position of each of :attr:`columns` in ``values``
        (n, any width), which are then read in place rather than copied out first.
        """
        lay = self._layout
        n = values.shape[0]
        design = np.empty((n, len(lay.coef))) if out is None else out[:n]
        # mode="wrap": the indices are valid, and "raise" would buffer the output.
        np.take(self._sources(values, columns), lay.source, axis=1, out=design, mode="wrap")
        low, high, shift, mean, scale = self._tiles
        for start in range(0, n, TILE_ROWS):
            # A block of rows, worked on while it is in the cache.
            part = design[start : start + TILE_ROWS].reshape(-1)  # a view: C-contiguous
            size = len(part)
            # max then min: np.clip less its NaN handling (there is no NaN after imputing)
            np.maximum(part, low[:size], out=part)
            np.minimum(part, high[:size], out=part)
            np.subtract(part, shift[:size], out=part)
            np.subtract(part, mean[:size], out=part)
            np.divide(part, scale[:size], out=part)
        return design

    @cached_property
    def _pieces(self) -> _Pieces:
        """The log-odds as one line per knot segment of each term (computed once per
        submodel): see :class:`_Pieces`."""
        weight = [c / s for c, s in zip(self.coef, self.scale, strict=True)]
        n_terms, width = len(self.knots), max(max(len(kn) for kn in self.knots) - 1, 1)
        inner = np.full((width - 1, n_terms, 1), math.inf)
        level = np.zeros((n_terms, width))
        slope = np.zeros((n_terms, width))
        k = 0
        for j, kn in enumerate(self.knots):
            at_knot = 0.0  # the term's sum of w * (clip(t, a, b) - a) at its knot i
            for i, (a, b) in enumerate(pairwise(kn)):
                w = weight[k]
                if i:
                    inner[i - 1, j, 0] = a
                level[j, i] = at_knot - w * a
                slope[j, i] = w
                at_knot = math.fsum([at_knot, w * (b - a)])
                k += 1
        pos = {c: i for i, c in enumerate(self.columns)}
        return _Pieces(
            constant=math.fsum(
                [self.intercept, *(-w * m for w, m in zip(weight, self.mean, strict=True))]
            ),
            first=np.array([kn[0] for kn in self.knots])[:, None],
            last=np.array([kn[-1] for kn in self.knots])[:, None],
            inner=inner,
            offset=(np.arange(n_terms, dtype=np.intp) * width)[:, None],
            level=level.ravel(),
            slope=slope.ravel(),
            indicators=tuple(
                (pos[c], weight[self.n_ramps + i]) for i, c in enumerate(self.indicators)
            ),
            median=np.asarray(self.median, dtype="float64")[:, None],
        )

    def raw_logit(self, values: np.ndarray, *, columns: np.ndarray | None = None) -> np.ndarray:
        """Uncalibrated log-odds of ``values`` (n, len(columns)): the design times the
        coefficients plus the intercept, without building the design.

        A term's ramps times their coefficients are a line on each segment between two
        knots (:class:`_Pieces`): each value is clipped to its term's knots, its segment
        counted by comparisons, and ``level + slope * value`` read off; the terms are
        then added in order, the missing indicators and the constant last. Every step
        is element-wise, with no sum across rows, so a row's log-odds depend on that row
        alone, never on the rows scored with it, their number or the block size. The
        tests hold them to the design's arithmetic within a few units in the last place.

        ``columns``, optional: the position of each of :attr:`columns` in ``values``
        (n, any width), which are then read in place rather than copied out first.
        """
        pieces = self._pieces
        n = values.shape[0]
        out = np.empty(n)
        cols = np.arange(len(self.columns)) if columns is None else np.asarray(columns)
        n_terms, size = len(self.knots), min(n, BLOCK_ROWS)
        work = _Work(
            terms=np.empty((n_terms, size)),
            product=np.empty((n_terms, size)),
            count=np.empty((n_terms, size), dtype=np.uint8),
            above=np.empty((n_terms, size), dtype=bool),
            index=np.empty((n_terms, size), dtype=np.intp),
        )
        for start in range(0, n, BLOCK_ROWS):
            block = values[start : start + BLOCK_ROWS]
            out[start : start + block.shape[0]] = self._block_logit(block, cols, pieces, work)
        return out

    def _block_logit(
        self, block: np.ndarray, cols: np.ndarray, pieces: _Pieces, work: _Work
    ) -> np.ndarray:
        """:meth:`raw_logit` of one block of rows (at most :data:`BLOCK_ROWS`), in
        ``work``'s arrays (terms x rows)."""
        rows = block.shape[0]
        terms, product = work.terms[:, :rows], work.product[:, :rows]
        count, above, index = work.count[:, :rows], work.above[:, :rows], work.index[:, :rows]
        k = len(self.columns)
        features = terms[:k]
        features[...] = block.T[cols]
        missing = np.isnan(features)
        np.copyto(features, pieces.median, where=missing)
        pos = {c: i for i, c in enumerate(self.columns)}
        for i, it in enumerate(self.interactions):
            terms[k + i] = it.values(features[pos[it.first]], features[pos[it.second]])
        np.clip(terms, pieces.first, pieces.last, out=terms)  # +-inf too; no NaN is left
        # The segment of each value: how many of its term's inner knots are at or below it.
        if len(pieces.inner):
            np.greater_equal(terms, pieces.inner[0], out=count.view(bool))
            for inner in pieces.inner[1:]:
                np.greater_equal(terms, inner, out=above)
                count += above.view(np.uint8)
        else:
            count[...] = 0
        np.add(count, pieces.offset, out=index)
        # mode="wrap": the indices are valid, and "raise" would buffer the output.
        np.take(pieces.slope, index, out=product, mode="wrap")
        product *= terms
        np.take(pieces.level, index, out=terms, mode="wrap")
        terms += product
        total: np.ndarray = terms[0].copy()
        for term in terms[1:]:
            total += term
        for column, weight in pieces.indicators:
            total += weight * missing[column]
        total += pieces.constant
        return total

    def logit(self, values: np.ndarray, *, columns: np.ndarray | None = None) -> np.ndarray:
        """Calibrated log-odds of failure within 12 months (``columns``: see
        :meth:`raw_logit`)."""
        a, b = self.calibration
        out = self.raw_logit(values, columns=columns)
        out *= b
        out += a
        return out

    def _term_logits(self, values: np.ndarray) -> np.ndarray:
        """Each term's part of the raw log-odds (n, len(terms)); indicators count for
        their feature."""
        parts = self.design(values) * np.asarray(self.coef)
        owner = np.asarray(self.term_of_column(), dtype=np.int64)
        out = np.zeros((values.shape[0], len(self.terms)))
        for j in range(len(self.terms)):
            out[:, j] = parts[:, owner == j].sum(axis=1)
        return out

    def contributions(self, values: np.ndarray) -> np.ndarray:
        """Each feature's part of one row's raw log-odds relative to the median company.

        Parameters
        ----------
        values : ndarray of shape (len(columns),)
            One row in column order (NaN imputed as in scoring).

        Returns
        -------
        ndarray of shape (len(columns),)
            Sums to ``raw_logit(row) - raw_logit(medians)``. A pairwise term is split
            between its two features by their Shapley values: each gets the average of
            its effect on the term alone and its effect given the other feature's value.
        """
        row = np.asarray(values, dtype="float64").reshape(1, -1)
        base = np.asarray(self.median, dtype="float64").reshape(1, -1)
        k = len(self.columns)
        pos = {c: i for i, c in enumerate(self.columns)}
        points = [row, base]
        for it in self.interactions:
            first_only, second_only = base.copy(), base.copy()
            first_only[0, pos[it.first]] = row[0, pos[it.first]]
            second_only[0, pos[it.second]] = row[0, pos[it.second]]
            points += [first_only, second_only]
        parts = self._term_logits(np.vstack(points))
        out: np.ndarray = parts[0, :k] - parts[1, :k]
        for i, it in enumerate(self.interactions):
            j = k + i
            total = parts[0, j] - parts[1, j]
            alone = parts[2 + 2 * i, j] - parts[1, j]  # first feature moved alone
            given = parts[0, j] - parts[3 + 2 * i, j]  # first feature moved, second at row
            share = 0.5 * (alone + given)
            out[pos[it.first]] += share
            out[pos[it.second]] += total - share
        return out

    def curve_range(self) -> dict[str, float]:
        """Per term: the change in raw log-odds from its lowest knot to its highest.

        Positive when the curve rises (a higher value raises the risk); its absolute
        size is how much the term can move the score within its training range.
        """
        coef = np.asarray(self.coef)
        scale = np.asarray(self.scale)
        out: dict[str, float] = {}
        i = 0
        for name, kn in zip(self.terms, self.knots, strict=True):
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
            "interactions": [it.to_dict() for it in self.interactions],
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
            interactions=tuple(Interaction.from_dict(it) for it in data["interactions"]),
        )
