"""A company's filings merged into one series of periods, with trailing-twelve-month flows.

The function is also the top-level ``risk.timeline(filings, as_of=...)``. A timeline's
rows in the structured-input layout are a pandas frame (:meth:`Timeline.to_frame`) or,
for the scoring path, numpy columns (:func:`columns_from_rows`, :data:`Columns`).
"""

from risk.timelines._columns import (
    Columns,
    as_columns,
    column_dates,
    columns_from_rows,
    entity_codes,
    n_rows,
)
from risk.timelines._timeline import FilingRef, Timeline, timeline

__all__ = [
    "Columns",
    "FilingRef",
    "Timeline",
    "as_columns",
    "column_dates",
    "columns_from_rows",
    "entity_codes",
    "n_rows",
    "timeline",
]
