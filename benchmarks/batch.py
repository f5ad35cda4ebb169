"""Batch scoring throughput and memory: documents/s with 1 and 2 workers, peak RSS.

    python benchmarks/batch.py            # 10,000 documents (and a 2,000 run for memory growth)
    python benchmarks/batch.py --n 500    # smaller

The documents are copies of the FiberCore seeds and of the corpus's plain-text
submissions under 64 KB (press-release size), each made distinct by a trailing
line so that every copy is really read (identical bytes are read once). Each
configuration runs in a fresh process, so ``ru_maxrss`` is that run's peak:
the batch process itself (reading phase: hashing, ledger, scheduling; scoring
phase) and its largest worker.

Both phases run on the workers: reading (one document per task), then scoring
the companies with the batch's default scorer (``--scorer fast``: 128 companies
per task, the fields of :func:`risk.report.score`), or ``--scorer report``
(:func:`risk.report.score`, one company per task), or ``--scorer quick`` (a
constant: the reading phase and the batch machinery alone). The runs import
`risk` from this checkout.

Targets (issue 8): >= 150 documents/s end to end with 2 workers for ~25 KB
documents, peak memory < 1 GB, and no growth with the number of documents.
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
import time
from datetime import date
from pathlib import Path

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


def _child(args: argparse.Namespace) -> None:
    from risk.batch import Progress, run_batch
    from risk.batch._engines import WORKER_PEAK_RSS_KB

    scorer = quick_scorer if args.scorer == "quick" else args.scorer
    extractor = light_extract if args.extractor == "light" else None
    out = Path(args.out)
    start = time.perf_counter()
    summary = run_batch(
        [args.docs],
        out,
        jobs=args.jobs[0],
        scorer=scorer,  # type: ignore[arg-type]
        extractor=extractor,
        progress=Progress(io.StringIO(), bar=False),
    )
    total = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    self_kb = usage.ru_maxrss
    child_kb = max(WORKER_PEAK_RSS_KB[0], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(
        json.dumps(
            {
                "inputs": summary.inputs,
                "scored": summary.scored,
                "failed": summary.failed,
                "rows": summary.rows,
                "seconds": total,
                "read_seconds": summary.read_seconds,
                "self_mb": self_kb / 1024,
                "self_cpu": usage.ru_utime + usage.ru_stime,
                "worker_mb": child_kb / 1024,
                "ledger_mb": summary.ledger.stat().st_size / 2**20,
            }
        )
    )


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
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.exit(f"benchmark run failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    for p in work.glob(f"{out.name}*"):
        p.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents (default 10,000)")
    parser.add_argument("--small", type=int, default=2_000, help="the smaller run for memory")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--scorer",
        choices=["fast", "report", "quick"],
        default="fast",
        help=(
            "fast (default): the batch's scorer; report: risk.report.score per company; "
            "quick: a constant, to time reading alone"
        ),
    )
    parser.add_argument(
        "--extractor",
        choices=["real", "light"],
        default="real",
        help="real: risk.extraction.extract_all; light: read and hash only (machinery only)",
    )
    parser.add_argument(
        "--per-company", type=int, default=4, help="documents per company (default 4)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--docs", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    work = Path(tempfile.mkdtemp(prefix="risk-bench-batch-"))
    try:
        sizes = sorted({min(args.small, args.n), args.n})
        print(
            f"sources: {len(_sources())} documents; cores: {os.cpu_count()}; "
            f"extractor: {args.extractor}; scorer: {args.scorer}"
        )
        for n in sizes:
            docs = work / f"docs-{n}"
            mean = make_documents(docs, n, args.per_company)
            os.environ["RISK_BENCH_PER_COMPANY"] = str(args.per_company)
            print(f"\n{n} documents, mean {mean / 1024:.1f} KB")
            for jobs in args.jobs:
                r = _run(docs, jobs, args.scorer, args.extractor, work)
                score_s = r["seconds"] - r["read_seconds"]
                print(
                    f"  jobs={jobs}: {r['inputs'] / r['seconds']:7.1f} documents/s end to end "
                    f"({r['seconds']:.1f} s): reading {r['inputs'] / r['read_seconds']:.1f} "
                    f"documents/s ({r['read_seconds']:.1f} s), scoring {r['rows'] / score_s:.1f} "
                    f"rows/s ({score_s:.1f} s); batch process CPU {r['self_cpu']:.1f} s; "
                    f"{r['inputs']:.0f} inputs = {r['scored']:.0f} scored + {r['failed']:.0f} "
                    f"failed, {r['rows']:.0f} rows; peak RSS: batch process "
                    f"{r['self_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB; "
                    f"ledger {r['ledger_mb']:.0f} MB"
                )
            shutil.rmtree(docs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
