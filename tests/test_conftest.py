"""The test run without ``../shared``: skipped tests locally, a failed run in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _run(tmp_path: Path, required: bool) -> subprocess.CompletedProcess[str]:
    """pytest on a copy of the test folder's conftest and one test reading the seeds."""
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    shutil.copy(TESTS / "conftest.py", repo / "tests" / "conftest.py")
    (repo / "tests" / "test_seed.py").write_text(
        "def test_seed(seed_paths):\n    assert seed_paths\n", encoding="utf-8"
    )
    env = dict(os.environ)
    env.pop("RISK_REQUIRE_SHARED", None)
    if required:
        env["RISK_REQUIRE_SHARED"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_missing_shared_skips_locally_and_fails_in_ci(tmp_path: Path) -> None:
    local = _run(tmp_path / "local", required=False)
    assert local.returncode == 0, local.stdout
    assert "1 skipped" in local.stdout
    ci = _run(tmp_path / "ci", required=True)
    assert ci.returncode == 1
    assert "RISK_REQUIRE_SHARED is set but ../shared" in ci.stdout + ci.stderr
