"""Normalising printed tables and tagged facts into financials.md line items per period."""

from risk.statements._labels import match_label, normalise_label
from risk.statements._normalise import NormalisedTable, normalise_table
from risk.statements._numbers import Amount, parse_amount
from risk.statements._periods import (
    ColumnPeriod,
    Scale,
    first_date_after,
    fiscal_year_end,
    parse_column_period,
    parse_scale,
    stated_period_ends,
)

__all__ = [
    "Amount",
    "ColumnPeriod",
    "NormalisedTable",
    "Scale",
    "first_date_after",
    "fiscal_year_end",
    "match_label",
    "normalise_label",
    "normalise_table",
    "parse_amount",
    "parse_column_period",
    "parse_scale",
    "stated_period_ends",
]
