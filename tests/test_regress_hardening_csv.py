"""CSV output that a spreadsheet would run as formulas (issue 15, part 3).

Root cause: entity names and reasons were written verbatim, so ``=HYPERLINK(...)``,
``+cmd|...`` or ``@SUM(...)`` in an input became live formulas in Excel; and a
tab-prefixed name had its tab stripped on reading, merging it with another entity.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from risk.batch._output import TableWriter
from risk.cli import main
from risk.report import spreadsheet_safe

HOSTILE = ['=HYPERLINK("http://x.test","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


@pytest.mark.parametrize("text", [*HOSTILE, "\tAcme", "\rAcme"])
def test_a_cell_that_begins_like_a_formula_gets_a_quote(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Acme Corp", "3M Company", "", "'quoted", "a=b", "2023-12-31"])
def test_other_cells_are_unchanged(text: str) -> None:
    assert spreadsheet_safe(text) == text


def test_score_table_csv_neutralises_names_and_keeps_them_distinct(tmp_path: Path) -> None:
    names = [*HOSTILE, "\tAcme", "Acme"]
    table = tmp_path / "in.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["entity", "period_end", "months", "total_assets", "net_income"])
        for name in names:
            writer.writerow([name, "2023-12-31", 12, 1000, -50])
    out = tmp_path / "out.csv"
    assert main(["score-table", str(table), "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    got = sorted(r["entity"] for r in rows)
    assert got == sorted(["'" + n for n in [*HOSTILE, "\tAcme"]] + ["Acme"])  # 6 entities, 6 rows
    # Numbers are written as numbers, never quoted.
    assert all(not r["probability"].startswith("'") for r in rows)


def test_batch_csv_writer_neutralises_text_cells_only(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    with TableWriter(out, ("entity", "probability", "reason")) as writer:
        writer.write({"entity": "=1+1", "probability": -0.5, "reason": "@risk"})
        writer.write({"entity": "Acme", "probability": 0.25, "reason": None})
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["entity", "probability", "reason"],
        ["'=1+1", "-0.5", "'@risk"],
        ["Acme", "0.25", ""],
    ]
