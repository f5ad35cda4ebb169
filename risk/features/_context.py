"""Looking up a timeline's values, with provenance, for the features and the checklist."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from risk.features._models import InputValue
from risk.financials import Fact, FactKind, LineItem, Signal, SignalKind
from risk.timelines import Timeline

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CONCEPTS", "STALE_DAYS", "Context"]

#: Signals and facts of filings filed more than this many days before the latest period
#: end are not used as evidence (they describe an older situation).
STALE_DAYS = 400

#: Concepts built from line items: the alternatives, in order of preference.
CONCEPTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "working_capital": (("working_capital",), ("current_assets", "current_liabilities")),
    "book_equity": (("stockholders_equity",), ("total_assets", "total_liabilities")),
    "funds_from_operations": (
        ("net_income", "depreciation_amortization"),
        ("operating_cash_flow",),
    ),
}

_CONCEPT_VALUE = {
    "working_capital": (
        lambda v: v["working_capital"],
        lambda v: v["current_assets"] - v["current_liabilities"],
    ),
    "book_equity": (
        lambda v: v["stockholders_equity"],
        lambda v: v["total_assets"] - v["total_liabilities"],
    ),
    "funds_from_operations": (
        lambda v: v["net_income"] + v["depreciation_amortization"],
        lambda v: v["operating_cash_flow"],
    ),
}

_PRIOR_DAYS = (345, 385)


def _finite(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


@dataclass
class Context:
    """A timeline, its feature table and the latest date, with value look-ups."""

    timeline: Timeline
    table: pd.DataFrame
    dates: list[date]
    latest: int | None
    prior: int | None = None
    columns: dict[str, Any] = field(default_factory=dict)
    facts_by_kind: dict[FactKind, list[Fact]] = field(default_factory=dict)
    signals_by_kind: dict[SignalKind, list[Signal]] = field(default_factory=dict)
    stale_statements: int = 0

    @classmethod
    def build(cls, timeline: Timeline, table: pd.DataFrame, dates: list[date]) -> Context:
        balance_dates = [i for i, d in enumerate(dates) if timeline.balances(d) is not None]
        candidates = balance_dates or list(range(len(dates)))
        latest = candidates[-1] if candidates else None
        prior = None
        if latest is not None:
            end = dates[latest]
            for i, d in enumerate(dates):
                if _PRIOR_DAYS[0] <= (end - d).days <= _PRIOR_DAYS[1]:
                    prior = i
        # statements filed long before the latest period describe an older situation
        filed = {f.source: f.filed for f in timeline.filings}
        cutoff = None if latest is None else dates[latest] - timedelta(days=STALE_DAYS)
        stale = 0

        def recent(document: str) -> bool:
            nonlocal stale
            when = filed.get(document)
            if cutoff is None or when is None or when >= cutoff:
                return True
            stale += 1
            return False

        facts: dict[FactKind, list[Fact]] = {}
        for fact in timeline.facts:
            if recent(fact.document):
                facts.setdefault(fact.kind, []).append(fact)
        signals: dict[SignalKind, list[Signal]] = {}
        for signal in timeline.signals:
            # only the filer's own, asserted events are going-concern indicators
            if recent(signal.document) and signal.of_filer:
                signals.setdefault(signal.kind, []).append(signal)
        columns = {c: table[c].to_numpy() for c in table.columns}
        return cls(timeline, table, dates, latest, prior, columns, facts, signals, stale)

    @property
    def end(self) -> date | None:
        """The latest date."""
        return None if self.latest is None else self.dates[self.latest]

    def row_value(self, column: str, index: int | None = None) -> float | None:
        """A ``feature_table`` value at a row (default: the latest), None for NaN."""
        i = self.latest if index is None else index
        if i is None or column not in self.columns:
            return None
        return _finite(self.columns[column][i])

    def line(self, name: str, end: date | None) -> InputValue | None:
        """A balance at ``end`` or the 12-month flow to it, with provenance."""
        if end is None:
            return None
        found = self.timeline.value(name, end)
        if found is None:
            return None
        value, provenance = found
        months = 12 if LineItem(name).is_flow else 0
        return InputValue(
            name=name, value=value, period_end=end, months=months, provenance=provenance
        )

    def resolve(
        self, name: str, index: int | None = None
    ) -> tuple[float | None, list[InputValue], list[str]]:
        """A line item or concept (``prior:`` for 12 months earlier) at a row.

        Returns the value (None when missing), the inputs used and the missing names.
        """
        prefix = ""
        i = self.latest if index is None else index
        if name.startswith("prior:"):
            prefix, name, i = "prior:", name[len("prior:") :], self.prior
            if i is None:
                return None, [], [f"prior:{name}"]
        end = None if i is None else self.dates[i]
        alternatives = CONCEPTS.get(name, ((name,),))
        for alt_index, names in enumerate(alternatives):
            found = [self.line(n, end) for n in names]
            if all(f is not None for f in found):
                inputs = [f for f in found if f is not None]
                values = {f.name: f.value for f in inputs}
                value = (
                    _CONCEPT_VALUE[name][alt_index](values) if name in CONCEPTS else inputs[0].value
                )
                if prefix:
                    inputs = [f.model_copy(update={"name": prefix + f.name}) for f in inputs]
                return value, inputs, []
        return None, [], [prefix + name]

    def resolve_all(
        self, names: list[str] | tuple[str, ...], index: int | None = None
    ) -> tuple[list[InputValue], list[str]]:
        """The inputs and missing names of several line items or concepts."""
        inputs: list[InputValue] = []
        missing: list[str] = []
        for name in names:
            _, used, lacking = self.resolve(name, index)
            for item in used:
                if item not in inputs:
                    inputs.append(item)
            missing.extend(lacking)
        return inputs, missing

    def latest_fact(self, kind: FactKind) -> Fact | None:
        """The fact of ``kind`` from the latest filing that states one."""
        facts = self.facts_by_kind.get(kind, [])
        return facts[-1] if facts else None

    @property
    def text_read(self) -> bool:
        """Whether any filing of the timeline came from a document's text (not a table)."""
        return any(f.form != "table" for f in self.timeline.filings)
