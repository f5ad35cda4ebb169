"""Tiny hand-made filings for the statements tests: an SEC header and HTML tables.

Written for these tests (no real document is copied); each test states the arithmetic it
expects by hand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

HEADER = """<SEC-DOCUMENT>0000950109-{year}-000001.txt : {filed}
<SEC-HEADER>0000950109-{year}-000001.hdr.sgml : {filed}
ACCESSION NUMBER:		0000950109-{year}-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	{period}
FILED AS OF DATE:		{filed}

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			EXAMPLE WIDGETS INC
		CENTRAL INDEX KEY:			0000123456
</SEC-HEADER>
"""

Rows = Sequence[tuple[str, Sequence[str]]]


def table(title: str, columns: Sequence[str], rows: Rows) -> str:
    """One HTML table: a title paragraph, a header row, then label and cells per row."""
    head = "".join(f"<td>{c}</td>" for c in columns)
    body = "".join(
        "<tr><td>{}</td>{}</tr>".format(label, "".join(f"<td>{v}</td>" for v in cells))
        for label, cells in rows
    )
    return f"<p>{title}</p><table><tr><td></td>{head}</tr>{body}</table>"


def submission(*exhibits: str, filed: str = "20240215", period: str = "20231231") -> str:
    """An 8-K submission with one HTML exhibit (EX-99.1, EX-99.2 ...) per argument."""
    parts = [HEADER.format(year=filed[2:4], filed=filed, period=period)]
    for n, html in enumerate(exhibits, start=1):
        parts.append(
            f"<DOCUMENT>\n<TYPE>EX-99.{n}\n<SEQUENCE>{n}\n<TEXT>\n"
            f"<html><body>{html}</body></html>\n</TEXT>\n</DOCUMENT>\n"
        )
    parts.append("</SEC-DOCUMENT>\n")
    return "".join(parts)


def company_facts(
    facts: dict[str, list[dict[str, object]]], *, name: str = "Example Corp"
) -> bytes:
    """An EDGAR company-facts file: concept -> list of entries (end, val, start ...)."""
    body = {concept: {"units": {"USD": entries}} for concept, entries in facts.items()}
    data = {"cik": 1234567, "entityName": name, "facts": {"us-gaap": body}}
    return json.dumps(data).encode()


def fact(
    val: float,
    end: str,
    start: str | None = None,
    *,
    filed: str = "2024-02-15",
    accn: str = "0000000001-24-000001",
    form: str = "10-K",
) -> dict[str, object]:
    """One company-facts entry."""
    entry: dict[str, object] = {"end": end, "val": val, "accn": accn, "form": form, "filed": filed}
    if start is not None:
        entry["start"] = start
    return entry


INSTANCE_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance"
      xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
      xmlns:dei="http://xbrl.sec.gov/dei/2022"
      xmlns:us-gaap="http://fasb.org/us-gaap/2022">
  <unit id="USD"><measure>iso4217:USD</measure></unit>
  <dei:EntityRegistrantName contextRef="{first}">Example Corp</dei:EntityRegistrantName>
  <dei:EntityCentralIndexKey contextRef="{first}">0000012345</dei:EntityCentralIndexKey>
"""


def instance(
    contexts: dict[str, tuple[str | None, str]], facts: list[tuple[str, str, int]]
) -> bytes:
    """An XBRL instance: context id -> (start or None for an instant, end); facts are
    (concept local name in us-gaap, context id, value in dollars)."""
    parts = [INSTANCE_HEAD.format(first=next(iter(contexts)))]
    for cid, (start, end) in contexts.items():
        period = (
            f"<instant>{end}</instant>"
            if start is None
            else f"<startDate>{start}</startDate><endDate>{end}</endDate>"
        )
        parts.append(
            f'  <context id="{cid}"><entity><identifier scheme="http://www.sec.gov/CIK">'
            f"0000012345</identifier></entity><period>{period}</period></context>\n"
        )
    for concept, cid, value in facts:
        parts.append(
            f'  <us-gaap:{concept} contextRef="{cid}" unitRef="USD" decimals="0">{value}'
            f"</us-gaap:{concept}>\n"
        )
    parts.append("</xbrl>\n")
    return "".join(parts).encode()
