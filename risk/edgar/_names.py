"""EDGAR's identifiers: CIKs, accession numbers, document names, and the Eastern date.

One place for the shapes EDGAR gives its identifiers, used by the client, the
cache and the report (which names the accession of each document it read).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from risk._lazy import lazy_regex
from risk.documents import ACCESSION, accession_of
from risk.exceptions import InputError

__all__ = [
    "ACCESSION",
    "accepted_date",
    "accession_of",
    "check_document_name",
    "cik10",
    "normalise_cik",
    "public_day",
]

_CIK = lazy_regex(r"^(?:CIK)?0*([0-9]{1,10})$", re.IGNORECASE)
#: The EDGAR Filer Manual's rule for attached file names (no folder, no dot first).
_DOCUMENT_NAME = lazy_regex(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
#: EDGAR accepts filings from 06:00 to 22:00 Eastern. Five hours before a UTC clock
#: reading in that window falls on the Eastern calendar day, in summer and winter
#: alike, and so does five hours before an Eastern reading mislabelled ``Z``
#: (the submissions JSON gives either, depending on the filer).
_EASTERN_DAY_SHIFT = timedelta(hours=5)


def normalise_cik(value: str | int) -> str:
    """A CIK as digits without leading zeros (``"0000320193"`` -> ``"320193"``).

    Raises
    ------
    InputError
        When ``value`` is not 1 to 10 digits (``CIK`` may precede them).
    """
    text = str(value).strip()
    match = _CIK.match(text)
    if not match or match.group(1).strip("0") == "":
        raise InputError(f"a CIK is 1 to 10 digits, not all zero; got {text!r}")
    return match.group(1).lstrip("0")


def cik10(value: str | int) -> str:
    """A CIK zero-padded to 10 digits, as EDGAR's JSON file names use it."""
    return normalise_cik(value).zfill(10)


def check_document_name(name: str, *, source: str) -> str:
    """``name`` when it is a plain EDGAR file name (no folder, no ``..``); else InputError."""
    if not _DOCUMENT_NAME.match(name) or ".." in name:
        raise InputError(
            f"document name {name!r} is not a plain EDGAR file name "
            "(letters, digits, '.', '_' and '-', no folder)",
            source=source,
        )
    return name


def accepted_date(accepted: datetime) -> date:
    """The Eastern calendar day of an EDGAR acceptance time (naive UTC or ``Z`` reading).

    A reading of exactly midnight is a date without a time (old filings): that date.
    """
    naive = accepted.replace(tzinfo=None)
    if naive.time() == datetime.min.time():
        return naive.date()
    return (naive - _EASTERN_DAY_SHIFT).date()


def public_day(accepted: datetime | None, filed: date) -> date:
    """The day a filing became public: its acceptance day, else its filing date."""
    return accepted_date(accepted) if accepted is not None else filed
