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
