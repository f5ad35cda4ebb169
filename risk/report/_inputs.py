"""What ``score`` accepts, turned into filings of one company.

Inputs are paths, document texts or bytes, :class:`~risk.financials.Filing`
objects, a timeline, or a structured table (a DataFrame, a CSV or Parquet path,
a list of dicts). Everything is read into filings; a table with several entities,
or documents of several companies, is refused with :class:`InputError` naming them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from risk.exceptions import InputError
from risk.financials import Filing
from risk.policy import company_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Inputs", "check_one_company", "parse_as_of", "read_inputs"]

_TABLE_SUFFIXES = (".csv", ".parquet", ".pq")


@dataclass
class Inputs:
    """Filings read from the caller's inputs.

    Attributes
    ----------
    filings : list of Filing
    timeline : object or None
        A timeline the caller passed as is (then ``filings`` is empty).
    """

    filings: list[Filing] = field(default_factory=list)
    timeline: Any = None


def parse_as_of(value: date | datetime | str | None) -> date | None:
    """``as_of`` as a date: a date, a datetime or an ISO ``YYYY-MM-DD`` string."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"as_of must be an ISO date (YYYY-MM-DD); got {value!r}") from None
    raise InputError(f"as_of must be a date or an ISO date string; got {type(value).__name__}")


def _is_timeline(obj: Any) -> bool:
    from risk.timelines import Timeline

    return isinstance(obj, Timeline)


def _is_frame(obj: Any) -> bool:
    """True for a pandas DataFrame (pandas is not imported for that: no frame without it)."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, pd.DataFrame)


@dataclass
class _RowsTable:
    rows: list[Any]


def _table_filings(source: Any, *, name: str) -> list[Filing]:
    from risk.financials import read_table, table_to_filings

    frame: pd.DataFrame = read_table(source)
    return table_to_filings(frame, source=name)


def _read_one(item: Any) -> list[Filing]:
    from risk.extraction import extract_all, is_document_text

    if isinstance(item, Filing):
        return [item]
    if _is_frame(item):
        return _table_filings(item, name="<table>")
    if isinstance(item, Path) or (isinstance(item, str) and not is_document_text(item)):
        path = Path(item)
        if path.suffix.lower() in _TABLE_SUFFIXES:
            return _table_filings(path, name=str(path))
        return extract_all(path)
    if isinstance(item, str | bytes):
        return extract_all(item)
    raise InputError(
        "inputs must be paths, document texts, Filing objects, a timeline or a table; "
        f"got {type(item).__name__}"
    )


def _is_sequence(obj: Any) -> bool:
    """A list-like of inputs (not one input that happens to be iterable)."""
    return isinstance(obj, Iterable) and not (
        isinstance(obj, str | bytes | Path | Filing) or _is_frame(obj)
    )


def read_inputs(inputs: Any, *, texts: Sequence[str] | None = None) -> Inputs:
    """Read ``inputs`` and ``texts`` (see :func:`risk.report.score`) into filings.

    Raises
    ------
    InputError
        When an input is of an unknown type, a document cannot be read, the inputs
        are empty, or they hold more than one company.
    """
    if texts is not None:
        if isinstance(texts, str | bytes) or not all(isinstance(t, str) for t in texts):
            raise InputError("texts must be a list of strings (each a document's text)")
        # as bytes: read as the document itself, whatever the string looks like
        documents: list[Any] = [t.encode("utf-8") for t in texts]
        if inputs is None:
            return read_inputs(documents)
        more = [inputs] if _is_timeline(inputs) or not _is_sequence(inputs) else list(inputs)
        return read_inputs([*more, *documents])
    if _is_timeline(inputs):
        return Inputs(timeline=inputs)
    items: Sequence[Any]
    if isinstance(inputs, str | bytes | Path | Filing) or _is_frame(inputs):
        items = [inputs]
    elif isinstance(inputs, Iterable):
        items = list(inputs)
        if items and all(isinstance(x, Mapping) for x in items):
            items = [_RowsTable(items)]
    else:
        raise InputError(
            "inputs must be paths, document texts, Filing objects, a timeline or a table; "
            f"got {type(inputs).__name__}"
        )
    if not items:
        raise InputError("inputs is empty: give at least one document, filing or table")
    filings: list[Filing] = []
    for item in items:
        if isinstance(item, _RowsTable):
            filings.extend(_table_filings(item.rows, name="<table>"))
        elif _is_timeline(item):
            raise InputError("a timeline must be the only input")
        else:
            filings.extend(_read_one(item))
    check_one_company(filings)
    return Inputs(filings=filings)


def check_one_company(filings: Sequence[Filing]) -> None:
    """Raise :class:`InputError` when the filings are of more than one company."""
    by_cik: dict[str, set[str]] = {}
    names: dict[str | None, str] = {}
    for f in filings:
        if f.cik:
            by_cik.setdefault(f.cik, set()).add(f.company or f"CIK {f.cik}")
    if len(by_cik) > 1:
        listed = "; ".join(
            f"CIK {cik} ({', '.join(sorted(n))})" for cik, n in sorted(by_cik.items())
        )
        raise InputError(f"the inputs hold more than one company: {listed}; score one at a time")
    # One name per CIK (a company may be renamed), plus the names of filings without one.
    for f in filings:
        if f.company and not f.cik:
            names.setdefault(company_key(f.company), f.company)
    for cik_names in by_cik.values():
        named = sorted(n for n in cik_names if not n.startswith("CIK "))
        if named and not any(company_key(n) in names for n in named):
            names.setdefault(company_key(named[0]), named[0])
    names.pop(None, None)
    if len(names) > 1:
        listed = ", ".join(repr(n) for n in sorted(names.values()))
        raise InputError(f"the inputs hold more than one company: {listed}; score one at a time")
