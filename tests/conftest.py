"""Shared fixtures: where the real documents and data live (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "docs"
PANEL = SHARED / "data" / "american_bankruptcy" / "american_bankruptcy_1999_2014.csv"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """The four FiberCore releases keyed by their number: '001' ... '004'."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def panel_path(shared_dir: Path) -> Path:
    if not PANEL.is_file():
        pytest.skip("the American bankruptcy panel is not present")
    return PANEL


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
