"""The batch's fast scorer: the report's output fields for many companies in one pass.

:func:`risk.report.score` builds a whole report per company (features with their
provenance, the going-concern checklist, drivers, trend), and most of its time goes
to pandas work on frames of a few rows. The batch keeps only a few fields of it
(:class:`~risk.batch.ScoreFields`), so :func:`fast_fields` computes just those, for
many companies at once, with the same stages the report calls:

- the timeline of each company as of its date (:func:`risk.timelines.timeline`,
  after the report's own one-company check of the inputs);
- one frame for all of them (:meth:`~risk.timelines.Timeline.frame_rows` and
  :func:`risk.timelines.frame_from_rows`, each company under its own entity name),
  annualised for a company whose latest row lacks the core 12-month flows, as the
  report does;
- one feature table and one model pass over it (:func:`risk.features.feature_table`,
  :func:`risk.model.score_frame`);
- per company, the report's choices: the latest scorable fiscal year not too old at
  ``as_of``; the published scores at the latest balance-sheet date (Altman Z falls
  back on Z' when the market value of equity is missing); the text-signal
  adjustment from the signals of filings at most a reporting cycle old; the band.

The fields are those the report gives; ``tests/test_batch_fast.py`` compares both
paths field by field on the seeds and the corpus. The probabilities agree to the
last bit or so: the model multiplies its rows by the coefficients with BLAS, whose
kernels round a row's last bit by its place in the matrix, so a company's figure
already moves in the 16th digit with the rows scored beside it. A company with no
dated filing (the report must infer ``as_of`` from its periods) is scored by the
report itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from risk.batch._scoring import ScoreFields, default_scorer
from risk.financials import Filing, Signal

if TYPE_CHECKING:
    import numpy as np

    from risk.model import DistressModel
    from risk.timelines import Timeline

__all__ = ["Unit", "fast_fields", "prepare_fast"]


@dataclass(frozen=True)
class Unit:
    """One company as of one date: what the report would be given.

    Attributes
    ----------
    filings : sequence of Filing
        The company's filings (those filed after ``as_of`` are left out by the
        timeline, as in the report).
    as_of : date or None
        None: the report infers it (no filing is dated).
    """

    filings: Sequence[Filing]
    as_of: date | None


@cache
def _model() -> DistressModel:
    from risk.model import load_model

    return load_model()


def prepare_fast() -> None:
    """Import the stages and load the model in a scoring worker, once, before its first task.

    Then the objects made so far (modules, the model) are moved out of the garbage
    collector's sight (:func:`gc.freeze`): they live as long as the worker, and
    scoring makes many short-lived objects, whose collections would otherwise walk
    them all again and again (a fifth of the scoring time).
    """
    import gc

    import risk.report  # noqa: F401 - imported for its side effect: the stages are loaded

    _model()
    gc.freeze()


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def fast_fields(units: Sequence[Unit]) -> list[ScoreFields | Exception]:
    """The report's batch fields for many companies, computed together.

    Parameters
    ----------
    units : sequence of Unit
        Each one company's filings and the date to score it as of.

    Returns
    -------
    list of ScoreFields or Exception
        One per unit, in order: the fields :func:`risk.report.score` would give
        (read with :func:`risk.batch.as_score_fields`), or the exception it would
        raise (more than one company in the inputs ...). When a step over all the
        units together raises, the units are scored one at a time, so that the
        error stays with the unit that caused it.
    """
    try:
        return _fields(units)
    except Exception as exc:
        if len(units) == 1:
            return [exc]
        return [item for unit in units for item in fast_fields([unit])]


def _fields(units: Sequence[Unit]) -> list[ScoreFields | Exception]:
    from risk.report import read_inputs
    from risk.timelines import timeline

    out: list[ScoreFields | Exception | None] = [None] * len(units)
    dated: list[tuple[int, Timeline, date]] = []
    for i, unit in enumerate(units):
        try:
            # The report's reading of a list of filings: one company, or an InputError.
            filings = read_inputs(list(unit.filings)).filings
            if unit.as_of is None or all(f.filed is None for f in filings):
                out[i] = default_scorer(filings, unit.as_of)
                continue
            dated.append((i, timeline(filings, as_of=unit.as_of), unit.as_of))
        except Exception as exc:  # the report raises the same: the company's error rows
            out[i] = exc
    if dated:
        for (i, _, _), fields in zip(dated, _score_timelines(dated), strict=True):
            out[i] = fields
    assert all(item is not None for item in out)
    return [item for item in out if item is not None]


def _core_flows() -> tuple[str, ...]:
    """Flows whose absence at the latest date makes the report annualise year-to-date flows."""
    from risk.report import CORE_FLOWS

    return tuple(CORE_FLOWS)


def _lacks_core_flows(row: dict[str, object]) -> bool:
    """True when a frame row has none of the core 12-month flows (NaN counts as none)."""
    for column in _core_flows():
        value = row.get(column)
        if value is not None and not math.isnan(float(value)):  # type: ignore[arg-type]
            return False
    return True


def _score_timelines(dated: list[tuple[int, Timeline, date]]) -> list[ScoreFields]:
    import numpy as np

    from risk.features import feature_table
    from risk.model import score_frame
    from risk.timelines import frame_from_rows

    rows: list[dict[str, object]] = []
    starts: list[int] = []
    for k, (_, tl, _) in enumerate(dated):
        own, _ = tl.frame_rows()
        # The report annualises year-to-date flows when the latest row has no core
        # flow and annualising reaches that row.
        if own and _lacks_core_flows(own[-1]):
            annualised, done = tl.frame_rows(annualise=True)
            if tl.dates[-1].isoformat() in done:
                own = annualised
        for row in own:
            row["entity"] = f"unit {k}"  # one entity per company: trends stay within it
        starts.append(len(rows))
        rows.extend(own)
    frame = frame_from_rows(rows)
    table = feature_table(frame)
    probability = np.full(len(frame), np.nan)
    if len(frame):  # as the report: no rows, nothing for the model to score
        scored = score_frame(frame, _model(), table=table)
        probability = scored["probability"].to_numpy(dtype=np.float64, na_value=np.nan)
    columns = {name: table[name].to_numpy(dtype=np.float64) for name in _score_columns()}
    return [
        _unit_fields(tl, as_of, start, probability, columns)
        for (_, tl, as_of), start in zip(dated, starts, strict=True)
    ]


def _score_columns() -> tuple[str, ...]:
    from risk.features import SCORE_SPECS, ScoreName

    return (*(name.value for name in SCORE_SPECS), ScoreName.ALTMAN_Z_PRIME.value)


def _probability(tl: Timeline, as_of: date, start: int, probability: np.ndarray) -> float | None:
    """The model's probability at the latest scorable fiscal year, None when too old
    or when a newer period lost a core input as implausible (as in the report)."""
    from risk.report import STALE_DAYS, refused_core_inputs

    for j in range(len(tl.dates) - 1, -1, -1):
        end = tl.dates[j]
        if end > as_of:
            continue
        p = _finite(probability[start + j])
        if p is None:
            continue
        if as_of - end > timedelta(days=STALE_DAYS):
            return None
        if refused_core_inputs(tl.warnings, scored_end=end, as_of=as_of):
            return None
        return p
    return None


def _published(tl: Timeline, start: int, columns: dict[str, np.ndarray]) -> dict[str, float | None]:
    """The published scores at the latest date with balances (else the latest date)."""
    from risk.features import SCORE_SPECS, ScoreName

    if not tl.dates:
        return {name.value: None for name in SCORE_SPECS}
    with_balances = [j for j, d in enumerate(tl.dates) if tl.balances(d) is not None]
    latest = with_balances[-1] if with_balances else len(tl.dates) - 1
    row = start + latest
    scores = {name.value: _finite(columns[name.value][row]) for name in SCORE_SPECS}
    z = ScoreName.ALTMAN_Z.value
    z_prime = _finite(columns[ScoreName.ALTMAN_Z_PRIME.value][row])
    # Z' stands in for Z when the market value of equity is missing (as in assess).
    missing_mve = tl.value("market_value_equity", tl.dates[latest]) is None
    if scores[z] is None and z_prime is not None and missing_mve:
        scores[z] = z_prime
    return scores


def _signal_kinds(tl: Timeline, as_of: date) -> list[Signal]:
    """The signals from filings at most a reporting cycle old at ``as_of``, in order
    (:func:`risk.model.adjust_for_signals` keeps the filer's own asserted ones)."""
    from risk.report import SIGNAL_WINDOW_DAYS

    filed_by_doc = {ref.source: ref.filed for ref in tl.filings}
    oldest = as_of - timedelta(days=SIGNAL_WINDOW_DAYS)
    recent = []
    for signal in tl.signals:
        filed = filed_by_doc.get(signal.document)
        if filed is None or filed >= oldest:
            recent.append(signal)
    return recent


def _unit_fields(
    tl: Timeline,
    as_of: date,
    start: int,
    probability: np.ndarray,
    columns: dict[str, np.ndarray],
) -> ScoreFields:
    from risk.model import adjust_for_signals, band_for, bankruptcy_evidence

    p = _probability(tl, as_of, start, probability)
    adjusted = band = None
    signals = _signal_kinds(tl, as_of)
    if p is not None:
        adjusted = float(adjust_for_signals(p, signals).adjusted)
        band = str(band_for(adjusted).name)
    status = "scored" if p is not None else "insufficient_data"
    if bankruptcy_evidence(signals):
        status = "in_bankruptcy"
    return ScoreFields(
        status=status,
        entity=tl.entity,
        cik=tl.cik,
        as_of=as_of,
        probability=p,
        adjusted_probability=adjusted,
        band=band,
        scores=_published(tl, start, columns),
    )
