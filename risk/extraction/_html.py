"""HTML and inline-XBRL parts: tables and tagged facts to periods, text for the signals.

The part is reduced to readable text (:func:`risk.documents._html.html_to_text`); its
tables are read into :class:`~risk.tables.RawTable` and normalised by the shared
normaliser (``risk.statements``), the same code that reads plain-text tables. When the
document carries inline XBRL (``ix:nonFraction``), the tagged facts are mapped through
``risk/statements/xbrl_concepts.json`` and preferred; the primary statements' table
values are cross-checked against them (a disagreement is a warning) and fill the fields
nothing tagged, in the periods the tags establish.
"""

from __future__ import annotations

from datetime import date

from risk.documents import DocumentPart, html_to_text, parse_html
from risk.extraction._cover import read_cover
from risk.extraction._cover_shares import cover_shares, tagged_cover_shares
from risk.extraction._entities import other_entity_warning
from risk.extraction._ixbrl import read_inline_facts
from risk.extraction._result import PartResult, dei_fields
from risk.financials import FilingWarning, LineItem, PeriodValues, Provenance, Source, WarningCode
from risk.statements import (
    NormalisedTable,
    confirm_flow_balances,
    equity_statement_balances,
    facts_to_periods,
    fiscal_year_end,
    fiscal_year_names,
    normalise_table,
    parse_column_period,
    settle_restricted_cash,
    stated_period_ends,
    values_agree,
)
from risk.tables import (
    OtherEntityTable,
    RawTable,
    TablePriority,
    other_entity,
    read_html_tables,
    table_priority,
)

__all__ = ["merge_tagged_and_tables", "read_html_part"]

_Key = tuple[date, int]


def _normalise_tables(
    tables: list[RawTable], *, document: str, text: str = ""
) -> tuple[list[PeriodValues], list[PeriodValues], list[FilingWarning]]:
    """Normalise raw tables with the shared normaliser (``risk.statements.normalise_table``).

    A table that states no scale borrows the scale of the table before it in the same
    document (statements printed one after another under one "(in thousands)"). Tables
    titled as parent-company-only or consolidating schedules are left out; the primary
    statements are merged first, so their figures win over MD&A and note tables.

    When a table titled as a primary statement gives values, only such tables are used.
    Negative assets and liabilities are left out with a warning, and so are the tables of
    other entities (:func:`~risk.tables.other_entity`: affiliates, subsidiaries, the
    parent alone, guarantors, acquirees, discontinued operations). ``text`` (the part as
    readable text) gives the fiscal-year end of the cover and the period ends printed in
    prose, for columns headed by a year alone.

    Returns
    -------
    periods : list of PeriodValues
        The tables merged.
    statement_periods : list of PeriodValues
        Only the tables titled as primary statements, merged.
    warnings : list of FilingWarning
    """
    ranked: list[tuple[int, int, NormalisedTable]] = []
    scaled: list[tuple[RawTable, float | None]] = []
    warnings: list[FilingWarning] = []
    skipped = 0
    scale: float | None = None
    known_ends = {
        cp.end
        for table in tables
        for header in table.columns
        if (cp := parse_column_period(header)).end is not None
    } | stated_period_ends(text)
    fiscal_end = fiscal_year_end(text)
    fiscal_years = fiscal_year_names(text)
    others: list[OtherEntityTable] = []
    for index, table in enumerate(tables):
        entity = other_entity(table)
        priority = table_priority(table)
        result = normalise_table(
            table,
            scale=scale,
            known_ends=known_ends,
            fiscal_year_end=fiscal_end,
            fiscal_years=fiscal_years,
        )
        if result.scale is not None:
            scale = result.scale
        if entity is not None:
            if result.periods:
                others.append(entity)
            continue
        if priority is None:
            skipped += bool(result.periods)
            continue
        scaled.append((table, result.scale))
        ranked.append((int(priority), index, result))
        warnings.extend(result.warnings)
    if skipped:
        warnings.append(
            FilingWarning(
                code=WarningCode.TABLE_NOT_CONSOLIDATED,
                message=(
                    f"{skipped} table(s) introduced as segment, geographic or product "
                    "breakdowns were left out"
                ),
                document=document,
            )
        )
    ranked.sort(key=lambda r: (r[0], r[1]))
    primary = [
        pv for p, _i, result in ranked if p == TablePriority.STATEMENT for pv in result.periods
    ]
    # when the statements are printed, note and MD&A tables (a net-debt reconciliation
    # printing cash as "(126.3)") add nothing but risk
    periods = primary or [pv for _p, _i, result in ranked for pv in result.periods]
    every = [pv for _p, _i, result in ranked for pv in result.periods]
    merged, guard_warnings = _guard_balances(_first_wins(periods), document=document)
    merged = settle_restricted_cash(merged, seen=periods, printed=every)
    merged, flow_warnings = confirm_flow_balances(merged, document=document, seen=periods)
    statements, _ = _guard_balances(_first_wins(primary), document=document)
    statements = settle_restricted_cash(statements, seen=primary, printed=every)
    statements, _ = confirm_flow_balances(statements, document=document, seen=primary)
    # equity at the other dates of the statement of equity, where the sheet confirms it
    merged = _first_wins(merged + equity_statement_balances(scaled, merged))
    statements = _first_wins(statements + equity_statement_balances(scaled, statements))
    left_out = other_entity_warning(others, read_any=bool(merged), document=document)
    if left_out is not None:
        warnings.append(left_out)
    return merged, statements, warnings + guard_warnings + flow_warnings


#: Balances financials.md keeps positive: a negative one was misread (a reconciliation
#: that subtracts cash, a contra line), so it is left out.
_POSITIVE = frozenset(
    {
        LineItem.CASH,
        LineItem.RECEIVABLES,
        LineItem.INVENTORY,
        LineItem.CURRENT_ASSETS,
        LineItem.TOTAL_ASSETS,
        LineItem.CURRENT_LIABILITIES,
        LineItem.SHORT_TERM_DEBT,
        LineItem.LONG_TERM_DEBT,
        LineItem.TOTAL_LIABILITIES,
    }
)


def _guard_balances(
    periods: list[PeriodValues], *, document: str
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Leave out negative assets and liabilities read from tables, with a warning."""
    out: list[PeriodValues] = []
    warnings: list[FilingWarning] = []
    for pv in periods:
        bad = [item for item, value in pv.values.items() if item in _POSITIVE and value < 0]
        if not bad:
            out.append(pv)
            continue
        for item in bad:
            warnings.append(
                FilingWarning(
                    code=WarningCode.NEGATIVE_BALANCE,
                    message=(
                        f"{item.value} for {pv.end} is {pv.values[item]:,.0f} in a table; "
                        "assets and liabilities are positive, so it is left out"
                    ),
                    document=document,
                )
            )
        values = {k: v for k, v in pv.values.items() if k not in bad}
        if values:
            prov = {k: v for k, v in pv.provenance.items() if k in values}
            out.append(
                PeriodValues(
                    end=pv.end,
                    months=pv.months,
                    values=values,
                    provenance=prov,
                    estimate=pv.estimate,
                )
            )
    return out, warnings


def _first_wins(periods: list[PeriodValues]) -> list[PeriodValues]:
    """Merge period values of several tables: the first table to give a field keeps it."""
    merged: dict[_Key, tuple[dict[LineItem, float], dict[LineItem, Provenance]]] = {}
    for pv in periods:
        values, prov = merged.setdefault((pv.end, pv.months), ({}, {}))
        for item, value in pv.values.items():
            if item not in values:
                values[item] = value
                if item in pv.provenance:
                    prov[item] = pv.provenance[item]
    return [
        PeriodValues(end=end, months=months, values=v, provenance=p)
        for (end, months), (v, p) in sorted(merged.items())
    ]


def merge_tagged_and_tables(
    tagged: list[PeriodValues], tables: list[PeriodValues], *, document: str
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Prefer tagged (inline XBRL) values; cross-check and fill gaps with table values.

    Table values only fill fields of periods the tagged facts establish.

    A field present in both that differs by more than 0.5% (and more than one unit)
    gives a ``ixbrl_table_disagree`` warning; the tagged value is kept.

    Returns
    -------
    periods : list of PeriodValues
    warnings : list of FilingWarning
    """
    merged: dict[_Key, tuple[dict[LineItem, float], dict[LineItem, Provenance]]] = {}
    for pv in tagged:
        merged[(pv.end, pv.months)] = (dict(pv.values), dict(pv.provenance))
    warnings: list[FilingWarning] = []
    for pv in tables:
        if (pv.end, pv.months) not in merged:
            # a period the tagged facts do not establish (e.g. a predecessor/successor
            # stub whose header reads like a quarter): the table alone is not trusted
            continue
        values, prov = merged[(pv.end, pv.months)]
        for item, value in pv.values.items():
            if item not in values:
                values[item] = value
                if item in pv.provenance:
                    prov[item] = pv.provenance[item]
            elif not values_agree(values[item], value):
                label = pv.provenance[item].label if item in pv.provenance else None
                warnings.append(
                    FilingWarning(
                        code=WarningCode.IXBRL_TABLE_DISAGREE,
                        message=(
                            f"{item.value} for {pv.end} ({pv.months}m) is {values[item]:,.2f} "
                            f"in the inline XBRL and {value:,.2f} in the table"
                            + (f" (row {label!r})" if label else "")
                            + "; the tagged value is kept"
                        ),
                        document=document,
                    )
                )
    periods = [
        PeriodValues(end=end, months=months, values=v, provenance=p)
        for (end, months), (v, p) in sorted(merged.items())
        if v
    ]
    return periods, warnings


def read_html_part(part: DocumentPart, *, document: str) -> PartResult:
    """Read the tables (and inline XBRL facts) of an HTML part into periods.

    Parameters
    ----------
    part : DocumentPart
        An HTML part (a bare ``.htm`` document or an HTML exhibit of a submission).
    document : str
        The document name, for provenance.

    Returns
    -------
    PartResult
        ``text`` is the part reduced to readable text and ``text_offset`` is None:
        signal spans are offsets into that text, not into the file.

    Raises
    ------
    UnsafeDocumentError
        When the part declares XML entities.
    """
    if not part.text.strip():
        return PartResult(text="", text_offset=None)
    root = parse_html(part.text, name=document)
    html = html_to_text(root, markup=part.text)
    raw_tables = read_html_tables(html, document=document, document_type=part.type)
    table_periods, statement_periods, table_warnings = _normalise_tables(
        raw_tables, document=document, text=html.text
    )
    warnings: list[FilingWarning] = []
    inline = read_inline_facts(root, markup=part.text)
    company = inline.dei.get("EntityRegistrantName") or None
    tagged: list[PeriodValues] = []
    if inline.count:
        tagged, tag_warnings = facts_to_periods(
            inline.facts, document=document, document_type=part.type, source=Source.XBRL
        )
        warnings.extend(tag_warnings)
        if inline.unreadable:
            warnings.append(
                FilingWarning(
                    code=WarningCode.XBRL_UNREADABLE_FACT,
                    message=(
                        f"{len(inline.unreadable)} inline XBRL fact(s) could not be read, "
                        f"e.g. {inline.unreadable[0]}"
                    ),
                    document=document,
                )
            )
    if tagged:
        # the primary statements cross-check the tagged values and fill fields nothing
        # tagged; other tables (notes, MD&A) and the tables' own warnings are left out
        periods, check_warnings = merge_tagged_and_tables(
            tagged, statement_periods, document=document
        )
        warnings.extend(check_warnings)
    else:
        periods = table_periods
        warnings.extend(table_warnings)
    dei_cik, dei_form, dei_period = dei_fields(inline.dei)
    cover = read_cover(html.text)
    shares = tagged_cover_shares(
        ((f.concept, f.value, f.end) for f in inline.facts), document=document
    )
    if not shares and cover.form:  # the cover of a periodic report, not a press release
        shares = cover_shares(html.text, document=document)
    return PartResult(
        periods=periods,
        warnings=warnings,
        text=html.text,
        text_offset=None,
        company=company or cover.company,
        cik=dei_cik,
        form=dei_form or cover.form,
        period_of_report=dei_period or cover.period_of_report,
        cover_shares=shares,
    )
