"""Reading EDGAR's indexes: the ticker file, a company's submissions, a filing index.

- ``company_tickers.json``: ``{"0": {"cik_str": 320193, "ticker": "AAPL", "title":
  "Apple Inc."}, ...}`` (current tickers only: a delisted company is found by CIK).
- ``submissions/CIK##########.json``: the company (``cik``, ``name``, ``tickers``)
  and ``filings.recent``, columns of equal length (``accessionNumber``,
  ``filingDate``, ``reportDate``, ``acceptanceDateTime``, ``form``,
  ``primaryDocument``, ``primaryDocDescription`` ...), newest first, with
  ``filings.files`` naming continuation pages (``name``, ``filingFrom``,
  ``filingTo``) that hold the older filings in the same columns at their top level.
- ``<accession>-index.htm``: the filing's page; its ``Document Format Files``
  table gives each document's sequence, description, file name, type and size.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from risk.edgar._names import ACCESSION, check_document_name, normalise_cik, public_day
from risk.exceptions import InputError

__all__ = [
    "EdgarCompany",
    "FilingRecord",
    "IndexDocument",
    "SubmissionPage",
    "load_json",
    "read_filing_index",
    "read_submissions",
    "read_tickers",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class EdgarCompany(BaseModel):
    """A company as EDGAR names it."""

    model_config = _FROZEN

    cik: str  # digits, no leading zeros
    name: str | None = None
    tickers: tuple[str, ...] = ()


class FilingRecord(BaseModel):
    """One filing of the submissions index.

    Parameters
    ----------
    accession : str
        ``0000012345-22-000004``.
    form : str
        ``10-K``, ``8-K``, ``10-Q/A`` ...
    filed : date
        EDGAR's filing date.
    accepted : datetime or None
        EDGAR's acceptance time as given (``Z`` or not, see :func:`accepted_date`).
    period : date or None
        The period of report.
    primary_document : str or None
    description : str or None
        The primary document's description.
    """

    model_config = _FROZEN

    accession: str
    form: str
    filed: date
    accepted: datetime | None = None
    period: date | None = None
    primary_document: str | None = None
    description: str | None = None

    @property
    def public_on(self) -> date:
        """The Eastern day it was accepted (its filing date when no time is given)."""
        return public_day(self.accepted, self.filed)


class SubmissionPage(BaseModel):
    """A continuation page of the submissions index."""

    model_config = _FROZEN

    name: str
    filing_from: date | None = None
    filing_to: date | None = None


class IndexDocument(BaseModel):
    """One row of a filing index's document table."""

    model_config = _FROZEN

    sequence: str | None = None
    description: str | None = None
    name: str
    type: str | None = None
    size: int | None = None


def load_json(path: Path) -> Any:
    """A JSON file of EDGAR's; InputError naming the file when it is not JSON."""
    try:
        return json.loads(path.read_bytes())
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", source=str(path)) from None


def read_tickers(path: Path) -> dict[str, EdgarCompany]:
    """Ticker (upper case) to company, from ``company_tickers.json``."""
    data = load_json(path)
    if not isinstance(data, dict):
        raise InputError("expected an object keyed by row number", source=str(path))
    out: dict[str, EdgarCompany] = {}
    for key, row in data.items():
        if not isinstance(row, dict) or "cik_str" not in row or "ticker" not in row:
            raise InputError(f"row {key!r} lacks cik_str or ticker", source=str(path))
        ticker = str(row["ticker"]).upper()
        out.setdefault(
            ticker, EdgarCompany(cik=normalise_cik(row["cik_str"]), name=row.get("title"))
        )
    return out


def read_submissions(path: Path) -> tuple[EdgarCompany, list[FilingRecord], list[SubmissionPage]]:
    """The company, its recent filings and its continuation pages."""
    data = load_json(path)
    try:
        filings = data["filings"]
        recent = filings["recent"]
        company = EdgarCompany(
            cik=normalise_cik(data["cik"]),
            name=data.get("name"),
            tickers=tuple(str(t) for t in data.get("tickers") or ()),
        )
    except (KeyError, TypeError):
        raise InputError("expected cik and filings.recent", source=str(path)) from None
    pages = [
        SubmissionPage(
            name=check_document_name(str(f["name"]), source=str(path)),
            filing_from=_date(f.get("filingFrom"), "filingFrom", path),
            filing_to=_date(f.get("filingTo"), "filingTo", path),
        )
        for f in filings.get("files") or ()
    ]
    return company, read_filing_columns(recent, path), pages


def read_filing_columns(block: Any, path: Path) -> list[FilingRecord]:
    """The filings of a ``recent`` block or a continuation page (columns of equal length)."""
    if not isinstance(block, dict) or "accessionNumber" not in block:
        raise InputError("expected the column accessionNumber", source=str(path))
    n = len(block["accessionNumber"])
    for column in ("form", "filingDate"):
        if len(block.get(column) or ()) != n:
            raise InputError(
                f"column {column!r} must have {n} entries like accessionNumber", source=str(path)
            )

    def cell(column: str, i: int) -> Any:
        values = block.get(column)
        return values[i] if values is not None and i < len(values) else None

    out = []
    for i in range(n):
        accession = str(block["accessionNumber"][i])
        if not ACCESSION.fullmatch(accession):
            raise InputError(
                f"accessionNumber {accession!r} is not ##########-##-######", source=str(path)
            )
        primary = _primary_name(cell("primaryDocument", i))
        out.append(
            FilingRecord(
                accession=accession,
                form=str(block["form"][i]),
                filed=_date(block["filingDate"][i], "filingDate", path) or date.min,
                accepted=_datetime(cell("acceptanceDateTime", i), path),
                period=_date(cell("reportDate", i), "reportDate", path),
                primary_document=primary,
                description=cell("primaryDocDescription", i) or None,
            )
        )
    return out


def read_filing_index(data: bytes, *, name: str) -> list[IndexDocument]:
    """The documents listed in a filing index page (``<accession>-index.htm``)."""
    from risk.documents import parse_html

    root = parse_html(data, name=name)
    out: list[IndexDocument] = []
    for table in root.iter("table"):
        if "tablefile" not in (table.get("class") or "").lower():
            continue
        rows = list(table.iter("tr"))
        if not rows:
            continue
        heads = [_text(c).lower() for c in rows[0] if c.tag in ("th", "td")]
        if "document" not in heads or "type" not in heads:
            continue
        for row in rows[1:]:
            cells = [c for c in row if c.tag in ("th", "td")]
            doc = _row(heads, cells, name)
            if doc is not None:
                out.append(doc)
    return out


def _primary_name(value: Any) -> str | None:
    """The file name of a primary document (``xslF345X03/form4.xml`` is a styled view of
    ``form4.xml``: the last part is the file)."""
    if not value:
        return None
    return str(value).rsplit("/", 1)[-1] or None


def _row(heads: list[str], cells: list[Any], name: str) -> IndexDocument | None:
    if len(cells) < len(heads):
        return None
    by = dict(zip(heads, cells, strict=False))
    link = next(by["document"].iter("a"), None)
    file_name = _text(link if link is not None else by["document"]).split(" ")[0]
    if not file_name:
        return None
    size = _text(by["size"]) if "size" in by else ""
    return IndexDocument(
        sequence=_text(by["seq"]) or None if "seq" in by else None,
        description=_text(by["description"]) or None if "description" in by else None,
        name=file_name,  # checked when fetched: a row not fetched need not be a plain name
        type=_text(by["type"]) or None,
        size=int(size) if size.isdigit() else None,
    )


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _date(value: Any, column: str, path: Path) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"{column} {value!r} is not an ISO date", source=str(path)) from None


def _datetime(value: Any, path: Path) -> datetime | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"acceptanceDateTime {value!r} is not an ISO date and time", source=str(path)
        ) from None
