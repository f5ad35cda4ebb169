"""What a reader of one document part returns to the coordinator."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from risk.financials import FilingWarning, PeriodValues, SharesStated, normal_cik

__all__ = ["PartResult", "dei_fields"]


@dataclass
class PartResult:
    """Periods and hints read from one document part.

    Attributes
    ----------
    periods : list of PeriodValues
        At most one entry per (end, months).
    warnings : list of FilingWarning
    text : str
        The part's text as a reader sees it (HTML reduced to text); the signal
        detector reads it.
    text_offset : int or None
        Offset of ``text`` in the decoded file when ``text`` is a verbatim slice
        of it (plain text), else None (spans are then offsets into ``text``).
    company, filed : str or date or None
        What the text says of the issuer and the release date, for bare documents
        without an SEC header.
    cik, form, period_of_report : str or date or None
        What the document says of itself (inline XBRL ``dei`` facts), for documents
        without an SEC header.
    cover_shares : list of SharesStated
        Shares outstanding the cover page states (tagged, else in its text).
    """

    periods: list[PeriodValues] = field(default_factory=list)
    warnings: list[FilingWarning] = field(default_factory=list)
    text: str = ""
    text_offset: int | None = 0
    company: str | None = None
    filed: date | None = None
    cik: str | None = None
    form: str | None = None
    period_of_report: date | None = None
    cover_shares: list[SharesStated] = field(default_factory=list)


def dei_fields(dei: dict[str, str]) -> tuple[str | None, str | None, date | None]:
    """CIK, form and period of report from ``dei`` facts; an unreadable one is None."""
    digits = "".join(ch for ch in dei.get("EntityCentralIndexKey", "") if ch.isdigit())
    cik = normal_cik(digits)
    form = dei.get("DocumentType") or None
    return cik, form, _date(dei.get("DocumentPeriodEndDate", ""))


def _date(text: str) -> date | None:
    """An ISO date or a date written out ("September 30, 2023"); None when neither."""
    text = " ".join(text.replace(",", ", ").split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
