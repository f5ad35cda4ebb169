"""The scoring policy (``risk.policy``): each rule checked at its edges, and kept in one place."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from risk.policy import (
    EVIDENCE_MAX_AGE_DAYS,
    SIGNAL_MAX_AGE_DAYS,
    altman_z_or_prime,
    company_key,
    described_date_index,
    evidence_is_recent,
    fiscal_year_is_stale,
    lacks_core_flows,
    signal_is_recent,
)
from risk.policy._rules import CORE_FLOWS, FISCAL_YEAR_MAX_AGE_DAYS

RISK = Path(__file__).resolve().parents[1] / "risk"


def test_company_key_folds_case_punctuation_and_suffixes() -> None:
    assert company_key("FiberCore, Inc.") == company_key("FIBERCORE INC") == "fibercore"
    assert company_key("The Southern Company") == company_key("SOUTHERN CO") == "southern"
    assert company_key("Innovative Clinical Solutions, Ltd.") == "innovative clinical solutions"
    assert company_key("AT&T Corp.") == "at and t"
    # A suffix alone is a name, not nothing; blank is nothing.
    assert company_key("Inc.") == "inc"
    assert company_key("  ") is None
    assert company_key(None) is None
    # Different companies stay apart.
    assert company_key("Apple Computer, Inc.") != company_key("Apple Inc.")


def test_company_key_drops_the_state_of_incorporation_of_a_conformed_name() -> None:
    """EDGAR's conformed names end in the state in slashes: "ACME INC /DE/" is Acme Inc."""
    assert company_key("Acme Inc /DE/") == company_key("Acme Inc") == "acme"
    assert company_key("ACME CORP /NEW/") == company_key("Acme Corporation") == "acme"


def test_fiscal_year_window_is_measured_from_as_of() -> None:
    as_of = date(2024, 6, 30)
    edge = as_of - timedelta(days=FISCAL_YEAR_MAX_AGE_DAYS)
    assert not fiscal_year_is_stale(edge, as_of)
    assert fiscal_year_is_stale(edge - timedelta(days=1), as_of)
    assert FISCAL_YEAR_MAX_AGE_DAYS == 456  # 15 months: a year and a late filer's slack


def test_signal_window_is_measured_from_as_of_and_keeps_undated_filings() -> None:
    as_of = date(2024, 6, 30)
    edge = as_of - timedelta(days=SIGNAL_MAX_AGE_DAYS)
    assert signal_is_recent(edge, as_of)
    assert not signal_is_recent(edge - timedelta(days=1), as_of)
    assert signal_is_recent(None, as_of)


def test_evidence_window_is_measured_from_the_latest_period_end() -> None:
    end = date(2023, 12, 31)
    edge = end - timedelta(days=EVIDENCE_MAX_AGE_DAYS)
    assert evidence_is_recent(edge, end)
    assert not evidence_is_recent(edge - timedelta(days=1), end)
    assert evidence_is_recent(None, end)
    assert evidence_is_recent(date(1990, 1, 1), None)


def test_core_flows_trigger_annualising_only_when_all_are_missing() -> None:
    assert CORE_FLOWS == ("revenue", "operating_income", "net_income")
    assert lacks_core_flows({"total_assets": 5.0})
    assert lacks_core_flows({"revenue": None, "net_income": float("nan")})
    assert not lacks_core_flows({"net_income": -1.0})
    assert not lacks_core_flows({"revenue": 0.0})


def test_z_prime_stands_in_only_where_z_is_missing() -> None:
    z = np.array([1.5, np.nan, np.nan, 2.0])
    z_prime = np.array([1.0, 0.7, np.nan, np.nan])
    value, used = altman_z_or_prime(z, z_prime)
    np.testing.assert_array_equal(value, [1.5, 0.7, np.nan, 2.0])
    np.testing.assert_array_equal(used, [False, True, False, False])


def test_described_date_is_the_latest_with_a_balance_sheet() -> None:
    assert described_date_index([True, False, True, False]) == 2
    assert described_date_index([False, False]) == 1
    assert described_date_index([]) is None


def _defined(pattern: str) -> list[str]:
    """The modules of ``risk/`` whose text matches ``pattern``."""
    rx = re.compile(pattern, re.M)
    return sorted(
        str(p.relative_to(RISK)) for p in RISK.rglob("*.py") if rx.search(p.read_text("utf-8"))
    )


def test_each_rule_is_defined_in_one_place() -> None:
    """No stage restates a window, the company key, the core flows or the Z' fallback."""
    assert _defined(r"^def company_key\b") == ["policy/_rules.py"]
    assert _defined(r"timedelta\(days=(?:400|456)\)|^\w*_DAYS\s*=\s*(?:400|456)\b") == [
        "policy/_rules.py"
    ]
    assert _defined(r'"revenue",\s*"operating_income",\s*"net_income",?\s*\)') == [
        "policy/_rules.py"
    ]
    assert _defined(r"np\.isnan\(z\)\s*&") == ["policy/_rules.py"]
    assert _defined(r"company_suffixes|company_names\.json") == ["policy/_rules.py"]
