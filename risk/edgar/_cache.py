"""The local EDGAR cache: where each file lives, atomic writes, and index freshness.

Layout under the cache root::

    company_tickers.json                    EDGAR's ticker file (an index)
    CIK0000012345/
        submissions/CIK0000012345.json      the submissions index and its
        submissions/CIK0000012345-submissions-001.json   continuation pages
        companyfacts/CIK0000012345.json     company facts (an index)
        0000012345-22-000004/               one folder per accession number:
            0000012345-22-000004-index.htm  its filing index
            ex99-1.htm ...                  the documents fetched, as EDGAR served them
        manifest.json                       what was fetched (see :mod:`risk.edgar`)

Indexes change as a company files; each has a hidden sidecar
``.NAME.http.json`` with its ``ETag``, ``Last-Modified`` and the time it was
last checked, so it is revalidated only after ``max_age`` seconds. Documents of
an accession never change: once in the cache they are never fetched again. Every
file is written to a temporary file beside it and renamed into place when
complete, so a download that dies half way leaves nothing under the final name.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from risk.edgar._names import cik10

__all__ = ["Cache", "Validators", "atomic_file"]


@dataclass(frozen=True)
class Validators:
    """What is known of a cached index: its HTTP validators and when it was checked."""

    etag: str | None = None
    last_modified: str | None = None
    checked: float = 0.0  # seconds since the epoch

    def headers(self) -> dict[str, str]:
        """The conditional request headers these validators allow."""
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@contextlib.contextmanager
def atomic_file(dest: Path) -> Iterator[IO[bytes]]:
    """Write ``dest`` through a temporary file renamed into place on success.

    On any error the temporary file is removed and ``dest`` is left as it was.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class Cache:
    """Paths in the cache rooted at ``root`` (created when first written)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).expanduser()

    def tickers(self) -> Path:
        """EDGAR's ticker file."""
        return self.root / "company_tickers.json"

    def company(self, cik: str | int) -> Path:
        """The folder of one company."""
        return self.root / f"CIK{cik10(cik)}"

    def submissions(self, cik: str | int, page: str | None = None) -> Path:
        """The submissions index (``page``: the name of a continuation page)."""
        name = page or f"CIK{cik10(cik)}.json"
        return self.company(cik) / "submissions" / name

    def companyfacts(self, cik: str | int) -> Path:
        """The company-facts file."""
        return self.company(cik) / "companyfacts" / f"CIK{cik10(cik)}.json"

    def filing(self, cik: str | int, accession: str) -> Path:
        """The folder of one accession."""
        return self.company(cik) / accession

    def filing_index(self, cik: str | int, accession: str) -> Path:
        """The filing index page of one accession."""
        return self.filing(cik, accession) / f"{accession}-index.htm"

    def manifest(self, cik: str | int) -> Path:
        """The company's manifest."""
        return self.company(cik) / "manifest.json"

    @staticmethod
    def _sidecar(path: Path) -> Path:
        return path.with_name(f".{path.name}.http.json")

    def validators(self, path: Path) -> Validators | None:
        """The validators stored beside a cached index, None when it is not cached."""
        if not path.is_file():
            return None
        try:
            raw = json.loads(self._sidecar(path).read_text(encoding="utf-8"))
            return Validators(
                etag=raw.get("etag"),
                last_modified=raw.get("last_modified"),
                checked=float(raw.get("checked", 0.0)),
            )
        except (OSError, ValueError, AttributeError):
            return Validators()  # cached without a readable sidecar: revalidate it

    def store_validators(self, path: Path, validators: Validators) -> None:
        """Record ``validators`` beside ``path``."""
        data = {
            "etag": validators.etag,
            "last_modified": validators.last_modified,
            "checked": validators.checked,
        }
        with atomic_file(self._sidecar(path)) as handle:
            handle.write(json.dumps(data, indent=1).encode("utf-8"))

    def is_fresh(self, path: Path, max_age: float, *, now: float | None = None) -> bool:
        """True when ``path`` is cached and was checked less than ``max_age`` seconds ago."""
        found = self.validators(path)
        if found is None:
            return False
        return (time.time() if now is None else now) - found.checked < max_age
