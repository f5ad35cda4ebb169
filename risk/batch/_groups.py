"""Grouping filings by company: a normalised name when the CIK is not known."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["company_key"]

_DATA = Path(__file__).parent / "company_suffixes.json"
_NON_WORD = re.compile(r"[^\w\s]+")


@cache
def _affixes() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(data["leading"]), frozenset(data["trailing"])


@lru_cache(maxsize=4096)
def company_key(name: str | None) -> str | None:
    """A company name reduced for grouping: ``"FiberCore, Inc."`` -> ``"fibercore"``.

    Case-folded, accents and punctuation removed (``&`` becomes ``and``), a
    leading "the" and trailing legal suffixes (Inc, Corp, Ltd, ... listed in
    ``company_suffixes.json``) dropped. None when nothing is left. The keys of the
    last names seen are kept (a company's documents name it again and again).
    """
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # "Macy's" -> "macys"
    words = _NON_WORD.sub(" ", text).split()
    leading, trailing = _affixes()
    while len(words) > 1 and words[0] in leading:
        words.pop(0)
    while len(words) > 1 and words[-1] in trailing:
        words.pop()
    key = " ".join(words)
    return key or None
