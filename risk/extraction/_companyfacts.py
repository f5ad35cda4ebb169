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
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from risk.exceptions import DocumentError
from risk.extraction._xbrl_facts import parse_date
from risk.financials import DocumentInfo, Filing, Source
from risk.statements import TaggedFact, facts_to_periods, mapped_concepts

__all__ = ["read_companyfacts", "read_companyfacts_filings"]


@dataclass(frozen=True)
class _Reported:
    accn: str
    form: str | None
    fact: TaggedFact


def _load(text: str, *, name: str) -> tuple[dict[str, Any], list[_Reported]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"the company-facts file is not valid JSON: {exc}", source=name
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise DocumentError(
            "a company-facts file must be a JSON object with a 'facts' object", source=name
        )
    wanted = mapped_concepts()
    reported: list[_Reported] = []
    for taxonomy, concepts in data["facts"].items():
        if not isinstance(concepts, dict):
            continue
        for concept, body in concepts.items():
            qname = f"{taxonomy}:{concept}"
            if qname not in wanted or not isinstance(body, dict):
                continue
            for unit, entries in (body.get("units") or {}).items():
                for entry in entries:
                    end = parse_date(entry.get("end"))
                    val = entry.get("val")
                    accn = entry.get("accn")
                    if end is None or not isinstance(val, int | float) or not accn:
                        continue
                    fact = TaggedFact(
                        concept=qname,
                        value=float(val),
                        unit=unit,
                        end=end,
                        start=parse_date(entry.get("start")),
                        raw=str(val),
                        filed=parse_date(entry.get("filed")),
                    )
                    reported.append(_Reported(accn=accn, form=entry.get("form"), fact=fact))
    return data, reported


def _header(data: dict[str, Any]) -> tuple[str | None, str | None]:
    company = data.get("entityName") or None
    cik_raw = data.get("cik")
    cik = str(cik_raw).strip() if cik_raw is not None else None
    if cik is not None and not cik.lstrip("0").isdigit():
        cik = None
    return company, cik


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
    data, reported = _load(text, name=name)
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
        warnings=warnings,
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
    data, reported = _load(text, name=name)
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
    return filings
