"""A company's filings merged into one series of periods, with trailing-twelve-month flows.

Rules
-----
- The same (period end, months, line item) from several filings: a reported figure beats
  an estimate (``PeriodValues.estimate`` or a ``revenue_estimate`` fact), a printed or
  tagged figure beats one a filing derived (``Source.DERIVED``: a total liabilities worked
  out from assets and equity); among equals the later filing wins (by
  ``Provenance.filed``, else ``Filing.filed``; filings without a date count as the
  oldest, and ties keep the order given, the later one winning). When the
  losing value differs by more than half a unit of the coarser printed scale, a
  ``FilingWarning`` (code ``conflict``) records both values and both sources.
- Trailing twelve months (TTM) at a date E that has no 12-month period: the fiscal year
  ending m months before E plus the m-month period to E minus the m-month period to E one
  year earlier (m = 9, 6 or 3: TTM at Q1 2003 = FY2002 + Q1 2003 - Q1 2002), else the sum
  of the four quarters ending at E. A quarter is never multiplied by four: when neither
  works the 12-month flows at E stay missing and a ``FilingWarning`` (code ``no_ttm``) says so.
  Per-share figures, weighted share counts and the cash a period ends with are not
  additive and get no TTM.
- ``as_of``: a value is used only when it became public on or before ``as_of`` (its
  ``Provenance.filed``, else its filing's ``filed``); a filing without a date is left out
  of a timeline as of a date (with a warning), because it cannot be shown to predate it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from risk._defaults import new_dict, new_list
from risk.exceptions import InputError
from risk.financials import (
    FLOW_FIELDS,
    NON_ADDITIVE_FLOWS,
    Fact,
    FactKind,
    Filing,
    FilingWarning,
    LineItem,
    PeriodValues,
    Provenance,
    Signal,
    Source,
    WarningCode,
)
from risk.timelines._columns import columns_from_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FilingRef", "Timeline", "frame_from_rows", "timeline"]

#: Flows that are not additive over periods: no TTM is built for them.
NON_ADDITIVE: frozenset[str] = NON_ADDITIVE_FLOWS
#: Two period ends within this many days are the same fiscal date (52/53-week years).
DATE_TOLERANCE_DAYS = 7
#: The flows a TTM is built for (a ``LineItem`` is its name as a string: set look-ups).
_ADDITIVE_FLOWS: frozenset[str] = frozenset(FLOW_FIELDS) - NON_ADDITIVE

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FilingRef(BaseModel):
    """A filing used in a timeline."""

    model_config = _FROZEN

    source: str
    sha256: str
    filed: date | None = None
    form: str | None = None
    company: str | None = None


@dataclass(frozen=True)
class _Candidate:
    value: float
    given: Provenance  # as the filing states it
    estimate: bool
    filed: date | None  # ``given.filed``, else the filing's date
    order: int

    @property
    def rank(self) -> tuple[bool, bool, date, int]:
        """Reported before estimated, printed or tagged before derived, then the later filing."""
        derived = self.given.source is Source.DERIVED
        return (not self.estimate, not derived, self.filed or date.min, self.order)

    @property
    def provenance(self) -> Provenance:
        """The provenance kept in the timeline: ``given`` dated by its filing.

        Made for the winner of a merge only: a loser is only named in a warning,
        with the same date (:func:`_where_candidate`).
        """
        if self.given.filed is None and self.filed is not None:
            return self.given.model_copy(update={"filed": self.filed})
        return self.given


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"


def _where(p: Provenance, filed: date | None = None) -> str:
    """Where a value comes from; ``filed`` (default ``p.filed``) is the date shown."""
    text = p.document
    if p.line is not None:
        text += f" line {p.line}"
    filed = p.filed if filed is None else filed
    if filed is not None:
        text += f", filed {filed.isoformat()}"
    return text


def _where_candidate(c: _Candidate) -> str:
    """``_where(c.provenance)`` without making the dated copy."""
    return _where(c.given, c.filed)


def _add_months(day: date, months: int) -> date:
    """The month end ``months`` after (negative: before) the month of ``day``."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


class Timeline(BaseModel):
    """One company's filings merged into one series of periods.

    Attributes
    ----------
    entity : str or None
        The company name (from the latest filing that names it).
    cik : str or None
    as_of : date or None
        Nothing that became public after this date is used.
    filings : list of FilingRef
        The filings used (source, sha256, filed, form), in the order given.
    periods : list of PeriodValues
        The merged reported periods (balances with ``months == 0``, flows 3/6/9/12),
        sorted by end then months; every value keeps the provenance of the filing it
        came from.
    ttm : list of PeriodValues
        Derived 12-month flows at dates with no reported 12-month period
        (``Source.DERIVED`` provenance whose note names the periods used).
    facts, signals, warnings : lists
        Facts and signals of the filings used, oldest filing first (signals include
        :func:`risk.signals.cross_filing_signals`); warnings of the filings and of the merge.
    """

    model_config = _FROZEN

    entity: str | None = None
    cik: str | None = None
    as_of: date | None = None
    filings: list[FilingRef] = Field(default_factory=new_list)
    periods: list[PeriodValues] = Field(default_factory=new_list)
    ttm: list[PeriodValues] = Field(default_factory=new_list)
    facts: list[Fact] = Field(default_factory=new_list)
    signals: list[Signal] = Field(default_factory=new_list)
    warnings: list[FilingWarning] = Field(default_factory=new_list)

    _index: dict[tuple[date, int], PeriodValues] | None = PrivateAttr(default=None)
    _flows12: dict[date, PeriodValues | None] = PrivateAttr(default_factory=new_dict)

    def __eq__(self, other: object) -> bool:
        # compare the fields only, not the look-up caches
        if not isinstance(other, Timeline):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def period(self, end: date, months: int) -> PeriodValues | None:
        """The merged reported period (end, months), or None."""
        if self._index is None:
            self._index = {(p.end, p.months): p for p in self.periods}
        return self._index.get((end, months))

    def balances(self, end: date) -> PeriodValues | None:
        """The balances at ``end`` (the ``months == 0`` period), or None."""
        return self.period(end, 0)

    def flows12(self, end: date) -> PeriodValues | None:
        """Twelve-month flows to ``end``: the reported year, completed by the TTM values."""
        if end not in self._flows12:
            self._flows12[end] = self._make_flows12(end)
        return self._flows12[end]

    def _make_flows12(self, end: date) -> PeriodValues | None:
        annual = self.period(end, 12)
        derived = next((p for p in self.ttm if p.end == end), None)
        if annual is None:
            return derived
        if derived is None:
            return annual
        values = dict(derived.values)
        provenance = dict(derived.provenance)
        values.update(annual.values)
        provenance.update(annual.provenance)
        return PeriodValues(
            end=end,
            months=12,
            values=values,
            provenance=provenance,
            estimate=annual.estimate or derived.estimate,
        )

    @property
    def dates(self) -> list[date]:
        """The dates of :meth:`to_frame` rows: balance dates and 12-month flow dates."""
        ends = {p.end for p in self.periods if p.months in (0, 12)}
        ends |= {p.end for p in self.ttm}
        return sorted(ends)

    def value(self, item: str | LineItem, end: date) -> tuple[float, Provenance] | None:
        """A balance at ``end`` or a 12-month flow to ``end``, with its provenance."""
        line = LineItem(item)
        period = self.flows12(end) if line.is_flow else self.balances(end)
        if period is None or line not in period.values:
            return None
        return period.values[line], period.provenance[line]

    def to_frame(self, *, annualise: bool = False) -> pd.DataFrame:
        """The timeline in the structured-input layout, ready for ``feature_table``.

        One row per date of :attr:`dates` (``months = 12``): the balances at that date
        and the 12-month flows to it (reported year or TTM), NaN where missing. Columns:
        ``entity``, ``period_end`` (datetime64), ``months`` and every line item with a
        value somewhere in the timeline.

        Parameters
        ----------
        annualise : bool, default False
            For a balance date with no 12-month flow at all (a company known from one
            10-Q), fill the additive flows from the longest year-to-date period ending
            there (9, 6 or 3 months), scaled by 12 / months. This is an approximation
            (seasonal businesses differ): it is never done unless asked, and the rows it
            touched are listed in ``frame.attrs["annualised"]`` (ISO date -> months).
        """
        rows, annualised = self.frame_rows(annualise=annualise)
        frame = frame_from_rows(rows)
        frame.attrs["source"] = f"timeline of {self.entity or self.cik or '<unknown>'}"
        frame.attrs["annualised"] = annualised
        return frame

    def frame_rows(
        self, *, annualise: bool = False
    ) -> tuple[list[dict[str, object]], dict[str, int]]:
        """The rows of :meth:`to_frame` as plain dicts, for building one frame of many timelines.

        Parameters
        ----------
        annualise : bool, default False
            As for :meth:`to_frame`.

        Returns
        -------
        rows : list of dict
            One per date of :attr:`dates`: ``entity``, ``period_end`` (a date) and the
            line items with a value at that date, by name (missing ones are absent).
            The dicts are new: a caller may change them (another ``entity`` name ...).
        annualised : dict of str to int
            The ISO dates annualised and the months used (``to_frame``'s
            ``attrs["annualised"]``).
        """
        rows: list[dict[str, object]] = []
        annualised: dict[str, int] = {}
        entity = self.entity or self.cik or "<unknown>"
        for end in self.dates:
            row: dict[str, object] = {"entity": entity, "period_end": end}
            flows = self.flows12(end)
            for period in (self.balances(end), flows):
                if period is None:
                    continue
                for item, value in period.values.items():
                    row[item.value] = value
            if annualise and (flows is None or not flows.values):
                months = self._annualise_into(row, end)
                if months:
                    annualised[end.isoformat()] = months
            rows.append(row)
        return rows, annualised

    def _annualise_into(self, row: dict[str, object], end: date) -> int:
        """Fill ``row`` with the longest year-to-date flows to ``end`` times 12 / months.

        Returns the months used, or 0 when no partial period ends at ``end``.
        """
        for months in (9, 6, 3):
            period = self.period(end, months)
            if period is None:
                continue
            flows = {
                item: value * 12.0 / months
                for item, value in period.values.items()
                if item in _ADDITIVE_FLOWS
            }
            if flows:
                row.update({item.value: value for item, value in flows.items()})
                return months
        return 0


def frame_from_rows(rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Rows of :meth:`Timeline.frame_rows` (of one timeline or of many) as one frame.

    The structured-input layout of :meth:`Timeline.to_frame`: ``entity``,
    ``period_end`` (datetime64), ``months`` (12) and, in :data:`LINE_ITEMS` order,
    every line item present in some row (float64, NaN where a row lacks it). The
    rows of several timelines give, row for row, what concatenating their frames
    gives; give each timeline its own ``entity`` name when the frame goes to
    :func:`risk.features.feature_table`, whose year-before trends follow the entity.
    Built column by column: a report's frame has a few rows, where pandas' work per
    row costs more than the features.

    Parameters
    ----------
    rows : sequence of dict
        Each with ``entity`` (str) and ``period_end`` (date), plus line items by name.

    Returns
    -------
    pandas.DataFrame
        One row per dict, in order, with a default index and no ``attrs``.
    """
    import numpy as np
    import pandas as pd

    data: dict[str, object] = dict(columns_from_rows(rows))
    # pandas' own datetime resolution for dates, as from a frame read from a table
    data["period_end"] = [pd.Timestamp(row["period_end"]) for row in rows]  # type: ignore[arg-type]
    frame = pd.DataFrame(data, columns=list(data))
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    if not rows:
        frame["months"] = frame["months"].astype(np.int64)
    return frame


def _estimate_periods(filing: Filing) -> list[PeriodValues]:
    """``revenue_estimate`` facts with a 12-month or quarter period, as estimate values."""
    out = []
    for fact in filing.facts:
        if fact.kind is not FactKind.REVENUE_ESTIMATE or fact.period is None:
            continue
        if fact.period.months == 0:
            continue
        prov = Provenance(
            document=fact.document,
            source=Source.PROSE,
            document_type=fact.document_type,
            label="revenue_estimate",
            raw=fact.quote,
            filed=filing.filed,
            note=f"estimate stated in prose, characters {fact.span[0]}-{fact.span[1]}",
        )
        out.append(
            PeriodValues(
                end=fact.period.end,
                months=fact.period.months,
                values={LineItem.REVENUE: fact.amount},
                provenance={LineItem.REVENUE: prov},
                estimate=True,
            )
        )
    return out


def _conflicts(
    winner: _Candidate, others: list[_Candidate], key: tuple[date, int, LineItem]
) -> list[FilingWarning]:
    end, months, item = key
    out = []
    for other in others:
        scale = max(winner.given.scale or 1.0, other.given.scale or 1.0)
        if abs(winner.value - other.value) <= 0.5 * scale + 1e-9 * abs(winner.value):
            continue
        where = f"{item.value} for {end.isoformat()}" + (f" ({months} months)" if months else "")
        if other.estimate and not winner.estimate:
            code, verb = WarningCode.ESTIMATE_SUPERSEDED, "replaces the estimate"
        else:
            code, verb = WarningCode.CONFLICT, "replaces"
        out.append(
            FilingWarning(
                code=code,
                message=(
                    f"{where}: {_fmt(winner.value)} from {_where_candidate(winner)} {verb} "
                    f"{_fmt(other.value)} from {_where_candidate(other)}"
                ),
                document=winner.given.document,
                line=winner.given.line,
            )
        )
    return out


def _merge(
    candidates: dict[tuple[date, int, LineItem], list[_Candidate]],
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    warnings: list[FilingWarning] = []
    grouped: dict[tuple[date, int], dict[LineItem, _Candidate]] = {}
    for key in sorted(candidates):  # by end, months, then line item name
        cands = candidates[key]
        if len(cands) == 1:  # most values: stated once
            winner = cands[0]
        else:
            winner = max(cands, key=lambda c: c.rank)
            warnings.extend(_conflicts(winner, [c for c in cands if c is not winner], key))
        grouped.setdefault((key[0], key[1]), {})[key[2]] = winner
    periods = [
        PeriodValues(
            end=end,
            months=months,
            values={item: c.value for item, c in items.items()},
            provenance={item: c.provenance for item, c in items.items()},
            estimate=any(c.estimate for c in items.values()),
        )
        for (end, months), items in sorted(grouped.items())
    ]
    return periods, warnings


def _find(
    periods: dict[tuple[date, int], PeriodValues], end: date, months: int
) -> PeriodValues | None:
    exact = periods.get((end, months))
    if exact is not None:
        return exact
    for (other, m), p in periods.items():
        if m == months and abs((other - end).days) <= DATE_TOLERANCE_DAYS:
            return p
    return None


def _label(p: PeriodValues) -> str:
    return f"{p.months}m to {p.end.isoformat()}"


def _derived(
    end: date, item: LineItem, value: float, parts: list[tuple[int, PeriodValues]]
) -> Provenance:
    terms = " ".join(
        f"{'+' if sign > 0 else '-'} {_label(p)} ({_where(p.provenance[item])})"
        for sign, p in parts
    )
    filed_dates = [p.provenance[item].filed for _, p in parts]
    known = [d for d in filed_dates if d is not None]
    current = parts[1][1] if len(parts) > 1 else parts[0][1]
    return Provenance(
        document=current.provenance[item].document,
        source=Source.DERIVED,
        label="TTM",
        filed=max(known) if len(known) == len(filed_dates) else None,
        note=f"trailing twelve months to {end.isoformat()} = {terms.lstrip('+ ')}",
    )


def _ttm(periods: list[PeriodValues]) -> tuple[list[PeriodValues], list[FilingWarning]]:
    by_key = {(p.end, p.months): p for p in periods}
    balance_dates = {p.end for p in periods if p.months == 0}
    partial_ends = sorted({p.end for p in periods if p.months in (3, 6, 9)})
    out: list[PeriodValues] = []
    warnings: list[FilingWarning] = []
    found: dict[tuple[date, int, int], PeriodValues | None] = {}

    def near(end: date, back: int, months: int) -> PeriodValues | None:
        """``_find(by_key, _add_months(end, -back), months)``, looked for once: the same
        for every item (``_find`` may scan all periods for a near date)."""
        key = (end, back, months)
        if key not in found:
            found[key] = _find(by_key, _add_months(end, -back), months)
        return found[key]

    for end in partial_ends:
        annual = by_key.get((end, 12))
        values: dict[LineItem, float] = {}
        provenance: dict[LineItem, Provenance] = {}
        estimate = False
        missed: set[str] = set()
        items = {
            item
            for m in (3, 6, 9)
            if (end, m) in by_key
            for item in by_key[(end, m)].values
            if item in _ADDITIVE_FLOWS
        }
        for item in sorted(items):  # by name
            if annual is not None and item in annual.values:
                continue
            parts: list[tuple[int, PeriodValues]] | None = None
            for m in (9, 6, 3):
                current = by_key.get((end, m))
                if current is None or item not in current.values:
                    continue
                year = near(end, m, 12)
                prior = near(end, 12, m)
                if (
                    year is not None
                    and prior is not None
                    and item in year.values
                    and item in prior.values
                ):
                    parts = [(1, year), (1, current), (-1, prior)]
                    break
            if parts is None:
                quarters = [near(end, 3 * k, 3) for k in range(4)]
                if all(q is not None and item in q.values for q in quarters):
                    parts = [(1, q) for q in quarters if q is not None]
            if parts is None:
                missed.add(item.value)
                continue
            total = sum(sign * p.values[item] for sign, p in parts)
            values[item] = total
            provenance[item] = _derived(end, item, total, parts)
            estimate = estimate or any(p.estimate for _, p in parts)
        if values:
            out.append(
                PeriodValues(
                    end=end, months=12, values=values, provenance=provenance, estimate=estimate
                )
            )
        if missed and end in balance_dates:
            warnings.append(
                FilingWarning(
                    code=WarningCode.NO_TTM,
                    message=(
                        f"12-month flows to {end.isoformat()} left missing for "
                        f"{', '.join(sorted(missed))}: no fiscal year and prior-year period, "
                        "nor four quarters, to build a trailing twelve months (a quarter is "
                        "never annualised)"
                    ),
                )
            )
    return out, warnings


def timeline(filings: Iterable[Filing], *, as_of: date | None = None) -> Timeline:
    """Merge the filings of one company into one :class:`Timeline`.

    Parameters
    ----------
    filings : iterable of Filing
        The company's filings, in any order (ties in filing date: the later one given wins).
    as_of : date or None, default None
        Use only what became public on or before this date.

    Returns
    -------
    Timeline

    Raises
    ------
    InputError
        When no filing is given, or the filings carry different CIKs.
    """
    from risk.signals import cross_filing_signals

    given = list(filings)
    if not given:
        raise InputError("timeline needs at least one filing; got none")
    ciks = sorted({f.cik for f in given if f.cik})
    if len(ciks) > 1:
        raise InputError(f"filings of one company expected; got CIKs {ciks}")

    warnings: list[FilingWarning] = []
    used: list[Filing] = []
    candidates: dict[tuple[date, int, LineItem], list[_Candidate]] = {}
    for order, filing in enumerate(given):
        dated = as_of is None or (filing.filed is not None and filing.filed <= as_of)
        if as_of is not None and filing.filed is None:
            warnings.append(
                FilingWarning(
                    code=WarningCode.UNDATED_FILING,
                    message=(
                        f"{filing.source} has no filing date: only its values with a "
                        f"dated provenance are used in a timeline as of {as_of.isoformat()}"
                    ),
                    document=filing.source,
                )
            )
        took_value = False
        for period in [*filing.periods, *_estimate_periods(filing)]:
            for item, value in period.values.items():
                prov = period.provenance.get(item) or Provenance(
                    document=filing.source, note="no provenance given"
                )
                filed = prov.filed or filing.filed
                if as_of is not None and (filed is None or filed > as_of):
                    continue
                candidates.setdefault((period.end, period.months, item), []).append(
                    _Candidate(value, prov, period.estimate, filed, order)
                )
                took_value = True
        if dated or took_value:
            used.append(filing)
        if dated:
            warnings.extend(filing.warnings)

    periods, merge_warnings = _merge(candidates)
    ttm, ttm_warnings = _ttm(periods)
    warnings.extend(merge_warnings)
    warnings.extend(ttm_warnings)

    dated_filings = [
        f
        for _, _, f in sorted(
            ((f.filed or date.min, i, f) for i, f in enumerate(used)), key=lambda t: t[:2]
        )
        if as_of is None or (f.filed is not None and f.filed <= as_of)
    ]
    facts: dict[tuple[str, str, tuple[int, int]], Fact] = {}
    signals: dict[tuple[str, str, tuple[int, int]], Signal] = {}
    for filing in dated_filings:
        for fact in filing.facts:
            facts.setdefault((fact.kind.value, fact.document, fact.span), fact)
        for signal in filing.signals:
            signals.setdefault((signal.kind.value, signal.document, signal.span), signal)
    for signal in cross_filing_signals(dated_filings):
        signals.setdefault((signal.kind.value, signal.document, signal.span), signal)

    pool = used if any(f.company for f in used) else given
    named = [(f.filed or date.min, i, f) for i, f in enumerate(pool) if f.company]
    latest_named = max(named, key=lambda t: (t[0], t[1]))[2] if named else None
    return Timeline(
        entity=latest_named.company if latest_named is not None else None,
        cik=ciks[0] if ciks else None,
        as_of=as_of,
        filings=[
            FilingRef(
                source=f.source, sha256=f.sha256, filed=f.filed, form=f.form, company=f.company
            )
            for f in used
        ],
        periods=periods,
        ttm=ttm,
        facts=list(facts.values()),
        signals=list(signals.values()),
        warnings=warnings,
    )
