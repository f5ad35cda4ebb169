"""The financials contract (``financials.md``): line items, periods, facts, signals, filings.

Every stage of `risk` speaks this vocabulary. Structured input (CSV, Parquet, a
list of dicts) is read into it by :func:`read_table`.
"""

from risk.financials._fields import (
    FLOW_FIELDS,
    LINE_ITEMS,
    NON_ADDITIVE_FLOWS,
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
    FilingWarning,
    Period,
    PeriodValues,
    Provenance,
    SharesStated,
    Signal,
    Source,
    normal_cik,
)
from risk.financials._table import load_frame, read_table, table_to_filings
from risk.financials._warnings import WarningCode

__all__ = [
    "FLOW_FIELDS",
    "LINE_ITEMS",
    "NON_ADDITIVE_FLOWS",
    "DocumentInfo",
    "Fact",
    "FactKind",
    "Filing",
    "FilingWarning",
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
    "WarningCode",
    "load_frame",
    "normal_cik",
    "read_table",
    "table_to_filings",
]


def __getattr__(name: str) -> type[FilingWarning]:
    # ``Warning`` was this model's name until it was renamed for shadowing the builtin;
    # the old import keeps working, with a DeprecationWarning
    if name == "Warning":
        import warnings

        warnings.warn(
            "risk.financials.Warning is renamed FilingWarning (it shadowed the builtin)",
            DeprecationWarning,
            stacklevel=2,
        )
        return FilingWarning
    raise AttributeError(f"module 'risk.financials' has no attribute {name!r}")
