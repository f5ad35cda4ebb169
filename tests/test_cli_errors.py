"""The error policy of the command line (issue 15, part 1): one line, the right exit code.

Bad input and environment faults (a file that cannot be read or written, a full
disk, a folder where a file is expected) exit 2 naming the path and the cause;
model and internal errors exit 1; no traceback unless ``--debug`` or ``RISK_DEBUG=1``.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from risk.cli import main

TESTS = Path(__file__).resolve().parent
MODEL = TESTS.parent / "models" / "distress_v3.json"
FULL = Path("/dev/full")
PLUGINS = (
    "--extractor",
    "test_batch_helpers:fatal_extract",
    "--scorer",
    "test_batch_helpers:scorer",
)
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")

#: A short release in our own words: the real reader finds a balance sheet dated 2002-12-31.
RELEASE = """ACME WIDGETS, INC. REPORTS FISCAL 2002 RESULTS

The Company has substantial doubt about its ability to continue as a going concern.

                         CONSOLIDATED BALANCE SHEETS
                              (in thousands)
                                              December 31,
                                           2002          2001
Total current assets                     1,200         1,900
Total assets                             5,000         6,100
Total current liabilities                2,300         1,500
Total liabilities                        4,800         4,000
Total stockholders' equity                 200         2,100
"""


def _one_error_line(err: str) -> str:
    """The single line on stderr (asserting there is no traceback and no other line)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- output faults


@needs_dev_full
def test_score_to_a_full_disk_exits_2_naming_the_file(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root cause: ``write_text`` on a full disk raised a bare OSError (rc 1, a traceback)."""
    out = tmp_path / "report.md"
    out.symlink_to(FULL)  # writes to /dev/full fail with ENOSPC, as on a full disk
    assert main(["score", str(doc), "--out", str(out)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: {out}: no space left on device"


def test_score_to_an_unwritable_file_exits_2(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only location (EACCES, EROFS): simulated, since tests may run as root."""
    out = tmp_path / "ro" / "report.md"

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(["score", str(doc), "--out", str(out)]) == 2
    assert _one_error_line(capsys.readouterr().err) == f"risk: error: {out}: permission denied"


def test_score_out_under_a_file_or_onto_a_folder_exits_2(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    under_file = doc / "report.md"
    assert main(["score", str(doc), "--out", str(under_file)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: {under_file}: not a directory"
    assert main(["score", str(doc), "--out", str(tmp_path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: {tmp_path}: is a folder, not a file"


@needs_dev_full
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_score_table_to_a_full_disk_exits_2(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "entity,period_end,months,total_assets,total_liabilities,revenue,net_income\n"
        "Acme,2023-12-31,12,1000,400,900,50\n",
        encoding="utf-8",
    )
    out = tmp_path / f"scores{suffix}"
    out.symlink_to(FULL)
    assert main(["score-table", str(table), "--out", str(out)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: {out}: ")
    assert "no space left on device" in line.lower()


# --------------------------------------------------------------------------- input faults


def test_extract_a_folder_exits_2_saying_it_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root cause: ``not path.is_file()`` was reported as "no such file" for a folder."""
    assert main(["extract", str(tmp_path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: {tmp_path}: is a folder, not a document")


def test_extract_an_unreadable_file_exits_2_and_reads_the_next(
    doc: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(RELEASE, encoding="utf-8")
    read_bytes = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    assert main(["extract", str(locked), str(doc)]) == 2
    captured = capsys.readouterr()
    assert _one_error_line(captured.err) == f"risk: error: {locked}: permission denied"
    assert json.loads(captured.out)["source"] == str(doc)  # the second document was read


# --------------------------------------------------------------------------- internal and model


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    doc: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import risk.extraction

    def bug(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(risk.extraction, "extract", bug)
    monkeypatch.delenv("RISK_DEBUG", raising=False)
    assert main(["extract", str(doc)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith("risk: internal error (RecursionError): maximum recursion depth")
    assert "--debug" in line
    assert main(["extract", str(doc), "--debug"]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    monkeypatch.setenv("RISK_DEBUG", "1")
    assert main(["extract", str(doc)]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_deeply_nested_model_is_a_model_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root cause: ``json.loads`` raised RecursionError, which nothing turned into a ModelError."""
    model = tmp_path / "deep.json"
    depth = 100_000
    model.write_text('{"sha256": "x", "payload": ' + "[" * depth + "]" * depth + "}")
    table = tmp_path / "t.csv"
    table.write_text("entity,period_end,months,total_assets\nAcme,2023-12-31,12,1000\n")
    assert (
        main(["score-table", str(table), "--out", str(tmp_path / "o.csv"), "--model", str(model)])
        == 1
    )
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: model artefact {model} is nested too deeply to be a model"


# --------------------------------------------------------------------------- batch


def _tampered_model(tmp_path: Path) -> Path:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    data["payload"]["tampered"] = True  # the recorded sha256 no longer matches
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_batch_with_a_tampered_model_exits_1_with_the_integrity_error(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root cause: each scoring worker died loading the model (rc 0, "0 scored + N failed")."""
    import risk.model._artefact as artefact
    from risk.report import scoring_model

    tampered = _tampered_model(tmp_path)
    monkeypatch.setattr(artefact, "default_artefact_path", lambda: tampered)
    out = tmp_path / "out.csv"
    scoring_model.cache_clear()  # loaded once per process: load the tampered one
    try:
        assert main(["batch", str(doc), "--out", str(out), "--no-progress"]) == 1
    finally:
        scoring_model.cache_clear()
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: model artefact {tampered} failed its integrity check")


def test_batch_where_every_input_failed_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out.csv"
    assert main(["batch", str(folder), "--out", str(out), "--no-progress"]) == 2
    captured = capsys.readouterr()
    assert "2 inputs = 0 scored + 2 failed" in captured.out
    line = _one_error_line(captured.err)
    assert line.startswith("risk: error: every input failed (2 of 2); the most common reason")
    assert line.endswith(f"all are in {tmp_path / 'out.errors.csv'}")


def test_batch_out_in_a_missing_folder_or_onto_a_folder_exits_2(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope" / "out.csv"
    assert main(["batch", str(doc), "--out", str(missing), "--no-progress"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: {missing.parent}: the output folder does not exist"
    folder = tmp_path / "out.csv"
    folder.mkdir()
    assert main(["batch", str(doc), "--out", str(folder), "--no-progress"]) == 2
    assert (
        _one_error_line(capsys.readouterr().err)
        == f"risk: error: {folder}: is a folder, not a file"
    )


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (sqlite3.OperationalError("database or disk is full"), "database or disk is full"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "attempt to write a readonly database",
        ),
    ],
)
def test_batch_ledger_on_a_full_or_read_only_disk_exits_2(
    fault: Exception,
    cause: str,
    doc: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from risk.batch._ledger import Ledger

    def fail(*args: object, **kwargs: object) -> None:
        raise fault

    monkeypatch.setattr(Ledger, "record", fail)
    out = tmp_path / "out.csv"
    assert main(["batch", str(doc), "--out", str(out), "--no-progress"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"risk: error: {tmp_path / 'out.csv.ledger.sqlite'}: {cause}"


def test_batch_output_on_a_full_disk_exits_2_naming_the_output(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from risk.batch._output import TableWriter

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(TableWriter, "_flush", full)
    out = tmp_path / "out.csv"
    assert main(["batch", str(doc), "--out", str(out), "--no-progress"]) == 2
    assert (
        _one_error_line(capsys.readouterr().err) == f"risk: error: {out}: no space left on device"
    )


def test_batch_worker_tracebacks_go_to_the_log_beside_the_ledger(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = seed_paths["003"].read_text(encoding="latin-1")
    (folder / "fatal.txt").write_text(text + "\nfatal\n", encoding="latin-1")
    (folder / "ok.txt").write_text(text + "\nok\n", encoding="latin-1")
    out = tmp_path / "out.csv"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    env.pop("RISK_DEBUG", None)
    command = [sys.executable, "-c", "import sys; from risk.cli import main; sys.exit(main())"]
    done = subprocess.run(
        [*command, "batch", str(folder), "--out", str(out), "--no-progress", *PLUGINS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "ReaderGaveUp" not in done.stderr
    log = tmp_path / "out.csv.workers.log"
    assert "ReaderGaveUp: the reader gave up on fatal.txt" in log.read_text(encoding="utf-8")
    # The error row says where to look.
    errors = (tmp_path / "out.errors.csv").read_text(encoding="utf-8")
    assert f"its messages are in {log}" in errors
    assert "2 inputs = 1 scored + 1 failed" in done.stdout


# --------------------------------------------------------------------------- --max-bytes


@pytest.mark.parametrize("command", ["extract", "score", "batch"])
def test_every_reading_command_states_the_same_size_limit(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--max-bytes N refuse a document larger than N bytes" in help_text
    assert "(default 209715200 = 200 MiB, as risk batch)" in help_text


@pytest.mark.parametrize("command", ["extract", "score"])
def test_single_document_commands_refuse_a_file_over_max_bytes(
    command: str, doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    size = doc.stat().st_size
    assert main([command, str(doc), "--max-bytes", str(size - 1)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: {doc}: the file is {size} bytes, over the limit of ")
    assert main([command, str(doc), "--max-bytes", str(size)]) == 0
