"""Where reading time goes: CPU time per stage and per document of the corpus.

Run: ``python benchmarks/reading_stages.py [--kind txt|html] [--repeat N]``. Prints
figures; asserts nothing. For each plain-text (``txt``) or HTML / inline XBRL (``html``)
document of ``../shared/corpus/docs`` (the documents ``benchmarks/extract.py`` times):
its CPU time (best of ``--repeat``) and the part of it spent in each stage, then the
totals and each stage's share. A stage's time excludes the stages it calls (the text
reader's time does not hold the table finder's). Wrapping each stage costs a little
time per call, so the total is a little above ``benchmarks/extract.py``'s.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from risk.exceptions import RiskError

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"

#: (module, function, stage): the functions timed, as the readers call them.
STAGES: list[tuple[str, str, str]] = [
    ("risk.extraction._extract", "decode", "decode+split"),
    ("risk.extraction._extract", "split_submission", "decode+split"),
    ("risk.extraction._extract", "read_text_part", "text reader (rest)"),
    ("risk.extraction._text", "find_text_tables", "text tables"),
    ("risk.extraction._text", "normalise_table", "normalise"),
    ("risk.extraction._html", "read_html_part", "html reader (rest)"),
    ("risk.extraction._html", "parse_html", "html parse"),
    ("risk.extraction._html", "html_to_text", "html to text"),
    ("risk.extraction._html", "read_html_tables", "html tables"),
    ("risk.extraction._html", "_normalise_tables", "normalise"),
    ("risk.extraction._html", "read_inline_facts", "inline facts"),
    ("risk.extraction._extract", "detect_signals", "signals"),
    ("risk.extraction._extract", "find_facts", "signals"),
    ("risk.extraction._extract", "item_signals", "signals"),
]


def _instrument(spent: dict[str, float]) -> None:
    """Wrap every function of :data:`STAGES` to add its own CPU time to ``spent``."""
    stack: list[float] = []  # time spent in timed callees of each open call

    def timed(fn: Callable[..., object], stage: str) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            stack.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                took = time.process_time() - start
                inner = stack.pop()
                spent[stage] += took - inner
                if stack:
                    stack[-1] += took

        return run

    for module_name, name, stage in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, name, timed(getattr(module, name), stage))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=("txt", "html"), default="txt")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spent: dict[str, float] = defaultdict(float)
    _instrument(spent)
    from risk.extraction import extract_all  # after the stages are wrapped

    pattern = "*.txt" if args.kind == "txt" else "*.htm*"
    paths = sorted(CORPUS.glob(pattern))
    stages = list(dict.fromkeys(stage for _, _, stage in STAGES))
    totals: dict[str, float] = defaultdict(float)
    print(f"{'document':44s} {'MB':>5s} {'CPU s':>6s} {'MB/s':>5s}  largest stages")
    for path in paths:
        best: tuple[float, dict[str, float]] | None = None
        for _ in range(args.repeat):
            spent.clear()
            start = time.process_time()
            with contextlib.suppress(RiskError):  # a refused document still took time
                extract_all(path)
            took = time.process_time() - start
            if best is None or took < best[0]:
                best = (took, dict(spent))
        assert best is not None
        took, parts = best
        parts["other"] = took - sum(parts.values())
        for stage, seconds in parts.items():
            totals[stage] += seconds
        totals["all"] += took
        mb = path.stat().st_size / 1e6
        top = sorted(parts.items(), key=lambda kv: -kv[1])[:3]
        print(
            f"{path.name[:44]:44s} {mb:5.2f} {took:6.3f} {mb / took:5.2f}  "
            + ", ".join(f"{stage} {seconds:.3f}" for stage, seconds in top)
        )
    size = sum(p.stat().st_size for p in paths) / 1e6
    print(f"\nall: {size:.2f} MB in {totals['all']:.3f} s CPU, {size / totals['all']:.2f} MB/s")
    for stage in sorted([*stages, "other"], key=lambda s: -totals[s]):
        print(f"  {stage:20s} {totals[stage]:7.3f} s  {100 * totals[stage] / totals['all']:5.1f} %")


if __name__ == "__main__":
    main()
