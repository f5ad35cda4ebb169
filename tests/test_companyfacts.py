"""EDGAR company-facts JSON: latest values, one filing per accession, point-in-time use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from corpus_filings import extract_once

from risk.exceptions import DocumentError
from risk.extraction import extract, extract_all
from risk.financials import Filing, LineItem


def _value(filing: Filing, end: date, months: int, field: str) -> float | None:
    period = filing.period(end, months)
    return None if period is None else period.get(field)


def _fact(val: float, end: str, accn: str, filed: str, form: str, start: str | None = None) -> dict:
    entry = {
        "end": end,
        "val": val,
        "accn": accn,
        "fy": 2021,
        "fp": "FY",
        "form": form,
        "filed": filed,
    }
    if start:
        entry["start"] = start
    return entry


RESTATED = {
    "cik": 98765,
    "entityName": "Restating Co",
    "facts": {
        "us-gaap": {
            "NetIncomeLoss": {
                "units": {
                    "USD": [
                        # the 10-K of 2021 reports a loss of 100; the 10-K of 2022 restates it
                        _fact(-100.0, "2020-12-31", "A-1", "2021-03-01", "10-K", "2020-01-01"),
                        _fact(-130.0, "2020-12-31", "A-2", "2022-03-01", "10-K", "2020-01-01"),
                        _fact(-50.0, "2021-12-31", "A-2", "2022-03-01", "10-K", "2021-01-01"),
                        # a 70-day stub period is never a quarter
                        _fact(-9.0, "2021-03-11", "A-2", "2022-03-01", "10-K", "2021-01-01"),
                    ]
                }
            },
            "Liabilities": {
                "units": {"USD": [_fact(400.0, "2021-12-31", "A-2", "2022-03-01", "10-K")]}
            },
            "LiabilitiesAndStockholdersEquity": {
                "units": {"USD": [_fact(900.0, "2020-12-31", "A-1", "2021-03-01", "10-K")]}
            },
        }
    },
}


def test_latest_value_wins_and_carries_its_filed_date() -> None:
    filing = extract(json.dumps(RESTATED).encode(), name="restating.json")
    assert filing.company == "Restating Co"
    assert filing.cik == "98765"
    assert _value(filing, date(2020, 12, 31), 12, "net_income") == -130.0
    prov = filing.period(date(2020, 12, 31), 12).provenance[LineItem.NET_INCOME]  # type: ignore[union-attr]
    assert prov.filed == date(2022, 3, 1)
    assert filing.filed == date(2022, 3, 1)
    # never liabilities plus equity
    assert _value(filing, date(2020, 12, 31), 0, "total_liabilities") is None
    assert any(w.code == "stub_period" for w in filing.warnings)


def test_one_filing_per_accession_keeps_what_was_public_then() -> None:
    filings = extract_all(json.dumps(RESTATED).encode(), name="restating.json")
    assert [f.filed for f in filings] == [date(2021, 3, 1), date(2022, 3, 1)]
    first, second = filings
    assert first.source.endswith("#A-1") and first.form == "10-K"
    # the original figure stays in the filing that reported it
    assert _value(first, date(2020, 12, 31), 12, "net_income") == -100.0
    assert _value(second, date(2020, 12, 31), 12, "net_income") == -130.0
    # nothing from the later filing leaks into the earlier one
    assert first.period(date(2021, 12, 31), 12) is None
    assert _value(second, date(2021, 12, 31), 0, "total_liabilities") == 400.0


def test_not_company_facts_is_a_document_error() -> None:
    with pytest.raises(DocumentError, match=r"companyfacts\.json.*'facts'"):
        from risk.extraction._companyfacts import read_companyfacts

        read_companyfacts('{"facts": [1, 2]}', name="companyfacts.json", sha256="0" * 64)


def test_snowflake(corpus_dir: Path) -> None:
    path = corpus_dir / "snowflake_companyfacts.json"
    filing = extract_once(path)
    assert filing.company == "SNOWFLAKE INC."
    assert filing.cik == "1640147"
    fy25 = date(2025, 1, 31)
    # NetIncomeLoss 2024-02-01..2025-01-31, accn 0001640147-25-000052 (10-K filed 2025-03-21)
    assert _value(filing, fy25, 12, "net_income") == -1_285_640_000.0
    # Liabilities and RetainedEarningsAccumulatedDeficit at 2025-01-31
    assert _value(filing, fy25, 0, "total_liabilities") == 6_027_295_000.0
    assert _value(filing, fy25, 0, "retained_earnings") == -7_293_575_000.0
    # NetIncomeLoss 2020-02-01..2021-01-31: -539102000, first filed 2021-03-31
    assert _value(filing, date(2021, 1, 31), 12, "net_income") == -539_102_000.0

    filings = extract_all(path)
    assert len({f.source for f in filings}) == len(filings) > 10
    assert all(f.filed is not None for f in filings)
    assert [f.filed for f in filings] == sorted(f.filed for f in filings)  # type: ignore[type-var]
    fy21 = next(f for f in filings if f.source.endswith("#0001640147-21-000073"))
    assert fy21.filed == date(2021, 3, 31) and fy21.form == "10-K"
    assert _value(fy21, date(2021, 1, 31), 12, "net_income") == -539_102_000.0
    # a filing never holds a period ending after it was filed
    for f in filings:
        assert all(p.end <= f.filed for p in f.periods)  # type: ignore[operator]


def test_lpa_ifrs(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "lpa_companyfacts.json")
    assert filing.company == "Logistic Properties of the Americas"
    fy23 = date(2023, 12, 31)
    # ifrs-full:Revenue 2023-01-01..2023-12-31: 39436343
    assert _value(filing, fy23, 12, "revenue") == 39_436_343.0
    # ifrs-full:ProfitLossAttributableToOwnersOfParent 3139333 (not ProfitLoss 7156005,
    # which includes non-controlling interests)
    assert _value(filing, fy23, 12, "net_income") == 3_139_333.0
    # ifrs-full:FinanceCosts 31111064 as a positive interest cost
    assert _value(filing, fy23, 12, "interest_expense") == 31_111_064.0
    # ifrs-full:Liabilities at 2023-12-31: 329882393
    assert _value(filing, fy23, 0, "total_liabilities") == 329_882_393.0
