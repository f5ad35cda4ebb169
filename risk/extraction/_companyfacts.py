"""EDGAR company-facts JSON. (Stub: issue 9.)"""

from __future__ import annotations

from risk.exceptions import DocumentError
from risk.financials import Filing

__all__ = ["read_companyfacts", "read_companyfacts_filings"]


def read_companyfacts(text: str, *, name: str, sha256: str) -> Filing:
    """Read a company-facts file into a filing whose values carry their filed dates."""
    raise DocumentError("company-facts files are not read yet", source=name)


def read_companyfacts_filings(text: str, *, name: str, sha256: str) -> list[Filing]:
    """Read a company-facts file into one filing per accession, each with its filed date."""
    raise DocumentError("company-facts files are not read yet", source=name)
