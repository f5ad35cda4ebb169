"""Tables of other entities never give the registrant's figures (issue 13).

Root cause: an affiliate's summarised balance sheet in the notes was read as the
company's total assets, a subsidiary's "financial highlights" as the group's net income,
the parent-only schedule beside the consolidated statements. Their titles say whose
figures they are (``risk/tables/other_entities.json``). The documents below are made up
for these tests; the corpus documents are read in place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus_filings import extract_once

from risk.documents import html_to_text, parse_html
from risk.extraction import extract
from risk.tables import OtherEntity, RawTable, other_entity, read_html_tables

_STATEMENTS = """\
                          CALDER MILLS, INC.
                     CONSOLIDATED BALANCE SHEETS
                           (In thousands)

                                        December 31,    December 31,
                                            2005            2004
Total current assets                     $   210         $   190
Total assets                                 500             470
Total current liabilities                    120             115
Total liabilities                            300             290
Total stockholders' equity                   200             180
"""

_AFFILIATE = """\

NOTE 6 - INVESTMENT IN AFFILIATE

Summarized financial information of Lakeview Holdings, our 33%-owned affiliate:
                           (In thousands)

                                        December 31,    December 31,
                                            2005            2004
Total current assets                     $ 4,100         $ 3,900
Total assets                               9,000           8,400
Total liabilities                          6,000           5,800
"""

_SUBSIDIARY = """\

Financial highlights of Western Gas Utility (a subsidiary)
                           (In thousands)

                                            Year Ended December 31,
                                            2005            2004
Operating revenues                       $ 1,900         $ 1,700
Net income                                    77              64
"""

_INCOME = """\

               CONSOLIDATED STATEMENTS OF OPERATIONS
                           (In thousands)

                                            Year Ended December 31,
                                            2005            2004
Net sales                                $   900         $   850
Net income                                    50              41
"""


def test_an_affiliates_summary_is_not_the_companys_balance_sheet() -> None:
    filing = extract(_STATEMENTS + _AFFILIATE)
    end = filing.period(date(2005, 12, 31), 0)
    assert end is not None and end.get("total_assets") == 500_000.0
    assert end.get("current_assets") == 210_000.0
    warned = [w for w in filing.warnings if w.code == "other_entity_table"]
    assert warned and "Lakeview Holdings" in warned[0].message


def test_only_an_affiliates_table_gives_nothing_and_names_it() -> None:
    filing = extract(_AFFILIATE)
    assert filing.periods == []
    warned = [w for w in filing.warnings if w.code == "other_entity_only"]
    assert warned and "Lakeview Holdings" in warned[0].message


def test_a_subsidiarys_highlights_are_not_the_groups_results() -> None:
    filing = extract(_STATEMENTS + _SUBSIDIARY + _INCOME)
    year = filing.period(date(2005, 12, 31), 12)
    assert year is not None
    assert year.get("net_income") == 50_000.0
    assert year.get("revenue") == 900_000.0


def test_a_parent_only_schedule_in_html_is_left_out() -> None:
    html = (
        "<html><body><p>CONDENSED FINANCIAL INFORMATION OF REGISTRANT</p>"
        "<p>CALDER MILLS, INC.</p><p>(PARENT COMPANY)</p><p>Balance Sheets</p>"
        "<p>(In thousands)</p><table>"
        "<tr><td></td><td>December 31, 2005</td><td>December 31, 2004</td></tr>"
        "<tr><td>Investment in subsidiaries</td><td>420</td><td>400</td></tr>"
        "<tr><td>Total assets</td><td>430</td><td>405</td></tr>"
        "</table></body></html>"
    )
    filing = extract(html)
    assert all(p.get("total_assets") is None for p in filing.periods)
    assert any(w.code == "other_entity_only" for w in filing.warnings)


def test_titles_of_the_registrants_statements_are_never_another_entitys() -> None:
    for title in (
        "CALDER MILLS, INC. AND SUBSIDIARIES\nCONSOLIDATED BALANCE SHEETS\n(In thousands)",
        "Johnson & Johnson and subsidiaries consolidated statements of earnings",
        "Calder Mills, Inc. and Affiliates\nConsolidated Statements of Cash Flows",
    ):
        assert other_entity(RawTable(title=title, columns=(), rows=(), document="t")) is None


def test_gainsco_parent_company_statements_are_named(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "gainsco_10-K_2009-12-31.html")
    # "CONDENSED FINANCIAL INFORMATION OF THE REGISTRANT / GAINSCO, INC. / (PARENT
    # COMPANY) / Balance Sheets": total assets there are not the group's $241,902
    left_out = [w for w in filing.warnings if w.code == "other_entity_table"]
    assert left_out and "parent-only" in left_out[0].message
    end = filing.period(date(2009, 12, 31), 0)
    assert end is not None and end.get("total_assets") == 241_902_000.0


def test_gencorp_guarantor_statements_are_recognised(corpus_dir: Path) -> None:
    path = corpus_dir / "gencorp_10-K_2011-11-30.html"
    html = html_to_text(parse_html(path.read_bytes(), name=path.name))
    kinds = {
        found.kind
        for table in read_html_tables(html, document=path.name)
        if "Consolidating" in table.title and (found := other_entity(table)) is not None
    }
    # "Condensed Consolidating Balance Sheets", "... Statements of Operations", "... of
    # Cash Flows" (parent, guarantor and non-guarantor subsidiaries side by side)
    assert kinds == {OtherEntity.GUARANTOR}
    end = extract_once(path).period(date(2011, 11, 30), 0)
    assert end is not None and end.get("total_assets") == 939.5e6


def test_kinds_are_enums() -> None:
    table = RawTable(
        title="Condensed Consolidating Balance Sheets", columns=(), rows=(), document="t"
    )
    found = other_entity(table)
    assert found is not None and found.kind is OtherEntity.GUARANTOR
