"""Fuzzing: mutated copies of real documents through ``extract`` and ``score``.

Run: ``nice -n 10 python benchmarks/fuzz.py [--n 10000] [--jobs 1] [--limit 20]``.
Prints counts; asserts nothing. Replay one document in-process with its traceback:
``python benchmarks/fuzz.py --replay DOCUMENT MUTATOR SEED`` (as printed).

What is run
-----------
The four ``../shared/seeds`` releases and a sample of ``../shared/corpus`` of every format
(plain-text submissions, HTML, inline XBRL, XBRL instances, company facts; the corpus
documents up to ``--max-kb``, the smallest inline-XBRL reports of ``ixbrl/``, a seeded
sample of ``8-K/``). Document ``i`` of the run is sample document ``i mod len(sample)``,
changed by :func:`fuzz_mutations.mutate_random` with seed ``--seed * 1_000_003 + i``
(one mutator, or a stack of several), so every document of a run can be rebuilt.

Each mutated document is read with :func:`risk.extraction.extract_all` (and
:func:`risk.extract` for company facts, the one format where the two differ), then
scored with :func:`risk.score` on those filings (what ``score`` does with a document
after reading it). The outcome is one of:

- ``ok``: both returned;
- a project error (:class:`risk.exceptions.RiskError`), counted by type;
- OTHER: any other exception: a bug, listed with document, mutator, seed and the last
  frame of the traceback;
- a hang: no answer within ``--limit`` seconds (the worker process is killed and a new
  one started).

Documents run in worker processes (``--jobs``) with an address-space limit
(``--memory-mb``), so that a hang or a runaway allocation stops only its document.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import random
import resource
import sys
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_mutations import mutate, mutate_random  # noqa: E402


def sample_documents(max_kb: int, n_8k: int, n_ixbrl: int, seed: int) -> list[Path]:
    """The seeds, the corpus ``docs/`` up to ``max_kb``, the smallest inline-XBRL reports
    and a seeded sample of 8-K filings (both the .txt submissions and the .htm documents)."""
    corpus = SHARED / "corpus"
    docs = sorted(p for p in (corpus / "docs").iterdir() if p.stat().st_size <= max_kb * 1024)
    ixbrl = sorted((corpus / "ixbrl").glob("*.htm"), key=lambda p: p.stat().st_size)[:n_ixbrl]
    rng = random.Random(seed)
    eight_k = sorted((corpus / "8-K").iterdir())
    txt = [p for p in eight_k if p.suffix == ".txt"]
    htm = [p for p in eight_k if p.suffix != ".txt"]
    sample_8k = rng.sample(txt, min(len(txt), n_8k // 2)) + rng.sample(
        htm, min(len(htm), n_8k - n_8k // 2)
    )
    return sorted((SHARED / "seeds").glob("*.txt")) + docs + ixbrl + sorted(sample_8k)


def run_one(data: bytes, name: str) -> None:
    """Read and score one document (raises what they raise)."""
    import risk
    from risk.extraction import extract_all

    filings = extract_all(data, name=name)
    if data[:4096].lstrip().startswith(b"{"):
        risk.extract(data, name=name)
    risk.score(filings)


def _summary(exc: BaseException) -> str:
    """The exception and the deepest frame in ``risk`` (else the deepest frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/risk/" in f.filename.replace("\\", "/")]
    frame = (ours or frames or [None])[-1]
    where = ""
    if frame is not None:
        path = frame.filename.replace("\\", "/")
        short = path[path.rfind("/risk/") + 1 :] if "/risk/" in path else Path(path).name
        where = f"{short}:{frame.lineno} in {frame.name}"
    message = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__} at {where}: {message}"


def _worker(conn: Connection, paths: list[str], memory_mb: int) -> None:
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import risk.report  # noqa: F401  (imported once, not timed per document)
    from risk.exceptions import RiskError

    originals = [Path(p).read_bytes() for p in paths]
    # load the model and warm the caches before the clock of the first document runs
    with contextlib.suppress(RiskError):
        run_one(originals[0], name="warm-up")
    conn.send("ready")
    while True:
        task = conn.recv()
        if task is None:
            return
        index, seed = task
        mutator, data = mutate_random(originals[index], seed)
        start = time.perf_counter()
        try:
            run_one(data, name=Path(paths[index]).name)
            outcome: tuple[str, str] = ("ok", "")
        except RiskError as exc:
            outcome = ("project", type(exc).__name__)
        except Exception as exc:  # what the fuzzer looks for
            outcome = ("other", _summary(exc))
        conn.send((mutator, outcome, time.perf_counter() - start))


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: tuple[int, int] | None = None
    sent: float = 0.0


#: Seconds a worker may take to import risk and load the model (not a document's time).
_STARTUP = 600


def _start(paths: list[str], memory_mb: int) -> _Slot:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_worker, args=(child, paths, memory_mb), daemon=True)
    process.start()
    child.close()
    if not parent.poll(_STARTUP) or parent.recv() != "ready":
        raise SystemExit(f"a worker did not start within {_STARTUP} s")
    return _Slot(process, parent)


@dataclass
class _Tally:
    ok: int = 0
    project: Counter[str] | None = None
    other: dict[str, list[str]] | None = None
    hangs: list[str] | None = None
    by_mutator: Counter[str] | None = None
    seconds: float = 0.0

    def __post_init__(self) -> None:
        self.project = Counter()
        self.other = defaultdict(list)
        self.hangs = []
        self.by_mutator = Counter()


def run(args: argparse.Namespace) -> _Tally:
    paths = [str(p) for p in sample_documents(args.max_kb, args.n_8k, args.n_ixbrl, args.seed)]
    print(
        f"{len(paths)} documents in the sample; {args.n} mutated documents; "
        f"{args.jobs} worker(s); limit {args.limit:g} s per document",
        flush=True,
    )
    tasks = [(i % len(paths), args.seed * 1_000_003 + i) for i in range(args.n)]
    tasks.reverse()
    tally = _Tally()
    slots = [_start(paths, args.memory_mb) for _ in range(args.jobs)]
    done, started = 0, time.perf_counter()
    while tasks or any(s.task for s in slots):
        for k, slot in enumerate(slots):
            if slot.task is None and tasks:
                slot.task, slot.sent = tasks.pop(), time.perf_counter()
                slot.conn.send(slot.task)
            if slot.task is None:
                continue
            index, seed = slot.task
            label = f"{Path(paths[index]).name} seed {seed}"
            if slot.conn.poll(0.05):
                try:
                    mutator, (kind, detail), seconds = slot.conn.recv()
                except EOFError:  # the worker died (killed by the memory limit, a crash)
                    assert tally.other is not None
                    tally.other["worker died"].append(label)
                    slot.process.join()
                    slots[k] = _start(paths, args.memory_mb)
                    done += 1
                    continue
                tally.seconds += seconds
                assert tally.by_mutator is not None and tally.project is not None
                tally.by_mutator[mutator.split("+")[0]] += 1
                if kind == "ok":
                    tally.ok += 1
                elif kind == "project":
                    tally.project[detail] += 1
                else:
                    assert tally.other is not None
                    tally.other[detail].append(f"{label} mutator {mutator}")
                    if len(tally.other[detail]) == 1:  # a new bug: say it at once
                        print(f"  OTHER {detail}\n      {label} mutator {mutator}", flush=True)
                slot.task = None
                done += 1
            elif time.perf_counter() - slot.sent > args.limit:
                assert tally.hangs is not None
                tally.hangs.append(label)
                print(f"  HANG {label}", flush=True)
                slot.process.kill()
                slot.process.join()
                slots[k] = _start(paths, args.memory_mb)
                done += 1
            if done and done % 1000 == 0 and slot.task is None:
                elapsed = time.perf_counter() - started
                print(f"  {done} done in {elapsed:.0f} s", flush=True)
    for slot in slots:
        slot.conn.send(None)
        slot.process.join(timeout=5)
    tally.seconds = time.perf_counter() - started
    return tally


def report(tally: _Tally, n: int, jobs: int) -> None:
    assert tally.project is not None and tally.other is not None and tally.hangs is not None
    other = sum(len(v) for v in tally.other.values())
    print(f"\nok: {tally.ok}")
    print(f"project errors: {sum(tally.project.values())}")
    for name, count in tally.project.most_common():
        print(f"  {name}: {count}")
    print(f"OTHER exceptions: {other}")
    for summary, where in sorted(tally.other.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(where)} x {summary}")
        for label in where[:3]:
            print(f"      {label}")
    print(f"hangs: {len(tally.hangs)}")
    for label in tally.hangs:
        print(f"  {label}")
    rate = n / tally.seconds if tally.seconds else 0.0
    print(
        f"\n{n} documents in {tally.seconds:.0f} s with {jobs} worker(s): "
        f"{rate:.1f} documents/s, {1000 * jobs / rate if rate else 0:.0f} ms per document "
        "per worker"
    )


def replay(document: str, mutator: str, seed: int) -> None:
    """Run one mutated document in this process and print its traceback."""
    path = Path(document)
    if not path.exists():
        path = next(p for p in sample_documents(10**9, 10**6, 10**3, 0) if p.name == document)
    data = path.read_bytes()
    chosen, mutated = mutate_random(data, seed)
    # The name printed by a run is that of mutate_random; any other single name is run alone.
    data = mutated if chosen == mutator else mutate(data, mutator, seed)
    Path("/tmp/fuzz_replay.bin").write_bytes(data)
    print(f"{len(data)} bytes (written to /tmp/fuzz_replay.bin)")
    run_one(data, name=path.name)
    print("ok (or a project error above)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="mutated documents (10000)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1)")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds per document (20)")
    parser.add_argument("--seed", type=int, default=1, help="run seed (1)")
    parser.add_argument("--max-kb", type=int, default=1000, help="largest corpus document (1000)")
    parser.add_argument("--n-8k", type=int, default=10, help="8-K filings sampled (10)")
    parser.add_argument("--n-ixbrl", type=int, default=2, help="inline-XBRL reports (2)")
    parser.add_argument("--memory-mb", type=int, default=3000, help="per worker (3000)")
    parser.add_argument("--replay", nargs=3, metavar=("DOCUMENT", "MUTATOR", "SEED"))
    args = parser.parse_args()
    if args.replay:
        document, mutator, seed = args.replay
        replay(document, mutator, int(seed))
        return
    tally = run(args)
    report(tally, args.n, args.jobs)


if __name__ == "__main__":
    main()
