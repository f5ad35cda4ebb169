"""Tagged XBRL facts to financials.md line items per period.

The concept mapping is data (``xbrl_concepts.json`` beside this module): for each
field an ordered fallback chain of concepts (``us-gaap:Revenues``, then
``us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax`` ...). For each period
the first concept of the chain with a fact wins. XBRL instances, inline XBRL and EDGAR
company facts all go through :func:`facts_to_periods`, so the three readers agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import RootModel

from risk._rules import RuleModel, load_rule_file
from risk.financials import FilingWarning, LineItem, PeriodValues, Provenance, Source, WarningCode
from risk.statements._plausible import PlausibilityRule, implausible_warning

__all__ = [
    "ConceptRule",
    "FieldRule",
    "TaggedFact",
    "UnitKind",
    "concept_rules",
    "duration_months",
    "facts_to_periods",
    "mapped_concepts",
    "unit_kind",
    "values_agree",
]

_MAP_FILE = Path(__file__).with_name("xbrl_concepts.json")

# Day counts of 3, 6, 9 and 12-month periods, wide enough for 13/26/39/52-week fiscal
# periods and 14-week quarters of 53-week years (a 53-week year is 371 days).
_MONTH_RANGES: tuple[tuple[int, int, int], ...] = (
    (84, 99, 3),
    (175, 192, 6),
    (266, 283, 9),
    (357, 373, 12),
)


class UnitKind(StrEnum):
    """What unit a field needs."""

    MONETARY = "monetary"  # USD
    SHARES = "shares"
    PER_SHARE = "per_share"  # USD per share


@dataclass(frozen=True)
class ConceptRule:
    """One concept of a fallback chain (``negate`` when its sign is the field's opposite)."""

    concept: str
    negate: bool = False


@dataclass(frozen=True)
class FieldRule:
    """The fallback chain of one field and the unit it needs."""

    item: LineItem
    unit: UnitKind
    concepts: tuple[ConceptRule, ...]


@dataclass(frozen=True)
class TaggedFact:
    """One numeric XBRL fact, as any of the three readers sees it.

    Attributes
    ----------
    concept : str
        ``prefix:LocalName`` with the standard prefixes ``us-gaap``, ``ifrs-full``, ``dei``.
    value : float
        The value in units (scale and sign already applied).
    unit : str
        ``USD``, ``shares``, ``USD/shares`` or another measure as written.
    end : date
        The instant, or the last day of the duration.
    start : date or None
        The first day of a duration (None for an instant).
    raw : str or None
        The value as written in the document.
    decimals : int or None
        The XBRL ``decimals`` (None for INF or unknown).
    filed : date or None
        When the fact became public (company facts).
    """

    concept: str
    value: float
    unit: str
    end: date
    start: date | None = None
    raw: str | None = None
    decimals: int | None = None
    filed: date | None = None

    @property
    def months(self) -> int | None:
        """0 for an instant, 3/6/9/12 for a duration of that length, None for a stub."""
        if self.start is None:
            return 0
        return duration_months(self.start, self.end)


def duration_months(start: date, end: date) -> int | None:
    """The length in months (3, 6, 9 or 12) of the period ``start``..``end``, or None.

    Day counts are matched with a tolerance that admits 13/26/39/52-week fiscal periods
    and 53-week years; anything else (a predecessor/successor stub) gives None.
    """
    days = (end - start).days
    for low, high, months in _MONTH_RANGES:
        if low <= days <= high:
            return months
    return None


def unit_kind(unit: str) -> UnitKind | None:
    """The kind of a unit string (``USD``, ``iso4217:USD``, ``shares``, ``USD/shares``)."""
    text = unit.replace("iso4217:", "").replace("xbrli:", "").strip()
    low = text.lower()
    if text == "USD":
        return UnitKind.MONETARY
    if low == "shares":
        return UnitKind.SHARES
    if low in ("usd/shares", "usd-per-shares", "usdpershare", "usd/share"):
        return UnitKind.PER_SHARE
    return None


class _ConceptSpec(RuleModel):
    concept: str
    negate: bool = False


class _FieldSpec(RuleModel):
    unit: UnitKind
    concepts: list[str | _ConceptSpec]


class _ConceptMap(RootModel[dict[LineItem, _FieldSpec]]):
    """``xbrl_concepts.json``: line item -> its unit and chain of concepts."""


@lru_cache(maxsize=1)
def concept_rules() -> tuple[FieldRule, ...]:
    """The field rules read from ``xbrl_concepts.json`` (cached)."""
    data = load_rule_file(_MAP_FILE, _ConceptMap)
    return tuple(
        FieldRule(
            field,
            spec.unit,
            tuple(
                ConceptRule(entry)
                if isinstance(entry, str)
                else ConceptRule(entry.concept, entry.negate)
                for entry in spec.concepts
            ),
        )
        for field, spec in data.root.items()
    )


@lru_cache(maxsize=1)
def mapped_concepts() -> frozenset[str]:
    """Every concept that some field's chain names."""
    return frozenset(c.concept for rule in concept_rules() for c in rule.concepts)


def _non_finite(fact: TaggedFact, document: str) -> FilingWarning:
    """The ``implausible_value`` warning for a fact whose value is not a finite number."""
    item = next(
        (r.item for r in concept_rules() if any(c.concept == fact.concept for c in r.concepts)),
        None,
    )
    return implausible_warning(
        document=document,
        item=item,
        end=fact.end,
        months=fact.months,
        value=fact.value,
        why=f"{fact.concept} is {PlausibilityRule.NON_FINITE.value}",
    )


def values_agree(a: float, b: float) -> bool:
    """Whether two reported figures are the same up to rounding (0.5%, at least one unit)."""
    return abs(a - b) <= max(1.0, 0.005 * max(abs(a), abs(b)))


def facts_to_periods(
    facts: Iterable[TaggedFact],
    *,
    document: str,
    document_type: str | None = None,
    source: Source = Source.XBRL,
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Map tagged facts to line items per period.

    Only facts of mapped concepts in the unit their field needs are used; facts of
    periods that are not 0, 3, 6, 9 or 12 months long are skipped with one warning per
    period. Where one concept has two different values for a period, it is skipped for
    that period (with a warning) and the chain falls back to the next concept.

    Parameters
    ----------
    facts : iterable of TaggedFact
        Consolidated facts only (no dimensional contexts).
    document : str
        The document name for provenance and warnings.
    document_type : str or None
        The EDGAR type of the part, for provenance.
    source : Source, default Source.XBRL

    Returns
    -------
    periods : list of PeriodValues
        Sorted by end date, then months.
    warnings : list of FilingWarning
    """
    wanted = mapped_concepts()
    table: dict[tuple[str, date, int], list[TaggedFact]] = {}
    stubs: dict[tuple[date, date], int] = {}
    warnings: list[FilingWarning] = []
    for fact in facts:
        if fact.concept not in wanted:
            continue
        if not math.isfinite(fact.value):
            warnings.append(_non_finite(fact, document))
            continue
        months = fact.months
        if months is None:
            assert fact.start is not None
            stubs[(fact.start, fact.end)] = stubs.get((fact.start, fact.end), 0) + 1
            continue
        table.setdefault((fact.concept, fact.end, months), []).append(fact)

    warnings += [
        FilingWarning(
            code=WarningCode.STUB_PERIOD,
            message=(
                f"{count} tagged fact(s) for {start} to {end} ({(end - start).days + 1} days) "
                "were skipped: the period is not 3, 6, 9 or 12 months long"
            ),
            document=document,
        )
        for (start, end), count in sorted(stubs.items())
    ]
    periods: dict[tuple[date, int], tuple[dict[LineItem, float], dict[LineItem, Provenance]]] = {}
    keys = {(end, months) for (_c, end, months) in table}
    conflicts: set[tuple[str, date, int]] = set()
    for end, months in sorted(keys):
        values: dict[LineItem, float] = {}
        prov: dict[LineItem, Provenance] = {}
        for rule in concept_rules():
            if rule.item.is_flow != (months != 0):
                continue
            for concept in rule.concepts:
                candidates = [
                    f
                    for f in table.get((concept.concept, end, months), ())
                    if unit_kind(f.unit) is rule.unit
                ]
                if not candidates:
                    continue
                best = max(candidates, key=lambda f: -99 if f.decimals is None else f.decimals)
                if any(not values_agree(best.value, f.value) for f in candidates):
                    key = (concept.concept, end, months)
                    if key not in conflicts:
                        conflicts.add(key)
                        shown = sorted({f.value for f in candidates})
                        warnings.append(
                            FilingWarning(
                                code=WarningCode.XBRL_CONFLICT,
                                message=(
                                    f"{concept.concept} has different values for {end} "
                                    f"({months}m): {shown}; it is not used for "
                                    f"{rule.item.value}"
                                ),
                                document=document,
                            )
                        )
                    continue
                value = -best.value if concept.negate else best.value
                values[rule.item] = value + 0.0
                prov[rule.item] = Provenance(
                    document=document,
                    source=source,
                    document_type=document_type,
                    label=concept.concept,
                    raw=best.raw,
                    filed=best.filed,
                    decimals=best.decimals,
                    note="sign reversed from the concept's convention" if concept.negate else None,
                )
                break
        if values:
            periods[(end, months)] = (values, prov)
    result = [
        PeriodValues(end=end, months=months, values=v, provenance=p)
        for (end, months), (v, p) in sorted(periods.items())
    ]
    return result, warnings
