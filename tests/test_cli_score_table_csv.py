"""``risk score-table``'s CSV writer (risk.cli._score_table._write_csv): the bytes of
``DataFrame.to_csv`` with floats to 6 significant digits and formula-like text quoted."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from risk.cli import _score_table
from risk.report import spreadsheet_safe


def _frame() -> pd.DataFrame:
    texts = ["Acme", "=1+2", "-Minus", "@home", "\tTab", "a,b", 'say "hi"', "two\nlines", "é"]
    n = 23
    rng = np.random.default_rng(0)
    floats = rng.lognormal(0, 4, n) * rng.choice([-1, 1], n)
    floats[[2, 9]] = math.nan
    floats[[3, 4, 5]] = [math.inf, -0.0, 1e-300]
    with_missing = [texts[i % len(texts)] if i % 5 else None for i in range(n)]
    return pd.DataFrame(
        {
            "entity": pd.Series([texts[i % len(texts)] for i in range(n)], dtype="str"),
            "band": pd.Series(with_missing, dtype="str"),
            "reason": pd.Series(with_missing, dtype=object),
            "mixed": pd.Series([5, "=x", None, math.nan, 2.5, "ok"] * 3 + [1] * 5, dtype=object),
            "months": np.arange(n, dtype=np.int64) - 3,
            "prior_year": np.arange(n) % 3 == 0,
            "probability": floats,
        }
    )


def _reference(frame: pd.DataFrame) -> str:
    """What the writer stands for: text made spreadsheet-safe, then ``to_csv``."""
    safe = frame.copy()
    for column in ("entity", "band", "reason", "mixed"):
        safe[column] = [spreadsheet_safe(v) if isinstance(v, str) else v for v in frame[column]]
    text: str = safe.to_csv(index=False, float_format="%.6g")
    return text


@pytest.mark.parametrize("rows", [1, 4, 65536])
def test_written_bytes_are_those_of_to_csv(tmp_path: Path, monkeypatch, rows: int):
    monkeypatch.setattr(_score_table, "_CSV_ROWS", rows)
    frame = _frame()
    out = tmp_path / "scored.csv"
    _score_table._write_csv(frame, out)
    written = out.read_bytes().decode("utf-8")
    assert written == _reference(frame)
    lines = written.splitlines()
    assert lines[0] == "entity,band,reason,mixed,months,prior_year,probability"
    # by hand: the text columns quoted for spreadsheets (a number in an object column
    # as it is), missing cells and a NaN probability empty, booleans and inf as words
    assert lines[1].startswith("Acme,,,5,-3,True,")
    assert lines[2].startswith("'=1+2,'=1+2,'=1+2,'=x,-2,False,")
    assert lines[3] == "'-Minus,'-Minus,'-Minus,,-1,False,"
    assert lines[4] == "'@home,'@home,'@home,,0,True,inf"
    assert lines[5].endswith(",-0")


def test_an_empty_table_is_its_header(tmp_path: Path):
    out = tmp_path / "scored.csv"
    _score_table._write_csv(_frame().iloc[:0], out)
    assert out.read_text() == "entity,band,reason,mixed,months,prior_year,probability\n"


def test_a_date_column_is_refused(tmp_path: Path):
    frame = pd.DataFrame({"period_end": pd.to_datetime(["2001-12-31"])})
    with pytest.raises(TypeError, match="period_end"):
        _score_table._write_csv(frame, tmp_path / "scored.csv")
