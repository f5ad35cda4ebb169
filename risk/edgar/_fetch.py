"""Fetching a company's filings into the cache: ticker to CIK, indexes, documents, manifest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from risk.edgar._cache import Cache
from risk.edgar._client import EdgarClient
from risk.edgar._forms import (
    LOOKBACK_YEARS,
    documents_to_fetch,
    pages_to_read,
    parse_forms,
    select_filings,
    wants_index,
)
from risk.edgar._index import (
    EdgarCompany,
    FilingRecord,
    IndexDocument,
    load_json,
    read_filing_columns,
    read_filing_index,
    read_submissions,
    read_tickers,
)
from risk.edgar._manifest import (
    Manifest,
    ManifestFile,
    ManifestFiling,
    file_sha256,
    read_manifest,
    write_manifest,
)
from risk.edgar._names import check_document_name, cik10, normalise_cik
from risk.edgar._settings import EdgarSettings
from risk.exceptions import FetchError, InputError, NotCachedError

__all__ = ["CompanyFiles", "Fetcher", "default_since", "fetch"]


def default_since(as_of: date | None) -> date:
    """``LOOKBACK_YEARS`` before ``as_of`` (or today): the default start of a fetch."""
    end = as_of or datetime.now(UTC).date()
    try:
        return end.replace(year=end.year - LOOKBACK_YEARS)
    except ValueError:  # 29 February
        return end.replace(year=end.year - LOOKBACK_YEARS, day=28)


@dataclass(frozen=True)
class CompanyFiles:
    """What one fetch gave for one company.

    Attributes
    ----------
    company : EdgarCompany
    root : Path
        The cache root; manifest paths are relative to it.
    manifest : Manifest
        Everything the cache holds for the company (this fetch and earlier ones).
    filings : tuple of ManifestFiling
        The filings this fetch selected (forms, ``since``, accepted by ``as_of``),
        oldest first.
    requests : int
        HTTP requests made for this company (0 when everything came from the cache).
    """

    company: EdgarCompany
    root: Path
    manifest: Manifest
    filings: tuple[ManifestFiling, ...]
    requests: int = 0

    @property
    def manifest_path(self) -> Path:
        """Where the manifest is."""
        return Cache(self.root).manifest(self.company.cik)

    def paths(self) -> list[Path]:
        """The documents to score: the company facts, then each filing's files, oldest first."""
        out = []
        if self.manifest.companyfacts is not None:
            out.append(self.root / self.manifest.companyfacts.path)
        out.extend(self.root / f.path for filing in self.filings for f in filing.files)
        return out


@dataclass
class _Run:
    """The state of one company's fetch: what is missing when offline."""

    missing: list[str] = field(default_factory=list)


class Fetcher:
    """Fetches companies' filings into the cache, politely, or reads them offline.

    Parameters
    ----------
    settings : EdgarSettings, optional
        Default: :meth:`EdgarSettings.from_env`. Unless ``offline``, a User-Agent is
        required (:class:`InputError` with the one line saying how to set it).
    client : EdgarClient, optional
        Default: one built from ``settings`` (closed by :meth:`close`).
    """

    def __init__(
        self, settings: EdgarSettings | None = None, *, client: EdgarClient | None = None
    ) -> None:
        self.settings = settings or EdgarSettings.from_env()
        self.cache = Cache(self.settings.cache_dir)
        self._own = client is None and not self.settings.offline
        self.client = client if client is not None or self.settings.offline else None
        if self._own:
            self.client = EdgarClient(self.settings)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client when this fetcher made it."""
        if self._own and self.client is not None:
            self.client.close()

    @property
    def requests(self) -> int:
        """HTTP requests made so far."""
        return self.client.requests if self.client is not None else 0

    # -- URLs ---------------------------------------------------------------------------
    def _archive(self, cik: str, accession: str, name: str) -> str:
        folder = f"{int(cik)}/{accession.replace('-', '')}"
        return f"{self.settings.www_url}/Archives/edgar/data/{folder}/{name}"

    # -- resolving ----------------------------------------------------------------------
    def resolve(self, name: str) -> EdgarCompany:
        """The company of a ticker (EDGAR's ticker file) or a CIK (digits, ``CIK`` allowed).

        Raises
        ------
        InputError
            When the ticker is not in EDGAR's ticker file.
        """
        text = name.strip()
        if text.upper().removeprefix("CIK").isdigit():
            return EdgarCompany(cik=normalise_cik(text))
        run = _Run()
        url = f"{self.settings.www_url}/files/company_tickers.json"
        path = self._index(url, self.cache.tickers(), "EDGAR's ticker file", run)
        if path is None:
            raise NotCachedError(_offline_message(run.missing))
        found = read_tickers(path).get(text.upper())
        if found is None:
            raise InputError(
                f"ticker {text!r} is not in EDGAR's company_tickers.json (it lists current "
                "tickers only: give a delisted company's CIK instead)"
            )
        return found

    # -- fetching -----------------------------------------------------------------------
    def fetch(
        self,
        name: str,
        *,
        forms: str | Sequence[str] | None = None,
        since: date | None = None,
        as_of: date | None = None,
    ) -> CompanyFiles:
        """Fetch one company's filings (what the cache lacks) and update its manifest.

        Parameters
        ----------
        name : str
            A ticker or a CIK.
        forms : str or sequence of str, optional
            ``"10-K,10-Q,8-K"``; an amendment follows its form. Default: ``forms.json``.
        since : date, optional
            Only filings filed on or after it. Default: :func:`default_since`.
        as_of : date, optional
            Only filings accepted on or before it (Eastern day): point in time.

        Raises
        ------
        NotCachedError
            Offline, when something needed is not in the cache (all of it is named).
        FetchError
            When EDGAR cannot be reached or refuses (after the retries).
        """
        wanted = parse_forms(forms)
        since = since if since is not None else default_since(as_of)
        before = self.requests
        company = self.resolve(name)
        run = _Run()
        company, records = self._submissions(company, since, as_of, run)
        chosen = select_filings(records, forms=wanted, since=since, as_of=as_of)
        old = read_manifest(self.cache.manifest(company.cik))
        facts, note = self._companyfacts(company.cik, old, run)
        filings = tuple(
            f for f in (self._filing(company.cik, r, old, run) for r in chosen) if f is not None
        )
        if run.missing:
            raise NotCachedError(_offline_message(run.missing))
        manifest = _merge(old, company, facts, note, filings)
        if old is None or _changed(old, manifest):
            write_manifest(self.cache.manifest(company.cik), manifest)
        else:
            manifest = old
        return CompanyFiles(
            company=company,
            root=self.cache.root,
            manifest=manifest,
            filings=filings,
            requests=self.requests - before,
        )

    def _submissions(
        self, company: EdgarCompany, since: date | None, as_of: date | None, run: _Run
    ) -> tuple[EdgarCompany, list[FilingRecord]]:
        cik = company.cik
        url = f"{self.settings.data_url}/submissions/CIK{cik10(cik)}.json"
        path = self._index(url, self.cache.submissions(cik), f"submissions of CIK {cik}", run)
        if path is None:
            raise NotCachedError(_offline_message(run.missing))
        found, records, pages = read_submissions(path)
        for page in pages_to_read(pages, since=since, as_of=as_of):
            page_url = f"{self.settings.data_url}/submissions/{page.name}"
            what = f"submissions page {page.name}"
            page_path = self._index(page_url, self.cache.submissions(cik, page.name), what, run)
            if page_path is not None:
                records.extend(read_filing_columns(load_json(page_path), page_path))
        return EdgarCompany(cik=cik, name=found.name, tickers=found.tickers), records

    def _companyfacts(
        self, cik: str, old: Manifest | None, run: _Run
    ) -> tuple[ManifestFile | None, str | None]:
        path = self.cache.companyfacts(cik)
        if self.settings.offline and not path.is_file() and old and old.companyfacts_note:
            return None, old.companyfacts_note  # fetched before: EDGAR had none
        url = f"{self.settings.data_url}/api/xbrl/companyfacts/CIK{cik10(cik)}.json"
        try:
            got = self._index(url, path, f"company facts of CIK {cik}", run)
        except FetchError as exc:
            if exc.status == 404:
                return None, "EDGAR has no company facts for this CIK (HTTP 404)"
            raise
        if got is None:
            return None, None
        return self._file(got, name=got.name, type="companyfacts"), None

    def _filing(
        self, cik: str, record: FilingRecord, old: Manifest | None, run: _Run
    ) -> ManifestFiling | None:
        done = old.filing(record.accession) if old is not None else None
        if done is not None and all((self.cache.root / f.path).is_file() for f in done.files):
            return done.model_copy(update=_record_fields(record))
        index_path: Path | None = None
        rows: list[IndexDocument] | None = None
        if wants_index(record):
            url = self._archive(cik, record.accession, f"{record.accession}-index.htm")
            index_path = self._document(
                url,
                self.cache.filing_index(cik, record.accession),
                f"index of {record.accession}",
                run,
            )
            if index_path is None:
                return None
            rows = read_filing_index(index_path.read_bytes(), name=str(index_path))
        docs = documents_to_fetch(record, rows) or [
            IndexDocument(
                name=f"{record.accession}.txt",
                type=record.form,
                description="complete submission text file",
            )
        ]
        files = []
        for doc in docs:
            check_document_name(doc.name, source=f"the filing index of {record.accession}")
            dest = self.cache.filing(cik, record.accession) / doc.name
            what = f"{doc.name} of {record.accession}"
            got = self._document(self._archive(cik, record.accession, doc.name), dest, what, run)
            if got is not None:
                files.append(
                    self._file(got, name=doc.name, type=doc.type, description=doc.description)
                )
        if len(files) < len(docs):
            return None
        return ManifestFiling(
            **_record_fields(record),
            index=self._relative(index_path) if index_path is not None else None,
            files=tuple(files),
        )

    # -- the cache ----------------------------------------------------------------------
    def _index(self, url: str, path: Path, what: str, run: _Run) -> Path | None:
        """An index: from the cache while fresh, else revalidated; offline: cache only."""
        if self.settings.offline:
            if path.is_file():
                return path
            run.missing.append(f"{what} ({path})")
            return None
        assert self.client is not None
        known = self.cache.validators(path)
        if known is not None and self.cache.is_fresh(path, self.settings.max_age):
            return path
        result = self.client.download(url, path, known=known)
        self.cache.store_validators(path, result.validators)
        return path

    def _document(self, url: str, path: Path, what: str, run: _Run) -> Path | None:
        """A filing's file: from the cache for good once there."""
        if path.is_file():
            return path
        if self.settings.offline:
            run.missing.append(f"{what} ({path})")
            return None
        assert self.client is not None
        self.client.download(url, path)
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.cache.root).as_posix()

    def _file(
        self, path: Path, *, name: str, type: str | None = None, description: str | None = None
    ) -> ManifestFile:
        return ManifestFile(
            name=name,
            path=self._relative(path),
            sha256=file_sha256(path),
            size=path.stat().st_size,
            type=type,
            description=description,
        )


def fetch(
    companies: Iterable[str],
    *,
    forms: str | Sequence[str] | None = None,
    since: date | None = None,
    as_of: date | None = None,
    settings: EdgarSettings | None = None,
) -> list[CompanyFiles]:
    """Fetch several companies' filings (see :meth:`Fetcher.fetch`), one after the other."""
    with Fetcher(settings) as fetcher:
        return [fetcher.fetch(c, forms=forms, since=since, as_of=as_of) for c in companies]


def _record_fields(record: FilingRecord) -> dict[str, object]:
    return {
        "accession": record.accession,
        "form": record.form,
        "filed": record.filed,
        "accepted": record.accepted,
        "period": record.period,
    }


def _merge(
    old: Manifest | None,
    company: EdgarCompany,
    facts: ManifestFile | None,
    note: str | None,
    filings: Sequence[ManifestFiling],
) -> Manifest:
    by_accession = {f.accession: f for f in (old.filings if old is not None else ())}
    by_accession.update({f.accession: f for f in filings})
    ordered = sorted(by_accession.values(), key=lambda f: (f.filed, f.accession))
    return Manifest(
        cik=company.cik,
        name=company.name,
        tickers=company.tickers,
        updated=datetime.now(UTC).replace(microsecond=0),
        companyfacts=facts,
        companyfacts_note=note,
        filings=tuple(ordered),
    )


def _changed(old: Manifest, new: Manifest) -> bool:
    """True when ``new`` says more than ``old`` (its time of writing aside)."""
    return old.model_dump(exclude={"updated"}) != new.model_dump(exclude={"updated"})


def _offline_message(missing: Sequence[str]) -> str:
    shown = "; ".join(missing[:5])
    more = f"; and {len(missing) - 5} more" if len(missing) > 5 else ""
    return (
        f"offline: {len(missing)} file(s) needed are not in the cache: {shown}{more}; "
        "run without --offline (or unset RISK_EDGAR_OFFLINE) to fetch them"
    )
