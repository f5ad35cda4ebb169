"""Batch scoring throughput and memory: documents/s and MB/s with 1 and 2 workers.

    python benchmarks/batch.py                 # both sets, 1 and 2 workers
    python benchmarks/batch.py --set press --n 500 --jobs 2

Two sets of documents, each run in a fresh process per number of workers:

- ``press``: ``--n`` copies (default 2,000) of the FiberCore seeds and of the
  corpus's plain-text submissions under 64 KB (press-release size), each made
  distinct by a trailing line so that every copy is really read (identical bytes
  are read once), ``--per-company`` documents per company;
- ``mix``: every document of ``../shared/corpus`` (``docs/``, ``8-K/``, ``ixbrl/``:
  plain text, HTML, inline XBRL, XBRL, company facts) once, as filed.

Printed per run: documents/s and MB/s end to end (reading, then scoring every
company with the scoring core of ``risk.score``, many companies per task), the two
phases apart, the CPU time of the whole process tree (the batch process, and its
waited-for children: the fork server and, through it, the workers; the machine is
shared, so CPU time is the steadier figure), and memory: the peak of the sum of the
resident memory of the whole process tree (the batch process, the fork server and
the workers, sampled every 50 ms from ``/proc``) and the largest single process
(``ru_maxrss`` of the batch process and of its waited-for children: the batch waits
for its workers on exit).
``--scorer quick`` replaces the scoring by a constant (the reading phase and the
machinery alone). The runs import ``risk`` from this checkout.

Targets (issue 18): >= 150 documents/s end to end with 2 workers on the press set,
>= 8 MB/s on the corpus mix; memory flat in the number of documents.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from _timing import peak_mb

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MAX_SOURCE_BYTES = 64 * 1024
PER_COMPANY = int(os.environ.get("RISK_BENCH_PER_COMPANY", "4"))


def _sources() -> list[Path]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    corpus = sorted(
        p
        for p in (SHARED / "corpus" / "docs").glob("*.txt")
        if p.stat().st_size <= MAX_SOURCE_BYTES
    )
    return seeds + corpus


_CIK = re.compile(rb"(CENTRAL INDEX KEY:[ \t]*)(\d+)")
_SEED_NAME = b"FiberCore, Inc."


def make_documents(folder: Path, n: int, per_company: int) -> float:
    """Write ``n`` distinct copies into ``folder`` (100 per sub-folder); mean size in bytes.

    Copy ``i`` belongs to company ``i // per_company``: its CIK (in an SEC header)
    or the seeds' company name is rewritten, so that companies stay small as the
    batch grows (a batch of many companies, as in real use).
    """
    sources = [p.read_bytes() for p in _sources()]
    total = 0
    for i in range(n):
        company = i // per_company
        data = _CIK.sub(
            lambda m, c=company: m.group(1) + b"%d" % (9_000_000 + c), sources[i % len(sources)]
        )
        data = data.replace(_SEED_NAME, b"FiberCore%d, Inc." % company)
        data += f"\nbenchmark copy {i}\n".encode()
        sub = folder / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total / max(n, 1)


def quick_scorer(filings: list, as_of: date | None) -> object:
    """Used with ``--scorer quick``: measures the batch machinery, not the model."""
    from risk.batch import ScoreFields

    return ScoreFields(status="scored", as_of=as_of, probability=None)


def light_extract(path: str, max_bytes: int) -> list:
    """Used with ``--extractor light``: read and hash only, to measure the batch machinery."""
    import hashlib

    from risk.financials import DocumentInfo, Filing

    data = Path(path).read_bytes()
    company = f"Bench Co {int(Path(path).stem.split('-')[1]) // PER_COMPANY}"
    sha = hashlib.sha256(data).hexdigest()
    return [Filing(source=path, sha256=sha, company=company, documents=[DocumentInfo()])]


def _mix_sources() -> list[Path]:
    """Every document of the corpus, as filed."""
    corpus = SHARED / "corpus"
    return sorted(p for d in ("docs", "8-K", "ixbrl") for p in (corpus / d).iterdir())


def make_mix(folder: Path) -> float:
    """Link every corpus document into ``folder``; their total size in bytes."""
    folder.mkdir(parents=True)
    total = 0
    for i, source in enumerate(_mix_sources()):
        target = folder / f"{i:04d}-{source.name}"
        try:
            target.symlink_to(source)
        except OSError:
            shutil.copy(source, target)
        total += source.stat().st_size
    return float(total)


def _child(args: argparse.Namespace) -> None:
    from risk.batch import Progress, run_batch

    try:
        from risk.batch import shutdown_local  # as risk batch does before it exits
    except ImportError:  # a checkout from before the batch waited for its fork server

        def shutdown_local() -> None:
            return None

    scorer = quick_scorer if args.scorer == "quick" else None
    extractor = light_extract if args.extractor == "light" else None
    out = Path(args.out)
    start = time.perf_counter()
    summary = run_batch(
        [args.docs],
        out,
        jobs=args.jobs[0],
        scorer=scorer,
        extractor=extractor,
        progress=Progress(io.StringIO(), bar=False),
    )
    shutdown_local()
    total = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "inputs": summary.inputs,
                "scored": summary.scored,
                "failed": summary.failed,
                "rows": summary.rows,
                "seconds": total,
                "read_seconds": summary.read_seconds,
                "self_mb": peak_mb(usage.ru_maxrss / 1024),
                "self_cpu": usage.ru_utime + usage.ru_stime,
                "children_mb": children.ru_maxrss / 1024,
                "children_cpu": children.ru_utime + children.ru_stime,
                "ledger_mb": summary.ledger.stat().st_size / 2**20,
            }
        )
    )


def _tree_rss_kb(root: int) -> int:
    """The resident memory (KiB) of ``root`` and all its descendants, from ``/proc``."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/statm", "rb") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parent[int(entry)] = int(fields[1])
        rss[int(entry)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree)


def _sample_tree(proc: subprocess.Popen[str], peak: list[int]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
        time.sleep(0.05)


def _run(docs: Path, jobs: int, scorer: str, extractor: str, work: Path) -> dict[str, float]:
    out = work / f"out-{jobs}-{time.monotonic_ns()}.parquet"
    cmd = [
        sys.executable,
        __file__,
        "--child",
        "--docs",
        str(docs),
        "--jobs",
        str(jobs),
        "--out",
        str(out),
        "--scorer",
        scorer,
        "--extractor",
        extractor,
    ]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]
    sampler = threading.Thread(target=_sample_tree, args=(proc, peak), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"benchmark run failed:\n{stderr}")
    result: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    result["tree_mb"] = peak[0] / 1024
    result["load"] = os.getloadavg()[0]
    for p in work.glob(f"{out.name}*"):
        p.unlink()
    return result


def _report(label: str, r: dict[str, float], mb: float) -> None:
    score_s = max(r["seconds"] - r["read_seconds"], 1e-9)
    cpu = r["self_cpu"] + r.get("children_cpu", 0.0)
    print(
        f"  {label}: {r['inputs'] / r['seconds']:7.1f} documents/s, "
        f"{mb / r['seconds']:5.2f} MB/s end to end ({r['seconds']:.1f} s): reading "
        f"{r['inputs'] / r['read_seconds']:.1f} documents/s ({r['read_seconds']:.1f} s), "
        f"scoring {r['rows'] / score_s:.1f} rows/s ({score_s:.1f} s); "
        f"{r['inputs']:.0f} inputs = {r['scored']:.0f} scored + {r['failed']:.0f} failed, "
        f"{r['rows']:.0f} rows; memory: process tree peak {r['tree_mb']:.0f} MB, largest "
        f"process {max(r['self_mb'], r['children_mb']):.0f} MB (batch process "
        f"{r['self_mb']:.0f} MB); ledger {r['ledger_mb']:.0f} MB\n"
        f"    CPU: {cpu:.1f} s in all ({1000 * cpu / r['inputs']:.1f} ms per document): "
        f"batch process {r['self_cpu']:.1f} s, fork server and workers "
        f"{r.get('children_cpu', float('nan')):.1f} s; load {r['load']:.1f} at the end"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["press", "mix", "both"], default="both")
    parser.add_argument("--n", type=int, default=2_000, help="press-set documents (2,000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--scorer",
        choices=["core", "quick"],
        default="core",
        help="core (default): the scoring core of risk.score; quick: a constant",
    )
    parser.add_argument(
        "--extractor",
        choices=["real", "light"],
        default="real",
        help="real: risk.extraction.extract_all; light: read and hash only (machinery only)",
    )
    parser.add_argument(
        "--per-company", type=int, default=4, help="press-set documents per company (4)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--docs", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    work = Path(tempfile.mkdtemp(prefix="risk-bench-batch-"))
    print(
        f"cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.1f}; "
        f"extractor: {args.extractor}; scorer: {args.scorer}"
    )
    try:
        if args.set in ("press", "both"):
            docs = work / "press"
            mean = make_documents(docs, args.n, args.per_company)
            os.environ["RISK_BENCH_PER_COMPANY"] = str(args.per_company)
            mb = mean * args.n / 2**20
            print(
                f"\npress set: {args.n} documents from {len(_sources())} sources, "
                f"mean {mean / 1024:.1f} KB ({mb:.1f} MB)"
            )
            for jobs in args.jobs:
                _report(f"jobs={jobs}", _run(docs, jobs, args.scorer, args.extractor, work), mb)
            shutil.rmtree(docs)
        if args.set in ("mix", "both"):
            docs = work / "mix"
            mb = make_mix(docs) / 2**20
            n = len(_mix_sources())
            print(f"\ncorpus mix: {n} documents (docs/, 8-K/, ixbrl/), {mb:.1f} MB")
            for jobs in args.jobs:
                _report(f"jobs={jobs}", _run(docs, jobs, args.scorer, args.extractor, work), mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
