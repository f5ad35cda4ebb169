"""Regression: an unlabeled total line closing the asset side of a balance sheet.

Root cause: a row without a label matched no rule, so Apple's 1997 10-Q balance sheet,
which prints the asset side as its own table and closes it with "$4,487" and no label,
gave no ``total_assets``. Such a line is now taken as total assets only when the table
names asset-side items alone (total current assets among them) and, in every column, the
line equals the sum of the lines above it with printed subtotals folded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus_filings import extract_once

from risk.statements import normalise_table
from risk.tables import RawRow, RawTable

COLS = ("March 28, 1997", "September 27, 1996")

# apple_10-Q_1997-03-28.txt, CONSOLIDATED BALANCE SHEETS, ASSETS (In millions).
ASSETS = [
    ("Current assets:", ("", "")),
    ("Cash and cash equivalents", ("$1,273", "$1,552")),
    ("Short-term investments", ("186", "193")),
    ("Accounts receivable, net", ("1,149", "1,496")),
    ("Inventories:", ("", "")),
    ("Purchased parts", ("220", "213")),
    ("Work in process", ("19", "43")),
    ("Finished goods", ("270", "406")),
    ("", ("509", "662")),
    ("Deferred tax assets", ("303", "342")),
    ("Other current assets", ("222", "270")),
    ("Total current assets", ("3,642", "4,515")),
    ("Land and buildings", ("461", "480")),
    ("Machinery and equipment", ("529", "544")),
    ("Office furniture and equipment", ("124", "136")),
    ("Leasehold improvements", ("181", "188")),
    ("", ("1,295", "1,348")),
    ("Accumulated depreciation and amortization", ("(739)", "(750)")),
    ("Net property, plant, and equipment", ("556", "598")),
    ("Other assets", ("289", "251")),
    ("", ("$4,487", "$ 5,364")),
]


def _table(rows: list[tuple[str, tuple[str, str]]], title: str) -> RawTable:
    return RawTable(
        title=title,
        columns=COLS,
        rows=tuple(RawRow(label=lab, cells=c, line=i + 1) for i, (lab, c) in enumerate(rows)),
        document="doc.txt",
    )


def _assets(res: object) -> dict[date, float | None]:
    return {pv.end: pv.get("total_assets") for pv in res.periods}  # type: ignore[attr-defined]


def test_unlabeled_total_assets() -> None:
    # 3,642 + 556 + 289 = 4,487 and 4,515 + 598 + 251 = 5,364.
    res = normalise_table(_table(ASSETS, "CONSOLIDATED BALANCE SHEETS ASSETS (In millions)"))
    assert _assets(res) == {date(1997, 3, 28): 4_487e6, date(1996, 9, 27): 5_364e6}


def test_unlabeled_total_needs_the_arithmetic() -> None:
    rows = [*ASSETS[:-1], ("", ("$4,488", "$ 5,364"))]  # one column off by one unit
    res = normalise_table(_table(rows, "CONSOLIDATED BALANCE SHEETS (In millions)"))
    assert set(_assets(res).values()) == {None}


def test_unlabeled_total_of_liabilities_and_equity_is_not_taken() -> None:
    rows = [
        ("Total current liabilities", ("2,011", "2,003")),
        ("Long-term debt", ("952", "949")),
        ("Deferred tax liabilities", ("282", "354")),
        ("Total shareholders' equity", ("1,242", "2,058")),
        ("", ("$4,487", "$ 5,364")),
    ]
    res = normalise_table(_table(rows, "CONSOLIDATED BALANCE SHEETS (Dollars in millions)"))
    assert set(_assets(res).values()) == {None}
    for pv in res.periods:
        assert pv.get("total_liabilities") is None


def test_apple_10q_1997_total_assets(corpus_dir: Path) -> None:
    # The ASSETS table ends "$4,487 $ 5,364" (March 28, 1997; September 27, 1996).
    filing = extract_once(corpus_dir / "apple_10-Q_1997-03-28.txt")
    got = {(pv.end, pv.months): pv.get("total_assets") for pv in filing.periods}
    assert got[(date(1997, 3, 28), 0)] == 4_487e6
    assert got[(date(1996, 9, 27), 0)] == 5_364e6
