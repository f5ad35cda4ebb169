"""``risk score PATH... [--as-of DATE] [--format json|markdown|html] [--out FILE]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from risk.cli import main


def _seeds(seed_paths: dict[str, Path]) -> list[str]:
    return [str(p) for p in seed_paths.values()]


def test_markdown_to_stdout_is_the_default(
    seed_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", *_seeds(seed_paths)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Risk report: FiberCore, Inc.")
    assert "as of 2003-06-11" in out
    assert "## Going-concern checklist" in out


def test_json_out_file_validates(seed_paths: dict[str, Path], tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from risk.cli._schema import schema_for

    out = tmp_path / "report.json"
    assert main(["score", *_seeds(seed_paths), "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    jsonschema.validate(data, schema_for("report"))
    assert data["as_of"] == "2003-06-11"


def test_schema_command_prints_the_report_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "report"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "RiskReport"
    assert {"probability", "band", "checklist", "trend", "data_gaps"} <= set(schema["properties"])


def test_html_out_file(seed_paths: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["score", *_seeds(seed_paths), "--format", "html", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()


def test_as_of_option(seed_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    # Seed 004 alone, as of its release (Jan. 14, 2002): one revenue estimate, no statement.
    assert main(["score", str(seed_paths["004"]), "--as-of", "2002-01-14"]) == 0
    out = capsys.readouterr().out
    assert "No probability" in out
    assert "total_assets" in out


def test_bad_as_of_exits_2(seed_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(seed_paths["002"]), "--as-of", "yesterday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "as_of" in err and "'yesterday'" in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("risk: error:") and "nope.txt" in err


def test_two_companies_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "two.csv"
    table.write_text(
        "entity,period_end,months,total_assets\n"
        "Alpha Inc,2002-12-31,12,1000000\n"
        "Beta Corp,2002-12-31,12,2000000\n",
        encoding="utf-8",
    )
    assert main(["score", str(table)]) == 2
    err = capsys.readouterr().err
    assert "Alpha Inc" in err and "Beta Corp" in err
