"""``risk score-table IN --out OUT``: probability and band per entity-period of a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from risk.exceptions import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register", "run"]


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.description = (
        "One output row per entity-period: entity, period_end, probability of failure "
        "within 12 months, band, the submodel used or the reason a row was refused, "
        "and the main published scores. Amounts must be in currency units."
    )
    p.add_argument("input", help="a .csv or .parquet table")
    p.add_argument("--out", required=True, help="output .csv or .parquet")
    p.add_argument("--model", default=None, help="a model artefact (default: the shipped one)")
    p.add_argument(
        "--layout",
        choices=["auto", "financials", "panel"],
        default="auto",
        help=(
            "financials: the financials.md layout (amounts in currency units); panel: the "
            "American bankruptcy panel CSV (company_name, year, X1..X18 in millions); "
            "auto (default): panel when the CSV header is the panel's, else financials"
        ),
    )
    p.set_defaults(run=run)


def _is_panel(path: Path) -> bool:
    """True when ``path`` is a CSV whose header is the American bankruptcy panel's."""
    import pandas as pd

    from risk.features import PANEL_COLUMNS

    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    try:
        header = set(pd.read_csv(path, nrows=0).columns)
    except (ValueError, UnicodeDecodeError):
        return False  # read_table reports what is wrong with the file
    return {"company_name", "year", *PANEL_COLUMNS} <= header


def run(args: argparse.Namespace) -> int:
    from risk.financials import read_table
    from risk.model import load_scorer, score_frame

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet", ".pq"}:
        raise InputError(f"--out must end in .csv or .parquet; got {args.out!r}")
    source = Path(args.input)
    panel = args.layout == "panel" or (args.layout == "auto" and _is_panel(source))
    if panel:
        import pandas as pd

        from risk.features import PANEL_LABEL, panel_to_table

        has_label = PANEL_LABEL in pd.read_csv(source, nrows=0).columns
        frame = panel_to_table(source, label=has_label)
        print(
            f"risk score-table: {source}: read as the American bankruptcy panel layout "
            "(amounts in millions, converted to dollars; fiscal years end December 31)",
            file=sys.stderr,
        )
    else:
        frame = read_table(source)
    model = load_scorer(args.model)
    scored = score_frame(frame, model)
    if panel and PANEL_LABEL in frame.columns:
        # the outcome passes through, row for row, so the output can be validated
        scored[PANEL_LABEL] = frame[PANEL_LABEL].to_numpy()
    scored["period_end"] = scored["period_end"].dt.strftime("%Y-%m-%d")
    from risk.cli._errors import writing

    with writing(out):
        if suffix == ".csv":
            _write_csv(scored, out)
        else:
            scored.to_parquet(out, index=False)
    return 0


#: Rows formatted and written at a time: the text of a chunk is all there is in memory.
_CSV_ROWS = 65536


def _write_csv(scored: pd.DataFrame, out: Path) -> None:
    """``scored`` as CSV, numbers to 6 significant digits (``%.6g``), missing ones empty.

    Text cells that begin like a spreadsheet formula get a ``'`` in front
    (:func:`risk.report.spreadsheet_safe`).

    The bytes of ``DataFrame.to_csv(float_format="%.6g", index=False)`` (the same
    ``csv.writer`` and line ends), written :data:`_CSV_ROWS` rows at a time so that
    memory holds one chunk's text, not the table's; each column's cells are made in
    one pass (:func:`_csv_cells`), at a fraction of the cost of ``to_csv``.
    """
    import csv
    import os

    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=os.linesep)  # as DataFrame.to_csv
        writer.writerow([str(c) for c in scored.columns])
        for start in range(0, len(scored), _CSV_ROWS):
            part = scored.iloc[start : start + _CSV_ROWS]
            writer.writerows(zip(*(_csv_cells(part[c]) for c in part.columns), strict=True))


def _csv_cells(column: pd.Series) -> list[object]:
    """The cells of one column as ``to_csv`` gives them to ``csv.writer``: floats as
    ``%.6g`` text, text through :func:`~risk.report.spreadsheet_safe`, integers and
    booleans as themselves, a missing value as an empty cell.

    Raises
    ------
    TypeError
        For a column of another type (dates are written as text before).
    """
    import numpy as np
    import pandas as pd

    from risk.report import spreadsheet_safe

    dtype = column.dtype
    if dtype == np.float64:
        values = column.to_numpy()
        cells: list[object] = list(map("%.6g".__mod__, values.tolist()))
        for i in np.flatnonzero(np.isnan(values)).tolist():
            cells[i] = ""
        return cells
    if pd.api.types.is_object_dtype(dtype):
        missing = column.isna().to_numpy()
        return [
            "" if gone else spreadsheet_safe(v) if isinstance(v, str) else v
            for v, gone in zip(column.tolist(), missing.tolist(), strict=True)
        ]
    if pd.api.types.is_string_dtype(dtype):  # every value text or missing: each distinct once
        codes, uniques = pd.factorize(column)
        safe = np.array([spreadsheet_safe(u) for u in uniques.tolist()] + [""], dtype=object)
        return list(safe[codes].tolist())
    if dtype.kind in "iub":
        return list(column.to_numpy().tolist())
    raise TypeError(f"column {column.name!r}: cannot write type {dtype} as CSV cells")
