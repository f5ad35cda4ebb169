"""The coordinator: a document in, one :class:`Filing` out."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from pathlib import Path
from typing import Any

from risk._lazy import lazy_regex
from risk._limits import DEFAULT_MAX_BYTES
from risk.documents import (
    DocumentKind,
    DocumentPart,
    PartFormat,
    Submission,
    decode,
    detect_kind,
    split_submission,
)
from risk.exceptions import DocumentError
from risk.extraction._result import PartResult
from risk.extraction._text import read_text_part
from risk.financials import (
    DocumentInfo,
    Fact,
    Filing,
    FilingWarning,
    LineItem,
    PeriodValues,
    Provenance,
    Signal,
    WarningCode,
    normal_cik,
)
from risk.signals import PartText, detect_signals, find_facts, item_signals
from risk.statements import complete_filing

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READER_MODULES",
    "extract",
    "extract_all",
    "extract_bytes",
    "is_document_text",
    "load_readers",
]

#: The readers of the other formats, imported on first use (inside the functions below)
#: so that reading plain text does not load the HTML, XML and JSON machinery; a process
#: that reads many documents (the batch's fork server) imports them all up front.
READER_MODULES: tuple[str, ...] = (
    "risk.extraction._html",
    "risk.extraction._xbrl",
    "risk.extraction._companyfacts",
)


def load_readers() -> None:
    """Import the reader of every format now, not on the first document of each format
    (for a process that will read many documents: its first one is not slowed)."""
    for module in READER_MODULES:
        importlib.import_module(module)


_TEXT_CHARS = ("\n", "<")
#: The longest path (PATH_MAX) and file name (NAME_MAX) of Linux and macOS.
_PATH_MAX = 4096
_NAME_MAX = 255


def is_document_text(source: str) -> bool:
    """True when a string is a document's text, False when it is a path: the one rule.

    A string is text when it contains a newline or a ``<``, or is longer than a
    path can be (4096 characters, or a part between slashes over 255). Any other
    string is a path, even a one-line sentence: pass such a text as bytes, with a
    newline, or as ``risk.score(texts=[...])``.
    """
    if any(c in source for c in _TEXT_CHARS) or len(source) > _PATH_MAX:
        return True
    return any(
        len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX
        for part in re.split(r"[/\\]", source)
    )


def extract(
    source: str | Path | bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Filing:
    """Read one document into a :class:`Filing`.

    Parameters
    ----------
    source : str, Path or bytes
        A path to a file, or the document itself (text or bytes). A string is
        the document's text when :func:`is_document_text` says so (a newline, a
        ``<``, or longer than a path can be), otherwise a path.
    name : str or None, default None
        The name to record as the filing's source (defaults to the path, or ``<text>``).
    max_bytes : int, default 200 MiB
        Larger documents are refused with :class:`DocumentError`.

    Returns
    -------
    Filing
        Periods with their values and provenance, prose facts, signals and warnings.

    Raises
    ------
    DocumentError
        When the document is missing, empty, binary, too large or unreadable.
    """
    if isinstance(source, bytes):
        return extract_bytes(source, name=name or "<bytes>", max_bytes=max_bytes)
    if isinstance(source, str) and is_document_text(source):
        return extract_bytes(source.encode("utf-8"), name=name or "<text>", max_bytes=max_bytes)
    path = Path(source)
    label = name or str(path)
    return extract_bytes(_read_file(path, label, max_bytes), name=label, max_bytes=max_bytes)


def extract_all(
    source: str | Path | bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Filing]:
    """Read one document into every filing it holds.

    A document holds one filing, except an EDGAR company-facts file, which holds
    every filing of the company: it gives one :class:`Filing` per accession (each
    with its own ``filed`` date), so a timeline as of a date uses only what was
    public then. Arguments as for :func:`extract`.
    """
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    elif isinstance(source, str) and is_document_text(source):
        data, label = source.encode("utf-8"), name or "<text>"
    else:
        path = Path(source)
        label = name or str(path)
        data = _read_file(path, label, max_bytes)
    head = data[:4096].lstrip()
    if head.startswith(b"{"):
        text = decode(data, name=label)
        if detect_kind(text) is DocumentKind.COMPANYFACTS:
            from risk.extraction._companyfacts import read_companyfacts_filings

            filings = read_companyfacts_filings(
                text, name=label, sha256=hashlib.sha256(data).hexdigest()
            )
            return [complete_filing(f) for f in filings]
    return [extract_bytes(data, name=label, max_bytes=max_bytes)]


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    """The bytes of the file at ``path``; :class:`DocumentError` when it is not a readable file.

    A file that cannot be opened (permissions, I/O) raises the :class:`OSError`,
    with the path: an environment fault, not a bad document.
    """
    if path.is_dir():
        raise DocumentError(
            "is a folder, not a document (name its files, or score them all with `risk batch`)",
            source=label,
        )
    if not path.is_file():
        what = "no such file" if not path.exists() else "not a regular file"
        if " " in label:  # perhaps a one-line text, not a file name
            what += (
                " (a string without a newline is read as a path: give a document's text "
                "with a newline, as bytes, or as risk.score(texts=[...]))"
            )
        raise DocumentError(what, source=label)
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(
            f"the file is {size} bytes, over the limit of {max_bytes} bytes", source=label
        )
    return path.read_bytes()


def extract_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Filing:
    """Read a document given as bytes (see :func:`extract`)."""
    if len(data) > max_bytes:
        raise DocumentError(
            f"the document is {len(data)} bytes, over the limit of {max_bytes} bytes", source=name
        )
    sha256 = hashlib.sha256(data).hexdigest()
    text = decode(data, name=name)
    kind = detect_kind(text)
    if kind is DocumentKind.TEXT:
        _refuse_json(text, name=name)
    if kind is DocumentKind.COMPANYFACTS:
        from risk.extraction._companyfacts import read_companyfacts

        filing = read_companyfacts(text, name=name, sha256=sha256)
    elif kind is DocumentKind.XBRL:
        from risk.extraction._xbrl import read_xbrl

        filing = read_xbrl(text, name=name, sha256=sha256)
    else:
        filing = _read_submission(split_submission(text, name=name), sha256=sha256)
    return complete_filing(filing)


def _refuse_json(text: str, *, name: str) -> None:
    """Refuse a JSON document other than company facts: it is never read as prose.

    A document is taken as JSON when its name ends in ``.json`` or its text starts
    with ``{``. One that does not parse is refused with the parser's line and
    column; one that parses is refused too (`risk` reads EDGAR company facts only).
    """
    if not (name.lower().endswith(".json") or text.lstrip("\ufeff \t\n").startswith("{")):
        return
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", source=name
        ) from exc
    except RecursionError as exc:
        raise DocumentError("JSON nested too deeply to read", source=name) from exc
    raise DocumentError(
        "a JSON document that is not EDGAR company facts (no 'facts' object); "
        "risk reads company-facts JSON only",
        source=name,
    )


def _read_submission(submission: Submission, *, sha256: str) -> Filing:
    name = submission.name
    results: list[tuple[str | None, PartResult]] = []
    for part in submission.parts:
        if _is_viewer_page(part):
            continue
        if part.format is PartFormat.TEXT:
            results.append((part.type, read_text_part(part, document=name)))
        elif part.format is PartFormat.HTML:
            from risk.extraction._html import read_html_part

            results.append((part.type, read_html_part(part, document=name)))
        elif part.format is PartFormat.XBRL:
            from risk.extraction._xbrl import read_xbrl_part

            results.append((part.type, read_xbrl_part(part, document=name)))
    warnings: list[FilingWarning] = [
        FilingWarning(code=WarningCode.HEADER, message=m, document=name)
        for m in submission.header_warnings
    ]
    company = submission.company or next((r.company for _, r in results if r.company), None)
    filed = submission.filed or next((r.filed for _, r in results if r.filed), None)
    signals: list[Signal] = []
    facts: list[Fact] = []
    for doc_type, result in results:
        warnings.extend(result.warnings)
        offset = result.text_offset or 0
        signals.extend(
            detect_signals(
                result.text,
                document=name,
                document_type=doc_type,
                offset=offset,
                company=company,
                filed=filed,
            )
        )
        facts.extend(find_facts(result.text, document=name, document_type=doc_type, offset=offset))
    facts = _unique_facts(facts)
    periods, merge_warnings = _merge_periods([r for _, r in results], document=name)
    warnings.extend(merge_warnings)
    ciks = [normal_cik(submission.cik), *(normal_cik(r.cik) for _, r in results)]
    cik = next((c for c in ciks if c), None)
    period_of_report = submission.period_of_report or next(
        (r.period_of_report for _, r in results if r.period_of_report), None
    )
    form = (
        submission.form
        or next((r.form for _, r in results if r.form), None)
        or next((p.type for p in submission.parts if p.type), None)
    )
    signals.extend(
        item_signals(
            [PartText(t, r.text, r.text_offset or 0) for t, r in results],
            header=_header(submission),
            document=name,
            form=form,
            filed=filed,
        )
    )
    if not periods and not signals and not facts:
        warnings.append(
            FilingWarning(
                code=WarningCode.NOTHING_FOUND,
                message="no financial table, prose amount or distress signal was found",
                document=name,
            )
        )
    return Filing(
        source=name,
        sha256=sha256,
        company=company,
        cik=cik,
        form=form,
        filed=filed,
        period_of_report=period_of_report,
        sic=submission.sic,
        cover_shares=[x for _, r in results for x in r.cover_shares],
        documents=[
            DocumentInfo(
                type=p.type, sequence=p.sequence, filename=p.filename, description=p.description
            )
            for p in submission.parts
        ],
        periods=periods,
        facts=facts,
        signals=signals,
        warnings=warnings,
    )


def _header(submission: Submission) -> str:
    """The SEC header of a submission (its text before the first document), or ""."""
    if not submission.parts or submission.parts[0].offset == 0:
        return ""
    end = submission.text.find("<DOCUMENT>")
    return submission.text[: end if end >= 0 else 0]


def _unique_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per (kind, amount, period): the parts of a submission often restate the
    same amount (an 8-K's Item 5 and its EX-99 press release); the first statement is
    kept as the quote."""
    seen: set[tuple[object, ...]] = set()
    out: list[Fact] = []
    for fact in facts:
        key = (fact.kind, fact.amount, fact.period)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


_VIEWER_PAGE = lazy_regex(r"^R\d+\.html?$", re.I)


def _is_viewer_page(part: DocumentPart) -> bool:
    """EDGAR's rendered XBRL viewer pages (``R1.htm`` ...): copies of the statements, skipped."""
    return bool(part.filename and _VIEWER_PAGE.match(part.filename)) or (part.type or "") == "XML"


def _merge_periods(
    results: list[PartResult], *, document: str
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Merge the periods of several parts: the first part to report a value keeps it.

    A later part that prints a different figure for the same field and period gives a
    warning with both values; it never silently replaces the first.
    """
    merged: dict[tuple[Any, int], tuple[dict[LineItem, float], dict[LineItem, Provenance], bool]]
    merged = {}
    warnings: list[FilingWarning] = []
    for result in results:
        for pv in result.periods:
            key = (pv.end, pv.months)
            values, prov, _estimate = merged.setdefault(key, ({}, {}, pv.estimate))
            for item, value in pv.values.items():
                if item not in values:
                    values[item] = value
                    if item in pv.provenance:
                        prov[item] = pv.provenance[item]
                    continue
                first = values[item]
                if abs(first - value) > max(1.0, 0.005 * max(abs(first), abs(value))):
                    warnings.append(
                        FilingWarning(
                            code=WarningCode.PARTS_DISAGREE,
                            message=(
                                f"{item.value} for {pv.end} ({pv.months}m) is {first:,.0f} in one "
                                f"part and {value:,.0f} in another; the first is kept"
                            ),
                            document=document,
                        )
                    )
    periods = [
        PeriodValues(end=end, months=months, values=v, provenance=p, estimate=est)
        for (end, months), (v, p, est) in sorted(
            merged.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])
        )
    ]
    return periods, warnings
