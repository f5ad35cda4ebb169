"""``risk score-table``: ordered probabilities, bands, published scores, bad rows named."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from risk.cli import main
from risk.model import BANDS

K = 1000.0
COLUMNS = [
    "entity",
    "period_end",
    "months",
    "revenue",
    "operating_income",
    "net_income",
    "working_capital",
    "current_assets",
    "current_liabilities",
    "total_assets",
    "long_term_debt",
    "total_liabilities",
    "retained_earnings",
    "stockholders_equity",
    "market_value_equity",
]
# FiberCore (Chapter 11 in 2003): ../shared/seeds/002_*.txt, "Year Ended December 31"
# columns and "SELECTED BALANCE SHEET DATA" (dollars in thousands). Healthy: made up.
ROWS = [
    ["FiberCore", "2001-12-31", 12, 52362 * K, 5397 * K, 480 * K, -1319 * K, "", "",
     92983 * K, 22475 * K, 49491 * K, -19413 * K, 38375 * K, ""],
    ["FiberCore", "2002-12-31", 12, 25557 * K, -22559 * K, -31077 * K, -27352 * K, "", "",
     75603 * K, 21700 * K, 71126 * K, -50490 * K, 4462 * K, ""],
    ["Healthy", "2001-12-31", 12, 850e6, 110e6, 75e6, "", 380e6, 150e6,
     950e6, 100e6, 300e6, 450e6, 650e6, 1400e6],
    ["Healthy", "2002-12-31", 12, 900e6, 120e6, 80e6, "", 400e6, 150e6,
     1000e6, 100e6, 300e6, 500e6, 700e6, 1500e6],
]  # fmt: skip


def _write(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_failing_company_scores_above_healthy_one(tmp_path, suffix):
    src = _write(tmp_path / "in.csv", ROWS)
    out = tmp_path / f"out{suffix}"
    assert main(["score-table", str(src), "--out", str(out)]) == 0
    scored = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(scored) == 4
    for column in ("entity", "period_end", "probability", "band", "altman_z_double_prime"):
        assert column in scored.columns
    p = scored.set_index(["entity", "period_end"])["probability"]
    assert p[("FiberCore", "2002-12-31")] > p[("Healthy", "2002-12-31")]
    assert p[("FiberCore", "2002-12-31")] > p[("FiberCore", "2001-12-31")]
    assert set(scored["band"]) <= {b.name for b in BANDS}
    # Z'' of FiberCore 2002 by hand: 6.56*(-27352/75603) + 3.26*(-50490/75603)
    # + 6.72*(-22559/75603) + 1.05*(4462/71126) = -2.373 - 2.177 - 2.005 + 0.066 = -6.49
    z = scored.set_index(["entity", "period_end"])["altman_z_double_prime"]
    assert z[("FiberCore", "2002-12-31")] == pytest.approx(-6.49, abs=0.01)


def test_bad_cell_is_reported_with_row_and_column(tmp_path, capsys):
    rows = [list(r) for r in ROWS]
    rows[2][9] = "n/a"  # Healthy 2001, total_assets: line 4 of the file (header is line 1)
    src = _write(tmp_path / "bad.csv", rows)
    code = main(["score-table", str(src), "--out", str(tmp_path / "out.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert "row 4" in err and "total_assets" in err
    assert not (tmp_path / "out.csv").exists()


def test_unknown_output_format_is_refused(tmp_path, capsys):
    src = _write(tmp_path / "in.csv", ROWS)
    assert main(["score-table", str(src), "--out", str(tmp_path / "out.xlsx")]) == 2
    assert "--out" in capsys.readouterr().err
