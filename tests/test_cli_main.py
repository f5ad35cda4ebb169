"""The command line: version, schema, exit codes, one clear line for a user error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from risk import __version__
from risk.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"risk {__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_unknown_command_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("risk: error:")
    assert len(err.strip().splitlines()) == 1


def test_schema_prints_filing_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Filing"
    assert "periods" in schema["properties"]


def test_extract_missing_file_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_extract_bad_and_good_inputs_keep_going(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    good = tmp_path / "note.txt"
    good.write_text("ACME CORP\nNothing to report this quarter.\n")
    assert main(["extract", str(empty), str(good), str(binary)]) == 2
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 1  # only the good document gives output
    assert json.loads(lines[0])["source"] == str(good)
    err = captured.err
    assert "empty" in err and str(empty) in err
    assert "binary" in err and str(binary) in err


def test_console_script_runs_in_a_subprocess(tmp_path: Path) -> None:
    # A user error through the real entry point: exit 2, one line, no traceback.
    proc = subprocess.run(
        [sys.executable, "-m", "risk", "extract", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("risk: error:")


def test_import_risk_is_light() -> None:
    code = (
        "import sys, risk; "
        "print(sorted(m for m in ('pandas','sklearn','matplotlib','lxml') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
