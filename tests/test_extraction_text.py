"""Plain-text filings end to end through ``risk.extract``.

Every expected value below was read by hand in the document named (the line or the
row is given in a comment); none was pasted from the code's output.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from risk import extract
from risk.exceptions import DocumentError
from risk.financials import Filing, LineItem, Source

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _values(filing: Filing, end: str, months: int) -> dict[str, float]:
    """The values the document prints for one period (derived ones are tested elsewhere,
    tests/test_statements_derive.py)."""
    pv = filing.period(date.fromisoformat(end), months)
    assert pv is not None, (
        f"no period {end} ({months}m) in {[str(p.period) for p in filing.periods]}"
    )
    return {
        k.value: v for k, v in pv.values.items() if pv.provenance[k].source is not Source.DERIVED
    }


# ---------------------------------------------------------------- seed 001
# "SELECTED CONSOLIDATED FINANCIAL DATA (Dollars in thousands except share data)",
# "Three Months Ended March 31, 2003 2002", page 4 of the release.
SEED_001_Q1_2003 = {
    "revenue": 4_609_000.0,  # Net sales $4,609
    "cost_of_sales": 5_457_000.0,  # Total Cost of Sales 5,457 (write-down ---)
    "gross_profit": -848_000.0,  # Gross profit (loss) (848)
    "sga": 1_861_000.0,
    "rnd": 363_000.0,
    "operating_income": -3_072_000.0,  # Loss from operations (3,072)
    "interest_expense": 1_317_000.0,  # Interest expense, net (1,317): a cost
    "other_income": 338_000.0,  # Other income (expense) - net 338
    "pretax_income": -4_051_000.0,
    # Provision for (benefit from) income taxes (1): -4,051 + (-1) = -4,052, the next
    # subtotal, so the printed (1) lowers the result: a tax expense of 1 (thousand).
    "income_tax_expense": 1_000.0,
    "net_income": -4_005_000.0,  # Net loss $(4,005)
    "eps_basic": -0.06,
    "eps_diluted": -0.06,
    "weighted_shares_basic": 68_876_094.0,  # share counts are not scaled
    "weighted_shares_diluted": 68_876_094.0,
}
SEED_001_Q1_2002 = {
    "revenue": 7_885_000.0,
    "cost_of_sales": 8_070_000.0,  # Total Cost of Sales 8,070 = 7,283 + write-down 787
    "gross_profit": -185_000.0,
    "sga": 2_612_000.0,
    "rnd": 484_000.0,
    "operating_income": -3_281_000.0,
    "interest_expense": 1_085_000.0,
    "other_income": -85_000.0,
    "pretax_income": -4_451_000.0,
    # 103: -4,451 + 103 = -4,348, the next subtotal: the line raised the result, a benefit.
    "income_tax_expense": -103_000.0,
    "net_income": -4_078_000.0,
    "eps_basic": -0.07,
    "eps_diluted": -0.07,
    "weighted_shares_basic": 61_415_040.0,
    "weighted_shares_diluted": 61_415_040.0,
}
# "SELECTED BALANCE SHEET DATA: March 31, December 31, 2003 2002" (no scale line of its
# own; it stands on the same page under the "(Dollars in thousands ...)" heading).
SEED_001_BS_2003 = {
    "working_capital": -37_147_000.0,  # Working capital (Deficiency) (37,147)
    "total_assets": 78_450_000.0,
    "long_term_debt": 23_892_000.0,  # Long-term obligations
    "total_liabilities": 77_504_000.0,
    "minority_interest": 43_000.0,
    "retained_earnings": -54_495_000.0,  # Accumulated deficit printed 54,495
    "stockholders_equity": 903_000.0,
}
SEED_001_BS_2002 = {
    "working_capital": -27_352_000.0,
    "total_assets": 75_603_000.0,
    "long_term_debt": 21_700_000.0,
    "total_liabilities": 71_126_000.0,
    "minority_interest": 15_000.0,
    "retained_earnings": -50_490_000.0,
    "stockholders_equity": 4_462_000.0,
}


@pytest.fixture(scope="module")
def seed_001(seed_paths: dict[str, Path]) -> Filing:
    return extract(seed_paths["001"])


@pytest.fixture(scope="module")
def seed_002(seed_paths: dict[str, Path]) -> Filing:
    return extract(seed_paths["002"])


@pytest.mark.parametrize(
    ("end", "months", "expected"),
    [
        ("2003-03-31", 3, SEED_001_Q1_2003),
        ("2002-03-31", 3, SEED_001_Q1_2002),
        ("2003-03-31", 0, SEED_001_BS_2003),
        ("2002-12-31", 0, SEED_001_BS_2002),
    ],
)
def test_seed_001_every_value(
    seed_001: Filing, end: str, months: int, expected: dict[str, float]
) -> None:
    assert _values(seed_001, end, months) == pytest.approx(expected)


def test_seed_001_has_exactly_the_four_periods(seed_001: Filing) -> None:
    assert {(str(p.end), p.months) for p in seed_001.periods} == {
        ("2003-03-31", 3),
        ("2002-03-31", 3),
        ("2003-03-31", 0),
        ("2002-12-31", 0),
    }


def test_seed_001_checks_pass_and_hints(seed_001: Filing) -> None:
    # 4,609 - 5,457 = -848 and 78,450 = 77,504 + 43 + 903: no check fails.
    assert not [w for w in seed_001.warnings if w.code == "check_failed"]
    assert seed_001.company == "FiberCore, Inc."  # dateline "-- FiberCore, Inc. (Nasdaq"
    assert seed_001.filed == date(2003, 5, 22)  # "CHARLTON, MASS - MAY 22, 2003 --"
    assert seed_001.form == "EX-99.2"  # first line "EXHIBIT 99.2"


def test_seed_001_provenance(seed_001: Filing) -> None:
    pv = seed_001.period(date(2003, 3, 31), 3)
    assert pv is not None
    prov = pv.provenance[LineItem.INTEREST_EXPENSE]
    assert prov.raw == "(1,317)"
    assert prov.label == "Interest expense, net"
    assert prov.scale == 1000.0
    # "Interest expense, net" is line 204 of the file (grep -n).
    assert prov.line == 204
    shares = pv.provenance[LineItem.WEIGHTED_SHARES_BASIC]
    assert shares.scale == 1.0 and shares.raw == "68,876,094"
    bs = seed_001.period(date(2003, 3, 31), 0)
    assert bs is not None
    deficit = bs.provenance[LineItem.RETAINED_EARNINGS]
    assert deficit.label == "Accumulated deficit" and deficit.raw == "54,495"
    assert deficit.line == 244  # grep -n "Accumulated deficit"


# ---------------------------------------------------------------- seed 002
# "Three Months Ended December 31, 2002 2001" and "Year Ended December 31, 2002 2001".
SEED_002 = {
    ("2002-12-31", 3): {
        "revenue": 5_191_000.0,
        "cost_of_sales": 6_571_000.0,  # Total cost of sales (incl. write-down 1,922)
        "gross_profit": -1_379_000.0,
        "sga": 2_501_000.0,
        "rnd": 508_000.0,
        "impairments": 10_285_000.0,  # write-off of goodwill 7,313 + of patents 2,972
        "operating_income": -14_673_000.0,
        "interest_expense": 1_512_000.0,  # interest expense, net 969 + non-cash 543
        "other_income": 169_000.0,
        "pretax_income": -16_016_000.0,
        # Provision for income taxes (860): -16,016 - 860 = -16,876: an expense.
        "income_tax_expense": 860_000.0,
        "net_income": -16_738_000.0,
        "eps_basic": -0.24,
        "eps_diluted": -0.24,
        "weighted_shares_basic": 68_876_094.0,
        "weighted_shares_diluted": 68_876_094.0,
    },
    ("2001-12-31", 3): {
        "revenue": 9_247_000.0,
        "cost_of_sales": 9_879_000.0,
        "gross_profit": -632_000.0,
        "sga": 2_480_000.0,
        "rnd": 665_000.0,
        "impairments": 0.0,  # "---" in both write-off rows
        "operating_income": -3_777_000.0,
        "interest_expense": 419_000.0,  # (419) + non-cash ---
        "other_income": 1_944_000.0,
        "pretax_income": -2_252_000.0,
        "income_tax_expense": 903_000.0,  # -2,252 - 903 = -3,155
        "net_income": -3_307_000.0,
        "eps_basic": -0.05,
        "eps_diluted": -0.05,
        "weighted_shares_basic": 59_071_451.0,
        "weighted_shares_diluted": 59_071_451.0,
    },
    ("2002-12-31", 12): {
        "revenue": 25_557_000.0,
        "cost_of_sales": 25_791_000.0,
        "gross_profit": -234_000.0,
        "sga": 10_061_000.0,
        "rnd": 1_877_000.0,
        "impairments": 10_285_000.0,
        "operating_income": -22_559_000.0,
        "interest_expense": 4_844_000.0,  # 3,109 + 1,735
        "other_income": -4_534_000.0,
        "pretax_income": -31_937_000.0,
        "income_tax_expense": 471_000.0,  # -31,937 - 471 = -32,408
        "net_income": -31_077_000.0,
        "eps_basic": -0.48,
        "eps_diluted": -0.48,
        "weighted_shares_basic": 64_881_661.0,
        "weighted_shares_diluted": 64_881_661.0,
    },
    ("2001-12-31", 12): {
        "revenue": 52_362_000.0,
        "cost_of_sales": 36_084_000.0,
        "gross_profit": 16_278_000.0,
        "sga": 8_692_000.0,
        "rnd": 2_189_000.0,
        "impairments": 0.0,
        "operating_income": 5_397_000.0,
        "interest_expense": 2_028_000.0,
        "other_income": 484_000.0,
        "pretax_income": 3_853_000.0,
        "income_tax_expense": 3_006_000.0,  # 3,853 - 3,006 = 847
        "net_income": 480_000.0,
        "eps_basic": 0.01,
        "eps_diluted": 0.01,
        "weighted_shares_basic": 58_074_724.0,
        "weighted_shares_diluted": 63_885_536.0,
    },
    ("2002-12-31", 0): {
        "working_capital": -27_352_000.0,  # $(27,352)
        "total_assets": 75_603_000.0,
        "long_term_debt": 21_700_000.0,
        "total_liabilities": 71_126_000.0,
        "minority_interest": 15_000.0,
        "retained_earnings": -50_490_000.0,  # (50,490)
        "stockholders_equity": 4_462_000.0,
    },
    ("2001-12-31", 0): {
        "working_capital": -1_319_000.0,
        "total_assets": 92_983_000.0,
        "long_term_debt": 22_475_000.0,
        "total_liabilities": 49_491_000.0,
        "minority_interest": 5_117_000.0,
        "retained_earnings": -19_413_000.0,
        "stockholders_equity": 38_375_000.0,
    },
}


@pytest.mark.parametrize("key", sorted(SEED_002))
def test_seed_002_every_value(seed_002: Filing, key: tuple[str, int]) -> None:
    assert _values(seed_002, *key) == pytest.approx(SEED_002[key])


def test_seed_002_periods_and_hints(seed_002: Filing) -> None:
    assert {(str(p.end), p.months) for p in seed_002.periods} == set(SEED_002)
    assert seed_002.filed == date(2003, 5, 19)
    assert not [w for w in seed_002.warnings if w.code == "check_failed"]


@pytest.mark.parametrize("number", ["003", "004"])
def test_seeds_without_tables_give_no_periods(seed_paths: dict[str, Path], number: str) -> None:
    filing = extract(seed_paths[number])
    assert filing.periods == []
    assert filing.company == "FiberCore, Inc."


def test_seed_004_year_inferred_only_from_the_text(seed_paths: dict[str, Path]) -> None:
    # "CHARLTON, Mass., Jan. 14 /PRNewswire/ --" prints no year, but the release "expects
    # to report audited financial statements for 2001 in March, 2002": January 2002.
    assert extract(seed_paths["004"]).filed == date(2002, 1, 14)


@pytest.mark.parametrize(
    "body",
    [
        "The Company reported record revenues for 2001.",  # nothing ahead: no year
        "The Company filed its report in March, 2002.",  # past tense: no year
        "The Company expects to report in January, 2002.",  # not after Jan. 14
    ],
)
def test_year_less_dateline_is_not_guessed(body: str) -> None:
    text = f"CHARLTON, Mass., Jan. 14 /PRNewswire/ -- FiberCore, Inc. (Nasdaq: FBCE)\n{body}\n"
    filing = extract(text)
    assert filing.company == "FiberCore, Inc."
    assert filing.filed is None


# ---------------------------------------------------------------- the corpus
def _text_docs(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.glob("*.txt"))


def test_every_plain_text_corpus_document_reads(corpus_dir: Path) -> None:
    docs = _text_docs(corpus_dir)
    assert len(docs) >= 15
    for path in docs:
        filing = extract(path)
        assert filing.source == str(path)
        for pv in filing.periods:
            for item, value in pv.values.items():
                prov = pv.provenance[item]
                assert prov.document == str(path)
                assert prov.line is None or prov.line >= 1
                assert value == value  # finite, checked by the model too


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> Path:
    return corpus_dir


def test_apple_10q_1997_03(corpus: Path) -> None:
    filing = extract(corpus / "apple_10-Q_1997-03-28.txt")
    assert filing.company == "APPLE COMPUTER INC" and filing.cik == "320193"
    assert filing.form == "10-Q" and filing.filed == date(1997, 5, 12)
    # CONSOLIDATED STATEMENTS OF OPERATIONS (Dollars in millions): the tabbed table.
    q2 = _values(filing, "1997-03-28", 3)
    assert q2["revenue"] == 1_601e6
    assert q2["cost_of_sales"] == 1_298e6
    assert q2["rnd"] == 141e6  # "Research and / development 141" (wrapped label)
    assert q2["operating_income"] == -716e6
    assert q2["other_income"] == 8e6  # "Interest and / other income / (expense),net 8"
    assert q2["pretax_income"] == -708e6
    assert q2["income_tax_expense"] == 0.0  # "Benefit from income taxes  -"
    assert q2["net_income"] == -708e6
    assert q2["eps_basic"] == -5.64
    assert q2["weighted_shares_basic"] == 125_609_000.0  # "(in thousands) 125,609"
    # Six months to 1996-03-29: benefit (475); -1,284 - (-475) = -809 (net loss).
    h1_96 = _values(filing, "1996-03-29", 6)
    assert h1_96["income_tax_expense"] == -475e6
    assert h1_96["net_income"] == -809e6
    # CONSOLIDATED BALANCE SHEETS, March 28, 1997.
    bs = _values(filing, "1997-03-28", 0)
    assert bs["cash"] == 1_273e6
    assert bs["current_liabilities"] == 2_011e6
    assert bs["long_term_debt"] == 952e6
    assert bs["retained_earnings"] == 806e6
    assert bs["stockholders_equity"] == 1_242e6
    assert _values(filing, "1996-09-27", 0)["short_term_debt"] == 186e6  # notes payable
    # The cash-flow statement's "accounts receivable" change is no balance.
    assert "inventory" not in bs


def test_apple_10k_1997_selected_data(corpus: Path) -> None:
    filing = extract(corpus / "apple_10-K_1997-09-26.txt")
    # ITEM 6. SELECTED FINANCIAL DATA, "FIVE FISCAL YEARS ENDED SEPTEMBER 26, 1997",
    # (IN MILLIONS, EXCEPT SHARE AND PER SHARE AMOUNTS).
    fy97 = _values(filing, "1997-09-26", 12)
    assert fy97["revenue"] == 7_081e6
    assert fy97["net_income"] == -1_045e6
    assert fy97["eps_basic"] == -8.29
    assert fy97["weighted_shares_basic"] == 126_062_000.0  # "(in thousands)" in the label
    bs97 = _values(filing, "1997-09-26", 0)
    # CONSOLIDATED BALANCE SHEETS, "SEPTEMBER 26, 1997 AND SEPTEMBER 27, 1996 / 1997 1996".
    assert bs97["cash"] == 1_230e6
    assert bs97["current_assets"] == 3_424e6
    assert bs97["short_term_debt"] == 25e6  # Notes payable to banks $25
    assert bs97["current_liabilities"] == 1_818e6
    assert _values(filing, "1996-09-27", 0)["current_assets"] == 4_515e6
    assert bs97["total_assets"] == 4_233e6
    assert bs97["long_term_debt"] == 951e6
    assert bs97["stockholders_equity"] == 1_200e6
    # 1996: the fiscal year end September 27, 1996 is printed in other headers.
    fy96 = _values(filing, "1996-09-27", 12)
    assert fy96["revenue"] == 9_833e6
    assert fy96["net_income"] == -816e6
    assert _values(filing, "1996-09-27", 0)["total_assets"] == 5_364e6
    # 1993's end is printed nowhere: no period is made up for it. 1994's is, in the
    # shareholders' equity statement ("Balance as of September 30, 1994 ... $ 2,383"),
    # so the five-year table's 1994 column is read at that date (net sales $9,189).
    assert not [p for p in filing.periods if p.end.year == 1993]
    assert {p.end for p in filing.periods if p.end.year == 1994} == {date(1994, 9, 30)}
    assert _values(filing, "1994-09-30", 12)["revenue"] == 9_189e6
    # The pro forma tables (NeXT acquisition, SFAS 123) are not read.
    assert any(w.code == "pro_forma_table" for w in filing.warnings)


def test_apple_10q_2000(corpus: Path) -> None:
    filing = extract(corpus / "apple_10-Q_2000-07-01.txt")
    q3 = _values(filing, "2000-07-01", 3)
    assert q3["revenue"] == 1_825e6
    assert q3["gross_profit"] == 543e6  # "Gross margin"
    assert q3["operating_expenses"] == 375e6
    assert q3["operating_income"] == 168e6
    assert q3["pretax_income"] == 270e6
    assert q3["income_tax_expense"] == 70e6  # 270 - 70 = 200
    assert q3["net_income"] == 200e6
    assert q3["eps_basic"] == 0.62 and q3["eps_diluted"] == 0.55
    # "Shares used in computing earnings per share (in thousands): Basic 325,040"
    assert q3["weighted_shares_basic"] == 325_040_000.0
    assert q3["weighted_shares_diluted"] == 361_817_000.0
    nine = _values(filing, "1999-06-26", 9)
    assert nine["revenue"] == 4_798e6
    bs = _values(filing, "2000-07-01", 0)
    assert bs["inventory"] == 5e6
    assert bs["total_assets"] == 6_932e6
    assert bs["total_liabilities"] == 2_756e6
    assert bs["retained_earnings"] == 2_115e6
    assert bs["stockholders_equity"] == 4_176e6


def test_apple_10q_1998_nine_months_header(corpus: Path) -> None:
    # "THREE MONTHS  NINE  MONTHS / ENDED  ENDED / June 26, June 27, ..."
    filing = extract(corpus / "apple_10-Q_1998-06-26.txt")
    nine = _values(filing, "1998-06-26", 9)
    assert nine["revenue"] == 4_385e6
    assert nine["net_income"] == 203e6
    assert nine["eps_diluted"] == 1.40
    assert nine["weighted_shares_diluted"] == 145_177_000.0
    # The EPS computation table's "Numerator ... (in millions) $112" is not an EPS.
    assert _values(filing, "1998-06-26", 3)["eps_diluted"] == 0.65


def test_southern_2004_consolidated_not_subsidiaries(corpus: Path) -> None:
    filing = extract(corpus / "southern_8-K_2004-12-31.txt")
    # Seven co-registrants: the release speaks of Southern Company.
    assert filing.company == "SOUTHERN CO" and filing.cik == "92122"
    # EX-99.04 "Analysis of Consolidated Earnings (In Millions of Dollars)",
    # "3 Months Ended December / 2004".
    q4 = _values(filing, "2004-12-31", 3)
    assert q4["revenue"] == 2_721e6  # Total Revenues
    assert q4["operating_income"] == 396e6
    assert q4["other_income"] == -15e6  # Other Income, net (15)
    # Income Taxes (2): 396 - 15 - 179 - (-2) = 204, net income as reported.
    assert q4["income_tax_expense"] == -2e6
    assert q4["net_income"] == 204e6  # NET INCOME AS REPORTED, not "excluding" 180
    # Provenance counts lines in the whole submission (grep -n: line 624 of the file).
    pv = filing.period(date(2004, 12, 31), 3)
    assert pv is not None
    prov = pv.provenance[LineItem.REVENUE]
    assert (prov.document_type, prov.line, prov.raw) == ("EX-99.02", 624, "$2,721")
    fy = _values(filing, "2004-12-31", 12)
    assert fy["revenue"] == 11_903e6
    assert fy["net_income"] == 1_532e6
    # Alabama Power's revenue ($971 in EX-99.06) never stands as the consolidated one,
    # and kilowatt-hours (EX-99.05) are not dollars.
    # (blocks per subsidiary, each with its revenue and net income: a split statement)
    assert any(w.code in ("repeated_blocks", "sector_split") for w in filing.warnings)
    assert all(p.values.get(LineItem.REVENUE) != 45_217e6 for p in filing.periods)


def test_innovative_clinical_unstated_scale_is_not_guessed(corpus: Path) -> None:
    filing = extract(corpus / "innovative-clinical-solutions_8-K_1999-07-31.txt")
    # The pro forma tables print "$ 14,709" with no "in thousands" anywhere: amounts
    # are left out and the reader is told.
    assert all(
        item.value not in ("cash", "total_assets", "revenue")
        for pv in filing.periods
        for item in pv.values
    )
    assert any(w.code == "scale_unknown" for w in filing.warnings)


def test_ex27_does_not_override_statements(corpus: Path) -> None:
    # The EX-27 of this 10-Q is flawed; the balance sheet's figures stand.
    filing = extract(corpus / "apple_10-Q_1998-06-26.txt")
    bs = _values(filing, "1998-06-26", 0)
    assert bs["cash"] == 1_203e6  # balance sheet, "Cash and cash equivalents $1,203"
    assert not [w for w in filing.warnings if "EX-27" in w.message]


# ---------------------------------------------------------------- bad input
def test_empty_file_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError):
        extract(path)


def test_binary_file_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(DocumentError):
        extract(path)


def test_prose_without_tables_gives_an_empty_filing() -> None:
    text = "The Company had a quiet quarter.\nNothing else to report here.\n" * 20
    filing = extract(text)
    assert filing.periods == []
    assert any(w.code == "nothing_found" for w in filing.warnings)


@pytest.mark.parametrize(
    "copies",
    [1, pytest.param(15, marks=pytest.mark.slow, id="3MB")],
)
def test_random_text_is_bounded_and_invents_nothing(tmp_path: Path, copies: int) -> None:
    # 200 kB of random printable text in the fast lane; 3 MB in the slow one (50 MB runs
    # the same code).
    rng = __import__("random").Random(7)
    alphabet = "abcdefghij ,.$()-0123456789\n\t"
    chunk = "".join(rng.choice(alphabet) for _ in range(200_000))
    path = tmp_path / "noise.txt"
    path.write_text(chunk * copies)
    filing = extract(path)
    assert filing.periods == []  # no header, no period: nothing is made up


def test_table_cut_in_half_gives_no_made_up_numbers() -> None:
    text = (
        "                    (Dollars in thousands)\n"
        "                                   Three Months Ended\n"
        "                                        March 31,\n"
        "                                   2003           2002\n"
        "Net sales                        $4,609         $7,885\n"
        "Cost of sales                     5,457\n"
    )
    filing = extract(text)
    q = _values(filing, "2003-03-31", 3)
    assert q == {"revenue": 4_609_000.0, "cost_of_sales": 5_457_000.0}
    assert _values(filing, "2002-03-31", 3) == {"revenue": 7_885_000.0}


def test_header_only_table_gives_nothing() -> None:
    text = "Three Months Ended March 31,\n        2003        2002\n\nNo figures follow.\n"
    assert extract(text).periods == []


@pytest.mark.skipif(not os.environ.get("RISK_BIG_TESTS"), reason="set RISK_BIG_TESTS=1")
def test_fifty_megabytes_of_random_text(tmp_path: Path) -> None:
    rng = __import__("random").Random(3)
    line = "".join(rng.choice("abc 123,.()$\n") for _ in range(1_000_000))
    path = tmp_path / "big.txt"
    path.write_text(line * 50)
    assert extract(path).periods == []


def test_apple_10q_1997_12_misprinted_date_column(corpus: Path) -> None:
    filing = extract(corpus / "apple_10-Q_1997-12-26.txt")
    # "THREE MONTHS ENDED December 26, 1997 / December 27, 1996".
    q1 = _values(filing, "1997-12-26", 3)
    assert q1["revenue"] == 1_578e6
    assert q1["net_income"] == 47e6
    assert (q1["eps_basic"], q1["eps_diluted"]) == (0.37, 0.33)
    assert _values(filing, "1996-12-27", 3)["net_income"] == -120e6
    # The EPS note heads its column "December 27, 1997" (sic): its figures are the
    # quarter's, so no extra period is made of the misprint.
    assert filing.period(date(1997, 12, 27), 3) is None
    assert any(w.code == "near_duplicate_period" for w in filing.warnings)
