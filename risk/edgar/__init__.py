"""EDGAR as an input source: a company's filings fetched politely into a local cache.

``fetch(["AAPL"], as_of=...)`` resolves tickers to CIKs (EDGAR's ticker file),
reads the submissions index (and its continuation pages), downloads the company
facts and, for the chosen forms, the primary documents and the exhibits that
carry statements or releases (8-K EX-99, 10-K EX-13) found from each filing
index, into a cache laid out by CIK and accession number, with a manifest. Only
filings accepted on or before ``as_of`` are selected (point in time).

Fair access: a declared User-Agent with a contact is required, requests share one
rate limiter (at most 10 per second), 429/5xx/timeouts are retried with back-off,
partial downloads never reach the cache, filing documents are fetched once and
indexes revalidated after ``max_age``. ``offline=True`` reads the cache only.
"""

from risk.edgar._cache import Validators
from risk.edgar._client import Download, EdgarClient, Outcome
from risk.edgar._fetch import CompanyFiles, Fetcher, fetch
from risk.edgar._index import EdgarCompany
from risk.edgar._limiter import RateLimiter
from risk.edgar._manifest import CachedFiling, Manifest, ManifestFile, ManifestFiling, filing_of
from risk.edgar._read import CachedReader, read_cached
from risk.edgar._settings import EdgarSettings

__all__ = [
    "CachedFiling",
    "CachedReader",
    "CompanyFiles",
    "Download",
    "EdgarClient",
    "EdgarCompany",
    "EdgarSettings",
    "Fetcher",
    "Manifest",
    "ManifestFile",
    "ManifestFiling",
    "Outcome",
    "RateLimiter",
    "Validators",
    "fetch",
    "filing_of",
    "read_cached",
]
