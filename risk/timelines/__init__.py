"""A company's filings merged into one series of periods, with trailing-twelve-month flows.

The function is also the top-level ``risk.timeline(filings, as_of=...)``.
"""

from risk.timelines._timeline import (
    DATE_TOLERANCE_DAYS,
    NON_ADDITIVE,
    FilingRef,
    Timeline,
    frame_from_rows,
    timeline,
)

__all__ = [
    "DATE_TOLERANCE_DAYS",
    "NON_ADDITIVE",
    "FilingRef",
    "Timeline",
    "frame_from_rows",
    "timeline",
]
