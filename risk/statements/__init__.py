"""Normalising printed tables and tagged facts into financials.md line items per period.

The map of tagged (XBRL) facts is imported on first use of its names, so reading a
printed document does not pay for it.
"""

from typing import TYPE_CHECKING

from risk._lazy import lazy_exports
from risk.statements._complete import complete_filing
from risk.statements._derive import derive_period
from risk.statements._equity import equity_statement_balances
from risk.statements._normalise import NormalisedTable, confirm_flow_balances, normalise_table
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
from risk.statements._plausible import IMPLAUSIBLE, refused_values, screen_periods
from risk.statements._restricted_cash import RESTRICTED_CASH_NOTE, settle_restricted_cash
from risk.statements._scale_check import (
    ScaleCheck,
    StatedAmount,
    confirm_scale,
    stated_amounts,
)

if TYPE_CHECKING:
    from risk.statements._xbrl_map import (
        TaggedFact,
        facts_to_periods,
        mapped_concepts,
        values_agree,
    )
else:
    __getattr__ = lazy_exports(
        globals(),
        {
            "TaggedFact": "risk.statements._xbrl_map",
            "facts_to_periods": "risk.statements._xbrl_map",
            "mapped_concepts": "risk.statements._xbrl_map",
            "values_agree": "risk.statements._xbrl_map",
        },
    )

__all__ = [
    "IMPLAUSIBLE",
    "RESTRICTED_CASH_NOTE",
    "ColumnPeriod",
    "NormalisedTable",
    "Scale",
    "ScaleCheck",
    "StatedAmount",
    "TaggedFact",
    "complete_filing",
    "confirm_flow_balances",
    "confirm_scale",
    "derive_period",
    "equity_statement_balances",
    "facts_to_periods",
    "first_date_after",
    "fiscal_year_end",
    "fiscal_year_names",
    "mapped_concepts",
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
