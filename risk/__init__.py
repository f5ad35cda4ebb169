"""risk: distress and going-concern risk scoring from company filings.

The public API is imported lazily, so ``import risk`` stays cheap::

    import risk
    filing = risk.extract("filing.txt")
    report = risk.score(["q1.txt", "fy.txt"])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from risk._version import __version__

if TYPE_CHECKING:
    from risk.extraction import extract
    from risk.financials import Filing, read_table
    from risk.report import RiskReport, score
    from risk.timelines import Timeline, timeline

__all__ = [
    "Filing",
    "RiskReport",
    "Timeline",
    "__version__",
    "extract",
    "read_table",
    "score",
    "timeline",
]

_LAZY = {
    "extract": "risk.extraction",
    "Filing": "risk.financials",
    "read_table": "risk.financials",
    "timeline": "risk.timelines",
    "Timeline": "risk.timelines",
    "score": "risk.report",
    "RiskReport": "risk.report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'risk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
