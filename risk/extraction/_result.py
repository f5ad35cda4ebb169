"""What a reader of one document part returns to the coordinator."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from risk.financials import PeriodValues, Warning

__all__ = ["PartResult"]


@dataclass
class PartResult:
    """Periods and hints read from one document part.

    Attributes
    ----------
    periods : list of PeriodValues
        At most one entry per (end, months).
    warnings : list of Warning
    text : str
        The part's text as a reader sees it (HTML reduced to text); the signal
        detector reads it.
    text_offset : int or None
        Offset of ``text`` in the decoded file when ``text`` is a verbatim slice
        of it (plain text), else None (spans are then offsets into ``text``).
    company, filed : str or date or None
        What the text says of the issuer and the release date, for bare documents
        without an SEC header.
    """

    periods: list[PeriodValues] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    text: str = ""
    text_offset: int | None = 0
    company: str | None = None
    filed: date | None = None
