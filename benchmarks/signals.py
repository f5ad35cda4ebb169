"""Distress signals over the whole corpus: false alarms, misses and hand-judged precision.

Run: ``python benchmarks/signals.py [--list]``. Prints figures; asserts nothing.

What is measured (issue 19)
---------------------------
1. **Declared 8-K items** (``../shared/corpus/8-K``): the items each filing declares, read
   here independently of the package (SEC header ``ITEM INFORMATION:`` lines and the
   document's own ``Item N.NN`` headings; before 2004-08-23 the old numbering, "Item 3"
   being bankruptcy). Per kind: filings where the kind fired, filings declaring the
   matching item, and both. A kind firing where no matching item is declared is a
   candidate false alarm (read the list); a declared distress item not found is a miss.
2. **CEO/CFO departures**: the 5.02 filings read by hand (:data:`CEO_CFO_502`): every one
   must give ``management_change``.
3. **What must be found** (:data:`MUST_FIND`): sentences of ``docs/`` and the seeds that the
   tests check by hand.
4. **Precision of the four key kinds** (bankruptcy_filing, going_concern_doubt,
   covenant_breach, delisting_notice): every firing is printed with its document and
   sentence, and judged against :data:`JUDGED` (each entry judged by reading the sentence,
   with a one-line reason). A firing not in the list is printed as UNJUDGED.

A *firing* is a signal asserted of the filer (``subject`` filer, ``state`` asserted, where
the package records them); the others (another entity's event, an intended or historical
one) are counted apart, as context.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from risk.exceptions import RiskError
from risk.extraction import extract_all
from risk.model import SIGNAL_RATIOS, adjust_for_signals

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
FOLDERS = ("docs", "ixbrl", "8-K")

KEY_KINDS = ("bankruptcy_filing", "going_concern_doubt", "covenant_breach", "delisting_notice")

#: A declared item (new numbering, or the old one's bankruptcy / accountant items) -> kind.
ITEM_KIND = {
    "1.03": "bankruptcy_filing",
    "2.04": "covenant_breach",
    "2.05": "restructuring_charges",
    "2.06": "asset_writedown",
    "3.01": "delisting_notice",
    "4.01": "auditor_change",
    "4.02": "restatement",
    "5.02": "management_change",
    "old 3": "bankruptcy_filing",
    "old 4": "auditor_change",
}
#: ``ITEM INFORMATION:`` descriptions (lower case, start) -> item.
HEADER_ITEMS = {
    "bankruptcy or receivership": "1.03",
    "triggering events": "2.04",
    "cost associated with exit": "2.05",
    "costs associated with exit": "2.05",
    "material impairments": "2.06",
    "notice of delisting": "3.01",
    "changes in registrant's certifying accountant": "4.01",
    "changes in registrants certifying accountant": "4.01",
    "non-reliance": "4.02",
    "departure of directors": "5.02",
}
NEW_ITEMS_FROM = "2004-08-23"

#: The 5.02 filings of ``8-K/`` in which a CEO or CFO leaves (or an interim one serves),
#: read by hand: 13 of the 122 filings with a 5.02 heading (the others elect or lose
#: directors, appoint officers, or set pay).
CEO_CFO_502 = {
    "1000180_8K_2010_0001000180-10-000089.htm": "CEO Harari will retire as CEO",
    "1001039_8K_2015_0001001039-15-000150.htm": "CFO Rasulo will resign as CFO",
    "1001250_8K_2012_0000909518-12-000233.htm": "CFO Kunes to retire; Travis succeeds him",
    "1001426_8K_2005_0001275287-05-004321.htm": "CFO Craighead would resign as CFO",
    "1001426_8K_2005_0001275287-05-004848.htm": "CFO Craighead resigning; successor named",
    "1001426_8K_2006_0001275287-06-000560.htm": "the CEO serves as acting CFO",
    "1002517_8K_2018_0001002517-18-000024.htm": "CEO Ricci will retire; acting CEO",
    "1002517_8K_2018_0001002517-18-000026.htm": "Ricci terminated, no longer CEO",
    "100493_8K_2017_0000100493-17-000003.htm": "CEO Smith resigned as CEO",
    "100493_8K_2017_0000100493-17-000122.htm": "CFO Leatherby relinquishes the CFO duties",
    "100493_8K_2020_0000100493-20-000116.htm": "CEO White stepped down as CEO",
    "100493_8K_2022_0000100493-22-000088.htm": "CFO Glendinning will step down as CFO",
    "1048911_8K_2023_0001193125-23-170172.htm": "CFO Lenz will retire as CFO",
}
#: Other principal officers leaving (5.02(b)), read by hand: not CEO/CFO, reported apart.
OTHER_PRINCIPAL_502 = {
    "1001039_8K_2016_0001001039-16-000408.htm": "COO Staggs leaves the COO position",
    "1001907_8K_2010_0000950123-10-065877.htm": "President Royston terminated (CEO stays)",
    "100493_8K_2020_0000100493-20-000045.htm": "chief accounting officer resigns",
    "1001907_8K_2010_0000950123-10-058942.htm": "a subsidiary's CEO resigns",
}

#: (folder/file, kind, words of the sentence) that must be found, each checked by hand in
#: a test (tests/test_signals_seeds.py, tests/test_signals_corpus.py) or read here.
MUST_FIND = [
    ("seeds/001", "late_filing", "filed its annual report on Form 10-K with the SEC late"),
    ("seeds/001", "delisting_notice", "being notified on April 17 that it would be delisted"),
    ("seeds/001", "going_concern_doubt", "questioned the Company's ability to continue"),
    ("seeds/001", "debt_restructuring", "actively pursuing additional financing, debt restr"),
    ("seeds/001", "financing_need", "must raise approximately $5 million"),
    ("seeds/001", "liquidity_crisis", "to address its liquidity crisis"),
    ("seeds/001", "investment_delayed", "has not yet been implemented due to delays in financ"),
    ("seeds/002", "late_filing", "filed its annual report on Form 10-K with the SEC late"),
    ("seeds/002", "delisting_notice", "notified on April 17 that it would be delisted"),
    ("seeds/002", "going_concern_doubt", "questioned the Company's ability to continue"),
    ("seeds/002", "financing_need", "must raise approximately $5 million"),
    ("seeds/002", "liquidity_crisis", "to address its liquidity crisis"),
    ("seeds/002", "restructuring_charges", "charges for restructuring"),
    ("seeds/002", "asset_writedown", "write-off of certain assets on its balance sheet"),
    ("seeds/003", "investment_delayed", "has been slower than expected for financial reasons"),
    ("seeds/003", "management_change", "John Ronnquist, Interim CFO"),
    ("docs/aeon_10-Q_2023-09-30.htm", "going_concern_doubt", "management has concluded th"),
    (
        "docs/aeon_10-Q_2023-09-30.htm",
        "going_concern_doubt",
        "we do not have sufficient cash to fund our operations",
    ),
    (
        "docs/innovative-clinical-solutions_8-K_2000-05-23.txt",
        "debt_restructuring",
        "restructuring its $100 million",
    ),
    (
        "docs/innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "had filed voluntary petitions for protection under Chapter 11",
    ),
    (
        "docs/entrada-networks_8-K_2001-04-26.txt",
        "restructuring_charges",
        "10% headcount reduction",
    ),
]
#: Sentences that must be found in another state than asserted (issue 19, items 3 and 5).
MUST_FIND_STATE = [
    (
        "docs/innovative-clinical-solutions_8-K_2000-06-12.txt",
        "bankruptcy_filing",
        "intended",
        "prepackaged plan of reorganization of the Company",
    ),
    (
        "docs/innovative-clinical-solutions_8-K_2000-05-23.txt",
        "delisting_notice",
        "historical",
        "since being delisted from the NASDAQ",
    ),
]

#: Firings of the key kinds judged by reading the sentence: (file, kind, start of the
#: quote) -> (true?, reason).
JUDGED: dict[tuple[str, str, str], tuple[bool, str]] = {
    # -- going_concern_doubt
    (
        "aeon_10-Q_2023-09-30.htm",
        "going_concern_doubt",
        "As a result of these conditions, management has concluded that there is substantial",
    ): (True, "management concludes substantial doubt about the Company"),
    (
        "aeon_10-Q_2023-09-30.htm",
        "going_concern_doubt",
        "We have concluded that we do not have sufficient cash",
    ): (True, "we conclude substantial doubt about our ability"),
    (
        "aeon_10-Q_2023-09-30.htm",
        "going_concern_doubt",
        "As a result of these conditions, management has concluded that substantial doubt",
    ): (True, "management concludes doubt about our ability"),
    (
        "aeon_10-Q_2023-09-30_xbrl.xml",
        "going_concern_doubt",
        "As a result of these conditions, management has concluded that there is substantial",
    ): (True, "the same note, from the XBRL text block"),
    (
        "001_0dd14495e2da5e14.txt",
        "going_concern_doubt",
        "The Company received an opinion from its auditors",
    ): (True, "the auditors questioned the Company's ability to continue"),
    (
        "002_5f842900e8892388.txt",
        "going_concern_doubt",
        "The Company received an opinion from its auditors",
    ): (True, "the auditors questioned the Company's ability to continue"),
    # -- delisting_notice
    (
        "001_0dd14495e2da5e14.txt",
        "delisting_notice",
        "The initial late filing resulted in the Company being notified",
    ): (True, "the Company was notified it would be delisted"),
    (
        "001_0dd14495e2da5e14.txt",
        "delisting_notice",
        "The delisting action has been deferred pending a hearing",
    ): (True, "a delisting action against the Company is pending"),
    (
        "002_5f842900e8892388.txt",
        "delisting_notice",
        "This resulted in the Company being notified on April 17",
    ): (True, "the Company was notified it would be delisted"),
    (
        "002_5f842900e8892388.txt",
        "delisting_notice",
        "The delisting action has been deferred pending a hearing",
    ): (True, "a delisting action against the Company is pending"),
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "delisting_notice",
        "The Company's existing common stock has been trading on the OTC",
    ): (False, "history: delisted on December 8, 1999, five months before the filing"),
    # -- bankruptcy_filing
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "bankruptcy_filing",
        "The Company will seek to convert this debt",
    ): (False, "intended: the company will seek a prepackaged plan, nothing filed"),
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "bankruptcy_filing",
        "The Company fully expects to continue operating",
    ): (False, "intended: expectations about a Chapter 11 process not yet begun"),
    (
        "innovative-clinical-solutions_8-K_2000-06-12.txt",
        "bankruptcy_filing",
        "The Company is seeking the consent of the Debentureholders",
    ): (False, "intended: a consent solicitation for a plan not yet filed"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "On July 14, 2000, Innovative Clinical Solutions, Ltd",
    ): (True, "the filer and its subsidiaries filed voluntary petitions (Item 3)"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "The Company expects to implement the Prepackaged Plan",
    ): (True, "the Company is in a Chapter 11 process it expects to leave"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "Innovative Clinical Solutions, Ltd. and its affiliated debtor",
    ): (True, "court order: the filer, debtor in possession, filed petitions"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "A. On the Petition Date, the Debtors commenced",
    ): (True, "court order: the Debtors (the filer) commenced the Chapter 11 cases"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "J. Pursuant to section 1129(a)(4)",
    ): (False, "a finding on the disclosure of payments, not a statement of the filing"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "Providence, RI, August 25, 2000----Innovative Clinical Solutions",
    ): (True, "the court confirmed the Company's plan of reorganization"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "The Company expects to implement the plan and officially emerge",
    ): (True, "the Company is in a Chapter 11 process it expects to leave"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "Item 3",
    ): (True, "the 8-K declares Item 3, Bankruptcy or Receivership"),
    (
        "innovative-clinical-solutions_8-K_2000-08-28.txt",
        "bankruptcy_filing",
        "debtors in possession are deemed to release",
    ): (True, "court order: the filer acts as debtor in possession (in Chapter 11)"),
    (
        "HON_10-Q_0000773840-23-000073.htm",
        "bankruptcy_filing",
        "NARCO emerged from bankruptcy",
    ): (False, "another entity (NARCO, a former subsidiary), and 2013 history"),
    # -- covenant_breach
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "covenant_breach",
        "This AMENDED AND RESTATED FORBEARANCE",
    ): (False, "agreement text filed as EX-10: a contract, not a statement of an event"),
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "covenant_breach",
        "WHEREAS, ICSL and the Consenting Holder have previously",
    ): (False, "agreement recital filed as EX-10"),
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "covenant_breach",
        "This SECOND AMENDED AND RESTATED FORBEARANCE",
    ): (False, "agreement text filed as EX-10.2"),
    (
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "covenant_breach",
        "WHEREAS, ICSL and the Consenting Holders have previously",
    ): (False, "agreement recital filed as EX-10.2"),
    (
        "AMD_10-K_0000002488-24-000012.htm",
        "covenant_breach",
        "In these limited matters, the Company has agreed to hold",
    ): (False, "an indemnity: losses that would arise from a breach"),
    (
        "AXP_10-Q_0000004962-23-000038.htm",
        "covenant_breach",
        "Amounts are recognized until securities are in default",
    ): (False, "an accounting policy about others' securities"),
    (
        "GOOG_10-K_0001652044-24-000022.htm",
        "covenant_breach",
        "We have agreed to defend and/or hold certain parties harmless",
    ): (False, "an indemnity: losses that would arise from a breach"),
    (
        "GOOG_10-Q_0001652044-23-000070.htm",
        "covenant_breach",
        "We have agreed to defend and/or hold certain parties harmless",
    ): (False, "an indemnity"),
    (
        "GOOG_10-Q_0001652044-23-000094.htm",
        "covenant_breach",
        "We have agreed to defend and/or hold certain parties harmless",
    ): (False, "an indemnity"),
    (
        "JCI_10-K_0000833444-24-000064.htm",
        "covenant_breach",
        "The 12-count state court Complaint asserts claims",
    ): (False, "claims alleged in a lawsuit (covenant of good faith), not a debt covenant"),
    (
        "META_10-K_0001326801-24-000012.htm",
        "covenant_breach",
        "We have agreed to hold certain parties harmless",
    ): (False, "an indemnity"),
    (
        "NKE_10-K_0000320187-24-000044.htm",
        "covenant_breach",
        "As of May 31, 2024, we were in full compliance",
    ): (False, "negated: in full compliance"),
    (
        "NKE_10-Q_0000320187-23-000052.htm",
        "covenant_breach",
        "As of August 31, 2023, we were in full compliance",
    ): (False, "negated: in full compliance"),
    (
        "1001258_8K_2004_0001125282-04-002359.txt",
        "covenant_breach",
        "(d) So long as an Event of Default has occurred",
    ): (False, "credit agreement text filed as EX-10.17"),
    (
        "1001258_8K_2004_0001125282-04-002359.txt",
        "covenant_breach",
        "(a) So long as no Default",
    ): (False, "credit agreement text filed as EX-10.17"),
    (
        "1001258_8K_2004_0001125282-04-002359.txt",
        "covenant_breach",
        "So long as no Default, which is not reasonably capable",
    ): (False, "credit agreement text filed as EX-10.17"),
    (
        "1001258_8K_2005_0001125282-05-004041.txt",
        "covenant_breach",
        "The receipt by Landlord of the Base Rent",
    ): (False, "lease text filed as EX-10.1"),
    (
        "1004963_8K_1996_0000899243-96-000861.txt",
        "covenant_breach",
        "Because of the difficulty of measuring economic losses",
    ): (False, "merger agreement remedies filed as an exhibit"),
    (
        "1004963_8K_1996_0001004963-96-000010.txt",
        "covenant_breach",
        "Because of the difficulty of measuring economic losses",
    ): (False, "merger agreement remedies filed as EX-2"),
}


@dataclass(frozen=True)
class Firing:
    folder: str
    file: str
    kind: str
    quote: str
    rule: str
    document_type: str | None
    subject: str
    subject_name: str | None
    state: str


def _paths() -> list[tuple[str, Path]]:
    out = []
    for folder in FOLDERS:
        out += [(folder, p) for p in sorted((CORPUS / folder).iterdir()) if p.name != "README.md"]
    out += [("seeds", p) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return out


def _firings(folder: str, path: Path) -> list[Firing]:
    try:
        filings = extract_all(path)
    except RiskError as exc:
        print(f"  unreadable {path.name}: {exc}", file=sys.stderr)
        return []
    out = []
    for filing in filings:
        for s in filing.signals:
            subject = getattr(s, "subject", "filer")
            state = getattr(s, "state", "asserted")
            out.append(
                Firing(
                    folder=folder,
                    file=path.name,
                    kind=str(s.kind.value),
                    quote=s.quote,
                    rule=s.rule or "",
                    document_type=s.document_type,
                    subject=str(getattr(subject, "value", subject)),
                    subject_name=getattr(s, "subject_name", None),
                    state=str(getattr(state, "value", state)),
                )
            )
    return out


# ---------------------------------------------------------------------- declared items
def _plain(raw: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</(?:p|div|tr|td|h\d|li|table)>", "\n", raw)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text).replace("\xa0", " ")


_HEADING = re.compile(r"(?im)^[ \t]*item[ \t]+(\d\.\d\d)\b")
_OLD_HEADING = re.compile(r"(?im)^[ \t]*item[ \t]+(\d{1,2})[ \t]*[.:]")
_FILED = re.compile(r"FILED AS OF DATE:\s*(\d{4})(\d\d)(\d\d)")


def declared_items(path: Path) -> set[str]:
    """The items an 8-K declares: header lines and the main document's headings."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    items: set[str] = set()
    header_end = raw.find("</SEC-HEADER>")
    header = raw[:header_end] if header_end >= 0 else ""
    for line in re.findall(r"ITEM INFORMATION:\s*(.*)", header):
        low = line.strip().lower()
        for start, item in HEADER_ITEMS.items():
            if low.startswith(start):
                items.add(item)
        if low.startswith("bankruptcy") or low == "3":
            items.add("1.03")
    body = raw[header_end:] if header_end >= 0 else raw
    end = body.find("</DOCUMENT>")
    main = _plain(body[: end if end >= 0 else len(body)])
    items.update(_HEADING.findall(main))
    m = _FILED.search(header)
    year = int(m.group(1)) if m else int(path.name.split("_")[2])
    filed = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else f"{year}-01-01"
    if filed < NEW_ITEMS_FROM:
        for old in _OLD_HEADING.findall(main):
            if old in ("3", "4"):
                items.add(f"old {old}")
    return items


# ---------------------------------------------------------------------- report
def _counts(firings: list[Firing]) -> None:
    print("\n## Signals per kind and folder (asserted of the filer / other subject or state)")
    by: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for f in firings:
        by[(f.kind, f.folder)][0 if _counts_as_firing(f) else 1] += 1
    kinds = sorted({k for k, _ in by})
    print(f"{'kind':24}" + "".join(f"{fo:>14}" for fo in (*FOLDERS, "seeds")))
    for kind in kinds:
        cells = []
        for fo in (*FOLDERS, "seeds"):
            a, b = by.get((kind, fo), [0, 0])
            cells.append(f"{a:>8} / {b:<3}")
        print(f"{kind:24}" + "".join(f"{c:>14}" for c in cells))


def _counts_as_firing(f: Firing) -> bool:
    return f.subject == "filer" and f.state == "asserted"


def _items(firings: list[Firing]) -> None:
    print("\n## 8-K folder: kinds against declared items (filings)")
    fired: dict[str, set[str]] = defaultdict(set)
    for f in firings:
        if f.folder == "8-K" and _counts_as_firing(f):
            fired[f.kind].add(f.file)
    declared: dict[str, set[str]] = defaultdict(set)
    for path in sorted((CORPUS / "8-K").iterdir()):
        for item in declared_items(path):
            kind = ITEM_KIND.get(item)
            if kind:
                declared[kind].add(path.name)
    print(f"{'kind':24}{'fired':>7}{'declared':>10}{'both':>6}{'fired, not declared':>21}")
    for kind in sorted(set(ITEM_KIND.values()) | set(fired)):
        a, d = fired.get(kind, set()), declared.get(kind, set())
        print(f"{kind:24}{len(a):>7}{len(d):>10}{len(a & d):>6}{len(a - d):>21}")
    for kind in ("restructuring_charges", "asset_writedown", "restatement", "auditor_change"):
        missed = sorted(declared.get(kind, set()) - fired.get(kind, set()))
        if missed:
            print(f"  declared {kind} not found: {', '.join(missed)}")
    mgmt = fired.get("management_change", set())
    found = [f for f in CEO_CFO_502 if f in mgmt]
    print(
        f"\nCEO/CFO departures (5.02, read by hand): {len(found)} of {len(CEO_CFO_502)} found "
        f"(of {len(declared.get('management_change', set()))} filings with a 5.02 heading)"
    )
    for f, what in CEO_CFO_502.items():
        if f not in mgmt:
            print(f"  missed: {f} ({what})")
    others = sorted(mgmt - set(CEO_CFO_502))
    print(f"management_change on other 8-Ks: {len(others)}")
    for f in others:
        note = OTHER_PRINCIPAL_502.get(f, "")
        print(f"  {f} {('(' + note + ')') if note else ''}")


def _must_find(firings: list[Firing]) -> None:
    print("\n## Must be found (docs/ and seeds, checked by hand)")
    found = 0
    for where, kind, words in MUST_FIND:
        folder, name = where.split("/", 1)
        ok = any(
            f.folder == folder
            and f.file.startswith(name)
            and f.kind == kind
            and _counts_as_firing(f)
            and words in f.quote
            for f in firings
        )
        found += ok
        if not ok:
            print(f"  MISSED {where} {kind}: {words!r}")
    print(f"found {found} of {len(MUST_FIND)}")
    for where, kind, state, words in MUST_FIND_STATE:
        folder, name = where.split("/", 1)
        got = sorted(
            {
                f.state
                for f in firings
                if f.folder == folder and f.file == name and f.kind == kind and words in f.quote
            }
        )
        print(f"  {name} {kind} {words[:40]!r}: wanted {state}, got {got or 'nothing'}")


def _judge(f: Firing) -> tuple[bool, str] | None:
    for (name, kind, start), verdict in JUDGED.items():
        if f.file == name and f.kind == kind and f.quote.startswith(start):
            return verdict
    return None


def _precision(firings: list[Firing], show: bool) -> None:
    print("\n## Precision of the key kinds (every firing judged by hand)")
    for kind in KEY_KINDS:
        mine = [f for f in firings if f.kind == kind and _counts_as_firing(f)]
        judged = [(f, _judge(f)) for f in mine]
        true = sum(1 for _, j in judged if j and j[0])
        false = sum(1 for _, j in judged if j and not j[0])
        unjudged = sum(1 for _, j in judged if j is None)
        prec = f"{true / (true + false):.2f}" if true + false else "n/a"
        print(
            f"{kind:22} firings {len(mine):3}  true {true:3}  false {false:3}  "
            f"unjudged {unjudged:2}  precision {prec}"
        )
        if show:
            for f, j in judged:
                mark = "UNJUDGED" if j is None else ("true " if j[0] else "FALSE")
                why = "" if j is None else f" -- {j[1]}"
                print(f"   [{mark}] {f.file} ({f.document_type}, {f.rule}){why}")
                print(f"        {f.quote[:300]}")
    others = [f for f in firings if f.kind in KEY_KINDS and not _counts_as_firing(f)]
    print(f"\nkept apart (another entity, intended or historical): {len(others)}")
    if show:
        for f in others:
            who = f.subject + (f" ({f.subject_name})" if f.subject_name else "")
            print(f"   {f.kind} [{who}, {f.state}] {f.file}: {f.quote[:200]}")


def _healthy(firings: list[Firing]) -> None:
    """Signals of the large healthy companies (ixbrl/) and the 8-K folder that would move
    a probability: every one must be the filer's own asserted event (judged above for the
    key kinds); another entity's event must never be among them."""
    print("\n## Healthy companies (ixbrl/, 8-K/): signals that change the probability")
    movers: dict[str, list[Firing]] = defaultdict(list)
    for f in firings:
        if f.folder in ("ixbrl", "8-K"):
            movers[f.file].append(f)
    changed = 0
    for name, fs in sorted(movers.items()):
        adj = adjust_for_signals(0.002, fs)
        if adj.factors:
            changed += 1
            kinds = ", ".join(f"{x.kind} x{x.ratio:g}" for x in adj.factors)
            print(f"  {name}: 0.20 % -> {adj.adjusted:.2%} ({kinds})")
    others = [f for f in firings if f.folder in ("ixbrl", "8-K") and f.subject != "filer"]
    print(
        f"filings changed: {changed}; signals about another entity or a subsidiary: "
        f"{len(others)}, of which change the probability: "
        f"{sum(1 for f in others if adjust_for_signals(0.002, [f]).factors)}"
    )
    print(f"(kinds with a ratio: {', '.join(sorted(SIGNAL_RATIOS))})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every firing of the key kinds")
    parser.add_argument("--kind", action="append", default=[], help="also list this kind")
    args = parser.parse_args(argv[1:])
    t0 = time.perf_counter()
    firings: list[Firing] = []
    paths = _paths()
    for folder, path in paths:
        firings += _firings(folder, path)
    took = time.perf_counter() - t0
    print(f"# Signals over {len(paths)} files ({took:.0f} s)")
    kinds = Counter(f.kind for f in firings)
    print("signals per kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    _counts(firings)
    _items(firings)
    _must_find(firings)
    _precision(firings, args.list)
    _healthy(firings)
    for kind in args.kind:
        print(f"\n## Every {kind} signal")
        for f in firings:
            if f.kind == kind:
                who = f.subject + (f" ({f.subject_name})" if f.subject_name else "")
                print(f"   [{who}, {f.state}] {f.file} ({f.document_type}, {f.rule})")
                print(f"        {f.quote[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
