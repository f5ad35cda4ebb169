"""The plain-text table finder on tables written here."""

from __future__ import annotations

import pytest

from risk.documents import DocumentPart
from risk.tables import RawTable, find_text_tables


def _tables(text: str) -> list[RawTable]:
    return find_text_tables(DocumentPart(text=text, type="EX-99.1"), document="doc.txt")


SGML = """\
                 CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)
                 (Dollars in millions, except per share amounts)
<TABLE>
<CAPTION>
\t\t      THREE MONTHS ENDED   SIX MONTHS ENDED\t
\t              March 28, March 29,  March 28, March 29,
\t                  1997      1996       1997      1996
<S>\t\t\t  <C>\t     <C>       <C>        <C>
Net sales\t        $1,601    $ 2,185    $3,730    $ 5,333
Costs and expenses:
Research and
 development               141\t      150\t290\t   303\t
In-process research
 and development           375         -        375\t    -\t
\t                 2,317      3,367     4,570      6,634
Net loss                $(708)      $(740)     $(828)    $ (809)
</TABLE>
"""


def test_sgml_table_with_tabs_wrapped_labels_and_unlabeled_total() -> None:
    (table,) = _tables(SGML)
    assert table.columns == (
        "THREE MONTHS ENDED March 28, 1997",
        "THREE MONTHS ENDED March 29, 1996",
        "SIX MONTHS ENDED March 28, 1997",
        "SIX MONTHS ENDED March 29, 1996",
    )
    assert "(Dollars in millions, except per share amounts)" in table.title
    labels = [r.label for r in table.rows]
    assert labels == [
        "Net sales",
        "Costs and expenses:",
        "Research and development",
        "In-process research and development",
        "",
        "Net loss",
    ]
    rnd = table.rows[2]
    assert rnd.cells == ("141", "150", "290", "303")
    assert rnd.line == 12  # the line with the figures (1-based in the part)
    assert table.rows[3].cells == ("375", "-", "375", "-")
    assert table.rows[5].cells == ("$(708)", "$(740)", "$(828)", "$(809)")


FIXED = """\
                    (Dollars in thousands except share data)

                                        Three Months Ended         Year Ended
                                           December 31,           December 31,
                                        2002        2001        2002        2001
                                   ----------------------------------------------
Net sales                             $5,191      $9,247     $25,557     $52,362
    Restructuring costs                             ---          197         ---
Write-off of goodwill..............    7,313         ---       7,313         ---
                                   ----------  ----------  ----------  ----------
Minority interest in (income) loss of
subsidiaries                             138        (152)      1,331        (367)
Weighted average shares outstanding:
          Basic                   68,876,094  59,071,451  64,881,661  58,074,724
"""


def test_fixed_width_table_groups_headers_and_places_short_rows() -> None:
    (table,) = _tables(FIXED)
    assert table.columns == (
        "Three Months Ended December 31, 2002",
        "Three Months Ended December 31, 2001",
        "Year Ended December 31, 2002",
        "Year Ended December 31, 2001",
    )
    rows = {r.label: r for r in table.rows}
    # Three cells in four columns: placed by the right edges of the figures.
    assert rows["Restructuring costs"].cells == ("", "---", "197", "---")
    assert rows["Write-off of goodwill"].cells == ("7,313", "---", "7,313", "---")
    assert rows["Minority interest in (income) loss of subsidiaries"].cells[1] == "(152)"
    assert rows["Weighted average shares outstanding:"].cells == ("", "", "", "")
    assert rows["Basic"].cells[0] == "68,876,094"
    assert any(r.is_rule for r in table.rows)


def test_balance_sheet_header_beside_its_title() -> None:
    text = """\
SELECTED BALANCE SHEET DATA:                   March 31,           December 31,
                                               ---------           ------------
                                                 2003                 2002
                                              (Unaudited)           (Audited)

Working capital  (Deficiency)                  (37,147)            (27,352)
Total assets                                    78,450              75,603
"""
    (table,) = _tables(text)
    assert table.columns[0].startswith("March 31, 2003")
    assert table.columns[1].startswith("December 31, 2002")
    assert "SELECTED BALANCE SHEET DATA:" in table.title
    assert table.rows[0].label == "Working capital  (Deficiency)"


def test_table_continued_after_a_page_break_repeats_the_header() -> None:
    text = """\
                                   (in thousands)
                                   Year Ended December 31,
                                   2002           2001
Net sales                        25,557         52,362
Cost of sales                    22,206         36,084

                              -- more --
<PAGE>
Research and development          1,877          2,189
Net loss                        (31,077)           480
"""
    first, second = _tables(text)
    assert second.columns == first.columns
    assert second.notes and "continued" in second.notes[0]
    assert [r.label for r in second.rows] == ["Research and development", "Net loss"]


def test_prose_with_numbers_is_no_table() -> None:
    text = (
        "Sales in the first quarter of 2003 decreased by 42% to $4.6 million from $7.9\n"
        "million in the first quarter of 2002 and decreased by 12% from fourth quarter\n"
        "levels. The Company must raise approximately $5 million in 2003.\n"
    )
    assert _tables(text) == []


def test_long_lines_and_noise_are_bounded() -> None:
    text = ("x" * 5000 + "\n") * 10 + ("1,234   5,678\n" * 3)
    # Figures without any header: no period can be read, so no table is returned.
    assert _tables(text) == []
    headed = ("x" * 5000 + "\n") * 10 + "          2003     2002\n" + "1,234   5,678\n" * 3
    assert len(_tables(headed)) == 1


def test_huge_parts_are_read_in_slices_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import risk.tables._text as text_tables

    doc = ("Some prose line that is here to pad the document out a bit.\n\n" * 30 + FIXED) * 5
    whole = _tables(doc)
    monkeypatch.setattr(text_tables, "_SLICE", 3000)
    sliced = _tables(doc)
    assert len(whole) == 5
    assert [(t.line, t.columns, t.rows) for t in sliced] == [
        (t.line, t.columns, t.rows) for t in whole
    ]
