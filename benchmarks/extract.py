"""Extraction speed: documents/s and MB/s per kind of document, and the cost of signals.

Run: ``python benchmarks/extract.py [--repeat N]``. Prints figures; asserts nothing.
Targets (issues 3, 4, 9), on one core:
- press-release-size documents (the seeds): >= 200 documents/s
- a 1 MB plain-text 10-K: <= 1 s
- a 2.5 MB inline-XBRL 10-Q: <= 2 s; a 2.5 MB company-facts file: <= 1 s
- signal detection adds <= 20 % to extraction time
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import risk.extraction._extract as coordinator
from risk.exceptions import RiskError
from risk.extraction import extract_all

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = SHARED / "corpus" / "docs"

KINDS: dict[str, list[str]] = {
    "plain-text submissions": [p.name for p in sorted(CORPUS.glob("*.txt"))],
    "HTML / inline XBRL": [p.name for p in sorted(CORPUS.glob("*.htm*"))],
    "XBRL instances": [p.name for p in sorted(CORPUS.glob("*.xml"))],
    "company facts": [p.name for p in sorted(CORPUS.glob("*.json"))],
}


def _time(fn: Callable[[], object], repeat: int) -> float:
    """Best-of-``repeat`` wall time of ``fn`` in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _read(path: Path) -> None:
    # A refused document still counts as read: its time is what we measure.
    with contextlib.suppress(RiskError):
        extract_all(path)


@contextmanager
def _signals_off() -> Iterator[None]:
    saved_detect, saved_facts = coordinator.detect_signals, coordinator.find_facts
    coordinator.detect_signals = lambda *a, **k: []  # type: ignore[assignment]
    coordinator.find_facts = lambda *a, **k: []  # type: ignore[assignment]
    try:
        yield
    finally:
        coordinator.detect_signals, coordinator.find_facts = saved_detect, saved_facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print("== seeds (press releases), one core ==")
    size = sum(p.stat().st_size for p in SEEDS)
    rounds = 25
    seconds = _time(lambda: [_read(p) for _ in range(rounds) for p in SEEDS], args.repeat)
    n = rounds * len(SEEDS)
    print(
        f"{n / seconds:8.1f} documents/s   {size * rounds / seconds / 1e6:6.2f} MB/s   "
        f"({size / len(SEEDS) / 1e3:.1f} KB average)"
    )
    with _signals_off():
        bare = _time(lambda: [_read(p) for _ in range(rounds) for p in SEEDS], args.repeat)
    print(
        f"signals and prose facts add {100 * (seconds - bare) / bare:5.1f} % "
        f"({1e3 * (seconds - bare) / n:.2f} ms per document)"
    )

    for kind, names in KINDS.items():
        print(f"\n== {kind} ==")
        overheads = []
        for name in names:
            path = CORPUS / name
            mb = path.stat().st_size / 1e6
            t = _time(lambda path=path: _read(path), args.repeat)
            with _signals_off():
                t0 = _time(lambda path=path: _read(path), args.repeat)
            overheads.append((t - t0) / t0 if t0 > 0 else 0.0)
            extra = 100 * (t - t0) / t0
            print(f"{t:7.3f} s  {mb / t:6.2f} MB/s  {mb:5.2f} MB  signals +{extra:5.1f} %  {name}")
        if overheads:
            print(f"median signal overhead: {100 * statistics.median(overheads):.1f} %")


if __name__ == "__main__":
    main()
