"""Shares outstanding from the cover page: the inline XBRL dei fact, else the cover's one
sentence with one count and one date; several classes or dates give nothing."""

from __future__ import annotations

from datetime import date

import pytest
from corpus_filings import extract_once

from risk.extraction._cover_shares import cover_shares, tagged_cover_shares


@pytest.mark.parametrize(
    ("sentence", "value", "on"),
    [
        (
            "As of March 3, 2021, there were 12,345,678 shares of common stock outstanding.",
            12_345_678,
            date(2021, 3, 3),
        ),
        (
            "Yes X No __ 9,876,543 shares of Common Stock Issued and Outstanding as of "
            "May 2, 1997 PART I.",
            9_876_543,
            date(1997, 5, 2),
        ),
        (
            "Number of common shares outstanding as of Sept. 30, 2022: 1,002,003",
            1_002_003,
            date(2022, 9, 30),
        ),
        (
            "Common Stock, $0.50 par value: 57,218,424 shares outstanding at 3/21/2024",
            57_218_424,
            date(2024, 3, 21),
        ),
    ],
)
def test_one_count_and_one_date_are_read(sentence, value, on):
    [got] = cover_shares("Some cover text. " + sentence, document="d.htm")
    assert (got.value, got.on, got.concept) == (value, on, None)
    assert got.quote is not None and f"{value:,}" in got.quote


@pytest.mark.parametrize(
    "sentence",
    [
        # two classes: the total is not stated, so no count
        "As of June 1, 2020, there were outstanding 28,370,478 shares of Class A Common "
        "Stock and 422,962 shares of Class B Common Stock.",
        # a dollar amount is not a count; the market value sentence is not read
        "The aggregate market value of the 4,000,000 shares outstanding held by "
        "non-affiliates was $52,000,000 as of June 30, 2020.",
        # no date
        "There were 5,000,000 shares of common stock outstanding.",
        # weighted averages are not a count at a date
        "Weighted average shares outstanding for the quarter ended March 31, 2003: 68,876,094",
    ],
)
def test_ambiguous_or_foreign_sentences_give_nothing(sentence):
    assert cover_shares(sentence, document="d.htm") == []


def test_tagged_counts_one_per_date_and_none_for_several_classes():
    concept = "dei:EntityCommonStockSharesOutstanding"
    one = tagged_cover_shares([(concept, 5e6, date(2024, 2, 1))], document="d.htm")
    assert [(s.value, s.on, s.concept) for s in one] == [(5e6, date(2024, 2, 1), concept)]
    two = [(concept, 5e6, date(2024, 2, 1)), (concept, 7e5, date(2024, 2, 1))]
    assert tagged_cover_shares(two, document="d.htm") == []


def test_corpus_covers(corpus_dir):
    # Apple's 1998 10-Q (plain text): "134,639,382 shares of Common Stock Issued and
    # Outstanding as of August 4, 1998".
    [apple] = extract_once(corpus_dir / "apple_10-Q_1998-06-26.txt").cover_shares
    assert (apple.value, apple.on) == (134_639_382, date(1998, 8, 4))
    # AEON's 10-Q tags it: 37,159,600 Class A shares as of November 8, 2023.
    [aeon] = extract_once(corpus_dir / "aeon_10-Q_2023-09-30.htm").cover_shares
    assert (aeon.value, aeon.on) == (37_159_600, date(2023, 11, 8))
    assert aeon.concept == "dei:EntityCommonStockSharesOutstanding"
    # ... and its XBRL instance holds the same fact.
    [instance] = extract_once(corpus_dir / "aeon_10-Q_2023-09-30_xbrl.xml").cover_shares
    assert (instance.value, instance.on) == (aeon.value, aeon.on)
    # Medicis states two classes: no single count.
    assert extract_once(corpus_dir / "medicis_10-K_1999-06-30.html").cover_shares == []


def test_a_press_release_has_no_cover_count(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        assert extract_once(path).cover_shares == []
