"""The parts of a document as the readers see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = ["DocumentPart", "PartFormat", "Submission"]


class PartFormat(StrEnum):
    """The markup of a document part."""

    TEXT = "text"  # plain text, possibly with SGML <TABLE>/<S>/<C> tags and <PAGE> breaks
    HTML = "html"  # HTML or inline XBRL
    XBRL = "xbrl"  # an XBRL instance document
    OTHER = "other"  # images, uuencoded binaries, PDFs, zip: not read


@dataclass(frozen=True)
class DocumentPart:
    """One ``<DOCUMENT>`` of an EDGAR submission, or the whole file when it is bare.

    Attributes
    ----------
    text : str
        The content (inside ``<TEXT>`` ... ``</TEXT>`` for a submission).
    offset : int
        Character offset of ``text`` in the whole decoded file, so that a span
        ``(s, e)`` in ``text`` is ``(s + offset, e + offset)`` in the file.
    line_offset : int
        Number of lines before ``text`` in the whole file (line ``n`` of ``text``
        is line ``n + line_offset`` of the file).
    format : PartFormat
    type : str or None
        The EDGAR ``<TYPE>`` (``10-Q``, ``EX-99.1`` ...).
    """

    text: str
    offset: int = 0
    line_offset: int = 0
    format: PartFormat = PartFormat.TEXT
    type: str | None = None
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Submission:
    """A decoded file split into its header and parts.

    For a bare document (no ``<SEC-HEADER>``), the header fields are None and
    ``parts`` holds one part with the whole text.
    """

    name: str
    text: str
    parts: tuple[DocumentPart, ...]
    company: str | None = None
    cik: str | None = None
    form: str | None = None
    filed: date | None = None
    period_of_report: date | None = None
    sic: str | None = None  # the filer's Standard Industrial Classification code, 4 digits
    header_warnings: tuple[str, ...] = field(default_factory=tuple)
