"""``score(inputs, as_of=None) -> RiskReport``: one company's filings to its risk report.

The stages are called in the order of the data flow: documents are read into
filings (:mod:`risk.extraction`), merged into a timeline as of a date
(:mod:`risk.timelines`), turned into features, published scores and the
going-concern checklist (:mod:`risk.features`), and scored by the shipped model
(:mod:`risk.model`). The results are converted to the report's own models
(:mod:`risk.report._convert`) so the report schema does not move when the
internals do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from risk._version import __version__
from risk.exceptions import InputError
from risk.financials import Filing
from risk.report import _convert as cv
from risk.report._format import label_of
from risk.report._inputs import parse_as_of, read_inputs
from risk.report._models import (
    DataGap,
    InputDocument,
    ReportStatus,
    ReportWarning,
    RiskReport,
    SignalEntry,
)
from risk.report._refused import refused_core_inputs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CORE_FLOWS", "SIGNAL_WINDOW_DAYS", "score"]

#: Signals count towards the adjustment when their filing is at most this old at
#: ``as_of`` (one annual reporting cycle and a late filing's slack).
SIGNAL_WINDOW_DAYS = 456

_T = TypeVar("_T")


def score(inputs: Any, as_of: date | datetime | str | None = None) -> RiskReport:
    """The risk report of one company as of a date.

    Parameters
    ----------
    inputs : path, text, Filing, Timeline, table, or a sequence of paths / texts / Filings
        The company's documents (EDGAR submissions, exhibits, HTML, XBRL, company
        facts), :class:`~risk.financials.Filing` objects, a
        :class:`~risk.timelines.Timeline`, or a structured table (DataFrame, CSV or
        Parquet path, list of dicts) of ONE company.
    as_of : date, datetime, ISO string or None, default None
        Use only what was public on this date. None: the latest filing date of the
        inputs (for a bare press release, the release date printed in it).

    Returns
    -------
    RiskReport
        ``status == "scored"`` with a probability and a band, or
        ``status == "insufficient_data"`` with ``probability`` None and the missing
        inputs named in ``data_gaps``.

    Raises
    ------
    InputError
        When the inputs are empty, unreadable, of an unknown type, or hold more than
        one company (the message names them), or ``as_of`` is not a date.
    """
    from risk.edgar import accession_of  # here: batch workers that never score skip its import

    read = read_inputs(inputs)
    wanted = parse_as_of(as_of)
    warnings: list[ReportWarning] = []
    documents: list[InputDocument] = []
    unused: list[InputDocument] = []

    if read.timeline is not None:
        tl = read.timeline
        as_of_date = wanted or tl.as_of or _latest_date(tl)
        if wanted is not None and tl.as_of is not None and wanted != tl.as_of:
            raise InputError(
                f"as_of {wanted} differs from the timeline's as_of {tl.as_of}; "
                "build the timeline as of the date wanted, or pass the filings"
            )
    else:
        filings = read.filings
        undated = all(f.filed is None for f in filings)
        if undated:
            # Structured tables and bare statements carry no filing date: the timeline
            # cannot place them in time, so periods after as_of are dropped here.
            as_of_date = wanted or _default_as_of(filings, warnings)
            kept = [
                f.model_copy(update={"periods": [p for p in f.periods if p.end <= as_of_date]})
                for f in filings
            ]
            tl = _timeline(kept, None)
        else:
            as_of_date = wanted or _default_as_of(filings, warnings)
            tl = _timeline(filings, as_of_date)
        used_keys = {(r.source, r.sha256) for r in tl.filings}
        for f in filings:
            if (f.source, f.sha256) in used_keys:
                continue
            unused.append(
                InputDocument(
                    source=f.source,
                    sha256=f.sha256,
                    company=f.company,
                    form=f.form,
                    filed=f.filed,
                    used=False,
                    accession=accession_of(f.source),
                    note=(
                        f"filed {f.filed} after as_of {as_of_date}"
                        if f.filed is not None
                        else "no filing date: cannot be placed before as_of"
                    ),
                )
            )
    seen: set[tuple[str, str]] = set()
    for ref in tl.filings:
        if (ref.source, ref.sha256) in seen:
            continue
        seen.add((ref.source, ref.sha256))
        documents.append(
            InputDocument(
                source=ref.source,
                sha256=ref.sha256,
                company=ref.company,
                form=ref.form,
                filed=ref.filed,
                accession=accession_of(ref.source),
            )
        )
    documents.extend(u for u in unused if (u.source, u.sha256) not in seen)
    warnings.extend(cv.warning(w) for w in tl.warnings)
    entity = tl.entity
    cik = tl.cik

    # Text: signals and facts public at as_of, from filings at most a reporting cycle old.
    filed_by_doc = {ref.source: ref.filed for ref in tl.filings}
    oldest = as_of_date - timedelta(days=SIGNAL_WINDOW_DAYS)

    def recent(document: str) -> bool:
        filed = filed_by_doc.get(document)
        return filed is None or filed >= oldest

    signals = _signals([s for s in tl.signals if recent(s.document)], filed_by_doc)
    facts = _unique(
        [cv.fact(x) for x in tl.facts if recent(x.document)],
        lambda f: (f.kind, " ".join(f.quote.split())),
    )
    stale = sum(1 for s in tl.signals if not recent(s.document))
    if stale:
        warnings.append(
            ReportWarning(
                code="stale_signals",
                message=(
                    f"{stale} signal(s) from filings older than {SIGNAL_WINDOW_DAYS} days at "
                    f"as_of were not used"
                ),
            )
        )

    # Features, scores, checklist.
    frame = _frame(tl)
    if _latest_lacks_flows(frame):
        annualised_frame = tl.to_frame(annualise=True)
        done = annualised_frame.attrs.get("annualised", {})
        latest = frame["period_end"].max().date().isoformat() if len(frame) else None
        if latest in done:
            frame = annualised_frame
            warnings.append(
                ReportWarning(
                    code="annualised_flows",
                    message=(
                        f"no 12-month flows to {latest}: the {done[latest]}-month "
                        f"year-to-date flows were annualised (times 12/{done[latest]}) for "
                        "the features and the model; a rough figure for a seasonal business"
                    ),
                )
            )
    table = _feature_table(frame)
    assessment = _assess(tl, frame, table)
    scores = cv.scores(assessment)
    features = cv.features(assessment)
    checklist = cv.checklist(assessment)
    warnings.extend(cv.warning(w) for w in getattr(assessment, "warnings", []) or [])

    # The model.
    result = cv.model_result(frame, as_of_date, table=table)
    gaps: list[DataGap] = list(result.gaps)
    refused = refused_core_inputs(tl.warnings, scored_end=result.period_end, as_of=as_of_date)
    if refused:  # the latest period lost a core input: no fallback to an older one
        gaps.extend(refused)
        result.probability = None
        result.drivers.clear()
    warnings.extend(result.warnings)
    for sc in scores:
        if sc.value is None:
            gaps.extend(DataGap(input=m, needed_for=[label_of(sc.name)]) for m in sc.missing)
    status = (
        ReportStatus.SCORED if result.probability is not None else ReportStatus.INSUFFICIENT_DATA
    )
    adjustments = []
    probability = None
    band = None
    if result.probability is not None:
        adj = cv.adjust(result.probability, signals)
        probability = adj.probability
        adjustments = adj.adjustments
        band = cv.band_for(probability)
    status_evidence = cv.bankruptcy_evidence(signals)
    if status_evidence:
        status = ReportStatus.IN_BANKRUPTCY
    return RiskReport(
        entity=entity,
        cik=cik,
        as_of=as_of_date,
        status=status,
        status_evidence=status_evidence,
        model_probability=result.probability,
        probability=probability,
        adjustments=adjustments,
        band=band,
        bands=cv.bands(),
        scores=scores,
        features=features,
        drivers=result.drivers,
        checklist=checklist,
        signals=signals,
        facts=facts,
        trend=cv.trend(assessment, result.by_period),
        data_gaps=_merge_gaps(gaps),
        warnings=_unique(warnings, lambda w: (w.code, w.message, w.document, w.line)),
        model=result.model,
        documents=documents,
        risk_version=__version__,
    )


def _default_as_of(filings: list[Filing], warnings: list[ReportWarning]) -> date:
    filed = [f.filed for f in filings if f.filed is not None]
    if filed:
        return max(filed)
    ends = [p.end for f in filings for p in f.periods]
    ends += [x.period.end for f in filings for x in f.facts if x.period is not None]
    ends += [f.period_of_report for f in filings if f.period_of_report is not None]
    if ends:
        latest = max(ends)
        warnings.append(
            ReportWarning(
                code="as_of_from_period",
                message=(
                    f"no filing date in the inputs: as_of is the latest period they refer to, "
                    f"{latest}; "
                    "give as_of for a point-in-time score"
                ),
            )
        )
        return latest
    raise InputError("as_of cannot be inferred: no filing date and no period in the inputs")


def _latest_date(tl: Any) -> date:
    dates = [r.filed for r in tl.filings if r.filed is not None] or list(tl.dates)
    if not dates:
        raise InputError("as_of cannot be inferred from an empty timeline; give as_of")
    return max(dates)


def _timeline(filings: list[Filing], as_of: date | None) -> Any:
    from risk.timelines import timeline

    return timeline(filings, as_of=as_of)


def _frame(tl: Any) -> pd.DataFrame:
    frame: pd.DataFrame = tl.to_frame()
    return frame


#: Flows whose absence at the latest date means the model has nothing to score.
#: The flows whose absence at the latest date makes the report annualise year-to-date ones.
CORE_FLOWS = ("revenue", "operating_income", "net_income")


def _latest_lacks_flows(frame: pd.DataFrame) -> bool:
    """True when the latest row of ``frame`` has none of the core 12-month flows."""
    import pandas as pd

    if len(frame) == 0:
        return False
    latest = frame.iloc[int(frame["period_end"].to_numpy().argmax())]
    return all(c not in frame.columns or pd.isna(latest[c]) for c in CORE_FLOWS)


def _feature_table(frame: pd.DataFrame) -> pd.DataFrame:
    from risk.features import feature_table

    return feature_table(frame)


def _assess(tl: Any, frame: pd.DataFrame, table: pd.DataFrame) -> Any:
    from risk.features import assess

    return assess(tl, frame=frame, table=table)


def _signals(signals: list[Any], filed_by_doc: dict[str, date | None]) -> list[SignalEntry]:
    out: list[SignalEntry] = []
    seen: set[tuple[str, str]] = set()
    for s in signals:
        key = (s.kind.value, " ".join(s.quote.split()))
        if key in seen:
            continue
        seen.add(key)
        out.append(cv.signal(s, filed=filed_by_doc.get(s.document)))
    return out


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
