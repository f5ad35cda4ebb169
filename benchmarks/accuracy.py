"""Reader accuracy over the whole corpus: coverage, precision and recall per format and era.

Run: ``python benchmarks/accuracy.py [--workers N] [--only SUBSTRING] [--missing]``.
Prints figures; asserts nothing; writes nothing.

Documents: every file of ``../shared/corpus`` (``docs/``, ``ixbrl/``, ``8-K/``) and the
seeds. Each is read with :func:`risk.extract_all` as a user would.

Coverage
    A document is covered when the periods read from it give total assets, a leverage
    measure (total or current liabilities, long-term debt or equity) and profit (net or
    operating income), each in some period.

Oracles (no hand labels needed for the first two)
    (a) ``ixbrl``: each inline-XBRL document read with its tags ignored (every ``ix:*``
        element unwrapped, the hidden ``ix:header`` dropped) as plain HTML, against the
        same document's tagged values (the project's own inline-XBRL reader), for every
        period the tags give. Total liabilities are compared where tagged
        (``us-gaap:Liabilities``); where they are not, the tags' liabilities-and-equity
        less total equity (and temporary equity) stands as a derived oracle, counted on a
        row of its own. A value read at a period no tag names is counted as "untagged
        period" (a misdated column shows up there), not in precision.
    (b) ``ex27``: EX-27 financial data schedules of 1997-2001 submissions against the
        statements read from the same submission. A schedule that disagrees with itself
        (total assets != total liabilities and equity, pre-tax - tax != income from
        continuing operations, ...) is flagged and not used.
    (c) ``hand``: the values the tests check by hand against the documents (the table
        :data:`HAND` below, each row naming its test), and the earnings releases of
        ``8-K/`` read by hand for this harness.

Every wrong value is listed with its document, line (or row label) and the oracle; a value
off by a power of ten is marked and counted.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"

#: The fields the oracles judge.
FIELDS = (
    "total_assets",
    "total_liabilities",
    "current_assets",
    "current_liabilities",
    "stockholders_equity",
    "revenue",
    "operating_income",
    "net_income",
    "operating_cash_flow",
    "cash",
)
#: Oracle rows whose tag is not the registrant's figure as financials.md defines it: in a
#: filing with a minority interest, the equity including the minority share, tagged where
#: the parent's is not (a statement of equity tags the parent's column with a dimension).
#: Listed on a row of their own, not counted in "all fields".
AMBIGUOUS = "(tags: with minority share)"
_GROUP_EQUITY = "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"
_LEVERAGE = ("total_liabilities", "current_liabilities", "long_term_debt", "stockholders_equity")
_PROFIT = ("net_income", "operating_income")

#: Documents and tests named in :data:`HAND`.
_APPLE_10_K_1997_09_26 = "corpus/docs/apple_10-K_1997-09-26.txt"
_APPLE_10_Q_1997_03_28 = "corpus/docs/apple_10-Q_1997-03-28.txt"
_APPLE_10_Q_1998_06_26 = "corpus/docs/apple_10-Q_1998-06-26.txt"
_APPLE_10_Q_2000_07_01 = "corpus/docs/apple_10-Q_2000-07-01.txt"
_APPLE_8_K_2004_06_26 = "corpus/docs/apple_8-K_2004-06-26.txt"
_BUCKLE_8_K_EX99_2024_1 = "corpus/docs/buckle_8-K-ex99_2024-11-02.html"
_CATERPILLAR_8_K_2022_0 = "corpus/docs/caterpillar_8-K_2022-03-31.txt"
_GAINSCO_10_K_2009_12_3 = "corpus/docs/gainsco_10-K_2009-12-31.html"
_GENCORP_10_K_2011_11_3 = "corpus/docs/gencorp_10-K_2011-11-30.html"
_SOUTHERN_8_K_2004_12_3 = "corpus/docs/southern_8-K_2004-12-31.txt"
_001_0DD14495E2DA5E14 = "seeds/001_0dd14495e2da5e14.txt"
_002_5F842900E8892388 = "seeds/002_5f842900e8892388.txt"
_T0 = "test_apple_10k_1997_selected_data"
_T1 = "test_apple_10q_1997_03"
_T2 = "test_apple_10q_1997_total_assets"
_T3 = "test_apple_10q_1998_nine_months_header"
_T4 = "test_apple_10q_2000"
_T5 = "test_apple_2004_html_exhibit_in_a_text_submission"
_T6 = "test_apple_five_year_table"
_T7 = "test_buckle_release"
_T8 = "test_buckle_sales_and_shares"
_T9 = "test_caterpillar_q1_2022_income_statement"
_T10 = "test_ex27_does_not_override_statements"
_T11 = "test_gainsco_insurer_has_no_current_assets"
_T12 = "test_gencorp_income_statement"
_T13 = "test_gencorp_shareholders_deficit"
_T14 = "test_seed_001"
_T15 = "test_seed_002"
_T16 = "test_southern_2004_consolidated_not_subsidiaries"

#: (document under ../shared, period end, months, field, value, source).
HAND: tuple[tuple[str, str, int, str, float, str], ...] = (
    # tests/test_extraction_text.py, seed 001 (FiberCore Q1 2003 release)
    (_001_0DD14495E2DA5E14, "2003-03-31", 3, "revenue", 4_609e3, _T14),
    (_001_0DD14495E2DA5E14, "2003-03-31", 3, "operating_income", -3_072e3, _T14),
    (_001_0DD14495E2DA5E14, "2003-03-31", 3, "net_income", -4_005e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-03-31", 3, "revenue", 7_885e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-03-31", 3, "operating_income", -3_281e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-03-31", 3, "net_income", -4_078e3, _T14),
    (_001_0DD14495E2DA5E14, "2003-03-31", 0, "total_assets", 78_450e3, _T14),
    (_001_0DD14495E2DA5E14, "2003-03-31", 0, "total_liabilities", 77_504e3, _T14),
    (_001_0DD14495E2DA5E14, "2003-03-31", 0, "stockholders_equity", 903e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-12-31", 0, "total_assets", 75_603e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-12-31", 0, "total_liabilities", 71_126e3, _T14),
    (_001_0DD14495E2DA5E14, "2002-12-31", 0, "stockholders_equity", 4_462e3, _T14),
    # tests/test_extraction_text.py, seed 002 (FiberCore 2002 results)
    (_002_5F842900E8892388, "2002-12-31", 3, "operating_income", -14_673e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 3, "net_income", -16_738e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 3, "revenue", 9_247e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 3, "operating_income", -3_777e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 3, "net_income", -3_307e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 12, "revenue", 25_557e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 12, "operating_income", -22_559e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 12, "net_income", -31_077e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 12, "revenue", 52_362e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 12, "operating_income", 5_397e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 12, "net_income", 480e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 0, "total_assets", 75_603e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 0, "total_liabilities", 71_126e3, _T15),
    (_002_5F842900E8892388, "2002-12-31", 0, "stockholders_equity", 4_462e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 0, "total_assets", 92_983e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 0, "total_liabilities", 49_491e3, _T15),
    (_002_5F842900E8892388, "2001-12-31", 0, "stockholders_equity", 38_375e3, _T15),
    # tests/test_extraction_text.py, Apple 10-Q March 1997
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 3, "revenue", 1_601e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 3, "operating_income", -716e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 3, "net_income", -708e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1996-03-29", 6, "net_income", -809e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 0, "cash", 1_273e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 0, "current_liabilities", 2_011e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 0, "stockholders_equity", 1_242e6, _T1),
    (_APPLE_10_Q_1997_03_28, "1997-03-28", 0, "total_assets", 4_487e6, _T2),
    (_APPLE_10_Q_1997_03_28, "1996-09-27", 0, "total_assets", 5_364e6, _T2),
    # tests/test_extraction_text.py, Apple 10-K 1997
    (_APPLE_10_K_1997_09_26, "1997-09-26", 12, "revenue", 7_081e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 12, "net_income", -1_045e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 0, "cash", 1_230e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 0, "current_assets", 3_424e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 0, "current_liabilities", 1_818e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 0, "total_assets", 4_233e6, _T0),
    (_APPLE_10_K_1997_09_26, "1997-09-26", 0, "stockholders_equity", 1_200e6, _T0),
    (_APPLE_10_K_1997_09_26, "1996-09-27", 0, "current_assets", 4_515e6, _T0),
    (_APPLE_10_K_1997_09_26, "1996-09-27", 0, "total_assets", 5_364e6, _T0),
    (_APPLE_10_K_1997_09_26, "1996-09-27", 12, "revenue", 9_833e6, _T0),
    (_APPLE_10_K_1997_09_26, "1996-09-27", 12, "net_income", -816e6, _T0),
    (_APPLE_10_K_1997_09_26, "1994-09-30", 12, "revenue", 9_189e6, _T6),
    (_APPLE_10_K_1997_09_26, "1994-09-30", 0, "total_assets", 5_303e6, _T6),
    (_APPLE_10_K_1997_09_26, "1994-09-30", 0, "stockholders_equity", 2_383e6, _T6),
    # tests/test_extraction_text.py, Apple 10-Q June 1998 and July 2000
    (_APPLE_10_Q_1998_06_26, "1998-06-26", 9, "revenue", 4_385e6, _T3),
    (_APPLE_10_Q_1998_06_26, "1998-06-26", 9, "net_income", 203e6, _T3),
    (_APPLE_10_Q_1998_06_26, "1998-06-26", 0, "cash", 1_203e6, _T10),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 3, "revenue", 1_825e6, _T4),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 3, "operating_income", 168e6, _T4),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 3, "net_income", 200e6, _T4),
    (_APPLE_10_Q_2000_07_01, "1999-06-26", 9, "revenue", 4_798e6, _T4),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 0, "total_assets", 6_932e6, _T4),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 0, "total_liabilities", 2_756e6, _T4),
    (_APPLE_10_Q_2000_07_01, "2000-07-01", 0, "stockholders_equity", 4_176e6, _T4),
    # tests/test_extraction_text.py, Southern Company 2004 release
    (_SOUTHERN_8_K_2004_12_3, "2004-12-31", 3, "revenue", 2_721e6, _T16),
    (_SOUTHERN_8_K_2004_12_3, "2004-12-31", 3, "operating_income", 396e6, _T16),
    (_SOUTHERN_8_K_2004_12_3, "2004-12-31", 3, "net_income", 204e6, _T16),
    (_SOUTHERN_8_K_2004_12_3, "2004-12-31", 12, "revenue", 11_903e6, _T16),
    (_SOUTHERN_8_K_2004_12_3, "2004-12-31", 12, "net_income", 1_532e6, _T16),
    # tests/test_html.py
    (_BUCKLE_8_K_EX99_2024_1, "2024-11-02", 3, "net_income", 44_172e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2024-11-02", 9, "net_income", 118_270e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2023-10-28", 3, "net_income", 51_762e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2024-11-02", 0, "total_assets", 976_270e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2024-02-03", 0, "total_assets", 889_810e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2023-10-28", 0, "total_assets", 921_207e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2024-11-02", 0, "cash", 301_958e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2023-10-28", 0, "current_assets", 508_939e3, _T7),
    (_BUCKLE_8_K_EX99_2024_1, "2024-11-02", 3, "revenue", 293_618e3, _T8),
    (_BUCKLE_8_K_EX99_2024_1, "2023-10-28", 9, "revenue", 878_719e3, _T8),
    (_APPLE_8_K_2004_06_26, "2004-06-26", 3, "revenue", 2_014e6, _T5),
    (_APPLE_8_K_2004_06_26, "2004-06-26", 3, "net_income", 61e6, _T5),
    (_APPLE_8_K_2004_06_26, "2004-06-26", 3, "operating_income", 72e6, _T5),
    (_APPLE_8_K_2004_06_26, "2004-06-26", 0, "total_assets", 7_223e6, _T5),
    (_APPLE_8_K_2004_06_26, "2004-06-26", 0, "total_liabilities", 2_411e6, _T5),
    (_GAINSCO_10_K_2009_12_3, "2009-12-31", 0, "total_assets", 241_902e3, _T11),
    (_GAINSCO_10_K_2009_12_3, "2009-12-31", 0, "total_liabilities", 178_853e3, _T11),
    (_GAINSCO_10_K_2009_12_3, "2009-12-31", 0, "stockholders_equity", 63_049e3, _T11),
    (_GAINSCO_10_K_2009_12_3, "2009-12-31", 12, "revenue", 206_815e3, _T11),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 0, "cash", 188.0e6, _T13),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 0, "current_assets", 400.9e6, _T13),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 0, "total_assets", 939.5e6, _T13),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 0, "total_liabilities", 1_146.7e6, _T13),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 0, "stockholders_equity", -211.6e6, _T13),
    (_GENCORP_10_K_2011_11_3, "2011-11-30", 12, "revenue", 918.1e6, _T12),
    (_GENCORP_10_K_2011_11_3, "2010-11-30", 12, "revenue", 857.9e6, _T12),
    (_GENCORP_10_K_2011_11_3, "2009-11-30", 12, "net_income", 52.2e6, _T12),
    # tests/test_regress_extraction_statement_titles.py, Caterpillar Q1 2022 release
    (_CATERPILLAR_8_K_2022_0, "2022-03-31", 3, "revenue", 13_589e6, _T9),
    (_CATERPILLAR_8_K_2022_0, "2022-03-31", 3, "operating_income", 1_855e6, _T9),
    (_CATERPILLAR_8_K_2022_0, "2022-03-31", 3, "net_income", 1_537e6, _T9),
    (_CATERPILLAR_8_K_2022_0, "2021-03-31", 3, "revenue", 11_887e6, _T9),
    (_CATERPILLAR_8_K_2022_0, "2021-03-31", 3, "net_income", 1_530e6, _T9),
)  # fmt: skip


_BS = ("cash", "current_assets", "total_assets", "current_liabilities", "total_liabilities",
       "stockholders_equity")  # fmt: skip
_IS = ("revenue", "operating_income", "net_income")
#: Earnings releases of ``8-K/`` read by hand for this harness: per document, per period
#: (end, months), the figures in the order of ``_BS`` (balances) or ``_IS`` (flows), in
#: the units printed times the scale stated above the table (None: not printed as such;
#: "Cash, cash equivalents, and short-term investments" is not cash).
_RELEASES: dict[str, tuple[float, dict[tuple[str, int], tuple[float | None, ...]]]] = {
    "1001426_8K_2003_0000891092-03-001810.txt": (1e3, {
        ("2003-06-30", 3): (11_506, -2_046, -370),
        ("2003-03-31", 3): (11_492, -1_967, -631),
        ("2002-06-30", 3): (12_967, -1_234, -694),
        ("2003-06-30", 12): (44_958, -10_571, -4_327),
        ("2002-06-30", 12): (47_589, -9_723, -5_267),
        ("2003-06-30", 0): (None, 165_957, 190_236, 7_294, 7_913, 182_323),
        ("2002-06-30", 0): (None, 174_901, 193_745, 7_384, 8_023, 185_722),
    }),
    "1001426_8K_2003_0000891092-03-002843.txt": (1e3, {
        ("2003-09-30", 3): (11_072, -2_507, -800),
        ("2003-06-30", 3): (11_506, -2_046, -370),
        ("2002-09-30", 3): (10_828, -2_808, -922),
        ("2003-09-30", 0): (None, 165_021, 189_632, 7_580, 8_030, 181_602),
        ("2003-06-30", 0): (None, 165_957, 190_237, 7_295, 7_914, 182_323),
    }),
    "1001426_8K_2005_0001275287-05-000371.txt": (1e3, {
        ("2004-12-31", 3): (19_217, -1_194, -303),
        ("2004-09-30", 3): (19_786, -568, 151),
        ("2003-12-31", 3): (16_850, -4_475, -1_875),
        ("2004-12-31", 6): (39_003, -1_762, -152),
        ("2003-12-31", 6): (27_922, -6_982, -2_675),
        ("2004-12-31", 0): (8_338, 172_441, 193_644, 11_405, 11_405, 181_934),
        ("2004-06-30", 0): (13_965, 174_134, 197_452, 15_416, 15_555, 181_897),
    }),
    "1001426_8K_2005_0001275287-05-001389.txt": (1e3, {
        ("2005-03-31", 3): (19_433, -599, 134),
        ("2004-12-31", 3): (19_217, -1_194, -303),
        ("2004-03-31", 3): (18_466, -1_537, -96),
        ("2005-03-31", 9): (58_436, -2_361, -18),
        ("2004-03-31", 9): (46_388, -8_519, -2_771),
        ("2005-03-31", 0): (5_828, 171_818, 193_094, 11_869, 11_937, 180_874),
        ("2004-06-30", 0): (13_965, 174_134, 197_452, 15_416, 15_555, 181_897),
    }),
    "1001426_8K_2005_0001275287-05-003130.txt": (1e3, {
        ("2005-06-30", 3): (21_121, -12, 1_173),
        ("2005-03-31", 3): (19_433, -663, 100),
        ("2004-06-30", 3): (20_029, -169, 663),
        ("2005-06-30", 12): (79_557, -2_806, 927),
        ("2004-06-30", 12): (66_417, -8_689, -2_110),
        ("2005-06-30", 0): (20_902, 171_857, 193_995, 12_369, 12_576, 181_162),
        ("2004-06-30", 0): (13_965, 174_134, 197_452, 15_416, 15_555, 181_897),
    }),
    "1001426_8K_2005_0001275287-05-004474.txt": (1e3, {
        ("2005-10-01", 3): (22_473, -484, 625),
        ("2005-07-02", 3): (21_121, -12, 1_173),
        ("2004-09-25", 3): (19_786, -764, 29),
        ("2005-10-01", 0): (9_134, 173_564, 214_004, 25_197, 32_594, 181_166),
        ("2005-07-02", 0): (20_902, 171_857, 193_995, 12_369, 12_576, 181_162),
    }),
    "1001426_8K_2006_0001275287-06-002673.txt": (1e3, {
        ("2006-04-01", 3): (27_847, 1_126, 1_838),
        ("2005-12-31", 3): (26_270, 679, 1_412),
        ("2005-03-26", 3): (19_433, -663, 100),
        ("2006-04-01", 9): (76_590, 1_321, 3_875),
        ("2005-03-26", 9): (58_436, -2_794, -246),
        ("2006-04-01", 0): (27_839, 173_074, 216_865, 28_104, 32_985, 183_698),
        ("2005-07-02", 0): (20_902, 171_857, 193_995, 12_369, 12_576, 181_162),
    }),
    # whole dollars, no scale stated; finance or interest income is the revenue
    "1001258_8K_2005_0001125282-05-004198.txt": (1.0, {
        ("2005-06-30", 3): (19_028_000, None, 8_536_000),
        ("2004-06-30", 3): (12_050_000, None, 5_607_000),
        ("2005-06-30", 9): (49_520_000, None, 21_992_000),
        ("2004-06-30", 9): (36_369_000, None, 15_728_000),
        ("2005-06-30", 0): (1_920_000, None, 171_740_000, None, 35_305_000, 136_435_000),
        ("2004-09-30", 0): (3_344_000, None, 158_641_000, None, 44_175_000, 114_466_000),
    }),
    "1001258_8K_2005_0001125282-05-006555.txt": (1.0, {
        ("2005-09-30", 3): (19_959_000, None, 9_004_000),
        ("2004-09-30", 3): (14_806_000, None, 6_509_000),
        ("2005-09-30", 12): (69_479_000, None, 30_996_000),
        ("2004-09-30", 12): (51_175_000, None, 22_237_000),
        # the total assets line is unlabeled ("$ 180,038,000")
        ("2005-09-30", 0): (4_059_000, None, 180_038_000, None, 34_861_000, 145_177_000),
        ("2004-09-30", 0): (3_344_000, None, 158_641_000, None, 44_175_000, 114_466_000),
    }),
}  # fmt: skip


def _release_rows() -> tuple[tuple[str, str, int, str, float, str], ...]:
    rows: list[tuple[str, str, int, str, float, str]] = []
    for doc, (scale, periods) in _RELEASES.items():
        for (end, months), figures in periods.items():
            names = _BS if months == 0 else _IS
            for name, figure in zip(names, figures, strict=True):
                if figure is not None:
                    rows.append((f"corpus/8-K/{doc}", end, months, name, figure * scale, "by hand"))
    return tuple(rows)


HAND = HAND + _release_rows()

# ------------------------------------------------------------------ what a document gives


@dataclass(frozen=True)
class Read:
    """One value the reader gave: ``derived`` when its provenance says it was computed."""

    field: str
    end: date
    months: int
    value: float
    line: int | None
    label: str | None
    raw: str | None
    derived: bool


@dataclass(frozen=True)
class Judged:
    """One oracle value and what the reader made of it."""

    oracle: str  # ixbrl, ex27, hand
    field: str  # "total_liabilities (derived)" on rows of their own
    end: date
    months: int
    expected: float
    got: float | None
    line: int | None = None
    label: str | None = None
    raw: str | None = None
    source: str = ""

    @property
    def verdict(self) -> str:
        if self.got is None:
            return "missing"
        return "right" if _agree(self.got, self.expected) else "wrong"

    @property
    def power_of_ten(self) -> int:
        """k when the value read is the expected one times 10**k (k != 0), else 0."""
        if self.got is None or self.got == 0 or self.expected == 0:
            return 0
        ratio = abs(self.got / self.expected)
        k = round(math.log10(ratio))
        return k if k and abs(ratio / 10**k - 1) < 0.01 else 0


@dataclass
class DocResult:
    """What the harness learnt from one document."""

    name: str
    group: str
    covered: bool = False
    seconds: float = 0.0
    judged: list[Judged] = field(default_factory=list)
    extra: int = 0  # values at periods no tag names (ixbrl oracle)
    extra_values: list[str] = field(default_factory=list)
    other_entity: list[str] = field(default_factory=list)  # values of a tagged member
    flagged: list[str] = field(default_factory=list)  # EX-27 schedules not trusted
    error: str | None = None
    warnings: Counter[str] = field(default_factory=Counter)


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.005 * max(abs(a), abs(b)))


def _reads(filings: list) -> dict[tuple[str, date, int], Read]:  # type: ignore[type-arg]
    from risk.financials import Source

    out: dict[tuple[str, date, int], Read] = {}
    for filing in filings:
        for pv in filing.periods:
            for item, value in pv.values.items():
                prov = pv.provenance.get(item)
                derived = prov is not None and (
                    prov.source is Source.DERIVED or "derived" in (prov.note or "").lower()
                )
                key = (item.value, pv.end, pv.months)
                out.setdefault(
                    key,
                    Read(
                        item.value,
                        pv.end,
                        pv.months,
                        value,
                        prov.line if prov else None,
                        prov.label if prov else None,
                        prov.raw if prov else None,
                        derived,
                    ),
                )
    return out


def _covered(reads: dict[tuple[str, date, int], Read]) -> bool:
    have = {f for f, _e, _m in reads}
    return (
        "total_assets" in have
        and any(f in have for f in _LEVERAGE)
        and any(f in have for f in _PROFIT)
    )


def _judge(
    oracle: str,
    expected: dict[tuple[str, date, int], float],
    reads: dict[tuple[str, date, int], Read],
    source: str = "",
) -> list[Judged]:
    out: list[Judged] = []
    for (fld, end, months), value in sorted(expected.items(), key=lambda kv: str(kv[0])):
        base = fld.replace(" (derived)", "").replace(f" {AMBIGUOUS}", "")
        got = reads.get((base, end, months))
        name = fld
        if got is not None and got.derived and "(derived)" not in fld:
            name = f"{fld} (read derived)"
        out.append(
            Judged(
                oracle,
                name,
                end,
                months,
                value,
                got.value if got else None,
                got.line if got else None,
                got.label if got else None,
                got.raw if got else None,
                source,
            )
        )
    return out


# ------------------------------------------------------------------ oracle (a): inline XBRL

_IX_HEADER = re.compile(rb"<ix:header\b.*?</ix:header\s*>", re.S | re.I)
_IX_TAG = re.compile(rb"</?ix:[a-z]+\b[^>]*>", re.I)


def strip_inline_tags(data: bytes) -> bytes:
    """The document as plain HTML: ``ix:header`` dropped, every other ``ix:*`` unwrapped."""
    return _IX_TAG.sub(b"", _IX_HEADER.sub(b"", data))


def _tagged(data: bytes, name: str) -> dict[tuple[str, date, int], float] | None:
    """The tagged values of the oracle's fields (None when the document has no tags)."""
    from risk.documents import parse_html
    from risk.extraction._ixbrl import read_inline_facts
    from risk.statements._xbrl_map import facts_to_periods

    inline = read_inline_facts(parse_html(data, name=name))
    if not inline.count:
        return None
    periods, _ = facts_to_periods(inline.facts, document=name)
    out: dict[tuple[str, date, int], float] = {}
    minority = any(f.concept.endswith(":MinorityInterest") and f.value != 0 for f in inline.facts)
    for pv in periods:
        for item, value in pv.values.items():
            if item.value in FIELDS:
                concept = (pv.provenance[item].label or "") if item in pv.provenance else ""
                name = item.value
                if minority and concept.endswith(_GROUP_EQUITY):
                    name = f"{name} {AMBIGUOUS}"
                out[(name, pv.end, pv.months)] = value
    # total liabilities where untagged: liabilities and equity less equity (and temporary
    # equity), all tagged for the same instant
    by_concept: dict[tuple[str, date], float] = {}
    for fact in inline.facts:
        if fact.start is None and fact.unit.replace("iso4217:", "") == "USD":
            by_concept.setdefault((fact.concept.split(":")[-1], fact.end), fact.value)
    for (concept, end), total in list(by_concept.items()):
        if concept != "LiabilitiesAndStockholdersEquity" or ("total_liabilities", end, 0) in out:
            continue
        equity = by_concept.get(
            ("StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", end)
        )
        if equity is None and (parent := by_concept.get(("StockholdersEquity", end))) is not None:
            equity = parent + by_concept.get(("MinorityInterest", end), 0.0)
        if equity is None:
            continue
        temporary = sum(
            v
            for (c, e), v in by_concept.items()
            if e == end
            and c.startswith("TemporaryEquity")
            and "CarryingAmount" in c
            and "Including" not in c
        )
        out[("total_liabilities (derived)", end, 0)] = total - equity - temporary
    return out


def _member_values(data: bytes, name: str) -> dict[tuple[str, date, int], list[tuple[float, str]]]:
    """The values tagged for a member of an axis (a segment, a subsidiary, the parent alone,
    an equity investee ...): per (field, end, months), each value with its members."""
    from risk.documents import parse_html, tag_name
    from risk.extraction._ixbrl import parse_ix_number
    from risk.extraction._xbrl_facts import local_name, parse_date
    from risk.statements._xbrl_map import concept_rules, duration_months

    fields = {
        c.concept.split(":")[-1]: rule.item.value
        for rule in concept_rules()
        if rule.item.value in FIELDS
        for c in rule.concepts
        if not c.negate
    }
    contexts: dict[str, tuple[date | None, date | None, str]] = {}
    facts: list[tuple[str, str, float]] = []
    for el in parse_html(data, name=name).iter():
        tag = tag_name(el)
        if not tag or ":" not in tag:
            continue
        local = tag.split(":", 1)[1]
        if local == "context":
            start = end = None
            members: list[str] = []
            for child in el.iter():
                if not isinstance(child.tag, str):
                    continue
                low = local_name(child.tag).lower()
                if low in ("instant", "enddate"):
                    end = parse_date(child.text)
                elif low == "startdate":
                    start = parse_date(child.text)
                elif low in ("explicitmember", "typedmember"):
                    text = " ".join("".join(str(t) for t in child.itertext()).split())
                    members.append(f"{child.get('dimension')}={text}")
            if members:
                contexts[el.get("id") or ""] = (start, end, ", ".join(members))
        elif local == "nonfraction":
            concept = (el.get("name") or "").split(":")[-1]
            ref = el.get("contextref") or el.get("contextRef") or ""
            shown = " ".join("".join(str(t) for t in el.itertext()).split())
            value = parse_ix_number(shown, el.get("format"))
            if concept in fields and value is not None:
                try:
                    value *= 10.0 ** int(el.get("scale") or "0")
                except (ValueError, OverflowError):
                    continue
                facts.append((ref, fields[concept], -value if el.get("sign") == "-" else value))
    out: dict[tuple[str, date, int], list[tuple[float, str]]] = defaultdict(list)
    for ref, fld, value in facts:
        if ref not in contexts:
            continue
        start, end, members = contexts[ref]
        months = 0 if start is None else (duration_months(start, end) if end else None)
        if end is not None and months is not None:
            out[(fld, end, months)].append((value, members))
    return out


#: Axes whose members are other entities (or parts of the group reported as if they were):
#: subsidiaries, the parent alone, guarantors, segments, equity investees, acquirees,
#: disposal groups. Products, regions and equity components are not entities.
_ENTITY_AXIS = re.compile(
    r"LegalEntity|ConsolidatedEntit|ConsolidationItems|Segment|EquityMethod|Investee|"
    r"BusinessAcquisition|Acquiree|DisposalGroup|Subsidiar|Guarantor|VariableInterest|"
    r"ParentCompany|JointVenture|Affiliate",
    re.I,
)


def _other_entity(
    reads: dict[tuple[str, date, int], Read],
    expected: dict[tuple[str, date, int], float],
    members: dict[tuple[str, date, int], list[tuple[float, str]]],
) -> list[str]:
    """Values read that are not the consolidated figure but a member's (a segment's, a
    subsidiary's, the parent's alone ... or a product's, a region's: marked by the
    axis, and counted as another entity's only for :data:`_ENTITY_AXIS`)."""
    out: list[str] = []
    for (fld, end, months), read in sorted(reads.items(), key=lambda kv: str(kv[0])):
        if fld not in FIELDS:
            continue
        mine = [
            v
            for (f, e, m), v in expected.items()
            if f.split(" ")[0] == fld and (e, m) == (end, months)
        ]
        if any(_agree(read.value, v) for v in mine):
            continue
        match = next(
            (who for v, who in members.get((fld, end, months), []) if _agree(read.value, v)), None
        )
        if match is not None:
            where = f"line {read.line}" if read.line else f"row {read.label!r}"
            out.append(
                f"{where}: {fld} {end} ({months}m) read {read.value:,.2f}, tagged for {match}"
            )
    return out


def _ixbrl_doc(
    path: Path, name: str, group: str
) -> tuple[DocResult, dict[tuple[str, date, int], Read]]:
    from risk.extraction import extract_bytes

    data = path.read_bytes()
    result = DocResult(name, group)
    expected = _tagged(data, name)
    plain = strip_inline_tags(data) if expected is not None else data
    filing = extract_bytes(plain, name=name)
    reads = _reads([filing])
    result.covered = _covered(reads)
    result.warnings.update(w.code for w in filing.warnings)
    if expected is None:
        result.group = group.replace("ixbrl as plain HTML", "HTML")
        return result, reads
    result.judged = _judge("ixbrl", expected, reads)
    tagged_periods = {(e, m) for _f, e, m in expected}
    for (f, e, m), read in sorted(reads.items(), key=lambda kv: str(kv[0])):
        if f in FIELDS and (e, m) not in tagged_periods:
            result.extra += 1
            where = f"line {read.line}" if read.line else f"row {read.label!r}"
            result.extra_values.append(f"{where}: {f} {e} ({m}m) read {read.value:,.2f}")
    result.other_entity = _other_entity(reads, expected, _member_values(data, name))
    return result, reads


# ------------------------------------------------------------------ oracle (b): EX-27

_EX27_FIELDS = {
    "TOTAL-ASSETS": "total_assets",
    "CURRENT-ASSETS": "current_assets",
    "CURRENT-LIABILITIES": "current_liabilities",
    "CASH": "cash",
    "TOTAL-REVENUES": "revenue",
    "NET-INCOME": "net_income",
}
_EX27_TAG = re.compile(r"^\s*<(?P<tag>[A-Z0-9&-]+)>[ \t]+(?P<value>\S[^\n]*?)\s*$", re.M)
_EX27_MONTHS = {"3-MOS": 3, "6-MOS": 6, "9-MOS": 9, "12-MOS": 12, "YEAR": 12}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
#: Identities an EX-27 schedule must satisfy: (left tags summed, right tag, what fails).
_EX27_CHECKS = (
    (("TOTAL-ASSETS",), "TOTAL-LIABILITY-AND-EQUITY", "TOTAL-ASSETS != TOTAL-LIABILITY-AND-EQUITY"),
    (
        ("INCOME-CONTINUING", "INCOME-TAX"),
        "INCOME-PRETAX",
        "INCOME-PRETAX - INCOME-TAX != INCOME-CONTINUING",
    ),
    (
        ("INCOME-CONTINUING", "DISCONTINUED", "EXTRAORDINARY", "CHANGES"),
        "NET-INCOME",
        "continuing + discontinued + extraordinary + changes != NET-INCOME",
    ),
)


def _ex27_number(text: str) -> float | None:
    text = text.replace(",", "").strip()
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    try:
        value = float(text)
    except ValueError:
        return None
    return -value if negative else value


def _ex27_date(text: str) -> date | None:
    m = re.match(r"([A-Z]{3})-(\d{1,2})-(\d{4})", text.strip().upper())
    if not m or m.group(1) not in _MONTHS:
        return None
    try:
        return date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    except ValueError:
        return None


def parse_ex27(text: str) -> tuple[dict[tuple[str, date, int], float], list[str]]:
    """The values of one EX-27 schedule, and what makes it disagree with itself."""
    tags: dict[str, str] = {}
    for m in _EX27_TAG.finditer(text):
        tags.setdefault(m["tag"], m["value"])
    multiplier = _ex27_number(tags.get("MULTIPLIER", "1")) or 1.0
    end = _ex27_date(tags.get("PERIOD-END", ""))
    months = _EX27_MONTHS.get(tags.get("PERIOD-TYPE", "").strip().upper())
    numbers = {t: v for t in tags if (v := _ex27_number(tags[t])) is not None}
    problems: list[str] = []
    if end is None or months is None:
        problems.append("no readable PERIOD-END or PERIOD-TYPE")
        return {}, problems

    n = numbers
    for left, right, what in _EX27_CHECKS:
        if all(k in n for k in (*left, right)):
            a, b = sum(n[k] for k in left), n[right]
            if abs(a - b) > 1.0 + 0.002 * max(abs(a), abs(b)):
                problems.append(what)
    if n.get("CURRENT-ASSETS", 0.0) > n.get("TOTAL-ASSETS", math.inf):
        problems.append("CURRENT-ASSETS > TOTAL-ASSETS")
    out: dict[tuple[str, date, int], float] = {}
    for tag, fld in _EX27_FIELDS.items():
        if tag in n:
            flow = fld in ("revenue", "net_income")
            out[(fld, end, months if flow else 0)] = n[tag] * multiplier
    return out, problems


def _ex27_expected(text: str, name: str, result: DocResult) -> dict[tuple[str, date, int], float]:
    from risk.documents import split_submission

    expected: dict[tuple[str, date, int], float] = {}
    for part in split_submission(text, name=name).parts:
        if not (part.type or "").upper().startswith("EX-27"):
            continue
        values, problems = parse_ex27(part.text)
        if "<FLAWED>" in text[max(0, part.offset - 400) : part.offset].upper():
            problems.append("marked <FLAWED> by EDGAR")
        if problems:
            result.flagged.append(f"{name} {part.type}: " + "; ".join(problems))
            continue
        expected.update(values)
    return expected


# ------------------------------------------------------------------ one document


def _group(path: Path) -> tuple[str, int | None]:
    name = path.name
    folder = path.parent.name
    year_match = re.search(r"_((?:19|20)\d{2})[-_]", name)
    year = int(year_match.group(1)) if year_match else None
    if folder == "seeds":
        return "text release (seeds)", 2003
    if folder == "ixbrl":
        return "ixbrl as plain HTML", 2023
    suffix = path.suffix.lower()
    if folder == "8-K":
        return ("8-K text submission" if suffix == ".txt" else "8-K HTML"), year
    if suffix == ".txt":
        return "text submission", year
    if suffix == ".xml":
        return "XBRL instance", year
    if suffix == ".json":
        return "company facts", year
    return "HTML", year


def _era(year: int | None) -> str:
    if year is None:
        return "?"
    if year <= 2000:
        return "1993-2000"
    if year <= 2008:
        return "2001-2008"
    return "2009-2025"


def read_document(path_text: str) -> DocResult:
    """Read one document and judge it against every oracle that applies (in a worker)."""
    from risk.extraction import extract_all

    path = Path(path_text)
    name = str(path.relative_to(SHARED))
    fmt, year = _group(path)
    group = f"{fmt} / {_era(year)}"
    start = time.perf_counter()
    try:
        data = path.read_bytes()
        if fmt == "ixbrl as plain HTML" or (
            fmt in ("HTML", "8-K HTML") and b"ix:nonfraction" in data[:5_000_000].lower()
        ):
            result, reads = _ixbrl_doc(path, name, f"ixbrl as plain HTML / {_era(year)}")
        else:
            result = DocResult(name, group)
            filings = extract_all(path)
            reads = _reads(filings)
            result.covered = _covered(reads)
            for filing in filings:
                result.warnings.update(w.code for w in filing.warnings)
            if fmt == "text submission" and year is not None and 1997 <= year <= 2001:
                expected = _ex27_expected(data.decode("latin-1"), name, result)
                result.judged.extend(_judge("ex27", expected, reads))
        for source in sorted({s for d, *_rest, s in HAND if d == name}):
            hand = {
                (f, date.fromisoformat(e), m): v
                for d, e, m, f, v, s in HAND
                if d == name and s == source
            }
            result.judged.extend(_judge("hand", hand, reads, source))
    except Exception as exc:
        result = DocResult(name, group, error=f"{type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - start
    return result


# ------------------------------------------------------------------ report


def _documents(only: str | None) -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    for folder in ("docs", "ixbrl", "8-K"):
        paths.extend(sorted(p for p in (CORPUS / folder).iterdir() if p.is_file()))
    if only:
        paths = [p for p in paths if only in str(p)]
    return paths


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    - "


def _report(results: list[DocResult], show_missing: bool) -> None:
    groups: dict[str, list[DocResult]] = defaultdict(list)
    for r in results:
        groups[r.group].append(r)
    print("== coverage (total assets, a leverage measure and profit) ==")
    print(f"{'format / era':38} {'docs':>5} {'covered':>8} {'share':>8} {'errors':>6} {'s':>7}")
    for group in sorted(groups):
        rs = groups[group]
        cov = sum(r.covered for r in rs)
        err = sum(r.error is not None for r in rs)
        secs = sum(r.seconds for r in rs)
        print(f"{group:38} {len(rs):5d} {cov:8d} {_pct(cov, len(rs)):>8} {err:6d} {secs:7.1f}")

    for oracle in ("ixbrl", "ex27", "hand"):
        rows = [(r, j) for r in results for j in r.judged if j.oracle == oracle]
        print(f"\n== oracle {oracle}: precision and recall ==")
        if not rows:
            print("(no values)")
            continue
        print(
            f"{'group / field':52} {'oracle':>6} {'right':>6} {'wrong':>6} {'missing':>7} "
            f"{'precision':>9} {'recall':>7} {'x10^k':>5}"
        )
        table: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for r, j in rows:
            base = j.field  # "(read derived)" rows: values the reader computed, on their own
            keys = [("all", base)]
            if AMBIGUOUS not in base:
                keys += [(r.group, "all fields"), ("all", "all fields")]
            for key in keys:
                table[key][j.verdict] += 1
                table[key]["p10"] += bool(j.power_of_ten)
                table[key]["n"] += 1
        for (grp, fld), c in sorted(table.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
            right, wrong = c["right"], c["wrong"]
            print(
                f"{grp + ' / ' + fld:52} {c['n']:6d} {right:6d} {wrong:6d} {c['missing']:7d} "
                f"{_pct(right, right + wrong):>9} {_pct(right, c['n']):>7} {c['p10']:5d}"
            )
        if oracle == "ixbrl":
            extra = sum(r.extra for r in results)
            print(f"values read at periods no tag names (misdated columns?): {extra}")
            member = [(r.name, v) for r in results for v in r.other_entity]
            other = [(d, v) for d, v in member if _ENTITY_AXIS.search(v.split("tagged for")[-1])]
            print(
                "values from another entity (equal to the figure tagged for a subsidiary, "
                f"the parent alone, a segment, an investee ..., not the consolidated one): "
                f"{len(other)}"
            )
            print(
                "values of a product, region or equity component (tagged for a member of "
                f"another axis, not the consolidated figure): {len(member) - len(other)}"
            )
            for doc, value in member:
                print(f"  {doc}: {value}")
        if oracle == "ex27":
            for r in results:
                for flag in r.flagged:
                    print(f"schedule not trusted: {flag}")

    print("\n== wrong values ==")
    wrong = [(r, j) for r in results for j in r.judged if j.verdict == "wrong"]
    for r, j in sorted(wrong, key=lambda rj: (rj[0].name, rj[1].field, str(rj[1].end))):
        where = f"line {j.line}" if j.line else f"row {j.label!r}"
        p10 = f"  [x10^{j.power_of_ten}]" if j.power_of_ten else ""
        src = f" ({j.source})" if j.source else ""
        print(
            f"{r.name}: {where}: {j.field} {j.end} ({j.months}m) read {j.got:,.2f} "
            f"raw {j.raw!r}, {j.oracle}{src} says {j.expected:,.2f}{p10}"
        )
    p10 = sum(bool(j.power_of_ten) for _r, j in wrong)
    unsure = sum(AMBIGUOUS in j.field for _r, j in wrong)
    print(
        f"{len(wrong) - unsure} wrong values, {p10} off by a power of ten "
        f"(and {unsure} against oracle rows marked {AMBIGUOUS})"
    )

    if show_missing:
        print("\n== values at periods no tag names ==")
        for r in results:
            for value in r.extra_values:
                print(f"{r.name}: {value}")
        print("\n== missing values ==")
        for r in results:
            for j in r.judged:
                if j.verdict == "missing":
                    print(
                        f"{r.name}: {j.oracle}: {j.field} {j.end} ({j.months}m) = {j.expected:,.2f}"
                    )

    errors = [r for r in results if r.error]
    if errors:
        print("\n== documents that failed ==")
        for r in errors:
            print(f"{r.name}: {r.error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="processes (at most 2)")
    parser.add_argument("--only", help="only documents whose path holds this text")
    parser.add_argument("--missing", action="store_true", help="list the values not read")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    paths = _documents(args.only)
    # biggest first, so that the two workers finish together
    paths.sort(key=lambda p: -p.stat().st_size)
    start = time.perf_counter()
    workers = max(1, min(args.workers, 2))
    if workers == 1:
        results = [read_document(str(p)) for p in paths]
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            results = list(pool.imap_unordered(read_document, [str(p) for p in paths]))
    results.sort(key=lambda r: r.name)
    _report(results, args.missing)
    print(f"\n{len(results)} documents in {time.perf_counter() - start:.0f} s ({workers} workers)")


if __name__ == "__main__":
    main()
