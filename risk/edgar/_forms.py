"""Which filings and which of their documents are fetched (rules in ``forms.json``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from pydantic import Field

from risk._rules import RuleModel, load_rule_file
from risk.edgar._index import FilingRecord, IndexDocument, SubmissionPage
from risk.exceptions import InputError

__all__ = [
    "DEFAULT_FORMS",
    "LOOKBACK_YEARS",
    "documents_to_fetch",
    "pages_to_read",
    "parse_forms",
    "select_filings",
]

_RULES_FILE = Path(__file__).with_name("forms.json")


class _Rules(RuleModel):
    default_forms: tuple[str, ...]
    exhibits: dict[str, tuple[str, ...]]
    lookback_years: int = Field(gt=0)


_RULES = load_rule_file(_RULES_FILE, _Rules)
#: The forms fetched when none are named.
DEFAULT_FORMS: tuple[str, ...] = _RULES.default_forms
#: Without ``since``, filings up to this many years before ``as_of`` (or today) are fetched.
LOOKBACK_YEARS: int = _RULES.lookback_years


def _base(form: str) -> str:
    form = form.strip().upper()
    return form[:-2] if form.endswith("/A") else form


def parse_forms(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """Forms from ``"10-K,10-Q"`` or a sequence (upper case); the defaults for None."""
    if text is None:
        return DEFAULT_FORMS
    items = text.split(",") if isinstance(text, str) else list(text)
    forms = tuple(dict.fromkeys(f.strip().upper() for f in items if f.strip()))
    if not forms:
        raise InputError(f"--forms names no form; got {text!r} (e.g. 10-K,10-Q,8-K)")
    return forms


def _form_wanted(form: str, forms: Iterable[str]) -> bool:
    """A form is wanted when it, or the form it amends, is named."""
    wanted = {f.upper() for f in forms}
    return form.upper() in wanted or _base(form) in wanted


def select_filings(
    records: Iterable[FilingRecord],
    *,
    forms: Iterable[str],
    since: date | None = None,
    as_of: date | None = None,
) -> list[FilingRecord]:
    """The filings of the named forms filed on or after ``since`` and accepted by ``as_of``.

    Point in time: a filing counts at ``as_of`` when EDGAR accepted it on or before
    that (Eastern) day. Returned oldest first, each accession once.
    """
    forms = tuple(forms)
    chosen: dict[str, FilingRecord] = {}
    for r in records:
        if not _form_wanted(r.form, forms):
            continue
        if since is not None and r.filed < since:
            continue
        if as_of is not None and r.public_on > as_of:
            continue
        chosen.setdefault(r.accession, r)
    return sorted(chosen.values(), key=lambda r: (r.public_on, r.filed, r.accession))


def pages_to_read(
    pages: Iterable[SubmissionPage], *, since: date | None, as_of: date | None
) -> list[SubmissionPage]:
    """The continuation pages whose date range can hold a filing wanted."""
    out = []
    for page in pages:
        if since is not None and page.filing_to is not None and page.filing_to < since:
            continue
        if as_of is not None and page.filing_from is not None and page.filing_from > as_of:
            continue
        out.append(page)
    return out


def _exhibit_match(doc_type: str, prefixes: Iterable[str]) -> bool:
    t = doc_type.strip().upper()
    return any(t == p or t.startswith(p + ".") for p in prefixes)


def wants_index(record: FilingRecord) -> bool:
    """True when the filing index must be read: exhibits to find, or no primary document."""
    return bool(_RULES.exhibits.get(_base(record.form))) or not record.primary_document


def documents_to_fetch(
    record: FilingRecord, index: Sequence[IndexDocument] | None
) -> list[IndexDocument]:
    """The primary document and the statement or release exhibits of one filing.

    The primary document is the submissions index's ``primaryDocument`` (else the
    index row of the filing's form); the exhibits are the index rows whose type the
    rules name for this form. Each file once, in the index's order.
    """
    prefixes = _RULES.exhibits.get(_base(record.form), ())
    rows = list(index or ())
    out: list[IndexDocument] = []
    primary = record.primary_document
    if primary is None:
        main = next((d for d in rows if (d.type or "").upper() == record.form.upper()), None)
        primary = main.name if main is not None else None
    if primary is not None:
        row = next((d for d in rows if d.name == primary), None)
        out.append(row or IndexDocument(name=primary, type=record.form))
    for d in rows:
        if d.type and _exhibit_match(d.type, prefixes) and all(d.name != o.name for o in out):
            out.append(d)
    return out
