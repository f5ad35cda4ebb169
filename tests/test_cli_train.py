"""``risk train`` reproduces its artefact exactly (on a subsample, to stay fast)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from risk.cli import main
from risk.model import BOOK_CANDIDATES, BOOK_ROW, load_model
from risk.model._artefact import ARTEFACT_NAME


def _subsample(panel_path: Path, out: Path) -> Path:
    """Every company that failed plus one in eight of the others (seeded)."""
    with panel_path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    failed = {r["company_name"] for r in rows if r["failed_next_year"] == "1"}
    others = sorted({r["company_name"] for r in rows} - failed)
    keep = failed | set(random.Random(3).sample(others, len(others) // 8))
    path = out / "panel_sample.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["company_name"] in keep)
    return path


@pytest.mark.slow
def test_train_twice_gives_the_same_bytes_and_a_loadable_model(tmp_path, panel_path, capsys):
    data = _subsample(panel_path, tmp_path)
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["train", "--data", str(data), "--out", str(first), "--quiet"]) == 0
    assert main(["train", "--data", str(data), "--out", str(second), "--quiet"]) == 0
    a = (first / ARTEFACT_NAME).read_bytes()
    assert a == (second / ARTEFACT_NAME).read_bytes()
    assert (first / "MODEL_CARD.md").read_text() == (second / "MODEL_CARD.md").read_text()
    model = load_model(first / ARTEFACT_NAME)
    payload = json.loads(a)["payload"]
    assert payload["training_data"]["file"] == "panel_sample.csv"
    assert payload["seed"] == model.random_state == 0
    # The walk-forward tables hold every candidate and every published baseline.
    names = set(payload["validation"]["metrics"])
    assert {"Altman Z (1968)", "Altman Z'' (1995)", "Ohlson O (1980)", "Zmijewski (1984)"} <= names
    assert any(n.startswith("HistGradientBoosting") for n in names)
    # ... and the book-value candidates, listed apart for the card's book tables.
    book = payload["book_candidates"]
    assert book[0] == BOOK_ROW and set(book) <= names and len(book) == len(BOOK_CANDIDATES) + 1
    assert not set(book) & set(payload["candidates"])
    assert "Lombardo" in (first / "MODEL_CARD.md").read_text()


def test_train_names_a_missing_data_file(tmp_path, capsys):
    code = main(["train", "--data", str(tmp_path / "nope.csv"), "--out", str(tmp_path)])
    assert code == 2
    assert "nope.csv" in capsys.readouterr().err


def test_shipped_card_reports_challengers_on_the_tuning_years():
    # The challengers for the top-decile target are in the harness and in the card.
    from risk.model._validation import CANDIDATES

    names = [c.name for c in CANDIDATES]
    assert any(n.startswith("WOE scorecard") for n in names)
    assert any("averaged in log-odds" in n for n in names)
    text = (Path(__file__).parents[1] / "models" / "MODEL_CARD.md").read_text()
    assert "Tuning years pooled" in text
    assert "Calibration in a distressed segment" in text
    assert "UNVERIFIED" in text  # the band rates are not verified against S&P's table
