"""EDGAR submissions: the SEC header and each ``<DOCUMENT>``; bare documents as one part."""

from __future__ import annotations

import re
from datetime import date

from risk._lazy import lazy_regex
from risk.documents._parts import DocumentPart, PartFormat, Submission

__all__ = ["split_submission"]

_HEADER_FIELDS = {
    "company": re.compile(r"^[ \t]*COMPANY CONFORMED NAME:[ \t]*(\S.*?)[ \t]*$", re.M),
    "cik": re.compile(r"^[ \t]*CENTRAL INDEX KEY:[ \t]*(\d+)", re.M),
    "form": re.compile(r"^[ \t]*(?:CONFORMED SUBMISSION TYPE|FORM TYPE):[ \t]*(\S+)", re.M),
    "filed": re.compile(r"^[ \t]*FILED AS OF DATE:[ \t]*(\d{8})", re.M),
    "period": re.compile(r"^[ \t]*CONFORMED PERIOD OF REPORT:[ \t]*(\d{8})", re.M),
}
#: "STANDARD INDUSTRIAL CLASSIFICATION:  STATE COMMERCIAL BANKS [6022]" (or a bare "6022",
#: or a truncated " [6022"): the four digits at the end of the line.
_SIC = lazy_regex(r"^[ \t]*STANDARD INDUSTRIAL CLASSIFICATION:[^\n]*?\[?(\d{4})\]?[ \t]*$", re.M)
_TAG_VALUE = lazy_regex(
    r"^[ \t]*<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\n<]*)", re.M | re.I
)
_OTHER_TYPES = ("GRAPHIC", "ZIP", "PDF", "EXCEL", "JSON", "XLS")
_OTHER_EXT = (
    ".jpg",
    ".jpeg",
    ".gif",
    ".png",
    ".pdf",
    ".zip",
    ".xls",
    ".xlsx",
    ".json",
    ".css",
    ".js",
)
_XML_EXT = (".xml", ".xsd")
_HTML_EXT = (".htm", ".html")
#: A bare exhibit that names itself on its first line ("EXHIBIT 99.2").
_EXHIBIT = lazy_regex(r"\A\s*EXHIBIT[ \t]+(\d{1,3}(?:\.\d{1,3})?)[ \t]*\n", re.I)
_UUENCODE = lazy_regex(r"^\s*begin [0-7]{3} ", re.M)


_SUFFIX = lazy_regex(r"[\s,./\\]+(?:inc|corp|co|ltd|llc|plc|lp|pa|de|ny|ca)?[\s,./\\]*$", re.I)


def _short_name(name: str) -> str:
    """A filer's conformed name without the legal suffix, lower case ("southern")."""
    short = re.sub(r"\\[A-Z]{2}\\", "", name).strip()
    for _ in range(2):
        short = _SUFFIX.sub("", short)
    return short.lower() or name.lower()


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _format(text: str, doc_type: str | None, filename: str | None) -> PartFormat:
    name = (filename or "").lower()
    kind = (doc_type or "").upper()
    head = text[:4096]
    low = head.lower()
    if kind.startswith(_OTHER_TYPES) or name.endswith(_OTHER_EXT) or _UUENCODE.match(head[:200]):
        return PartFormat.OTHER
    if name.endswith(_XML_EXT) or kind.startswith("EX-101"):
        return PartFormat.XBRL
    if "<html" in low or "<!doctype html" in low or name.endswith(_HTML_EXT):
        return PartFormat.HTML
    if "<xbrl" in low or low.lstrip().startswith("<?xml"):
        return PartFormat.XBRL
    if "<pdf>" in low[:100]:
        return PartFormat.OTHER
    return PartFormat.TEXT


def split_submission(text: str, *, name: str) -> Submission:
    """Split a decoded file into its SEC header and ``<DOCUMENT>`` parts.

    Parameters
    ----------
    text : str
        The decoded file (``\\n`` line ends).
    name : str
        The file name, for messages.

    Returns
    -------
    Submission
        For an EDGAR submission: company, CIK, form, filed date and period of report
        from the ``<SEC-HEADER>`` (the first filer's), and one part per ``<DOCUMENT>``
        with its ``<TYPE>``, ``<SEQUENCE>``, ``<FILENAME>``, ``<DESCRIPTION>``, the
        text inside ``<TEXT>``, its character and line offsets in the file, and its
        format (plain text, HTML, XBRL, or OTHER for graphics, PDFs, zips and
        uuencoded files). A bare document is one part holding the whole text.
    """
    head = text[:8192].upper()
    doc_start = text.find("<DOCUMENT>")
    if doc_start < 0:
        doc_start = text.find("<document>")
    if doc_start < 0 and "<SEC-HEADER>" not in head and "<IMS-HEADER>" not in head:
        fmt = _format(text, None, None)
        fmt = PartFormat.TEXT if fmt is PartFormat.XBRL else fmt
        exhibit = _EXHIBIT.match(text[:2000])
        doc_type = f"EX-{exhibit.group(1)}" if exhibit else None
        part = DocumentPart(text=text, format=fmt, type=doc_type)
        return Submission(name=name, text=text, parts=(part,))
    warnings: list[str] = []
    header_end = text.find("</SEC-HEADER>")
    if header_end < 0:
        header_end = text.find("</IMS-HEADER>")
    header = text[: header_end if header_end >= 0 else (doc_start if doc_start >= 0 else 20000)]
    found = {
        key: (m.group(1) if (m := rx.search(header)) else None)
        for key, rx in _HEADER_FIELDS.items()
    }
    filers = [
        (m.group(1), c.group(1) if (c := _HEADER_FIELDS["cik"].search(header, m.end())) else None)
        for m in _HEADER_FIELDS["company"].finditer(header)
    ]
    sic = _filer_sic(header, found["company"])
    if len(filers) > 1:
        # Co-registrants: the issuer the documents speak of most is the company.
        body = text[len(header) : len(header) + 2_000_000].lower()
        counts = [body.count(_short_name(name)) for name, _ in filers]
        best = max(range(len(filers)), key=lambda i: (counts[i], -i))
        found["company"], found["cik"] = filers[best]
        sic = _filer_sic(header, found["company"])
    if header_end < 0:
        warnings.append("the submission has no </SEC-HEADER>; header fields may be incomplete")
    parts: list[DocumentPart] = []
    pos = doc_start
    counted, lines = 0, 0  # newlines in text[:counted], counted on from part to part
    while pos >= 0:
        end = text.find("</DOCUMENT>", pos)
        nxt = text.find("<DOCUMENT>", pos + 10)
        if end < 0 or (nxt >= 0 and nxt < end):
            stop = nxt if nxt >= 0 else len(text)
            warnings.append(f"a <DOCUMENT> at character {pos} has no </DOCUMENT>")
        else:
            stop = end
        block_head_end = text.find("<TEXT>", pos, stop)
        meta_text = text[pos : block_head_end if block_head_end >= 0 else min(stop, pos + 2000)]
        meta = {m.group(1).upper(): m.group(2).strip() for m in _TAG_VALUE.finditer(meta_text)}
        if block_head_end >= 0:
            body_start = block_head_end + len("<TEXT>")
            if text.startswith("\n", body_start):
                body_start += 1
            body_end = text.find("</TEXT>", body_start, stop)
            if body_end < 0:
                warnings.append(f"the <TEXT> at character {block_head_end} has no </TEXT>")
                body_end = stop
        else:
            body_start = body_end = stop
        body = text[body_start:body_end]
        if body_start < counted:  # parts run forward; this only guards the count
            counted, lines = 0, 0
        lines += text.count("\n", counted, body_start)
        counted = body_start
        seq = meta.get("SEQUENCE")
        doc_type = meta.get("TYPE") or None
        filename = meta.get("FILENAME") or None
        parts.append(
            DocumentPart(
                text=body,
                offset=body_start,
                line_offset=lines,
                format=_format(body, doc_type, filename),
                type=doc_type,
                sequence=int(seq) if seq and seq.isdecimal() else None,
                filename=filename,
                description=meta.get("DESCRIPTION") or None,
            )
        )
        pos = nxt
    if not parts:
        warnings.append("the submission holds no <DOCUMENT>")
    return Submission(
        name=name,
        text=text,
        parts=tuple(parts),
        company=found["company"],
        cik=found["cik"],
        form=found["form"],
        filed=_date(found["filed"]),
        period_of_report=_date(found["period"]),
        sic=sic,
        header_warnings=tuple(warnings),
    )


def _filer_sic(header: str, company: str | None) -> str | None:
    """The SIC code stated in the header block of the filer ``company`` (the first
    filer's when None); None when not stated or "0000" (no code assigned)."""
    names = list(_HEADER_FIELDS["company"].finditer(header))
    start = next((m.end() for m in names if m.group(1) == company), 0)
    following = [m.start() for m in names if m.start() >= start]
    end = following[0] if following else len(header)
    match = _SIC.search(header, start, end)
    return match.group(1) if match and match.group(1) != "0000" else None
