"""Shared fixtures: where the real documents and data live (read in place, never copied).

The documents are in ``../shared`` beside the repository. Without them the tests that
need them are skipped, except when ``RISK_REQUIRE_SHARED=1`` (set by ``.ci/run``):
then a missing folder or file fails the run at its start, so that CI never passes by
skipping.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "docs"
PANEL = SHARED / "data" / "american_bankruptcy" / "american_bankruptcy_1999_2014.csv"

#: What the tests read from ``../shared``, with a word for each in messages.
REQUIRED = {
    SHARED: "../shared",
    SEEDS: "../shared/seeds",
    CORPUS: "../shared/corpus/docs",
    PANEL: "the American bankruptcy panel (../shared/data/american_bankruptcy)",
}


#: Imported once by multiprocessing's fork server, before it forks the batch's workers:
#: each worker then starts with the readers, the scoring core and the tests' stand-in
#: extractors already imported, instead of importing them again (about 1 s of CPU per
#: worker, and the batch tests start dozens). What the workers run is unchanged.
FORKSERVER_PRELOAD = ["risk.batch", "risk.extraction", "risk.report", "test_batch_helpers"]


def pytest_configure(config: pytest.Config) -> None:
    multiprocessing.set_forkserver_preload(FORKSERVER_PRELOAD)


def _required() -> bool:
    return os.environ.get("RISK_REQUIRE_SHARED", "") not in ("", "0")


def pytest_sessionstart(session: pytest.Session) -> None:
    """With ``RISK_REQUIRE_SHARED=1``, stop at once when a shared document folder is missing."""
    missing = [what for path, what in REQUIRED.items() if not path.exists()]
    if _required() and missing:
        pytest.exit(
            f"RISK_REQUIRE_SHARED is set but {', '.join(missing)} is missing beside "
            f"{ROOT}: the tests that read it would be skipped",
            returncode=1,
        )


def _need(path: Path) -> Path:
    """``path`` when it exists; else skip the test (fail it when the data are required)."""
    if not path.exists():
        message = f"{REQUIRED[path]} is not present"
        if _required():
            pytest.fail(f"{message} (RISK_REQUIRE_SHARED is set)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """The four FiberCore releases keyed by their number: '001' ... '004'."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return _need(CORPUS)


@pytest.fixture(scope="session")
def panel_path(shared_dir: Path) -> Path:
    return _need(PANEL)


#: A closed port on the loopback interface: a request there is refused at once.
EDGAR_UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(scope="session")
def _edgar_session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("edgar-cache")


@pytest.fixture(autouse=True)
def _edgar_unreachable(monkeypatch: pytest.MonkeyPatch, _edgar_session_cache: Path) -> None:
    """No test reaches EDGAR: its base URLs point at a closed local port, its cache at a
    temporary folder, and no User-Agent or offline switch leaks in from the environment.
    Tests of ``risk.edgar`` point the URLs at a server they start on 127.0.0.1."""
    monkeypatch.setenv("RISK_EDGAR_WWW_URL", EDGAR_UNREACHABLE)
    monkeypatch.setenv("RISK_EDGAR_DATA_URL", EDGAR_UNREACHABLE)
    monkeypatch.setenv("RISK_EDGAR_CACHE", str(_edgar_session_cache))
    for name in ("RISK_EDGAR_USER_AGENT", "RISK_EDGAR_OFFLINE", "RISK_EDGAR_RATE"):
        monkeypatch.delenv(name, raising=False)
