"""The financials contract (``financials.md``): line items, periods, facts, signals, filings.

Every stage of `risk` speaks this vocabulary. Structured input (CSV, Parquet, a
list of dicts) is read into it by :func:`read_table`.
"""

from risk.financials._fields import (
    ADDED_FIELDS,
    FLOW_FIELDS,
    LINE_ITEMS,
    NON_ADDITIVE_FLOWS,
    POINT_IN_TIME_FIELDS,
    VALID_MONTHS,
    FactKind,
    LineItem,
    SignalKind,
    SignalState,
    Subject,
)
from risk.financials._models import (
    DocumentInfo,
    Fact,
    Filing,
    Period,
    PeriodValues,
    Provenance,
    SharesStated,
    Signal,
    Source,
    Warning,
    normal_cik,
)
from risk.financials._table import (
    KEY_COLUMNS,
    OPTIONAL_COLUMNS,
    load_frame,
    read_table,
    table_to_filings,
)
from risk.financials._warnings import WarningCode

__all__ = [
    "ADDED_FIELDS",
    "FLOW_FIELDS",
    "KEY_COLUMNS",
    "LINE_ITEMS",
    "NON_ADDITIVE_FLOWS",
    "OPTIONAL_COLUMNS",
    "POINT_IN_TIME_FIELDS",
    "VALID_MONTHS",
    "DocumentInfo",
    "Fact",
    "FactKind",
    "Filing",
    "LineItem",
    "Period",
    "PeriodValues",
    "Provenance",
    "SharesStated",
    "Signal",
    "SignalKind",
    "SignalState",
    "Source",
    "Subject",
    "Warning",
    "WarningCode",
    "load_frame",
    "normal_cik",
    "read_table",
    "table_to_filings",
]
