"""Derived line items over the whole corpus: coverage of total liabilities, accuracy against tags.

Run: ``python benchmarks/derived.py [--only SUBSTRING] [--list]``. Prints figures; asserts
nothing; writes nothing.

Documents: every file of ``../shared/corpus`` (``docs/``, ``ixbrl/``, ``8-K/``) and the
seeds, read with :func:`risk.extraction.extract_all` as a user would (company facts give
one filing per accession).

Coverage
    Among the balance sheets (``months == 0`` periods) that give total assets and equity
    (stockholders' equity or total equity, printed or tagged), the share with total
    liabilities: printed or tagged only ("before": derived values stripped, which is what
    the documents give), and printed, tagged or derived ("after").

Accuracy
    Every balance sheet whose total liabilities are the tagged ``us-gaap:Liabilities``
    (inline XBRL, XBRL instances, company facts) is derived again with that value
    withheld (and every derived value dropped), by :func:`risk.statements.derive_period`,
    and the result compared with the tag. Target: every derived value within 0.5 %.

Also printed: the derived values by line item and formula, and the warnings the checks
and the plausibility rules gave, by code.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from risk.exceptions import RiskError
from risk.extraction import extract_all
from risk.financials import Filing, LineItem, PeriodValues, Source
from risk.statements import IMPLAUSIBLE, derive_period

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
FOLDERS = (CORPUS / "docs", CORPUS / "ixbrl", CORPUS / "8-K", SHARED / "seeds")
TAGGED_LIABILITIES = ("us-gaap:Liabilities", "ifrs-full:Liabilities")
TARGET = 0.005

TL = LineItem.TOTAL_LIABILITIES
EQUITY = (LineItem.STOCKHOLDERS_EQUITY, LineItem.TOTAL_EQUITY)


@dataclass
class Tally:
    """What the sweep counted."""

    documents: int = 0
    refused: int = 0
    balance_sheets: int = 0
    with_tl_before: int = 0
    with_tl_after: int = 0
    missing_after: list[str] = field(default_factory=list)
    compared: int = 0
    within: int = 0
    not_derived: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    derived: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)


def _printed(pv: PeriodValues) -> PeriodValues:
    """The period without its derived values: what the document prints or tags."""
    keep = {
        item: value
        for item, value in pv.values.items()
        if (prov := pv.provenance.get(item)) is None or prov.source is not Source.DERIVED
    }
    return PeriodValues(
        end=pv.end,
        months=pv.months,
        values=keep,
        provenance={k: v for k, v in pv.provenance.items() if k in keep},
        estimate=pv.estimate,
    )


def _name(filing: Filing) -> str:
    return filing.source.replace(str(SHARED) + "/", "")


def _coverage(filing: Filing, tally: Tally) -> None:
    for pv in filing.periods:
        if pv.months != 0:
            continue
        printed = _printed(pv)
        if LineItem.TOTAL_ASSETS not in printed.values:
            continue
        if not any(e in printed.values for e in EQUITY):
            continue
        tally.balance_sheets += 1
        tally.with_tl_before += TL in printed.values
        tally.with_tl_after += TL in pv.values
        if TL not in pv.values:
            have = ", ".join(sorted(i.value for i in pv.values))
            tally.missing_after.append(f"{_name(filing)} {pv.end}: has {have}")


def _accuracy(filing: Filing, tally: Tally) -> None:
    for pv in filing.periods:
        prov = pv.provenance.get(TL)
        if pv.months != 0 or prov is None or prov.label not in TAGGED_LIABILITIES:
            continue
        printed = _printed(pv)
        tagged = printed.values[TL]
        withheld = PeriodValues(
            end=pv.end,
            months=0,
            values={k: v for k, v in printed.values.items() if k is not TL},
            provenance={k: v for k, v in printed.provenance.items() if k is not TL},
        )
        derived, _ = derive_period(withheld, document=filing.source)
        value = derived.values.get(TL)
        where = f"{_name(filing)} {pv.end}"
        if value is None:
            tally.not_derived.append(f"{where}: tagged {tagged:,.0f}, not derived")
            continue
        tally.compared += 1
        off = abs(value - tagged) / abs(tagged) if tagged else abs(value)
        if off <= TARGET:
            tally.within += 1
        else:
            formula = derived.provenance[TL].formula
            tally.wrong.append(
                f"{where}: derived {value:,.0f} ({formula}) vs tagged {tagged:,.0f} ({off:.2%})"
            )


def _count(filing: Filing, tally: Tally) -> None:
    for pv in filing.periods:
        for item, prov in pv.provenance.items():
            if prov.source is Source.DERIVED and prov.formula:
                tally.derived[f"{item.value} = {prov.formula}"] += 1
    for w in filing.warnings:
        if w.code in ("check_failed", IMPLAUSIBLE):
            tally.warnings[w.code] += 1


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f} %" if whole else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="only paths containing this")
    parser.add_argument("--list", action="store_true", help="list the misses in full")
    args = parser.parse_args()
    tally = Tally()
    for folder in FOLDERS:
        for path in sorted(folder.iterdir()):
            if not path.is_file() or args.only not in str(path):
                continue
            tally.documents += 1
            try:
                filings = extract_all(path)
            except RiskError:
                tally.refused += 1
                continue
            for filing in filings:
                _coverage(filing, tally)
                _accuracy(filing, tally)
                _count(filing, tally)
    _print(tally, full=args.list)


def _print(tally: Tally, *, full: bool) -> None:
    limit = None if full else 15
    print(f"documents read: {tally.documents} ({tally.refused} refused)")
    print("== total liabilities on balance sheets with total assets and equity ==")
    sheets = tally.balance_sheets
    print(f"  printed or tagged (before): {_pct(tally.with_tl_before, sheets)}")
    print(f"  printed, tagged or derived (after): {_pct(tally.with_tl_after, sheets)}")
    for line in tally.missing_after[:limit]:
        print(f"    still missing: {line}")
    print("== derived with the tagged Liabilities withheld, against the tag ==")
    tagged = tally.compared + len(tally.not_derived)
    print(f"  derived: {_pct(tally.compared, tagged)} of the tagged balance sheets")
    print(f"  within {TARGET:.1%}: {_pct(tally.within, tally.compared)}")
    for line in tally.wrong[:limit]:
        print(f"    off: {line}")
    for line in tally.not_derived[:limit]:
        print(f"    not derived: {line}")
    print("== derived values by formula ==")
    for name, count in tally.derived.most_common():
        print(f"  {count:5d}  {name}")
    print("== warnings ==")
    for code, count in sorted(tally.warnings.items()):
        print(f"  {count:5d}  {code}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
