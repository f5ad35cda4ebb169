"""The scoring policy: windows, fallbacks, annualisation, the described date, company identity.

One module of named rules (:mod:`risk.policy._rules`) that every stage imports; it
depends on no other part of `risk`.
"""

from risk.policy._rules import (
    EVIDENCE_MAX_AGE_DAYS,
    SIGNAL_MAX_AGE_DAYS,
    altman_z_or_prime,
    company_key,
    described_date_index,
    evidence_is_recent,
    fiscal_year_is_stale,
    lacks_core_flows,
    oldest_fiscal_year_end,
    signal_is_recent,
)

__all__ = [
    "EVIDENCE_MAX_AGE_DAYS",
    "SIGNAL_MAX_AGE_DAYS",
    "altman_z_or_prime",
    "company_key",
    "described_date_index",
    "evidence_is_recent",
    "fiscal_year_is_stale",
    "lacks_core_flows",
    "oldest_fiscal_year_end",
    "signal_is_recent",
]
