"""``risk batch`` on the command line: output, errors table, and resuming after kill -9."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from risk.cli import main

TESTS = Path(__file__).resolve().parent
PLUGINS = [
    "--extractor",
    "test_batch_helpers:slow_extract",
    "--scorer",
    "test_batch_helpers:scorer",
]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("risk")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from risk.cli import main; sys.exit(main())"]


def _env(log: Path, delay: float) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    env["RISK_TEST_LOG"] = str(log)
    env["RISK_TEST_DELAY"] = str(delay)
    return env


def _copies(folder: Path, seed_paths: dict[str, Path], n: int) -> None:
    folder.mkdir()
    for i in range(n):
        seed = seed_paths[f"00{i % 4 + 1}"]
        # Distinct bytes per copy (a trailing line), so that each is read.
        data = seed.read_bytes() + f"\ncopy {i}\n".encode()
        (folder / f"copy-{i:03d}-{seed.name}").write_bytes(data)


def _ledger_count(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_kill_9_then_rerun_gives_the_uninterrupted_output(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    folder = tmp_path / "in"
    _copies(folder, seed_paths, 60)
    (folder / "empty.txt").write_bytes(b"")
    log = tmp_path / "reads.log"
    out = tmp_path / "killed" / "out.jsonl"
    out.parent.mkdir()
    ledger = out.with_name("out.jsonl.ledger.sqlite")
    args = [*_command(), "batch", str(folder), "--out", str(out), "--jobs", "2", *PLUGINS]
    env = _env(log, 0.1)

    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _ledger_count(ledger) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    done_at_kill = _ledger_count(ledger)
    assert 10 <= done_at_kill < 61
    assert not out.exists()  # no half-written output under the final name

    resumed = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.strip().splitlines()[-1] == "61 inputs = 60 scored + 1 failed"
    reads = log.read_text().splitlines()
    # Each file (60 copies and the empty one) read once, except those not yet recorded
    # when the run was killed: at most two per worker (the one it was reading, and the
    # one it had just finished, whose result the batch was about to record).
    assert 61 <= len(reads) <= 61 + 2 * 2, sorted(r for r in reads if reads.count(r) > 1)
    assert len(set(reads)) == 61

    fresh = tmp_path / "fresh" / "out.jsonl"
    fresh.parent.mkdir()
    args_fresh = [*args[: args.index("--out") + 1], str(fresh), *args[args.index("--out") + 2 :]]
    clean = subprocess.run(
        args_fresh, env=_env(tmp_path / "r2.log", 0.0), capture_output=True, text=True, timeout=120
    )
    assert clean.returncode == 0, clean.stderr
    assert out.read_text() == fresh.read_text()
    assert (
        out.with_name("out.errors.jsonl").read_text()
        == fresh.with_name("out.errors.jsonl").read_text()
    )
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    # All 60 copies print "FiberCore, Inc.": one company, one row (latest), 60 documents.
    assert [(r["group"], r["n_documents"]) for r in rows] == [("name:fibercore", 60)]


def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o.xlsx")]) == 2
    assert "--out must end in .parquet, .csv or .jsonl" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:  # argparse: one line, exit 2
        main(["batch", str(tmp_path), "--out", str(tmp_path / "o.csv"), "--jobs", "0"])
    assert exit_info.value.code == 2
    assert main(["batch", "@" + str(tmp_path / "nope"), "--out", str(tmp_path / "o.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_prints_the_count_line(
    tmp_path: Path, seed_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths["004"], folder / "a.txt")
    (folder / "blob.bin").write_bytes(b"\x00\x01" * 100)
    listing = tmp_path / "inputs.lst"
    listing.write_text(f"{folder / 'a.txt'}\n{folder / 'blob.bin'}\n")
    code = main(
        ["batch", f"@{listing}", "--out", str(tmp_path / "o.csv"), "--no-progress", *PLUGINS]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip().splitlines()[-1] == "2 inputs = 1 scored + 1 failed"


@pytest.mark.slow
def test_cli_batch_rows_are_the_reports_of_risk_score(
    tmp_path: Path, seed_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``risk batch`` (the scoring core, many companies per task) gives ``risk score``'s figures."""
    from risk.report import score

    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(folder), "--out", str(out), "--as-of", "each", "--no-progress"]
    assert main(argv) == 0
    capsys.readouterr()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    # The releases' datelines: 004 January 14, 2002 (an estimate only), then 002, 001, 003.
    assert [r["as_of"] for r in rows] == ["2002-01-14", "2003-05-19", "2003-05-22", "2003-06-11"]
    assert [r["status"] for r in rows] == ["insufficient_data", "scored", "scored", "scored"]
    for row in rows:
        report = score(sorted(folder.iterdir()), as_of=row["as_of"])
        assert row["band"] == (report.band.name if report.band else None)
        for key, want in (
            ("probability", report.model_probability),
            ("adjusted_probability", report.probability),
        ):
            got = row[key]
            assert (got is None and want is None) or got == pytest.approx(want, rel=1e-12, abs=0)
        published = {s.name: s.value for s in report.scores}
        assert row["score_altman_z"] == published["altman_z"]
    assert main(["batch", str(folder), "--out", str(tmp_path / "o.csv"), "--scorer", "quick"]) == 2
    assert "a plug-in must be given as 'module:function'; got 'quick'" in capsys.readouterr().err
