"""The codes of the warnings a filing, a timeline and a report carry (one place).

A warning (:class:`risk.financials.FilingWarning`, :class:`risk.report.ReportWarning`) has a
``code``, a short stable identifier that a program may test, and a message for a
person. Every code `risk` emits is a member of :class:`WarningCode`; the models keep
``code`` a plain string in their JSON (the member's value), so a filing saved by an
older version still loads. The README's "Warning codes" table lists them in the terms
of ``financials.md`` (line items, periods, balances and flows, provenance).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["WarningCode"]


class WarningCode(StrEnum):
    """Why a value was left out, changed or is unsure. Grouped by the stage that emits it."""

    # --- documents and extraction (one filing)
    #: the submission's SGML envelope is incomplete (no ``</SEC-HEADER>``, a
    #: ``<DOCUMENT>`` or ``<TEXT>`` left open, no ``<DOCUMENT>`` at all)
    HEADER = "header"
    #: no financial table, prose amount, tagged fact or distress signal in the document
    NOTHING_FOUND = "nothing_found"
    #: two parts of one submission give different values for a line item and period;
    #: the first is kept
    PARTS_DISAGREE = "parts_disagree"
    #: two tables of one part give different values for a line item and period
    TABLES_DISAGREE = "tables_disagree"
    #: a column repeats the figures of a period ending a few days apart; it is dropped
    NEAR_DUPLICATE_PERIOD = "near_duplicate_period"
    #: the table's scale (thousands, millions) was settled by the text around it
    SCALE_CONFIRMED = "scale_confirmed"
    #: some of the part's tables give another entity's figures (a parent, a subsidiary,
    #: an affiliate) and were left out
    OTHER_ENTITY_TABLE = "other_entity_table"
    #: the only tables with figures are another entity's: nothing is read
    OTHER_ENTITY_ONLY = "other_entity_only"
    #: tables introduced as segment, geographic or product breakdowns were left out
    TABLE_NOT_CONSOLIDATED = "table_not_consolidated"
    #: a balance (assets, liabilities) printed negative in a table is left out
    NEGATIVE_BALANCE = "negative_balance"
    #: the inline XBRL and the HTML table give different values for a line item
    IXBRL_TABLE_DISAGREE = "ixbrl_table_disagree"
    #: numeric XBRL facts whose value could not be read
    XBRL_UNREADABLE_FACT = "xbrl_unreadable_fact"
    #: company-facts entries of the wrong type or not a finite number were skipped
    MALFORMED_FACT = "malformed_fact"
    #: an XBRL part of the submission was not read (unsafe or malformed)
    XBRL_PART_UNREADABLE = "xbrl_part_unreadable"
    #: the XBRL cover's CIK is not digits
    BAD_CIK = "bad_cik"
    #: one concept has different values for a period; the next concept of the chain is used
    XBRL_CONFLICT = "xbrl_conflict"
    #: tagged facts of a period that is not 3, 6, 9 or 12 months long were skipped
    STUB_PERIOD = "stub_period"

    # --- statements (one table)
    #: no column of the table could be given a period; its figures are left out
    COLUMNS_UNDATED = "columns_undated"
    #: several columns are headed by the same period (segments side by side?)
    COLUMNS_AMBIGUOUS = "columns_ambiguous"
    #: the table reports segments or regions, not consolidated totals; not read
    SEGMENT_TABLE = "segment_table"
    #: the table counts something other than money; not read
    NOT_MONEY = "not_money"
    #: the table is titled pro forma; its figures are not the historical ones
    PRO_FORMA_TABLE = "pro_forma_table"
    #: the statement is split by sector; only its consolidated rows are read
    SECTOR_SPLIT = "sector_split"
    #: rows repeat under a new heading (subsidiaries side by side); the rest is not read
    REPEATED_BLOCKS = "repeated_blocks"
    #: a row prints as many positive as negative figures: its sign is unclear, left out
    AMBIGUOUS_SIGN = "ambiguous_sign"
    #: the table states no scale and none was found near it; its amounts are left out
    SCALE_UNKNOWN = "scale_unknown"
    #: flows in columns headed by a bare date (no period length) are left out
    PERIOD_LENGTH_UNKNOWN = "period_length_unknown"
    #: the scale of share counts is not stated and EPS does not settle it
    SHARE_SCALE_UNKNOWN = "share_scale_unknown"
    #: net income / weighted shares contradicts the printed EPS under the stated scale
    SHARE_SCALE_CONTRADICTED = "share_scale_contradicted"
    #: a line item and period printed twice in one table; the first is kept
    DUPLICATE_ROW = "duplicate_row"
    #: an accounting identity or a cross-period check does not hold
    CHECK_FAILED = "check_failed"
    #: a balance printed in a statement of flows does not match the balance sheet
    FLOW_BALANCE_UNCONFIRMED = "flow_balance_unconfirmed"
    #: a value no listed company can report (``plausibility.json``) is left out
    IMPLAUSIBLE_VALUE = "implausible_value"

    # --- timelines (a company's filings together)
    #: filings give different values for a line item and period; the timeline keeps the
    #: best-ranked one (its source and filing date) and names the other
    CONFLICT = "conflict"
    #: a reported figure replaces an estimate of the same line item and period
    ESTIMATE_SUPERSEDED = "estimate_superseded"
    #: 12-month flows to a period end could not be built (no fiscal year and prior period)
    NO_TTM = "no_ttm"
    #: a filing without a filing date: only its dated values are used point in time
    UNDATED_FILING = "undated_filing"

    # --- features and report
    #: no balances and no 12-month flows: every feature is missing
    NO_PERIODS = "no_periods"
    #: signals or facts from filings too old for the latest period are not used as evidence
    STALE_STATEMENTS = "stale_statements"
    #: signals from filings too old at as_of do not adjust the probability
    STALE_SIGNALS = "stale_signals"
    #: no filing date in the inputs: as_of is the latest period end
    AS_OF_FROM_PERIOD = "as_of_from_period"
    #: year-to-date flows were annualised (no 12-month flows to the latest period)
    ANNUALISED_FLOWS = "annualised_flows"
    #: a period of the trend could not be scored (the reason follows)
    NOT_SCORED = "not_scored"
