"""Outputs digest: did a change alter anything the readers or the reports give?

Run: ``python benchmarks/outputs.py [--save FILE | --compare FILE] [--only SUBSTRING]
[--workers N] [--dump DIR] [--list]``. Prints digests; asserts nothing.

What is digested
    - every document of ``../shared/corpus`` (``docs/``, ``ixbrl/``, ``8-K/``) and the
      seeds, read with :func:`risk.extract_all` as a user would: the ``model_dump_json`` of
      every :class:`~risk.financials.Filing` it gives (a refused document digests its error
      class and message);
    - the seeds' ``risk score`` report in json, markdown and html (the command line, in a
      fresh process, as a user runs it).

``--save FILE`` writes the digests (JSON, one per document and report); ``--compare FILE``
reads such a file and names every document or report whose digest changed, appeared or
disappeared (exit status 1 when any did). Save a baseline before a change meant to keep
the outputs (a speed-up, a refactor) and compare after it. ``--dump DIR`` also writes each
document's JSON, to diff the two sides of a change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

SHARED = (Path(__file__).resolve().parents[1].parent / "shared").resolve()
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
FORMATS = ("json", "markdown", "html")


def _documents(only: str | None) -> list[Path]:
    """Every document: the seeds, then the corpus folders, in name order."""
    paths = sorted(SEEDS.glob("*.txt"))
    for folder in ("docs", "ixbrl", "8-K"):
        paths += sorted(p for p in (CORPUS / folder).iterdir() if p.is_file())
    return [p for p in paths if only is None or only in str(p.relative_to(SHARED))]


def _key(path: Path) -> str:
    return str(path.relative_to(SHARED))


def read_document(path_text: str) -> tuple[str, str, str]:
    """(key, digest, dumped text) of one document's :func:`risk.extract_all` result."""
    from risk.exceptions import RiskError
    from risk.extraction import extract_all

    path = Path(path_text)
    try:
        filings = extract_all(path)
        text = "[" + ",\n".join(f.model_dump_json() for f in filings) + "]"
    except RiskError as exc:
        text = f"error {type(exc).__name__}: {exc}"
    return _key(path), hashlib.sha256(text.encode("utf-8")).hexdigest(), text


def _reports() -> dict[str, str]:
    """The digest of the seeds' ``risk score`` report in each format."""
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    out: dict[str, str] = {}
    for fmt in FORMATS:
        done = subprocess.run(
            [sys.executable, "-m", "risk", "score", *seeds, "--format", fmt],
            capture_output=True,
            check=False,
        )
        blob = done.stdout + b"\n-- exit %d --\n" % done.returncode + done.stderr
        out[f"report:seeds.{fmt}"] = hashlib.sha256(blob).hexdigest()
    return out


def _compare(digests: dict[str, str], saved: dict[str, str], only: str | None) -> int:
    """Print what changed against ``saved``; the number of differences."""
    if only is not None:  # a subset was read: judge that subset only
        saved = {k: v for k, v in saved.items() if k in digests}
    changed = sorted(k for k in digests if k in saved and saved[k] != digests[k])
    new = sorted(k for k in digests if k not in saved)
    gone = sorted(k for k in saved if k not in digests)
    for label, keys in (("CHANGED", changed), ("NEW", new), ("MISSING", gone)):
        for key in keys:
            print(f"{label:8} {key}")
    same = len(digests) - len(changed) - len(new)
    print(f"\n{same} unchanged, {len(changed)} changed, {len(new)} new, {len(gone)} missing")
    return len(changed) + len(new) + len(gone)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--save", type=Path, help="write the digests here (JSON)")
    parser.add_argument("--compare", type=Path, help="compare with digests saved earlier")
    parser.add_argument("--only", help="documents whose path holds this string (no reports)")
    parser.add_argument("--workers", type=int, default=1, help="processes (at most 2)")
    parser.add_argument("--dump", type=Path, help="write each document's JSON under this folder")
    parser.add_argument("--list", action="store_true", help="print every document's digest")
    args = parser.parse_args()

    start = time.perf_counter()
    paths = [str(p) for p in _documents(args.only)]
    workers = max(1, min(args.workers, 2))
    if workers == 1:
        results = [read_document(p) for p in paths]
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            results = pool.map(read_document, paths, chunksize=4)
    digests = {key: digest for key, digest, _ in results}
    if args.dump:
        for key, _, text in results:
            target = args.dump / (key.replace("/", "__") + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if args.only is None:
        digests.update(_reports())
    if args.list:
        for key, digest in digests.items():
            print(f"{digest[:16]}  {key}")
    overall = hashlib.sha256(
        "".join(f"{k}\t{v}\n" for k, v in sorted(digests.items())).encode()
    ).hexdigest()
    print(
        f"{len(results)} documents, {len(digests) - len(results)} reports: "
        f"digest {overall[:16]} ({time.perf_counter() - start:.0f} s, {workers} workers)"
    )
    if args.save:
        args.save.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
        print(f"saved to {args.save}")
    if args.compare:
        saved = json.loads(args.compare.read_text())
        sys.exit(1 if _compare(digests, saved, args.only) else 0)


if __name__ == "__main__":
    main()
