"""Text cells safe to open in a spreadsheet (CSV and Excel-bound output)."""

from __future__ import annotations

__all__ = ["FORMULA_PREFIXES", "spreadsheet_safe"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` with a single quote in front when it begins like a formula.

    The OWASP rule against CSV injection: a cell that begins with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so that
    Excel, LibreOffice and Google Sheets show it as text instead of running it
    (``=HYPERLINK(...)``, ``+cmd|...``). Nothing is removed, so two different
    names stay two different cells (a tab-prefixed name never merges with the
    name without it). Numbers are written as numbers and never pass here.
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
