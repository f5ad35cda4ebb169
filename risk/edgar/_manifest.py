"""The manifest: what the cache holds for one company, and which accession a file is of."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from risk._defaults import new_tuple
from risk.documents import accession_folder
from risk.edgar._cache import atomic_file
from risk.edgar._names import public_day
from risk.exceptions import InputError

__all__ = [
    "CachedFiling",
    "Manifest",
    "ManifestFile",
    "ManifestFiling",
    "file_sha256",
    "filing_of",
    "read_manifest",
    "write_manifest",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ManifestFile(BaseModel):
    """One file in the cache.

    ``path`` is relative to the cache root (``/`` separated), so a cache can be moved.
    """

    model_config = _FROZEN

    name: str
    path: str
    sha256: str
    size: int
    type: str | None = None
    description: str | None = None


class ManifestFiling(BaseModel):
    """One filing fetched: EDGAR's record of it and the files kept."""

    model_config = _FROZEN

    accession: str
    form: str
    filed: date
    accepted: datetime | None = None
    period: date | None = None
    index: str | None = None  # the filing index page, relative to the cache root
    files: tuple[ManifestFile, ...] = ()

    @property
    def public_on(self) -> date:
        """The Eastern day EDGAR accepted it (its filing date when no time is given)."""
        return public_day(self.accepted, self.filed)


class Manifest(BaseModel):
    """What the cache holds for one company (``<cache>/CIK##########/manifest.json``)."""

    model_config = _FROZEN

    cik: str
    name: str | None = None
    tickers: tuple[str, ...] = ()
    updated: datetime
    companyfacts: ManifestFile | None = None
    companyfacts_note: str | None = None  # why there is none (EDGAR has no facts)
    filings: tuple[ManifestFiling, ...] = Field(default_factory=new_tuple)

    def filing(self, accession: str) -> ManifestFiling | None:
        """The filing of ``accession``, or None."""
        return next((f for f in self.filings if f.accession == accession), None)


def file_sha256(path: Path) -> str:
    """The sha256 of a file, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at ``path``, None when there is none.

    Raises
    ------
    InputError
        When the file is not a manifest (named, with the first rule broken).
    """
    if not path.is_file():
        return None
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"not a risk manifest: {where}: {err['msg']}", source=str(path)) from None


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write ``manifest`` atomically."""
    with atomic_file(path) as handle:
        handle.write((manifest.model_dump_json(indent=1) + "\n").encode("utf-8"))


@dataclass(frozen=True)
class CachedFiling:
    """The company and the manifest entry of a cached document's filing."""

    cik: str
    filing: ManifestFiling


def filing_of(path: Path | str) -> CachedFiling | None:
    """The company and manifest entry of the filing a cached document belongs to, or None.

    ``path`` is a document in the cache layout (``CIK##########/<accession>/<name>``);
    anything else (a file elsewhere, a cache without a manifest) gives None.
    """
    p = Path(path).absolute()
    accession = accession_folder(p)
    if accession is None:
        return None
    manifest_path = p.parent.parent / "manifest.json"
    try:
        stat = manifest_path.stat()
    except OSError:
        return None
    manifest = _cached_manifest(str(manifest_path), stat.st_mtime_ns, stat.st_size)
    found = manifest.filing(accession) if manifest is not None else None
    if manifest is None or found is None:
        return None
    return CachedFiling(cik=manifest.cik, filing=found)


@functools.lru_cache(maxsize=64)
def _cached_manifest(path: str, mtime_ns: int, size: int) -> Manifest | None:
    return read_manifest(Path(path))
