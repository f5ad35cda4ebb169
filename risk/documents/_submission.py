"""EDGAR submissions: the SEC header and each <DOCUMENT>. (Stub: filled in by issue 3.)"""

from __future__ import annotations

from risk.documents._parts import DocumentPart, PartFormat, Submission

__all__ = ["split_submission"]


def split_submission(text: str, *, name: str) -> Submission:
    """Split a decoded file into its header and parts (bare documents give one part)."""
    fmt = PartFormat.HTML if "<html" in text[:4096].lower() else PartFormat.TEXT
    return Submission(name=name, text=text, parts=(DocumentPart(text=text, format=fmt),))
