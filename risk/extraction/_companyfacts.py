"""EDGAR company-facts JSON (``/api/xbrl/companyfacts/CIK##########.json``).

A company-facts file holds every fact the company ever tagged, each with the accession
number (``accn``) of the filing that reported it and its ``filed`` date. Two readings:

- :func:`read_companyfacts` gives one :class:`Filing` with the latest known value per
  field and period (a restatement replaces the original); each value's provenance
  carries its ``filed`` date.
- :func:`read_companyfacts_filings` gives one :class:`Filing` per accession with the
  values that accession reported and its ``filed`` date, so a timeline as of a date
  uses only what was public then.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from risk.exceptions import DocumentError
from risk.extraction._xbrl_facts import parse_date
from risk.financials import DocumentInfo, Filing, FilingWarning, Source, WarningCode, normal_cik
from risk.statements import TaggedFact, facts_to_periods, mapped_concepts

__all__ = ["read_companyfacts", "read_companyfacts_filings"]


@dataclass(frozen=True)
class _Reported:
    accn: str
    form: str | None
    fact: TaggedFact


def _load(text: str, *, name: str) -> tuple[dict[str, Any], list[_Reported], list[FilingWarning]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise DocumentError(
            f"the company-facts file is not valid JSON: {exc}", source=name
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise DocumentError(
            "a company-facts file must be a JSON object with a 'facts' object", source=name
        )
    wanted = mapped_concepts()
    reported: list[_Reported] = []
    skipped: list[str] = []
    for taxonomy, concepts in data["facts"].items():
        if not isinstance(concepts, dict):
            continue
        for concept, body in concepts.items():
            qname = f"{taxonomy}:{concept}"
            if qname not in wanted or not isinstance(body, dict):
                continue
            units = body.get("units", {})
            if not isinstance(units, dict):
                skipped.append(f"{qname}: 'units' is not an object")
                continue
            for unit, entries in units.items():
                if not isinstance(entries, list):
                    skipped.append(f"{qname}: the {unit} entries are not a list")
                    continue
                for entry in entries:
                    item = _entry(qname, unit, entry)
                    if isinstance(item, str):
                        skipped.append(item)
                    elif item is not None:
                        reported.append(item)
    return data, reported, _skipped_warnings(skipped, name=name)


def _entry(concept: str, unit: str, entry: object) -> _Reported | str | None:
    """One entry of a concept's unit list; a message when it breaks the format (a value
    that is not a finite number, a field of the wrong type); None when it has no end
    date or value (not a fact)."""
    if not isinstance(entry, dict):
        return f"{concept}: an entry is not an object"
    for key in ("end", "start", "filed", "accn", "form"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return f"{concept}: {key!r} is not a string ({entry[key]!r:.40})"
    end = parse_date(entry.get("end"))
    val = entry.get("val")
    accn = entry.get("accn")
    if end is None or val is None or not accn:
        return None
    if isinstance(val, bool) or not isinstance(val, int | float) or not _finite(val):
        return f"{concept}: 'val' is not a finite number ({val!r:.40})"
    fact = TaggedFact(
        concept=concept,
        value=float(val),
        unit=unit,
        end=end,
        start=parse_date(entry.get("start")),
        raw=str(val),
        filed=parse_date(entry.get("filed")),
    )
    return _Reported(accn=accn, form=entry.get("form"), fact=fact)


def _finite(val: float) -> bool:
    """True for a number a float can hold (an int of 400 digits cannot)."""
    try:
        return math.isfinite(float(val))
    except OverflowError:
        return False


def _skipped_warnings(skipped: list[str], *, name: str) -> list[FilingWarning]:
    if not skipped:
        return []
    return [
        FilingWarning(
            code=WarningCode.MALFORMED_FACT,
            message=(
                f"{len(skipped)} company-facts entr{'y was' if len(skipped) == 1 else 'ies were'} "
                f"skipped as malformed (first: {skipped[0]})"
            ),
            document=name,
        )
    ]


def _header(data: dict[str, Any]) -> tuple[str | None, str | None]:
    name = data.get("entityName")
    company = name.strip() or None if isinstance(name, str) else None
    cik = data.get("cik")
    return company, normal_cik(str(cik)) if isinstance(cik, int | str) else None


def read_companyfacts(text: str, *, name: str, sha256: str) -> Filing:
    """Read a company-facts file into one filing: the latest known value per field and period.

    Parameters
    ----------
    text : str
        The decoded JSON.
    name : str
        The document name.
    sha256 : str
        SHA-256 of the bytes read.

    Returns
    -------
    Filing
        ``filed`` is the latest filing date in the file; each value's provenance carries
        the ``filed`` date of the filing it was taken from.

    Raises
    ------
    DocumentError
        When the file is not a company-facts JSON object.
    """
    data, reported, skipped = _load(text, name=name)
    latest: dict[tuple[str, str, date | None, date], TaggedFact] = {}
    for item in reported:
        f = item.fact
        key = (f.concept, f.unit, f.start, f.end)
        known = latest.get(key)
        if known is None or (f.filed or date.min) >= (known.filed or date.min):
            latest[key] = f
    periods, warnings = facts_to_periods(latest.values(), document=name, source=Source.XBRL)
    company, cik = _header(data)
    filed_dates = [f.filed for f in latest.values() if f.filed is not None]
    return Filing(
        source=name,
        sha256=sha256,
        company=company,
        cik=cik,
        form=None,
        filed=max(filed_dates) if filed_dates else None,
        periods=periods,
        warnings=skipped + warnings,
    )


def read_companyfacts_filings(text: str, *, name: str, sha256: str) -> list[Filing]:
    """Read a company-facts file into one filing per accession number.

    Each filing holds the values its accession reported (restated comparatives
    included, as that filing printed them), its ``filed`` date and form. Its ``source``
    is ``"<name>#<accession>"`` and its single :class:`DocumentInfo` names the accession.

    Returns
    -------
    list of Filing
        Sorted by filed date, then accession.
    """
    data, reported, skipped = _load(text, name=name)
    company, cik = _header(data)
    by_accn: dict[str, list[_Reported]] = {}
    for item in reported:
        by_accn.setdefault(item.accn, []).append(item)
    filings: list[Filing] = []
    for accn, items in by_accn.items():
        forms = Counter(i.form for i in items if i.form)
        form = forms.most_common(1)[0][0] if forms else None
        filed_dates = [i.fact.filed for i in items if i.fact.filed is not None]
        filed = min(filed_dates) if filed_dates else None
        periods, warnings = facts_to_periods(
            (i.fact for i in items), document=name, document_type=form, source=Source.XBRL
        )
        filings.append(
            Filing(
                source=f"{name}#{accn}",
                sha256=sha256,
                company=company,
                cik=cik,
                form=form,
                filed=filed,
                documents=[DocumentInfo(type=form, description=f"accession {accn}")],
                periods=periods,
                warnings=warnings,
            )
        )
    filings.sort(key=lambda f: (f.filed or date.min, f.source))
    if skipped and filings:  # said once, with the latest filing (the one a report reads)
        filings[-1] = filings[-1].model_copy(update={"warnings": skipped + filings[-1].warnings})
    return filings
