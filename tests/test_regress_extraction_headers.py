"""Regression: dates printed over some column groups only, in plain-text headers.

Root cause: a header line with k chunks over n = k * m columns was always spread evenly,
chunk i over block i. Apple's 10-Q of June 1998 prints "June 26,  June 27," over the two
nine-month columns only (the quarter columns are headed "Third Quarter 1998 1997"), so
"June 26," went to the quarter block and "June 27," to the nine-month block: the
quarter of 1997 came out as ending 1997-06-26 and nine months of 1998 as 1998-06-27, a
day off and beside the right periods. A chunk is now spread over a block only when it
stands over that block; otherwise it goes to the columns it overlaps.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus_filings import extract_once

import risk

# After apple_10-Q_1998-06-26.txt, "Results of Operations" (MD&A), lines 672-682.
TEXT = """\
Results of Operations
(Tabular information: Dollars in millions, except per share amounts)

                              Third Quarter              Nine Months Ended
                                                       June 26,  June 27,
                              1998   1997  Change        1998      1997  Change
                             ______________________   _________________________
Net sales                     $1,402   $1,737   (19%)    $4,385   $5,467  (20%)
Gross margin                  $  360   $  348      3%    $1,062   $1,048    1%
"""


def test_dates_over_the_nine_month_columns_only() -> None:
    filing = risk.extract(TEXT)
    got = {(pv.end, pv.months): pv.get("revenue") for pv in filing.periods}
    assert got[(date(1998, 6, 26), 9)] == 4_385e6
    assert got[(date(1997, 6, 27), 9)] == 5_467e6
    # The quarter columns print no month and day: left out, not dated a day off.
    assert not any(end in (date(1997, 6, 26), date(1998, 6, 27)) for end, _ in got)


def test_apple_10q_1998_has_no_off_by_a_day_periods(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "apple_10-Q_1998-06-26.txt")
    ends = {pv.end for pv in filing.periods}
    assert date(1997, 6, 26) not in ends
    assert date(1998, 6, 27) not in ends
    # "Gross margin ... $1,062" for the nine months ended June 26, 1998.
    nine = {(pv.end, pv.months): pv for pv in filing.periods}[(date(1998, 6, 26), 9)]
    assert nine.get("gross_profit") == 1_062e6
