"""Regression: share counts under titles whose "except" clause names only per-share values.

Root cause: ``parse_scale`` treated any title reading "Amounts in thousands" (or "Dollars
in ...") as a scale for money only and left share counts unscaled, so GAINSCO's
"(Amounts in thousands, except per share data)" gave 4,785 weighted shares instead of
4,785,000. The rule now follows the except clause: "except per share data" exempts only
per-share values; "except share data", "except share and per share amounts" exempt share
counts; "shares ... in thousands" states their scale; a scale stated for dollars only
("Dollars in millions, except per share amounts") leaves share counts open, and they are
kept only when net income / shares = EPS settles the scale.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_filings import extract_once

from risk.statements import normalise_table, parse_scale
from risk.tables import RawRow, RawTable

Y09 = "Year Ended December 31, 2009"


@pytest.mark.parametrize(
    ("title", "shares"),
    [
        # gainsco_10-K_2009-12-31.html, statement of operations title.
        ("(Amounts in thousands, except per share data)", 1e3),
        # FiberCore seeds 001/002: share counts printed in full.
        ("(Dollars in thousands except share data)", 1.0),
        # aeon_10-Q_2023-09-30.htm; buckle_8-K-ex99_2024-11-02.html.
        ("(in thousands, except share and per share amounts)", 1.0),
        ("(Amounts in Thousands Except Share and Per Share Amounts)", 1.0),
        ("(In millions, except share amounts)", 1.0),
        # apple_10-Q_2025-06-28.html, statement of operations and balance sheet.
        (
            "(In millions, except number of shares, which are reflected in thousands, "
            "and per-share amounts)",
            1e3,
        ),
        # gencorp_10-K_2011-11-30.html.
        ("(In millions, except per share amounts; shares in thousands)", 1e3),
        # apple_10-K_1997-09-26.txt: a scale for dollars says nothing of share counts.
        ("(DOLLARS IN MILLIONS, EXCEPT PER SHARE AMOUNTS)", None),
        ("(In Millions of Dollars Except Earnings Per Share)", None),
    ],
)
def test_share_scale_follows_the_except_clause(title: str, shares: float | None) -> None:
    assert parse_scale(title).shares == shares


def _table(title: str, rows: list[tuple[str, tuple[str, ...]]]) -> RawTable:
    return RawTable(
        title=title,
        columns=(Y09,),
        rows=tuple(RawRow(label=lab, cells=c, line=i + 1) for i, (lab, c) in enumerate(rows)),
        document="doc.txt",
    )


def _value(res: object, field: str) -> float | None:
    for pv in res.periods:  # type: ignore[attr-defined]
        if pv.end == date(2009, 12, 31) and pv.months == 12:
            return pv.get(field)
    return None


def test_dollar_only_scale_needs_the_eps_arithmetic() -> None:
    title = "(Dollars in millions, except per share amounts)"
    # $500 million / 250 million shares = $2.00; read in thousands (250,000 shares) it
    # would be $2,000 a share: only the x1e6 reading fits.
    rows = [("Net income", ("500",)), ("Basic earnings per share", ("2.00",))]
    res = normalise_table(_table(title, [*rows, ("Weighted average shares, basic", ("250",))]))
    assert _value(res, "weighted_shares_basic") == 250e6
    # Without EPS nothing confirms the scale: left out, with a warning.
    res = normalise_table(_table(title, [rows[0], ("Weighted average shares, basic", ("250",))]))
    assert _value(res, "weighted_shares_basic") is None
    assert any(w.code == "share_scale_unknown" for w in res.warnings)


def test_contradicted_share_scale_is_dropped() -> None:
    # "In thousands" would make 4,785,000 thousand shares, but 4,073 thousand / $0.85 is
    # about 4.8 million shares: the printed counts are in full, the title's scale is wrong
    # for them, and they are dropped rather than kept a thousand times too large.
    rows = [
        ("Net income", ("4,073",)),
        ("Basic earnings per share", (".85",)),
        ("Weighted average shares, basic", ("4,785,000",)),
    ]
    res = normalise_table(_table("(In thousands)", rows))
    assert _value(res, "weighted_shares_basic") is None
    assert _value(res, "net_income") == 4_073_000.0
    assert any(w.code == "share_scale_contradicted" for w in res.warnings)


def test_gainsco_weighted_shares_scaled(corpus_dir: Path) -> None:
    # Consolidated Statements of Operations, "(Amounts in thousands, except per share data)":
    # "Weighted average common shares outstanding (notes 12 and 13): Basic 4,785 4,883";
    # net income $4,073 thousand / 4,785 thousand shares = the printed $.85.
    filing = extract_once(corpus_dir / "gainsco_10-K_2009-12-31.html")
    by_end = {(pv.end, pv.months): pv for pv in filing.periods}
    y09, y08 = by_end[(date(2009, 12, 31), 12)], by_end[(date(2008, 12, 31), 12)]
    assert y09.get("weighted_shares_basic") == 4_785_000.0
    assert y09.get("weighted_shares_diluted") == 4_785_000.0
    assert y08.get("weighted_shares_basic") == 4_883_000.0
    assert y09.get("eps_basic") == 0.85  # per-share values are never scaled


def test_share_scale_in_the_label_settles_a_dollar_only_title() -> None:
    # Caterpillar's 8-K of 2022 (statement of profit, "(Dollars in millions except per share
    # data)"): "Weighted-average common shares outstanding (millions) - Basic 534.5";
    # profit 1,537 / 534.5 = $2.88, the printed profit per share.
    rows = [
        ("Net income", ("1,537",)),
        ("Basic earnings per share", ("2.88",)),
        ("Weighted-average common shares outstanding (millions) basic", ("534.5",)),
    ]
    res = normalise_table(_table("(Dollars in millions except per share data)", rows))
    assert _value(res, "weighted_shares_basic") == 534.5e6


def test_except_in_prose_above_the_title_does_not_count() -> None:
    # HTML titles carry the paragraph above the table; its "except ... shares" is no scale
    # statement, and share counts still take the "(In thousands ...)" scale.
    title = (
        "There were no dilutive securities except options on 15,801 shares.\n"
        "(In thousands, except per share data)"
    )
    assert parse_scale(title).shares == 1e3
