"""The cover page reader: form, period of report and registrant of a bare periodic report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from risk.extraction import extract
from risk.extraction._cover import Cover, read_cover

# Made-up covers in the layout of EDGAR 10-K, 10-Q and 8-K cover pages.
TEN_K = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
FORM 10-K
[X] ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended March 31, 2009
OR
[ ] TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
Commission file number 0-12345

ACME WIDGETS, INC.
(Exact name of registrant as specified in its charter)
Delaware 12-3456789
"""

TEN_Q = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
Form 10-Q
(Mark One)
x QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the quarterly period ended September 30, 2023
Beta Corp.
(Exact name of registrant as specified in its charter)
"""

EIGHT_K = """SECURITIES AND EXCHANGE COMMISSION
WASHINGTON, D.C. 20549
FORM 8-K
CURRENT REPORT
PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
Date of Report (Date of earliest event reported): April 26, 2001
GAMMA NETWORKS, INC.
(Exact name of registrant as specified in its charter)
"""


def test_annual_report_cover() -> None:
    assert read_cover(TEN_K) == Cover(
        form="10-K", period_of_report=date(2009, 3, 31), company="ACME WIDGETS, INC."
    )


def test_quarterly_report_cover() -> None:
    assert read_cover(TEN_Q) == Cover(
        form="10-Q", period_of_report=date(2023, 9, 30), company="Beta Corp."
    )


def test_current_report_cover_gives_the_event_date() -> None:
    assert read_cover(EIGHT_K) == Cover(
        form="8-K", period_of_report=date(2001, 4, 26), company="GAMMA NETWORKS, INC."
    )


@pytest.mark.parametrize(
    "text",
    [
        # A press release that names a form and the Commission: not a cover.
        "ACME REPORTS RESULTS\nThe Company filed with the Securities and Exchange "
        "Commission its\nForm 10-K for the fiscal year ended March 31, 2009.\n",
        # A cover far down the document (an exhibit quoting one) is not this one's cover.
        "x" * 5000 + "\n" + TEN_K,
        "",
    ],
)
def test_text_that_is_not_a_cover_gives_nothing(text: str) -> None:
    assert read_cover(text) == Cover()


def test_a_cover_without_a_registrant_line_gives_no_company() -> None:
    cover = read_cover(TEN_K.replace("(Exact name of registrant as specified in its charter)", ""))
    assert cover.company is None
    assert cover.form == "10-K"


@pytest.mark.parametrize(
    ("name", "company", "end"),
    [
        # Each checked against the document's cover page.
        ("medicis_10-K_1999-06-30.html", "MEDICIS PHARMACEUTICAL CORPORATION", date(1999, 6, 30)),
        (
            "roanoke-electric-steel_10-K_2003-10-31.html",
            "ROANOKE ELECTRIC STEEL CORPORATION",
            date(2003, 10, 31),
        ),
        (
            "commonwealth-income-growth-fund-v_10-K_2015-12-31.html",
            "COMMONWEALTH INCOME & GROWTH FUND V",
            date(2015, 12, 31),
        ),
    ],
)
def test_html_10k_without_header_is_named_and_dated_by_its_cover(
    corpus_dir: Path, name: str, company: str, end: date
) -> None:
    filing = extract(corpus_dir / name)
    assert (filing.form, filing.company, filing.period_of_report) == ("10-K", company, end)
    assert filing.filed is None  # the cover does not say when it was filed


def test_report_of_a_10k_with_no_statements_is_dated_by_its_cover(corpus_dir: Path) -> None:
    """Root cause: a bare HTML 10-K whose statements are incorporated by reference had no
    date at all, so `risk score` failed with "as_of cannot be inferred"; the cover states
    the fiscal year end."""
    from risk.report import score

    report = score([corpus_dir / "medicis_10-K_1999-06-30.html"])
    assert report.as_of == date(1999, 6, 30)
    assert report.status.value == "insufficient_data"
    assert any(w.code == "as_of_from_period" for w in report.warnings)
