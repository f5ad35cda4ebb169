"""A company's filings merged into one series of periods, with trailing-twelve-month flows."""

import sys
import types
from typing import Any

from risk.timeline._timeline import DATE_TOLERANCE_DAYS, NON_ADDITIVE, FilingRef, Timeline, timeline

__all__ = ["DATE_TOLERANCE_DAYS", "NON_ADDITIVE", "FilingRef", "Timeline", "timeline"]


class _CallableModule(types.ModuleType):
    """``risk.timeline`` is both this package and the function ``risk.timeline(filings)``.

    Importing the package binds the name ``timeline`` in ``risk`` to the module, which
    would shadow the function that ``risk`` exposes lazily; calling the module calls
    :func:`timeline`, so ``risk.timeline(filings, as_of=...)`` works either way.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Timeline:
        return timeline(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
