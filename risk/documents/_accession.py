"""EDGAR accession numbers in a document's source (its path, or a URL fragment).

Here, with the documents, because the report names the accession of every document
it read without needing the EDGAR client (:mod:`risk.edgar` re-exports both names).
"""

from __future__ import annotations

from pathlib import Path

from risk._lazy import lazy_regex

__all__ = ["ACCESSION", "accession_folder", "accession_of"]

#: ``0000950123-03-001234``: the filer agent's CIK, the year, a sequence number.
ACCESSION = lazy_regex(r"(?<![0-9])([0-9]{10}-[0-9]{2}-[0-9]{6})(?![0-9])")


def accession_of(source: str) -> str | None:
    """The accession number a document's source names, or None.

    A document fetched by :mod:`risk.edgar` lives in a folder named after its
    accession; a company-facts filing's source ends ``#<accession>``; EDGAR's own
    complete submission files are named ``<accession>.txt``. The last accession
    number in ``source`` is returned.
    """
    found = ACCESSION.findall(source)
    return found[-1] if found else None


def accession_folder(path: Path | str) -> str | None:
    """The accession number ``path``'s folder is named after (the EDGAR cache's layout,
    ``CIK##########/<accession>/<name>``), or None."""
    name = Path(path).absolute().parent.name
    return name if ACCESSION.fullmatch(name) else None
