"""Reading a cached EDGAR document with the dates EDGAR gives it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from risk.edgar._manifest import filing_of

if TYPE_CHECKING:
    from risk.financials import Filing

__all__ = ["CachedReader", "read_cached"]


def read_cached(
    path: str | Path, max_bytes: int | None = None, *, until: date | None = None
) -> list[Filing]:
    """Read a document; one in the EDGAR cache is dated by EDGAR.

    A primary document or an exhibit seldom prints the day it was filed (an HTML
    page never gives the reader one), and a document without a date cannot be
    placed in time. A document in the cache layout (``CIK##########/<accession>/``,
    recorded in the manifest) is therefore dated the day EDGAR accepted its filing
    (Eastern time): the day it became public, so a score as of that day uses it and
    a score as of the day before does not. A document that names no CIK gets the
    company's (so a company's releases are grouped with its other filings). Other
    files are read as they are.

    Parameters
    ----------
    path : str or Path
    max_bytes : int, optional
        The reader's size limit (default: the reader's own).
    until : date, optional
        Leave out the filings filed after it: a company-facts file holds every filing
        up to the day it was fetched, and a batch scored "as of the latest filing"
        must not see beyond the date its documents were fetched for.

    Returns
    -------
    list of Filing
        As :func:`risk.extraction.extract_all` gives them, re-dated when cached.
    """
    from risk.extraction import DEFAULT_MAX_BYTES, extract_all

    filings = extract_all(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    cached = filing_of(path)
    if cached is None:
        return [f for f in filings if until is None or f.filed is None or f.filed <= until]
    day = cached.filing.public_on
    if until is not None and day > until:
        return []
    return [
        f.model_copy(update={"filed": day, "cik": f.cik or cached.cik})
        if f.filed != day or f.cik is None
        else f
        for f in filings
    ]


@dataclass(frozen=True)
class CachedReader:
    """:func:`read_cached` as a batch extractor ``(path, max_bytes) -> list[Filing]``.

    A plain, picklable object whose repr names its date, so a batch ledger reuses
    what was read only for the same ``until``.
    """

    until: date | None = None

    def __call__(self, path: str, max_bytes: int) -> list[Filing]:
        return read_cached(path, max_bytes, until=self.until)
