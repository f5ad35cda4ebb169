"""XBRL instance documents. (Stub: issue 9.)"""

from __future__ import annotations

from risk.exceptions import DocumentError
from risk.financials import Filing

__all__ = ["read_xbrl"]


def read_xbrl(text: str, *, name: str, sha256: str) -> Filing:
    """Read an XBRL instance into a filing."""
    raise DocumentError("XBRL instances are not read yet", source=name)
