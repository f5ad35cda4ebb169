"""``score(inputs, as_of=None) -> RiskReport``: one company's filings to its risk report.

Read as the data flow, one stage after another:

1. :func:`~risk.report.read_inputs` -- paths, texts, filings, a timeline or a table
   into the filings of one company;
2. the scoring core (:func:`~risk.report._core.score_companies`, a batch of one) --
   the company placed in time, its rows, features and model pass, its probability,
   signal adjustment and band: the same core the batch scores with;
3. :func:`_evidence` -- the text that counts at ``as_of``: signals and facts;
4. :func:`_assessment` -- features, published scores and the going-concern
   checklist with their provenance (:func:`risk.features.assess`);
5. :func:`_model_view` -- the model's drivers, the gaps that blocked a
   probability, the probability per period for the trend;
6. :func:`_assemble` -- the :class:`RiskReport`, through the converters of
   :mod:`risk.report._convert` (the report's schema does not move with the internals).

A new part of the report (a status, a provenance, a data gap of a new kind) is a
field the core decides (:mod:`risk.report._core`), shown by one of these stages.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from risk._version import __version__
from risk.documents import accession_of
from risk.financials import WarningCode
from risk.report import _convert as cv
from risk.report._core import Company, Scored, score_companies, scoring_model
from risk.report._format import label_of
from risk.report._inputs import parse_as_of, read_inputs
from risk.report._models import (
    Adjustment,
    DataGap,
    Driver,
    FactEntry,
    InputDocument,
    ReportStatus,
    ReportWarning,
    RiskReport,
    SignalEntry,
)

__all__ = ["score"]

_T = TypeVar("_T")


def score(
    inputs: Any = None,
    as_of: date | datetime | str | None = None,
    *,
    texts: Sequence[str] | None = None,
    sic: str | int | None = None,
    market: Any = None,
) -> RiskReport:
    """The risk report of one company as of a date.

    Parameters
    ----------
    inputs : path, text, Filing, Timeline, table, or a sequence of paths / texts / Filings
        The company's documents (EDGAR submissions, exhibits, HTML, XBRL, company
        facts), :class:`~risk.financials.Filing` objects, a
        :class:`~risk.timelines.Timeline`, or a structured table (DataFrame, CSV or
        Parquet path, list of dicts) of ONE company. A string is a document's text
        when it contains a newline or a ``<`` or is longer than a path can be
        (:func:`risk.extraction.is_document_text`), else a path.
    texts : sequence of str, optional
        Documents given as text, read as text whatever they look like (a one-line
        sentence included); with or without ``inputs``.
    as_of : date, datetime, ISO string or None, default None
        Use only what was public on this date. None: the latest filing date of the
        inputs (for a bare press release, the release date printed in it).
    sic : str, int or None, default None
        The company's four-digit SIC code, overriding the one its filings' SEC
        headers state (:func:`risk.scope.filings_scope`). The report's ``industry``
        gives the code used and where it came from.
    market : MarketInput, MarketData, path, mapping or None, default None
        The market value of equity: ``{"market_cap": USD}``, ``{"price": USD}`` (times
        the shares outstanding the filings state, or ``"shares"``), with ``"on"`` its
        date (default ``as_of``), or a market-data file of dated closes or
        capitalisations (:func:`risk.market.read_market_data`) whose row at or before
        ``as_of`` is used. With it the ``full`` submodel scores the latest statements
        (``submodel`` and ``market`` in the report); a value dated after ``as_of`` is
        refused.

    Returns
    -------
    RiskReport
        ``status == "scored"`` with a probability and a band, or
        ``status == "insufficient_data"`` with ``probability`` None and the missing
        inputs named in ``data_gaps``, or ``status == "out_of_scope"`` (a bank, an
        insurer, another financial institution, a fund or a SPAC: no probability
        or band; ``industry`` says why).

    Raises
    ------
    InputError
        When the inputs are empty, unreadable, of an unknown type, or hold more than
        one company (the message names them), ``as_of`` is not a date, ``sic``
        is not a four-digit SIC code, or the market value is dated after ``as_of``
        (or cannot be found: a price without shares, a company not in the file).
    """
    from risk.scope import scope as sic_scope

    if sic is not None:
        sic_scope(sic)  # a malformed code is refused before the documents are read
    given = None
    if market is not None:  # risk.market is imported only for a market input
        from risk.market import as_market_input

        given = as_market_input(market)
    read = read_inputs(inputs, texts=texts)
    company = Company(read.filings, parse_as_of(as_of), read.timeline, sic=sic, market=given)
    (result,) = score_companies([company])
    if isinstance(result, Exception):
        raise result
    evidence = _evidence(result)
    assessment = _assessment(result)
    model = _model_view(result)
    return _assemble(result, evidence, assessment, model)


# --------------------------------------------------------------------------- 3. evidence


@dataclass
class _Evidence:
    """The text that counts at ``as_of``, as report entries."""

    signals: list[SignalEntry]
    facts: list[FactEntry]
    warnings: list[ReportWarning]


def _evidence(scored: Scored) -> _Evidence:
    """Signals (one per kind and sentence) and facts of filings recent at ``as_of``."""
    from risk.policy import SIGNAL_MAX_AGE_DAYS, signal_is_recent

    tl = scored.timeline
    filed = {ref.source: ref.filed for ref in tl.filings}
    signals = _unique(
        [cv.signal(s, filed=filed.get(s.document)) for s in scored.signals],
        lambda s: (s.kind, " ".join(s.quote.split())),
    )
    facts = _unique(
        [cv.fact(x) for x in tl.facts if signal_is_recent(filed.get(x.document), scored.as_of)],
        lambda f: (f.kind, " ".join(f.quote.split())),
    )
    warnings = []
    if scored.stale_signals:
        warnings.append(
            ReportWarning(
                code=WarningCode.STALE_SIGNALS,
                message=(
                    f"{scored.stale_signals} signal(s) from filings older than "
                    f"{SIGNAL_MAX_AGE_DAYS} days at as_of were not used"
                ),
            )
        )
    return _Evidence(signals, facts, warnings)


# --------------------------------------------------------------------------- 4. assessment


def _assessment(scored: Scored) -> Any:
    """Features, published scores, trends and the checklist (:func:`risk.features.assess`)."""
    from risk.features import assess

    return assess(scored.timeline, frame=scored.columns, table=scored.table)


# --------------------------------------------------------------------------- 5. model view


@dataclass
class _ModelView:
    """What the report shows of the model: drivers, gaps, refusals, probability per period."""

    drivers: list[Driver] = field(default_factory=list)
    gaps: list[DataGap] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)
    by_period: dict[date, float] = field(default_factory=dict)


def _model_view(scored: Scored) -> _ModelView:
    """Drivers of the scored year, or why no probability: missing inputs, an old year."""
    view = _ModelView()
    if scored.out_of_scope:  # no figure of the industrial model, not even per period
        return view
    dates = scored.dates
    for end, p in zip(dates, scored.row_probability.tolist(), strict=True):
        if end <= scored.as_of and p == p:  # NaN: refused
            view.by_period[end] = p
    row = scored.scored_row
    if row is None:
        view.gaps = cv.missing_model_inputs(scored.columns)
        if dates:
            refused = {(e, r) for e, r in zip(dates, scored.refusals, strict=True) if r}
            view.warnings = [cv.not_scored(e, r) for e, r in sorted(refused)]
    elif scored.stale:
        view.gaps = [cv.stale_gap(dates[row], scored.as_of)]
    elif not scored.refused:
        view.drivers = _drivers(scored, row)
    view.gaps.extend(scored.refused)  # a newer period lost a core input: no older one instead
    return view


def _drivers(scored: Scored, row: int) -> list[Driver]:
    from risk.model import model_feature_columns

    features = model_feature_columns(scored.columns, scored.table)
    values = {name: float(column[row]) for name, column in features.items()}
    drivers = (cv.driver(c) for c in scoring_model().explain(values))
    return [d for d in drivers if d is not None]


# --------------------------------------------------------------------------- 6. assemble


def _documents(scored: Scored) -> list[InputDocument]:
    """The documents used (each once), then those left out, each with the reason.

    A document's EDGAR accession number is given when its source names one.
    """

    out: list[InputDocument] = []
    seen: set[tuple[str, str]] = set()
    for ref in scored.timeline.filings:
        if (ref.source, ref.sha256) in seen:
            continue
        seen.add((ref.source, ref.sha256))
        out.append(
            InputDocument(
                source=ref.source,
                sha256=ref.sha256,
                company=ref.company,
                form=ref.form,
                filed=ref.filed,
                accession=accession_of(ref.source),
            )
        )
    for f, note in scored.placed.unused:
        if (f.source, f.sha256) not in seen:
            out.append(
                InputDocument(
                    source=f.source,
                    sha256=f.sha256,
                    company=f.company,
                    form=f.form,
                    filed=f.filed,
                    used=False,
                    note=note,
                    accession=accession_of(f.source),
                )
            )
    return out


def _placement_warnings(scored: Scored) -> list[ReportWarning]:
    """How ``as_of`` was chosen (when no filing is dated), and how the flows were read."""
    out = []
    if scored.placed.as_of_from_period:
        out.append(
            ReportWarning(
                code=WarningCode.AS_OF_FROM_PERIOD,
                message=(
                    "no filing date in the inputs: as_of is the latest period they refer to, "
                    f"{scored.as_of}; give as_of for a point-in-time score"
                ),
            )
        )
    out.extend(cv.warning(w) for w in scored.timeline.warnings)
    return out


def _annualised_warning(scored: Scored) -> list[ReportWarning]:
    if scored.annualised is None:
        return []
    latest, months = scored.annualised
    return [
        ReportWarning(
            code=WarningCode.ANNUALISED_FLOWS,
            message=(
                f"no 12-month flows to {latest}: the {months}-month "
                f"year-to-date flows were annualised (times 12/{months}) for "
                "the features and the model; a rough figure for a seasonal business"
            ),
        )
    ]


def _adjustments(scored: Scored, signals: list[SignalEntry]) -> list[Adjustment]:
    return [] if scored.adjustment is None else cv.adjustments(scored.adjustment, signals)


def _assemble(
    scored: Scored, evidence: _Evidence, assessment: Any, model: _ModelView
) -> RiskReport:
    scores = cv.scores(assessment)
    dd = cv.distance(scored.distance, scored.placed.market)
    if dd is not None:
        scores.append(dd)
    gaps = list(model.gaps)
    for sc in scores:
        if sc.value is None:
            gaps.extend(DataGap(input=m, needed_for=[label_of(sc.name)]) for m in sc.missing)
    warnings = [
        *_placement_warnings(scored),
        *evidence.warnings,
        *_annualised_warning(scored),
        *(cv.warning(w) for w in assessment.warnings),
        *model.warnings,
    ]
    status_evidence = cv.bankruptcy_evidence(evidence.signals)
    return RiskReport(
        entity=scored.entity,
        cik=scored.cik,
        as_of=scored.as_of,
        status=ReportStatus(scored.status),
        status_evidence=status_evidence,
        industry=cv.industry(scored.placed.scope),
        market=cv.market(scored.placed.market),
        submodel=scored.submodel,
        model_probability=scored.model_probability,
        probability=scored.probability,
        adjustments=_adjustments(scored, evidence.signals),
        band=None if scored.band is None else cv.band(scored.band),
        bands=cv.bands(),
        scores=scores,
        features=cv.features(assessment),
        drivers=model.drivers,
        checklist=cv.checklist(assessment),
        signals=evidence.signals,
        facts=evidence.facts,
        trend=cv.trend(assessment, model.by_period),
        data_gaps=_merge_gaps(gaps),
        warnings=_unique(warnings, lambda w: (w.code, w.message, w.document, w.line)),
        model=cv.model_info(scoring_model()),
        documents=_documents(scored),
        risk_version=__version__,
    )


def _unique(items: list[_T], key: Callable[[_T], Hashable]) -> list[_T]:
    """``items`` without repeats by ``key``, first kept, order kept."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _merge_gaps(gaps: list[DataGap]) -> list[DataGap]:
    """One entry per missing input, listing everything it is needed for."""
    merged: dict[str, DataGap] = {}
    for g in gaps:
        have = merged.get(g.input)
        if have is None:
            merged[g.input] = g
            continue
        uses = have.needed_for + [u for u in g.needed_for if u not in have.needed_for]
        merged[g.input] = DataGap(
            input=g.input,
            needed_for=uses,
            blocks_probability=have.blocks_probability or g.blocks_probability,
        )
    return sorted(merged.values(), key=lambda g: not g.blocks_probability)
