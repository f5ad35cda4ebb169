"""Normalising printed tables and tagged facts into financials.md line items per period."""

from risk.statements._checks import cross_period_checks
from risk.statements._complete import complete_filing
from risk.statements._derive import Identity, Term, derive_period, identities
from risk.statements._equity import EQUITY_STATEMENT_TITLE, equity_statement_balances
from risk.statements._labels import match_label, normalise_label
from risk.statements._normalise import (
    FLOW_BALANCE_NOTE,
    NormalisedTable,
    confirm_flow_balances,
    normalise_table,
)
from risk.statements._periods import (
    ColumnPeriod,
    Scale,
    first_date_after,
    fiscal_year_end,
    fiscal_year_names,
    parse_column_period,
    parse_scale,
    stated_period_ends,
)
from risk.statements._plausible import (
    IMPLAUSIBLE,
    PlausibilityRule,
    refused_values,
    screen_periods,
)
from risk.statements._restricted_cash import RESTRICTED_CASH_NOTE, settle_restricted_cash
from risk.statements._scale_check import (
    ScaleCheck,
    StatedAmount,
    confirm_scale,
    stated_amounts,
)
from risk.statements._xbrl_map import TaggedFact, facts_to_periods, mapped_concepts, values_agree

__all__ = [
    "EQUITY_STATEMENT_TITLE",
    "FLOW_BALANCE_NOTE",
    "IMPLAUSIBLE",
    "RESTRICTED_CASH_NOTE",
    "ColumnPeriod",
    "Identity",
    "NormalisedTable",
    "PlausibilityRule",
    "Scale",
    "ScaleCheck",
    "StatedAmount",
    "TaggedFact",
    "Term",
    "complete_filing",
    "confirm_flow_balances",
    "confirm_scale",
    "cross_period_checks",
    "derive_period",
    "equity_statement_balances",
    "facts_to_periods",
    "first_date_after",
    "fiscal_year_end",
    "fiscal_year_names",
    "identities",
    "mapped_concepts",
    "match_label",
    "normalise_label",
    "normalise_table",
    "parse_column_period",
    "parse_scale",
    "refused_values",
    "screen_periods",
    "settle_restricted_cash",
    "stated_amounts",
    "stated_period_ends",
    "values_agree",
]
