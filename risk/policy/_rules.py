"""The scoring policy: each rule the scoring path applies, named and documented once.

Every stage that needs one of these rules imports it from here (:mod:`risk.policy`);
none restates a window, a fallback or a company key. The module depends on nothing
else in `risk`, so every stage may use it.

Time windows
    Three ages, each measured from the date that matters for its question:

    - :data:`FISCAL_YEAR_MAX_AGE_DAYS` (456): the model's probability is of failure
      within 12 months of ``as_of``; a fiscal year ending longer ago than a year and a
      late annual report's slack (15 months) is too old to give it
      (:func:`fiscal_year_is_stale`, measured from ``as_of``).
    - :data:`SIGNAL_MAX_AGE_DAYS` (456): a text signal adjusts the probability, and a
      signal or fact is shown in the report, when its filing is at most one reporting
      cycle old at ``as_of`` (:func:`signal_is_recent`, measured from ``as_of``: the
      adjustment is about now).
    - :data:`EVIDENCE_MAX_AGE_DAYS` (400): the going-concern checklist describes the
      latest balance sheet date; a signal or fact filed more than 400 days before that
      date describes an older situation and is not evidence for it
      (:func:`evidence_is_recent`, measured from the latest period end).

Annualisation
    A company known only from a 10-Q has no 12-month flows at its latest date: the
    year-to-date flows there are annualised (times 12 / months) when none of
    :data:`CORE_FLOWS` is known at that date (:func:`lacks_core_flows`), and the
    report says so.

The Z' fallback
    Altman's Z needs the market value of equity; where only Z' (book equity, Altman
    1983) can be computed, Z' stands in for Z and is judged by its own cut-offs
    (:func:`altman_z_or_prime`).

The signal adjustment
    The signals that count at ``as_of`` (above) multiply the odds of failure by the
    likelihood ratios of ``risk/model/signal_ratios.json``
    (:func:`risk.model.adjust_for_signals`); the one call is the scoring core's
    :func:`risk.report._core.decide`, for the report and the batch alike.

The date a report describes
    The latest date with a balance sheet, else the latest date
    (:func:`described_date_index`): published scores, features and the checklist are
    read there.

Company identity
    Filings belong to one company when they share a CIK or, without one, when their
    names reduce to the same key (:func:`company_key`; the words dropped are listed
    in ``company_names.json``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from risk._lazy import lazy_regex
from risk._rules import RuleModel, load_rule_file

__all__ = [
    "CORE_FLOWS",
    "EVIDENCE_MAX_AGE_DAYS",
    "FISCAL_YEAR_MAX_AGE_DAYS",
    "SIGNAL_MAX_AGE_DAYS",
    "altman_z_or_prime",
    "company_key",
    "company_name_words",
    "described_date_index",
    "evidence_is_recent",
    "fiscal_year_is_stale",
    "lacks_core_flows",
    "oldest_fiscal_year_end",
    "signal_is_recent",
]

# --------------------------------------------------------------------------- windows

#: Days from a fiscal year's end to ``as_of`` beyond which the year is too old to score.
FISCAL_YEAR_MAX_AGE_DAYS = 456
#: Days from a filing's date to ``as_of`` beyond which its signals do not adjust the score.
SIGNAL_MAX_AGE_DAYS = 456
#: Days from a filing's date to the latest period end beyond which it is not evidence.
EVIDENCE_MAX_AGE_DAYS = 400


def fiscal_year_is_stale(end: date, as_of: date) -> bool:
    """True when a fiscal year ending ``end`` is too old to score as of ``as_of``."""
    return as_of - end > timedelta(days=FISCAL_YEAR_MAX_AGE_DAYS)


def oldest_fiscal_year_end(as_of: date) -> date:
    """The earliest fiscal-year end still scorable as of ``as_of`` (for messages)."""
    return as_of - timedelta(days=FISCAL_YEAR_MAX_AGE_DAYS)


def signal_is_recent(filed: date | None, as_of: date) -> bool:
    """True when a signal of a filing filed on ``filed`` counts at ``as_of``.

    An undated filing counts (nothing says it is old).
    """
    return filed is None or filed >= as_of - timedelta(days=SIGNAL_MAX_AGE_DAYS)


def evidence_is_recent(filed: date | None, latest_end: date | None) -> bool:
    """True when a filing filed on ``filed`` is evidence about the period ending ``latest_end``.

    An undated filing, or a company with no dated period, keeps its evidence.
    """
    if filed is None or latest_end is None:
        return True
    return filed >= latest_end - timedelta(days=EVIDENCE_MAX_AGE_DAYS)


# --------------------------------------------------------------------------- annualising

#: The 12-month flows whose absence at the latest date makes year-to-date flows annualised.
CORE_FLOWS: tuple[str, ...] = ("revenue", "operating_income", "net_income")


def lacks_core_flows(row: Mapping[str, Any]) -> bool:
    """True when a frame row (line item -> value) has none of :data:`CORE_FLOWS`.

    A missing key, None and NaN all count as absent.
    """
    for name in CORE_FLOWS:
        value = row.get(name)
        if value is not None and value == value:  # NaN is not equal to itself
            return False
    return True


# --------------------------------------------------------------------------- Altman Z


def altman_z_or_prime(z: Any, z_prime: Any) -> tuple[Any, Any]:
    """Altman's Z, or Z' where Z is missing and Z' is not (no market value of equity).

    Parameters
    ----------
    z, z_prime : numpy arrays of float64, same shape
        Z (1968, market value of equity) and Z' (1983, book equity); NaN = missing.

    Returns
    -------
    value : numpy array of float64
        Z, or Z' where it stands in.
    used_prime : numpy array of bool
        True where Z' stands in.
    """
    import numpy as np

    used_prime = np.isnan(z) & ~np.isnan(z_prime)
    return np.where(used_prime, z_prime, z), used_prime


# --------------------------------------------------------------------------- the described date


def described_date_index(has_balances: Sequence[bool]) -> int | None:
    """Index of the date a report describes: the latest with a balance sheet, else the latest.

    ``has_balances[i]`` says whether date ``i`` (dates in increasing order) has a
    balance sheet. None when there is no date.
    """
    for i in range(len(has_balances) - 1, -1, -1):
        if has_balances[i]:
            return i
    return len(has_balances) - 1 if has_balances else None


# --------------------------------------------------------------------------- company identity

_NAMES = Path(__file__).parent / "company_names.json"
_NON_WORD = lazy_regex(r"[^\w\s]+")


class _CompanyNames(RuleModel):
    leading: frozenset[str]
    trailing: frozenset[str]


@cache
def company_name_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words dropped from company names: (leading words, trailing legal-form words)."""
    data = load_rule_file(_NAMES, _CompanyNames)
    return data.leading, data.trailing


@lru_cache(maxsize=4096)
def company_key(name: str | None) -> str | None:
    """A company name reduced for comparison: ``"FiberCore, Inc."`` -> ``"fibercore"``.

    Case-folded, accents and punctuation removed (``&`` becomes ``and``), a
    leading "the" and trailing legal forms and registration markers (Inc, Corp,
    Ltd, ``/DE/``, ... listed in ``company_names.json``) dropped, one word always
    kept. None when nothing is left. The keys of the last names seen are kept (a
    company's documents name it again and again).
    """
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # "Macy's" -> "macys"
    words = _NON_WORD.sub(" ", text).split()
    leading, trailing = company_name_words()
    while len(words) > 1 and words[0] in leading:
        words.pop(0)
    while len(words) > 1 and words[-1] in trailing:
        words.pop()
    key = " ".join(words)
    return key or None
