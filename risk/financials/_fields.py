"""The vocabulary of ``financials.md``: line items, fact kinds and signal kinds."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ADDED_FIELDS",
    "FLOW_FIELDS",
    "LINE_ITEMS",
    "NON_ADDITIVE_FLOWS",
    "POINT_IN_TIME_FIELDS",
    "VALID_MONTHS",
    "FactKind",
    "LineItem",
    "SignalKind",
    "SignalState",
    "Subject",
]


class LineItem(StrEnum):
    """A line item of the financials contract (the field names of financials.md).

    Beyond financials.md (which allows fields to be added, never renamed or re-signed),
    :data:`ADDED_FIELDS` are the items the statements layer needs to derive and check
    totals: ``noncurrent_liabilities`` (total noncurrent liabilities), ``temporary_equity``
    (redeemable preferred stock and redeemable noncontrolling interests, shown between
    liabilities and equity), ``total_equity`` (equity including noncontrolling
    interests), and the flows ``consolidated_net_income`` (net income including
    noncontrolling interests, where the cash-flow statement starts),
    ``minority_interest_income`` (net income attributable to noncontrolling interests)
    and ``ending_cash`` (the cash the cash-flow statement ends the period with, dated by
    the period it covers; not additive).
    """

    # point-in-time balances (months = 0)
    CASH = "cash"
    RECEIVABLES = "receivables"
    INVENTORY = "inventory"
    CURRENT_ASSETS = "current_assets"
    TOTAL_ASSETS = "total_assets"
    CURRENT_LIABILITIES = "current_liabilities"
    SHORT_TERM_DEBT = "short_term_debt"
    LONG_TERM_DEBT = "long_term_debt"
    TOTAL_LIABILITIES = "total_liabilities"
    MINORITY_INTEREST = "minority_interest"
    RETAINED_EARNINGS = "retained_earnings"
    STOCKHOLDERS_EQUITY = "stockholders_equity"
    WORKING_CAPITAL = "working_capital"
    SHARES_OUTSTANDING = "shares_outstanding"
    MARKET_VALUE_EQUITY = "market_value_equity"
    NONCURRENT_LIABILITIES = "noncurrent_liabilities"
    TEMPORARY_EQUITY = "temporary_equity"
    TOTAL_EQUITY = "total_equity"
    # flows (months = 3, 6, 9 or 12)
    REVENUE = "revenue"
    COST_OF_SALES = "cost_of_sales"
    GROSS_PROFIT = "gross_profit"
    SGA = "sga"
    RND = "rnd"
    DEPRECIATION_AMORTIZATION = "depreciation_amortization"
    IMPAIRMENTS = "impairments"
    OPERATING_EXPENSES = "operating_expenses"
    OPERATING_INCOME = "operating_income"
    EBITDA = "ebitda"
    INTEREST_EXPENSE = "interest_expense"
    OTHER_INCOME = "other_income"
    PRETAX_INCOME = "pretax_income"
    INCOME_TAX_EXPENSE = "income_tax_expense"
    NET_INCOME = "net_income"
    EPS_BASIC = "eps_basic"
    EPS_DILUTED = "eps_diluted"
    WEIGHTED_SHARES_BASIC = "weighted_shares_basic"
    WEIGHTED_SHARES_DILUTED = "weighted_shares_diluted"
    OPERATING_CASH_FLOW = "operating_cash_flow"
    CAPITAL_EXPENDITURES = "capital_expenditures"
    CONSOLIDATED_NET_INCOME = "consolidated_net_income"
    MINORITY_INTEREST_INCOME = "minority_interest_income"
    ENDING_CASH = "ending_cash"

    @property
    def is_flow(self) -> bool:
        """Whether the item is a flow (income statement, cash flow) rather than a balance."""
        return self.value in FLOW_FIELDS


POINT_IN_TIME_FIELDS: tuple[str, ...] = (
    "cash",
    "receivables",
    "inventory",
    "current_assets",
    "total_assets",
    "current_liabilities",
    "short_term_debt",
    "long_term_debt",
    "total_liabilities",
    "minority_interest",
    "retained_earnings",
    "stockholders_equity",
    "working_capital",
    "shares_outstanding",
    "market_value_equity",
    "noncurrent_liabilities",
    "temporary_equity",
    "total_equity",
)

FLOW_FIELDS: tuple[str, ...] = (
    "revenue",
    "cost_of_sales",
    "gross_profit",
    "sga",
    "rnd",
    "depreciation_amortization",
    "impairments",
    "operating_expenses",
    "operating_income",
    "ebitda",
    "interest_expense",
    "other_income",
    "pretax_income",
    "income_tax_expense",
    "net_income",
    "eps_basic",
    "eps_diluted",
    "weighted_shares_basic",
    "weighted_shares_diluted",
    "operating_cash_flow",
    "capital_expenditures",
    "consolidated_net_income",
    "minority_interest_income",
    "ending_cash",
)

LINE_ITEMS: tuple[str, ...] = POINT_IN_TIME_FIELDS + FLOW_FIELDS

#: Flows that do not add up over periods (per-share figures, share counts, the cash a
#: period ends with): no quarter is the difference of two year-to-date figures of these.
NON_ADDITIVE_FLOWS: frozenset[str] = frozenset(
    {"eps_basic", "eps_diluted", "weighted_shares_basic", "weighted_shares_diluted", "ending_cash"}
)

#: The fields added to financials.md's (see :class:`LineItem`).
ADDED_FIELDS: tuple[str, ...] = (
    "noncurrent_liabilities",
    "temporary_equity",
    "total_equity",
    "consolidated_net_income",
    "minority_interest_income",
    "ending_cash",
)

#: ``months`` allowed for a period: 0 for balances, 3/6/9/12 for flows.
VALID_MONTHS: frozenset[int] = frozenset({0, 3, 6, 9, 12})


class FactKind(StrEnum):
    """An amount stated in prose (financials.md "facts")."""

    FINANCING_NEED = "financing_need"
    DEBT_UNDER_RENEGOTIATION = "debt_under_renegotiation"
    REVENUE_ESTIMATE = "revenue_estimate"


class SignalKind(StrEnum):
    """A distress signal asserted by the text of a filing (financials.md "signals")."""

    GOING_CONCERN_DOUBT = "going_concern_doubt"
    DELISTING_NOTICE = "delisting_notice"
    LATE_FILING = "late_filing"
    COVENANT_BREACH = "covenant_breach"
    DEBT_RESTRUCTURING = "debt_restructuring"
    FINANCING_NEED = "financing_need"
    LIQUIDITY_CRISIS = "liquidity_crisis"
    ASSET_WRITEDOWN = "asset_writedown"
    RESTRUCTURING_CHARGES = "restructuring_charges"
    MANAGEMENT_CHANGE = "management_change"
    INVESTMENT_DELAYED = "investment_delayed"
    BANKRUPTCY_FILING = "bankruptcy_filing"
    #: the filer says earlier statements can no longer be relied upon (8-K Item 4.02)
    RESTATEMENT = "restatement"
    #: the certifying accountant was dismissed or resigned (8-K Item 4.01): context only
    AUDITOR_CHANGE = "auditor_change"


class Subject(StrEnum):
    """Whose event a signal reports.

    Only the filer's own events are distress signals of the filer; a subsidiary's event
    is kept as a weaker, separate signal naming the subsidiary, another entity's
    (customer, supplier, counterparty, predecessor, another company) as context.
    """

    FILER = "filer"
    SUBSIDIARY = "subsidiary"
    OTHER = "other"


class SignalState(StrEnum):
    """Whether the text asserts the event as done and current.

    ``asserted``: the event happened or holds now. ``intended``: announced or planned,
    not done ("intends to file", a solicitation for a prepackaged plan). ``historical``:
    the text dates it well before the filing ("since being delisted ... on December 8,
    1999"), or says it is over ("emerged from bankruptcy").
    """

    ASSERTED = "asserted"
    INTENDED = "intended"
    HISTORICAL = "historical"
