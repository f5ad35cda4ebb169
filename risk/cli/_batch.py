"""``risk batch INPUT...|--companies FILE --out OUT``: score many filings, resumably."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from risk.batch import BatchSummary

__all__ = ["register", "run"]

_EPILOG = """\
inputs: files, directories (read recursively), glob patterns, or @LIST (a file naming
one input per line). Beside OUT: OUT-stem.errors.EXT (the documents that failed and why)
and OUT.ledger.sqlite (the run ledger: run the same command again to resume; documents
already read are not read again); OUT.workers.log (what the worker processes printed, such
as the traceback of one that died). The last line says: N inputs = S scored + F failed.
Exit code 0 when at least one input was scored; 2 when every input failed as bad input
(unreadable, refused, too large); 1 when every input failed otherwise (a time limit, a
crash, a scoring error) or the model cannot be loaded.
"""


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1; got {text!r}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be >= 0 seconds (0: no limit); got {text!r}")
    return value


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    from risk.batch import DEFAULT_TIMEOUT

    p.description = "Score many filings: one row per company and as-of date."
    p.epilog = _EPILOG
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders, globs or @LIST")
    p.add_argument(
        "--companies",
        metavar="FILE",
        help="a list of tickers or CIKs (one a line): their filings are fetched from EDGAR "
        "(what the cache lacks), then scored",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="with --companies: only filings EDGAR accepted on or before DATE (point in time); "
        "each company is then scored as of its latest filing up to DATE (or of each, --as-of each)",
    )
    p.add_argument(
        "--out", required=True, metavar="OUT", help="output file: .parquet, .csv or .jsonl"
    )
    p.add_argument(
        "--jobs",
        type=_positive_int,
        default=1,
        metavar="N",
        help="worker processes reading documents, then scoring companies (default 1)",
    )
    p.add_argument(
        "--as-of",
        choices=["latest", "each"],
        default="latest",
        help="score each company as of its latest filing (default) or of each filing date",
    )
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="read documents and score companies in local processes (default) or on Dask",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)"
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=(
            "time limit per document read and per company scored, 0 for none "
            f"(default {DEFAULT_TIMEOUT:g})"
        ),
    )
    from risk.cli._limits import add_max_bytes

    add_max_bytes(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar or log lines")
    from risk.cli._market import add_market_options

    add_market_options(p, values=False)
    from risk.cli._fetch import add_edgar_options

    add_edgar_options(p)
    # Plug-ins (module:function), for testing and for custom readers; not part of the usual face.
    p.add_argument("--extractor", metavar="MODULE:FUNC", help=argparse.SUPPRESS)
    p.add_argument("--scorer", metavar="MODULE:FUNC", help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import io

    from risk.batch import Progress, resolve_callable, run_batch, shutdown_local

    extractor = resolve_callable(args.extractor) if args.extractor else None
    inputs = list(args.inputs)
    if args.until and not args.companies:
        from risk.exceptions import InputError

        raise InputError("--until applies to --companies (the filings fetched from EDGAR)")
    if args.companies:
        from risk.cli._fetch import company_files, option_date, read_companies
        from risk.edgar import CachedReader

        until = option_date(args.until, "--until")
        inputs += company_files(read_companies(args.companies), args, as_of=until)
        # Cached documents are dated by EDGAR (documents elsewhere are read as they are);
        # nothing filed after --until is read (the company facts hold every filing).
        extractor = extractor or CachedReader(until=until)
    scorer = resolve_callable(args.scorer) if args.scorer else None
    market = None
    if args.market_data is not None:
        from risk.market import read_market_data

        market = read_market_data(args.market_data)
    progress = Progress(io.StringIO(), bar=False) if args.no_progress else Progress()
    try:
        summary = run_batch(
            inputs,
            args.out,
            jobs=args.jobs,
            as_of=args.as_of,
            engine=args.engine,
            scheduler=args.scheduler,
            timeout=args.timeout,
            max_bytes=args.max_bytes,
            extractor=extractor,  # type: ignore[arg-type]
            scorer=scorer,
            progress=progress,
            market=market,
        )
    finally:
        shutdown_local()  # every process the batch started has exited, and been waited for
    print(f"wrote {summary.rows} rows ({summary.companies} companies) to {summary.out}")
    print(f"wrote {summary.failed} error rows to {summary.errors}")
    print(summary.line())
    return _all_failed(summary)


#: Stages of an error row that say the input itself is bad (exit code 2 when all are).
_INPUT_STAGES = frozenset({"input", "read", "size", "extract"})


def _bad_input(row: dict[str, object]) -> bool:
    """True for an error row of a bad input (not a reader's bug, a time limit or a crash)."""
    reason = str(row.get("reason") or "")
    return str(row.get("stage")) in _INPUT_STAGES and not reason.startswith("internal error")


def _all_failed(summary: BatchSummary) -> int:
    """0 when an input was scored; else print why every input failed, and return 2 or 1."""
    import sys
    from collections import Counter

    from risk.batch import read_rows

    if summary.scored or not summary.inputs:
        return 0
    rows = list(read_rows(summary.errors))
    reasons = Counter(str(r.get("reason")) for r in rows)
    common, n = reasons.most_common(1)[0] if reasons else ("unknown", 0)
    print(
        f"risk: error: every input failed ({summary.failed} of {summary.inputs}); "
        f"the most common reason ({n}): {' '.join(common.split())[:300]}; "
        f"all are in {summary.errors}",
        file=sys.stderr,
    )
    return 2 if all(_bad_input(r) for r in rows) else 1
