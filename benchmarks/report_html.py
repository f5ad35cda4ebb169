"""Time of ``RiskReport.to_html`` per report, and the import cost of rendering.

Run: ``python benchmarks/report_html.py [--runs N] [seed files ...]``.

Scores FiberCore's four press releases (``../shared/seeds/*.txt`` by default) as
of each release's date, then prints, for each report, the best of ``N`` calls of
``to_html`` (target: < 0.2 s). In a fresh child process it then prints the time
to import ``risk.report``, the time of the first ``to_html`` (which pays for any
module the renderer imports lazily) and the heavy modules that were loaded; and,
in another, the same for a report read back from its JSON (no scoring first, so
nothing the scoring imported is there to reuse).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
HEAVY = ("matplotlib", "jinja2", "pandas", "sklearn", "scipy")

_CHILD = """
import sys, time
from datetime import date
t0 = time.perf_counter()
import risk.report
t1 = time.perf_counter()
report = risk.report.score({paths!r}, as_of=date.fromisoformat({as_of!r}))
before = set(sys.modules)
t2 = time.perf_counter()
report.to_html()
t3 = time.perf_counter()
report.to_html()
t4 = time.perf_counter()
new = sorted({{m.split('.')[0] for m in set(sys.modules) - before}})
heavy = [m for m in {heavy!r} if m in sys.modules]
print(f"{{t1 - t0:.3f}} {{t3 - t2:.3f}} {{t4 - t3:.3f}}")
print(' '.join(new) or '-')
print(' '.join(heavy) or '-')
"""

_FROM_JSON = """
import sys, time
t0 = time.perf_counter()
from risk.report import RiskReport
report = RiskReport.model_validate_json(sys.stdin.read())
t1 = time.perf_counter()
report.to_html()
t2 = time.perf_counter()
report.to_html()
t3 = time.perf_counter()
heavy = [m for m in {heavy!r} if m in sys.modules]
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{t3 - t2:.3f}}")
print(' '.join(heavy) or '-')
"""


def _as_of_dates(paths: list[Path]) -> list[date]:
    """The filing date of each document, as the report reads them."""
    from risk.report import score

    filed = sorted({d.filed for d in score(paths).documents if d.filed is not None})
    return filed or [date.today()]


def _child(code: str, stdin: str = "") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return done.stdout.splitlines()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=7, help="calls per report (best is printed)")
    args = parser.parse_args(argv)
    paths = sorted(args.paths or SEEDS.glob("*.txt"))
    if not paths:
        print(f"no documents (looked in {SEEDS})", file=sys.stderr)
        return 2

    from risk.report import score

    dates = _as_of_dates(paths)
    print(f"documents: {len(paths)}; reports as of {', '.join(d.isoformat() for d in dates)}")
    best_all = []
    for as_of in dates:
        report = score(paths, as_of=as_of)
        report.to_html()  # warm-up: lazy imports and caches
        runs = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            page = report.to_html()
            runs.append(time.perf_counter() - t0)
        best = min(runs)
        best_all.append(best)
        print(
            f"  as of {as_of}: to_html best of {args.runs} {best * 1000:7.1f} ms, "
            f"median {sorted(runs)[len(runs) // 2] * 1000:7.1f} ms, "
            f"{page.count('<svg')} charts, {len(page) / 1024:.0f} KB"
        )
    worst = max(best_all) * 1000
    print(f"to_html per report: worst best-of-{args.runs} {worst:.1f} ms (target < 200)")

    code = _CHILD.format(paths=[str(p) for p in paths], as_of=dates[-1].isoformat(), heavy=HEAVY)
    timing, first, loaded = _child(code)
    imported, first_html, second_html = (float(x) for x in timing.split())
    print("fresh process (latest report):")
    print(f"  import risk.report: {imported:.3f} s")
    print(f"  first to_html: {first_html:.3f} s (second {second_html:.3f} s)")
    print(f"  packages the first to_html imported: {first}")
    print(f"  heavy packages loaded after scoring and rendering: {loaded}")

    timing, loaded = _child(_FROM_JSON.format(heavy=HEAVY), report.to_json())
    read, first_html, second_html = (float(x) for x in timing.split())
    print("fresh process, the latest report read from its JSON:")
    print(f"  import risk.report and read: {read:.3f} s")
    print(f"  first to_html: {first_html:.3f} s (second {second_html:.3f} s)")
    print(f"  heavy packages loaded after rendering: {loaded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
