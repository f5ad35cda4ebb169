"""Which kind of document a text is."""

from __future__ import annotations

import re
from enum import StrEnum

from risk._lazy import lazy_regex

__all__ = ["DocumentKind", "detect_kind"]


class DocumentKind(StrEnum):
    """The kinds of document `risk` reads."""

    SUBMISSION = "submission"  # EDGAR .txt with <SEC-DOCUMENT>/<SEC-HEADER>/<DOCUMENT>
    TEXT = "text"  # a bare plain-text document (an exhibit like the FiberCore seeds)
    HTML = "html"  # HTML or inline XBRL
    XBRL = "xbrl"  # an XBRL instance
    COMPANYFACTS = "companyfacts"  # EDGAR company-facts JSON


_HEAD = 4096
_SUBMISSION = lazy_regex(r"<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|DOCUMENT)>", re.I)
_HTML = lazy_regex(r"<(!DOCTYPE\s+html|html|body|div|table\b|p\b)", re.I)
_XBRL = lazy_regex(r"<(\w+:)?xbrl[\s>]", re.I)


def detect_kind(text: str) -> DocumentKind:
    """Detect the kind of a decoded document from its first few kilobytes."""
    head = text[:_HEAD].lstrip("\ufeff \t\n")
    if head.startswith("{") and '"facts"' in text[:200_000]:
        return DocumentKind.COMPANYFACTS
    if _SUBMISSION.search(head):
        return DocumentKind.SUBMISSION
    if _XBRL.search(head) and not re.search(r"<html", head, re.I):
        return DocumentKind.XBRL
    if _HTML.search(head) and "<TABLE>" not in head and "<S>" not in head:
        return DocumentKind.HTML
    return DocumentKind.TEXT
