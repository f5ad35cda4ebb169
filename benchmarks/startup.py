"""Start-up cost of the command line: wall time of each command and its top imports.

    python benchmarks/startup.py            # best of 5 per command, then the import profile
    python benchmarks/startup.py --repeat 3 --top 8

Each command runs in a fresh interpreter that imports ``risk`` from this checkout
(as the ``risk`` console script does: ``from risk.cli import run``). Printed per
command: the best wall and CPU time of ``--repeat`` runs (after a warm-up run; with
bytecode caches, as an installed package has them; the CPU time is the steadier
figure on a loaded machine), then the modules that cost most
to import in one run under ``python -X importtime`` (cumulative microseconds of the
outermost imports: a module imported by another is counted inside it), and whether
pandas, SciPy, scikit-learn and matplotlib were imported at all.

Last, where the CPU of ``risk score`` on the seeds goes by kind of work, which the
import profile spreads over every module: compiling regular expressions, creating
dataclasses, creating and building pydantic models (class creation, then the
validator and serializer of each model a command uses), cyclic garbage collection,
reading rule files, loading the model artefact (hooked in one run; the share of the
CPU time after the interpreter starts).

Targets (issue 18): ``risk score ../shared/seeds/*.txt --format json`` < 0.5 s,
``--format html`` < 0.8 s, ``risk --version`` < 0.1 s, on the 2-core machine.

Figures (session 27, before -> after the anchor table, the young-generation threshold
of 100,000 and the model modules' annotations evaluated at once; instructions by
``valgrind --tool=callgrind``, CPU best of 5 run in turn at load 5-6): json
2,475 -> 2,037 M instructions, 0.617 -> 0.527 s CPU; html 2,519 -> 2,085 M,
0.625 -> 0.537 s; ``--version`` 139 -> 136 M, 0.050 -> 0.052 s. Session 26 measured
json at 0.468-0.491 s wall on a quiet machine (load 0.7-0.95).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: Every run starts in ROOT (``cwd=ROOT``): ``python -c`` puts the working folder first
#: on sys.path, so a run started in another checkout imported that checkout's ``risk``.
_MAIN = "from risk.cli import run; run()"
_HEAVY = ("pandas", "scipy", "sklearn", "matplotlib", "pyarrow")

#: Runs a command with hooks that time kinds of work (exclusive of nested hooks).
_WHY = """
import contextlib, gc, io, json, sys, time
spent, calls, stack = {}, {}, []

def hook(owner, attr, kind):
    original = getattr(owner, attr)
    def timed(*args, **kwargs):
        start = time.process_time()
        stack.append(0.0)
        try:
            return original(*args, **kwargs)
        finally:
            took = time.process_time() - start
            inner = stack.pop()
            spent[kind] = spent.get(kind, 0.0) + took - inner
            calls[kind] = calls.get(kind, 0) + 1
            if stack:
                stack[-1] += took
    setattr(owner, attr, timed)

t0 = time.process_time()
from risk.cli._exit import _start_up
_start_up()  # as the console script does before main()
import dataclasses, re._compiler
hook(re._compiler, "compile", "regex compile")
hook(dataclasses, "_process_class", "dataclass creation")
from pydantic._internal import _model_construction
hook(_model_construction.ModelMetaclass, "__new__", "pydantic model classes")
hook(_model_construction, "complete_model_class", "pydantic validators (build)")
import risk._rules, risk.model
hook(risk._rules, "load_rule_file", "rule files (read + validate)")
hook(risk.model, "load_scorer", "model artefact (load + sha256)")
gc_start = []
def on_gc(phase, info):
    if phase == "start":
        gc_start.append(time.process_time())
    else:
        spent["garbage collection"] = spent.get("garbage collection", 0.0) + (
            time.process_time() - gc_start.pop())
        calls["garbage collection"] = calls.get("garbage collection", 0) + 1
gc.callbacks.append(on_gc)
from risk.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
total = time.process_time() - t0
print(json.dumps({"total": total, "spent": spent, "calls": calls}))
"""


def _commands(workdir: Path) -> list[tuple[str, list[str]]]:
    seeds = [str(p) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    table = workdir / "table.csv"
    table.write_text(
        "entity,period_end,months,total_assets,total_liabilities,net_income,revenue\n"
        "Example Co,2023-12-31,12,1000000,600000,50000,900000\n"
        "Example Co,2024-12-31,12,1100000,650000,-20000,950000\n",
        encoding="utf-8",
    )
    return [
        ("risk --version", ["--version"]),
        ("risk score seeds --format json", ["score", *seeds, "--format", "json"]),
        ("risk score seeds --format markdown", ["score", *seeds, "--format", "markdown"]),
        ("risk score seeds --format html", ["score", *seeds, "--format", "html"]),
        ("risk extract seed 001", ["extract", seeds[0]]),
        ("risk schema report", ["schema", "report"]),
        ("risk score-table (2 rows)", ["score-table", str(table), "--out", str(workdir / "o.csv")]),
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # As installed (pip writes the bytecode caches): without them every module of
    # ``risk`` is compiled from source on each run, which is not what a user waits for.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _wall(args: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of ``repeat`` runs, after one
    warm-up run (it writes the bytecode caches and fills the page cache)."""
    best, best_cpu = float("inf"), float("inf")
    for i in range(repeat + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MAIN, *args],
            capture_output=True,
            env=_env(),
            check=False,
            cwd=ROOT,
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"risk {' '.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
        if i == 0:
            continue
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best, best_cpu = min(best, elapsed), min(best_cpu, cpu)
    return best, best_cpu


def _imports(args: list[str]) -> list[tuple[int, int, str]]:
    """(cumulative us, nesting level, module) of every import in one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _MAIN, *args],
        capture_output=True,
        env=_env(),
        check=False,
        cwd=ROOT,
    )
    out = []
    for line in done.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.split("|")
        level = (len(name) - len(name.lstrip(" ")) - 1) // 2
        out.append((int(cumulative), level, name.strip()))
    return out


def _why(args: list[str]) -> None:
    """Print the CPU of one run of ``risk ARGS`` by kind of work (see the docstring)."""
    done = subprocess.run(
        [sys.executable, "-c", _WHY, *args], capture_output=True, env=_env(), check=False, cwd=ROOT
    )
    if done.returncode != 0:
        sys.exit(f"risk {' '.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
    out = json.loads(done.stdout.decode().strip().splitlines()[-1])
    total = out["total"]
    print(f"\nwhere the CPU goes: risk {args[0]} seeds {' '.join(args[-2:])}")
    print(f"  one run with hooks: {total:.3f} s CPU from the first import to the output")
    for kind, took in sorted(out["spent"].items(), key=lambda kv: -kv[1]):
        print(f"  {took:7.3f} s {100 * took / total:5.1f} %  {kind} ({out['calls'][kind]} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (best kept)")
    parser.add_argument("--top", type=int, default=6, help="imports listed per command")
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}; cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="risk-bench-startup-") as tmp:
        for label, argv in _commands(Path(tmp)):
            wall, cpu = _wall(argv, args.repeat)
            imports = _imports(argv)
            outer = sorted((c, n) for c, lvl, n in imports if lvl <= 1)[::-1][: args.top]
            total = sum(c for c, lvl, _ in imports if lvl == 0) / 1e6
            heavy = [h for h in _HEAVY if any(n == h for _, _, n in imports)]
            print(
                f"\n{label}: {wall:.3f} s wall, {cpu:.3f} s CPU (best of {args.repeat}); "
                f"imports {total:.3f} s"
            )
            print(f"  heavy packages imported: {', '.join(heavy) or 'none'}")
            for cumulative, name in outer:
                print(f"  {cumulative / 1e6:7.3f} s  {name}")
        _why(_commands(Path(tmp))[1][1])


if __name__ == "__main__":
    main()
