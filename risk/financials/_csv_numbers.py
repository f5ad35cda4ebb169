"""The fast read of a structured-input CSV: line items parsed as numbers by the CSV reader.

:func:`risk.financials.read_table` reads a CSV as text and parses each line item with
``pandas.to_numeric`` on the stripped cells (the rules, and the messages for a cell
that breaks them, are there). That text read and parse is most of the cost of a large
table. Here the CSV reader parses the line-item columns itself, in one pass, and the
result is used only where it is the text read's result, value for value:

- a cell the CSV reader cannot parse as a number (text, a cell of white space only,
  ``nan``, a ``True``) fails the whole read, and the caller reads the file as text;
- both parsers round a decimal to the nearest double, except that ``to_numeric``
  takes another, less exact route for a number written with a leading ``+``: a file
  with a ``+`` outside an exponent (``1e+20``) is read as text;
- ``-0`` is ``0.0`` to ``to_numeric`` in a column of integers and ``-0.0`` to the
  CSV reader: a line item holding a negative zero is read as text;
- the CSV reader takes a column of ``True`` and ``False`` (and blanks) as 1.0 and 0.0,
  which ``to_numeric`` refuses: a line item of only zeros and ones is read as text.

Both parsers round to the nearest double only from pandas 3.1: pandas 2.1 and 3.0 read
some 17-digit decimals a unit in the last place off (``7.374612747394528e-68``), and not
always alike in the two parsers. On an older pandas every CSV is read as text, as
before (:func:`exact_parsers`).

Empty cells are missing values (NaN) in both reads; the key columns stay text, as in
the text read. ``tests/test_financials_csv_numbers.py`` holds the two reads equal on
generated tables against a reference that follows the rules cell by cell.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from risk.financials._fields import LINE_ITEMS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_numbers_csv"]

#: Bytes of the file scanned at a time for a ``+`` sign (memory stays flat).
_SCAN_BYTES = 1 << 23

#: A ``+`` that does not follow the ``e`` of an exponent (the first byte of a block,
#: whose predecessor is in the block before, counts as such: a cautious answer).
_LEADING_PLUS = re.compile(rb"(?<![eE])\+")


def _has_leading_plus(path: Path) -> bool:
    """True when ``path`` holds a ``+`` that is not an exponent's sign."""
    with path.open("rb") as handle:
        while block := handle.read(_SCAN_BYTES):
            if b"+" in block and _LEADING_PLUS.search(block):
                return True
    return False


#: The first pandas whose two parsers were seen to round every decimal to the nearest double.
_EXACT_FROM = (3, 1)


def exact_parsers(version: str) -> bool:
    """True when pandas ``version`` (``"3.1.1"``, ``"3.2.0.dev0+12"``) is 3.1 or later."""
    parts = re.match(r"(\d+)\.(\d+)", version)
    return parts is not None and (int(parts[1]), int(parts[2])) >= _EXACT_FROM


def read_numbers_csv(path: Path) -> pd.DataFrame | None:
    """Read the CSV at ``path`` with its line-item columns parsed as float64.

    Parameters
    ----------
    path : Path
        A ``.csv`` file in the financials.md layout.

    Returns
    -------
    pandas.DataFrame or None
        The frame of the text read (``dtype=str``, empty cells kept as ``""``) with the
        line-item columns (a header naming a financials.md field, around white space)
        as float64, NaN where a cell was empty. ``None`` when the file cannot be read
        so: a cell that is not a plain number, a ``+`` sign, a negative zero, no line
        item, a file the CSV reader refuses, or a pandas older than 3.1. The caller
        then reads it as text, which reports what is wrong.
    """
    import numpy as np
    import pandas as pd

    if not exact_parsers(pd.__version__):
        return None
    try:
        if _has_leading_plus(path):
            return None
        header = pd.read_csv(path, nrows=0, dtype=str, keep_default_na=False, na_values=[])
        numeric = [c for c in header.columns if str(c).strip() in LINE_ITEMS]
        if not numeric:
            return None
        dtypes = {c: ("float64" if c in numeric else str) for c in header.columns}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = pd.read_csv(
                path, dtype=dtypes, keep_default_na=False, na_values={c: [""] for c in numeric}
            )
    except (OSError, ValueError, OverflowError):
        return None  # the text read says what is wrong, or reads what this one cannot
    for column in numeric:
        values = frame[column].to_numpy()
        if values.dtype != np.float64 or (np.signbit(values) & (values == 0)).any():
            return None
        present = values[~np.isnan(values)]
        if present.size and ((present == 0) | (present == 1)).all():
            return None  # perhaps a column of True and False, which the CSV reader takes
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return frame
