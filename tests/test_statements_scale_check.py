"""A table that states no scale is read only where a check confirms one (issue 13).

Root cause: a whole-dollar table took "in thousands" stated over another exhibit of the
submission (figures a thousand times too large, with only ``scale_assumed`` to say so).
Made-up documents: the first page states a scale, the release's tables stand on another
page and state none.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract

_OTHER_PAGE = """\
                      SELECTED OPERATING DATA
                          (In thousands)

                                            Year Ended December 31,
                                            2005            2004
Units shipped                                 410             380
<PAGE>
"""

_WHOLE_DOLLARS = """\
                         PELHAM FINANCE, INC.
                CONSOLIDATED STATEMENTS OF OPERATIONS DATA

                                            Three Months Ended June 30,
                                            2005               2004
Revenues                                 $19,028,000        $12,050,000
Net income                                 8,536,000          5,607,000
Net income per share:
  Basic                                        $0.63              $0.42
Weighted average number of shares outstanding:
  Basic                                   13,569,000         13,403,000
"""

_NO_CHECK = """\
                         PELHAM FINANCE, INC.
                      CONSOLIDATED BALANCE SHEETS DATA

                                            June 30,          September 30,
                                              2005               2004
Cash                                      $ 1,920,000        $ 3,344,000
Total assets                              171,740,000        158,641,000
Total liabilities                          35,305,000         44,175,000
"""


def test_whole_dollars_confirmed_by_earnings_per_share() -> None:
    filing = extract(_OTHER_PAGE + _WHOLE_DOLLARS)
    q = filing.period(date(2005, 6, 30), 3)
    assert q is not None
    assert q.get("revenue") == 19_028_000.0  # not x1000 from "(In thousands)" elsewhere
    assert q.get("net_income") == 8_536_000.0
    assert any(w.code == "scale_confirmed" for w in filing.warnings)


def test_no_check_no_scale() -> None:
    filing = extract(_OTHER_PAGE + _NO_CHECK)
    assert all(p.get("total_assets") is None for p in filing.periods)
    assert any(w.code == "scale_unknown" for w in filing.warnings)


def test_a_figure_the_text_states_confirms_the_scale() -> None:
    text = (
        "Pelham Finance reported total assets of $171.7 million at June 30, 2005.\n\n"
        + _OTHER_PAGE
        + _NO_CHECK
    )
    end = extract(text).period(date(2005, 6, 30), 0)
    assert end is not None and end.get("total_assets") == 171_740_000.0
