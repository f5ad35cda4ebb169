"""The scoring core: many companies scored at once, in the stages of the data flow.

:func:`risk.report.score` (one company, a batch of one) and the batch
(:mod:`risk.batch`, many companies per task) both call :func:`score_companies`;
nothing else decides a company's probability. The stages, each a function here:

1. :func:`place` -- one company in time: the date it is scored as of, its timeline
   of what was public then, the filings left out and why (per company);
2. :func:`frame_rows` -- each timeline's rows in the structured-input layout,
   year-to-date flows annualised where the policy says so, all companies in one
   table of numpy columns (each company its own entity, so trends stay within it);
3. one feature table and one model pass over that table
   (:func:`risk.features.feature_columns`, :func:`risk.model.score_columns`);
4. :func:`decide` -- per company: the latest scorable fiscal year (not too old at
   ``as_of``), the text signals that count, the signal adjustment, the band, and the
   published scores at the date the report describes.

Every rule these stages apply (windows, annualising, the Z' fallback, the
described date, company identity) is :mod:`risk.policy`'s. A new input to the score
(a market input, a status such as out-of-scope or bankrupt) belongs in
:func:`decide` and a field of :class:`Scored`; what the report shows of it is added
in :mod:`risk.report._score` (the report's stages) and :mod:`risk.report._convert`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from risk.exceptions import InputError
from risk.financials import Filing, Signal
from risk.policy import (
    described_date_index,
    fiscal_year_is_stale,
    lacks_core_flows,
    signal_is_recent,
)
from risk.report._inputs import check_one_company
from risk.report._models import DataGap
from risk.report._refused import refused_core_inputs

if TYPE_CHECKING:
    from risk.market import (
        DistanceToDefault,
        EquityHistory,
        MarketInput,
        MarketSeries,
        MarketValue,
    )
    from risk.model import BandDefinition, ScoringModel, SignalAdjustment
    from risk.scope import Scope
    from risk.timelines import Timeline

__all__ = [
    "Company",
    "Distance",
    "Placed",
    "Scored",
    "decide",
    "frame_rows",
    "place",
    "score_companies",
    "scoring_model",
]


@dataclass(frozen=True)
class Company:
    """One company to score as of one date.

    Attributes
    ----------
    filings : sequence of Filing
        Its filings (those filed after ``as_of`` are left out by the timeline).
    as_of : date or None
        None: the latest filing date (or, with no filing date, the latest period).
    timeline : Timeline or None
        A timeline given as is (then ``filings`` is empty).
    sic : str, int or None
        The company's SIC code given by the caller; None: the code its filings state
        (:func:`risk.scope.filings_scope`).
    market : MarketInput or None
        A market value of equity (a capitalisation, a price, a market-data file):
        the one at or before ``as_of`` is put on the latest row, which the ``full``
        submodel then scores (:func:`risk.market.resolve_market`).
    """

    filings: Sequence[Filing] = ()
    as_of: date | None = None
    timeline: Timeline | None = None
    sic: str | int | None = None
    market: MarketInput | None = None


@dataclass(frozen=True)
class Placed:
    """Stage 1: a company placed in time.

    Attributes
    ----------
    timeline : Timeline
        What was public at ``as_of``.
    as_of : date
    filings : tuple of Filing
        The filings given (empty for a timeline given as is).
    unused : tuple of (Filing, str)
        Filings not used, each with the reason.
    as_of_from_period : bool
        True when no filing is dated and ``as_of`` is the latest period they refer to.
    scope : Scope or None
        Whether the model applies to the company's industry (its SIC code, given or
        stated in its filings); None only for a Placed made by hand.
    market : MarketValue or None
        The market value of equity at or before ``as_of`` the caller gave.
    series : MarketSeries or None
        The company's price series, when a market-data file was given.
    """

    timeline: Timeline
    as_of: date
    filings: tuple[Filing, ...] = ()
    unused: tuple[tuple[Filing, str], ...] = ()
    as_of_from_period: bool = False
    scope: Scope | None = None
    market: MarketValue | None = None
    series: MarketSeries | None = None


@dataclass(frozen=True)
class Distance:
    """The naive Merton distance to default of a company, when a price series was given.

    Attributes
    ----------
    result : DistanceToDefault or None
        None, with ``reason``, when an input is missing.
    history : EquityHistory
        The year of prices before ``as_of``: volatility, past return, window.
    period_end : date or None
        The balance sheet the debt is read from (the date the report describes).
    short_term_debt, long_term_debt : float or None
    reason : str or None
        Why there is no distance to default.
    """

    result: DistanceToDefault | None
    history: EquityHistory
    period_end: date | None = None
    short_term_debt: float | None = None
    long_term_debt: float | None = None
    reason: str | None = None


@dataclass
class Scored:
    """One company scored: the core's result, read by the report and by the batch.

    Attributes
    ----------
    placed : Placed
    columns, table : dict of str to numpy array
        The company's rows (structured-input layout, annualised where so) and its
        feature table (:func:`risk.features.feature_columns`).
    annualised : tuple of (str, int) or None
        The latest date (ISO) and the months annualised there, when its flows were.
    row_probability : numpy array
        The model's probability per row (NaN where refused).
    refusals : list of str
        Why each row was refused ("" when scored).
    row_submodel : list of str
        The submodel that scored each row: ``full`` (with a market value of equity),
        ``book`` (without) or "" (refused).
    scored_row : int or None
        The latest row scorable at ``as_of`` (even when too old).
    stale : bool
        True when that row's fiscal year is too old to score at ``as_of``.
    refused : list of DataGap
        Core inputs of a newer period left out as implausible: then no probability is
        given (an older year is not scored in its place).
    model_probability : float or None
        The model's probability at ``scored_row`` (None when too old or none).
    signals : list of Signal
        The signals of filings recent enough to count at ``as_of``, in timeline order.
    stale_signals : int
        Signals left out as too old.
    adjustment : SignalAdjustment or None
    probability : float or None
        After the text-signal adjustment.
    bankrupt : bool
        True when the filer's own recent filings say it has filed for bankruptcy.
    band : risk.model.BandDefinition or None
    scores : dict of str to float or None
        Published scores at the date described (Z' standing in for Z where so), and
        ``distance_to_default`` when a price series gave one.
    distance : Distance or None
        The distance to default's inputs and result, when a price series was given.
    """

    placed: Placed
    columns: dict[str, np.ndarray]
    table: dict[str, np.ndarray]
    annualised: tuple[str, int] | None = None
    row_probability: np.ndarray = field(default_factory=lambda: np.zeros(0))
    refusals: list[str] = field(default_factory=list)
    row_submodel: list[str] = field(default_factory=list)
    scored_row: int | None = None
    stale: bool = False
    refused: list[DataGap] = field(default_factory=list)
    model_probability: float | None = None
    signals: list[Signal] = field(default_factory=list)
    stale_signals: int = 0
    adjustment: SignalAdjustment | None = None
    probability: float | None = None
    band: BandDefinition | None = None
    bankrupt: bool = False
    scores: dict[str, float | None] = field(default_factory=dict)
    distance: Distance | None = None

    @property
    def timeline(self) -> Timeline:
        return self.placed.timeline

    @property
    def as_of(self) -> date:
        return self.placed.as_of

    @property
    def entity(self) -> str | None:
        return self.placed.timeline.entity

    @property
    def cik(self) -> str | None:
        return self.placed.timeline.cik

    @property
    def out_of_scope(self) -> bool:
        """True when the company's industry is out of the model's scope (a bank ...)."""
        from risk.scope import ScopeStatus

        scope = self.placed.scope
        return scope is not None and scope.status is ScopeStatus.OUT_OF_SCOPE

    @property
    def submodel(self) -> str | None:
        """The submodel that gave ``model_probability`` (``full`` or ``book``), or None."""
        if self.model_probability is None or self.scored_row is None:
            return None
        return self.row_submodel[self.scored_row] or None

    @property
    def sic(self) -> str | None:
        """The SIC code the scope was decided on (None when unknown)."""
        return None if self.placed.scope is None else self.placed.scope.sic

    @property
    def status(self) -> str:
        """``in_bankruptcy``, ``out_of_scope``, ``scored`` or ``insufficient_data``."""
        if self.bankrupt:
            return "in_bankruptcy"
        if self.out_of_scope:
            return "out_of_scope"
        return "scored" if self.model_probability is not None else "insufficient_data"

    @property
    def dates(self) -> list[date]:
        """The date of each row."""
        from risk.timelines import column_dates

        return column_dates(self.columns["period_end"])


@cache
def scoring_model() -> ScoringModel:
    """The shipped model, loaded once per process (numpy only)."""
    from risk.model import load_scorer

    return load_scorer()


# --------------------------------------------------------------------------- 1. place


def place(company: Company) -> Placed:
    """Stage 1: the company's timeline as of its date, and the filings left out.

    Raises
    ------
    InputError
        When the filings are of more than one company, ``as_of`` cannot be inferred,
        or a timeline's own ``as_of`` differs from the one asked for.
    """
    from risk.scope import filings_scope

    if company.timeline is not None:
        placed = _place_timeline(company.timeline, company.as_of)
        return _with_market(replace(placed, scope=filings_scope((), company.sic)), company)
    filings = list(company.filings)
    check_one_company(filings)
    from_period = False
    as_of = company.as_of
    if as_of is None:
        as_of, from_period = _default_as_of(filings)
    if all(f.filed is None for f in filings):
        # Tables and bare statements carry no filing date: the timeline cannot place
        # them in time, so the periods after as_of are dropped here.
        kept = [
            f.model_copy(update={"periods": [p for p in f.periods if p.end <= as_of]})
            for f in filings
        ]
        tl = _timeline(kept, None)
    else:
        tl = _timeline(filings, as_of)
    used = {(r.source, r.sha256) for r in tl.filings}
    unused = tuple(
        (
            f,
            f"filed {f.filed} after as_of {as_of}"
            if f.filed is not None
            else "no filing date: cannot be placed before as_of",
        )
        for f in filings
        if (f.source, f.sha256) not in used
    )
    scope = filings_scope(filings, company.sic)
    return _with_market(Placed(tl, as_of, tuple(filings), unused, from_period, scope), company)


def _with_market(placed: Placed, company: Company) -> Placed:
    """The market value the company is scored with (InputError: one dated after as_of)."""
    if company.market is None:
        return placed
    from risk.market import resolve_market

    tl = placed.timeline
    value, series = resolve_market(
        company.market, placed.as_of, placed.filings, names=(tl.cik, tl.entity)
    )
    return replace(placed, market=value, series=series)


def _place_timeline(tl: Timeline, wanted: date | None) -> Placed:
    if wanted is not None and tl.as_of is not None and wanted != tl.as_of:
        raise InputError(
            f"as_of {wanted} differs from the timeline's as_of {tl.as_of}; "
            "build the timeline as of the date wanted, or pass the filings"
        )
    as_of = wanted or tl.as_of
    if as_of is None:
        dates = [r.filed for r in tl.filings if r.filed is not None] or list(tl.dates)
        if not dates:
            raise InputError("as_of cannot be inferred from an empty timeline; give as_of")
        as_of = max(dates)
    return Placed(tl, as_of)


def _default_as_of(filings: list[Filing]) -> tuple[date, bool]:
    """The latest filing date; else the latest period the filings refer to (flagged True)."""
    filed = [f.filed for f in filings if f.filed is not None]
    if filed:
        return max(filed), False
    ends = [p.end for f in filings for p in f.periods]
    ends += [x.period.end for f in filings for x in f.facts if x.period is not None]
    ends += [f.period_of_report for f in filings if f.period_of_report is not None]
    if ends:
        return max(ends), True
    raise InputError("as_of cannot be inferred: no filing date and no period in the inputs")


def _timeline(filings: list[Filing], as_of: date | None) -> Timeline:
    from risk.timelines import timeline

    return timeline(filings, as_of=as_of)


# --------------------------------------------------------------------------- 2. frame rows


def frame_rows(tl: Timeline) -> tuple[list[dict[str, object]], tuple[str, int] | None]:
    """Stage 2: a timeline's rows, annualised when its latest row lacks the core flows.

    Returns the rows (:meth:`Timeline.frame_rows`) and, when the latest date's
    year-to-date flows were annualised (:func:`risk.policy.lacks_core_flows`), that
    date (ISO) and the months annualised; the other dates annualised with it follow.
    """
    rows, _ = tl.frame_rows()
    if not rows or not lacks_core_flows(rows[-1]):
        return rows, None
    annualised, done = tl.frame_rows(annualise=True)
    latest = tl.dates[-1].isoformat()
    if latest not in done:
        return rows, None
    return annualised, (latest, done[latest])


# --------------------------------------------------------------------------- 4. decide


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _latest_scorable(dates: list[date], probability: np.ndarray, as_of: date) -> int | None:
    """The latest row on or before ``as_of`` that the model scored."""
    best: int | None = None
    for i, end in enumerate(dates):
        if end > as_of or math.isnan(probability[i]):
            continue
        if best is None or end >= dates[best]:
            best = i
    return best


def _described_row(scored: Scored) -> int | None:
    """The row of the date the report describes (the latest balance sheet)."""
    tl = scored.timeline
    return described_date_index([tl.balances(d) is not None for d in scored.dates])


def _published(scored: Scored) -> dict[str, float | None]:
    """Published scores at the date the report describes (Z' standing in for Z)."""
    from risk.features import SCORE_SPECS, ScoreName

    row = _described_row(scored)
    if row is None:
        return {name.value: None for name in SCORE_SPECS}
    out = {name.value: _finite(scored.table[name.value][row]) for name in SCORE_SPECS}
    out[ScoreName.ALTMAN_Z.value] = _finite(scored.table["altman_z_or_prime"][row])
    return out


def _column_value(scored: Scored, name: str, row: int | None) -> float | None:
    column = scored.columns.get(name)
    if row is None or column is None:
        return None
    return _finite(column[row])


def _distance(scored: Scored) -> Distance | None:
    """The naive distance to default (Bharath and Shumway 2008) when a price series was
    given: the market value at ``as_of``, the year of prices before it, and the debt of
    the balance sheet the report describes."""
    placed = scored.placed
    if placed.series is None or placed.market is None:
        return None
    from risk.market import distance_to_default, equity_history

    history = equity_history(placed.series, placed.as_of)
    row = _described_row(scored)
    short = _column_value(scored, "short_term_debt", row)
    long = _column_value(scored, "long_term_debt", row)
    end = None if row is None else scored.dates[row]
    base = Distance(None, history, end, short, long)
    if history.reason is not None:
        return replace(base, reason=history.reason)
    missing = [n for n, v in (("short_term_debt", short), ("long_term_debt", long)) if v is None]
    if missing:
        where = f" at {end}" if end is not None else ""
        return replace(base, reason=f"needs {' and '.join(missing)}{where}: not in the statements")
    result = distance_to_default(placed.market, history, short_term_debt=short, long_term_debt=long)
    if result is None:
        return replace(base, reason="no debt (short-term plus half the long-term debt is 0)")
    return replace(base, result=result)


def decide(scored: Scored) -> Scored:
    """Stage 4: the company's probability, signals, adjustment, band and published scores.

    Fills ``scored`` in place (and returns it): the latest row scorable on or before
    ``as_of`` gives the model's probability unless its fiscal year is too old
    (:func:`risk.policy.fiscal_year_is_stale`); the signals of filings recent at
    ``as_of`` (:func:`risk.policy.signal_is_recent`) adjust it
    (:func:`risk.model.adjust_for_signals`, the one call of the signal adjustment);
    the band is the adjusted probability's. A newer period whose core input was left
    out as implausible withholds the probability (:func:`refused_core_inputs`), and the
    filer's own bankruptcy petition gives the status ``in_bankruptcy``. A company
    whose industry is out of the model's scope (:mod:`risk.scope`: banks, insurers,
    other financial institutions, funds, SPACs) gets no probability and no band: its
    signals and published scores are still given.
    """
    from risk.model import adjust_for_signals, band_for, bankruptcy_evidence

    tl, as_of = scored.timeline, scored.as_of
    filed = {ref.source: ref.filed for ref in tl.filings}
    for s in tl.signals:
        if signal_is_recent(filed.get(s.document), as_of):
            scored.signals.append(s)
        else:
            scored.stale_signals += 1
    scored.bankrupt = bool(bankruptcy_evidence(scored.signals))
    scored.scores = _published(scored)
    scored.distance = _distance(scored)
    if scored.distance is not None:
        dd = scored.distance.result
        scored.scores["distance_to_default"] = None if dd is None else dd.distance
    dates = scored.dates
    row = _latest_scorable(dates, scored.row_probability, as_of)
    scored.scored_row = row
    scored.stale = row is not None and fiscal_year_is_stale(dates[row], as_of)
    end = None if row is None else dates[row]
    scored.refused = refused_core_inputs(tl.warnings, scored_end=end, as_of=as_of)
    if row is None or scored.stale or scored.refused or scored.out_of_scope:
        return scored
    p = float(scored.row_probability[row])
    scored.model_probability = p
    scored.adjustment = adjust_for_signals(p, scored.signals)
    scored.probability = float(scored.adjustment.adjusted)
    scored.band = band_for(scored.probability)
    return scored


# --------------------------------------------------------------------------- all stages


def _score_placed(placed: Sequence[Placed]) -> list[Scored]:
    """Stages 2 to 4 for placed companies, the feature table and the model run once."""
    from risk.features import feature_columns
    from risk.model import score_columns
    from risk.timelines import columns_from_rows

    rows: list[dict[str, object]] = []
    spans: list[tuple[int, int, tuple[str, int] | None]] = []
    for k, p in enumerate(placed):
        own, annualised = frame_rows(p.timeline)
        for row in own:
            row["entity"] = f"company {k}"  # one entity per company: trends stay within it
        _put_market_value(own, p)
        spans.append((len(rows), len(rows) + len(own), annualised))
        rows.extend(own)
    columns = columns_from_rows(rows)
    table = feature_columns(columns)
    n = len(rows)
    probability = np.full(n, np.nan)
    refusals = [""] * n
    submodels = [""] * n
    if n:  # no rows: nothing for the model to score
        model = score_columns(columns, scoring_model(), table=table)
        probability = model["probability"]
        refusals = [str(r) for r in model["refusal"].tolist()]
        submodels = [str(u) for u in model["submodel"].tolist()]
    out = []
    for p, (start, stop, annualised) in zip(placed, spans, strict=True):
        own_columns = {c: v[start:stop] for c, v in columns.items()}
        own_columns["entity"] = np.full(stop - start, _entity(p.timeline), dtype=object)
        scored = Scored(
            placed=p,
            columns=own_columns,
            table={c: v[start:stop] for c, v in table.items()},
            annualised=annualised,
            row_probability=probability[start:stop],
            refusals=refusals[start:stop],
            row_submodel=submodels[start:stop],
        )
        out.append(decide(scored))
    return out


def _put_market_value(rows: list[dict[str, object]], placed: Placed) -> None:
    """The caller's market value of equity on the latest row dated at or before as_of.

    It is a value at (or just before) ``as_of``: it goes with the latest statements,
    never with older ones, whose market value at the time is not known.
    """
    if placed.market is None:
        return
    latest: tuple[date, dict[str, object]] | None = None
    for row in rows:
        end = row["period_end"]
        if isinstance(end, date) and end <= placed.as_of and (latest is None or end >= latest[0]):
            latest = (end, row)
    if latest is not None:
        latest[1]["market_value_equity"] = placed.market.value


def _entity(tl: Timeline) -> str:
    return tl.entity or tl.cik or "<unknown>"


def score_companies(companies: Sequence[Company]) -> list[Scored | Exception]:
    """Score many companies at once: every stage of the core.

    Parameters
    ----------
    companies : sequence of Company

    Returns
    -------
    list of Scored or Exception
        One per company, in order: its result, or the error that stopped it (more
        than one company in its filings, no date to score it as of ...). When a stage
        over all the companies together raises, they are scored one at a time, so
        that the error stays with the company that caused it.
    """
    out: list[Scored | Exception | None] = [None] * len(companies)
    placed: list[tuple[int, Placed]] = []
    for i, company in enumerate(companies):
        try:
            placed.append((i, place(company)))
        except Exception as exc:  # this company's error: the others go on
            out[i] = exc
    try:
        results: list[Scored | Exception] = list(_score_placed([p for _, p in placed]))
    except Exception as exc:
        one_by_one = len(placed) > 1
        results = [_score_one(p) for _, p in placed] if one_by_one else [exc]
    for (i, _), result in zip(placed, results, strict=True):
        out[i] = result
    return [item if item is not None else RuntimeError("not scored") for item in out]


def _score_one(placed: Placed) -> Scored | Exception:
    try:
        return _score_placed([placed])[0]
    except Exception as exc:  # recorded against this company only
        return exc
