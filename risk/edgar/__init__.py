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

from risk.edgar._cache import Cache, Validators
from risk.edgar._client import RETRY_STATUS, Download, EdgarClient, Outcome
from risk.edgar._fetch import CompanyFiles, Fetcher, default_since, fetch
from risk.edgar._forms import DEFAULT_FORMS, LOOKBACK_YEARS, parse_forms, select_filings
from risk.edgar._index import (
    EdgarCompany,
    FilingRecord,
    IndexDocument,
    read_filing_index,
    read_submissions,
    read_tickers,
)
from risk.edgar._limiter import RateLimiter, shared_limiter
from risk.edgar._manifest import (
    CachedFiling,
    Manifest,
    ManifestFile,
    ManifestFiling,
    filing_of,
    read_manifest,
)
from risk.edgar._names import accepted_date, accession_of, cik10, normalise_cik
from risk.edgar._read import CachedReader, read_cached
from risk.edgar._settings import (
    DEFAULT_DATA_URL,
    DEFAULT_WWW_URL,
    ENV,
    MAX_RATE,
    EdgarSettings,
    default_cache_dir,
)

__all__ = [
    "DEFAULT_DATA_URL",
    "DEFAULT_FORMS",
    "DEFAULT_WWW_URL",
    "ENV",
    "LOOKBACK_YEARS",
    "MAX_RATE",
    "RETRY_STATUS",
    "Cache",
    "CachedFiling",
    "CachedReader",
    "CompanyFiles",
    "Download",
    "EdgarClient",
    "EdgarCompany",
    "EdgarSettings",
    "Fetcher",
    "FilingRecord",
    "IndexDocument",
    "Manifest",
    "ManifestFile",
    "ManifestFiling",
    "Outcome",
    "RateLimiter",
    "Validators",
    "accepted_date",
    "accession_of",
    "cik10",
    "default_cache_dir",
    "default_since",
    "fetch",
    "filing_of",
    "normalise_cik",
    "parse_forms",
    "read_cached",
    "read_filing_index",
    "read_manifest",
    "read_submissions",
    "read_tickers",
    "select_filings",
    "shared_limiter",
]
