"""Column headers, scale phrases, printed cells and labels."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.statements import parse_column_period, parse_scale
from risk.statements._labels import match_label
from risk.statements._periods import _NOTE, _clean, _fold_white, _space_years
from risk.tables import parse_amount


@pytest.mark.parametrize(
    ("header", "title", "end", "months"),
    [
        ("Three Months Ended March 31, 2003", "", date(2003, 3, 31), 3),
        ("Year Ended December 31, 2001", "", date(2001, 12, 31), 12),
        ("March 31, 2003 (Unaudited)", "", date(2003, 3, 31), None),
        ("13 weeks ended November 2,2024", "", date(2024, 11, 2), 3),
        ("Thirty-nine weeks ended November 2, 2024", "", date(2024, 11, 2), 9),
        ("52 Weeks Ended February 1, 2025", "", date(2025, 2, 1), 12),
        ("Six Months Ended June 30, 2003*", "", date(2003, 6, 30), 6),
        ("Nine months ended Sept. 30, 2003 (1)", "", date(2003, 9, 30), 9),
        ("2001", "Years ended December 31,", date(2001, 12, 31), 12),
        ("12 Months Ended December 2004", "", date(2004, 12, 31), 12),
        ("1997", "FIVE FISCAL YEARS ENDED SEPTEMBER 26, 1997", date(1997, 9, 26), 12),
    ],
)
def test_headers(header: str, title: str, end: date, months: int | None) -> None:
    cp = parse_column_period(header, title=title)
    assert (cp.end, cp.months) == (end, months)


def test_year_only_column_takes_no_made_up_fiscal_end() -> None:
    # September 26 is no month end: 1996 ended on another day, printed elsewhere or not.
    title = "FIVE FISCAL YEARS ENDED SEPTEMBER 26, 1997"
    assert parse_column_period("1996", title=title).end is None
    known = {date(1996, 9, 27)}
    assert parse_column_period("1996", title=title, known_ends=known).end == date(1996, 9, 27)


@pytest.mark.parametrize(
    "header", ["2003 2002", "Change", "% Change", "", "March 31, 2003 December 31, 2002"]
)
def test_headers_without_one_period(header: str) -> None:
    assert parse_column_period(header).end is None


@pytest.mark.parametrize(
    ("text", "money", "shares"),
    [
        ("(Dollars in thousands except share data)", 1e3, 1.0),
        ("(In thousands, except per share amounts)", 1e3, 1e3),
        ("(IN MILLIONS, EXCEPT SHARE AND PER SHARE AMOUNTS)", 1e6, 1.0),
        ("(In Millions of Dollars)", 1e6, None),  # a scale for dollars says nothing of shares
        ("(000's omitted)", 1e3, 1e3),
        ("SELECTED CONSOLIDATED FINANCIAL DATA", None, None),
    ],
)
def test_scale(text: str, money: float | None, shares: float | None) -> None:
    scale = parse_scale(text)
    assert (scale.money, scale.shares) == (money, shares)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("$4,609", 4609.0),
        ("(848)", -848.0),
        ("$(4,005)", -4005.0),
        ("$ (0.06)", -0.06),
        ("68,876,094", 68876094.0),
        ("---", 0.0),
        ("--", 0.0),
        ("-", 0.0),
        ("\u2014", 0.0),
        ("$--", 0.0),
        ("-12.5", -12.5),
        ("1,234*", 1234.0),
    ],
)
def test_amounts(cell: str, value: float) -> None:
    amount = parse_amount(cell)
    assert amount is not None and amount.value == value


@pytest.mark.parametrize("cell", ["", "8.0%", "n/a", "(848", "abc", "12-31", "$"])
def test_not_amounts(cell: str) -> None:
    assert parse_amount(cell) is None


@pytest.mark.parametrize(
    ("label", "section", "field"),
    [
        ("Net sales", "", "revenue"),
        ("Total Cost of Sales", "", "cost_of_sales"),
        ("Gross profit (loss)", "", "gross_profit"),
        ("Selling, general and administrative expenses", "Operating expenses:", "sga"),
        ("Loss from operations", "", "operating_income"),
        ("Interest expense, net", "", "interest_expense"),
        ("Other income (expense) - net", "", "other_income"),
        ("Loss before income taxes and minority interest", "", "pretax_income"),
        ("Provision for (benefit from) income taxes", "", "income_tax_expense"),
        ("Net earnings (loss)", "", "net_income"),
        ("Basic loss per share of common stock", "", "eps_basic"),
        ("Diluted", "Earnings per common share:", "eps_diluted"),
        ("Basic", "Weighted average shares outstanding:", "weighted_shares_basic"),
        ("Working capital  (Deficiency)", "", "working_capital"),
        ("Long-term obligations", "", "long_term_debt"),
        ("Long-term debt, excluding current portion", "", "long_term_debt"),
        ("Selling and administrative expenses", "", "sga"),
        ("Accumulated deficit", "", "retained_earnings"),
        ("Stockholders' equity", "", "stockholders_equity"),
        ("Write-off of goodwill", "", "impairments"),
        ("Net cash provided by operating activities", "", "operating_cash_flow"),
        ("Purchase of property, plant, and equipment", "", "capital_expenditures"),
    ],
)
def test_labels_map_through_the_data_file(label: str, section: str, field: str) -> None:
    rule, _ = match_label(label, section=section)
    assert rule is not None and rule.field is not None and rule.field.value == field


@pytest.mark.parametrize(
    "label",
    [
        "Minority interest in (income) loss of subsidiaries",
        "loss before minority interest",
        "Total liabilities and shareholders' equity",
        "Deferred income taxes",
        "Cash dividends paid per common share",
        "Accounts receivable and inventory reserves",
    ],
)
def test_labels_that_are_no_line_item(label: str) -> None:
    rule, _ = match_label(label)
    assert rule is None or rule.field is None


def test_year_column_under_a_title_with_two_dates() -> None:
    title = "SEPTEMBER 26, 1997 AND SEPTEMBER 27, 1996"
    assert parse_column_period("1996", title=title).end == date(1996, 9, 27)
    assert parse_column_period("1997", title=title).end == date(1997, 9, 26)
    assert parse_column_period("1995", title=title).end is None


def test_a_header_read_again_answers_for_its_new_title_and_known_ends() -> None:
    # the header and the title are each read once and remembered; what joins them
    # (the title, the printed period ends) is taken afresh on every call
    assert parse_column_period("1997", title="June 27, 1997").end == date(1997, 6, 27)
    assert parse_column_period("1997", title="March 28, 1997").end == date(1997, 3, 28)
    title = "Years ended September 26"  # not a month end, and no year printed
    assert parse_column_period("1997", title=title).end is None
    near = {date(1997, 9, 27)}
    assert parse_column_period("1997", title=title, known_ends=near).end == date(1997, 9, 27)
    assert parse_column_period("1997", title=title).end is None
    assert parse_column_period("Three months 1997", title=title).months == 3
    assert parse_column_period("1997", title="Three months ended June 27").months == 3


# -- the cleaning of a document's text: note marks dropped after folding --------------

_PIECES = ["1999", "2003", "20", "19", " ", "  ", "\n", "(", ")", "(a)", "( b )", "*", "**"]
_PIECES += ["x", "1", ",", "\u00a0", "May 31,2003", "Ended"]


def _clean_plain(text: str) -> str:
    """What ``_clean`` gave before: the note marks dropped, then the white space folded."""
    out = text.lower().replace("\u00a0", " ")
    if ",19" in out or ",20" in out:
        out = _space_years(out)
    return " ".join(_NOTE.sub(r"\1", out).split())


@given(st.lists(st.sampled_from(_PIECES), max_size=16))
@settings(max_examples=500, deadline=None)
def test_clean_drops_the_note_marks_as_the_plain_substitution(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _clean(text) == _clean_plain(text)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Year ended May 31, 2003 (a)", "year ended may 31, 2003"),
        ("December 31, 2002**  and 2001 ( b )", "december 31, 2002 and 2001"),
        ("2003 (unaudited)", "2003 (unaudited)"),  # a word, not a note mark
        ("(a) 2003", "(a) 2003"),  # the mark before the year stays
        ("1,2001 (a),2002 (b)", "1, 2001,2002"),  # the second year's comma is kept as is
    ],
)
def test_clean_by_hand(text: str, clean: str) -> None:
    assert _clean(text) == clean


_BLANK_PIECES = [" ", "  ", "   ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "a", "bc",
                 "1,2", "\u00a0", "\u2003", "\u3000", "\u200b", "\x1b", "é"]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_BLANK_PIECES), max_size=30))
def test_fold_white_is_split_and_join(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _fold_white(text) == " ".join(text.split())


def test_fold_white_by_hand() -> None:
    assert _fold_white("  Net\t\tsales \n\n  1997\x1c ") == "Net sales 1997"
    assert _fold_white("a\u3000 b") == "a b"  # not ASCII: split() itself
    assert _fold_white(" \n ") == ""
