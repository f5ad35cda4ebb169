"""``risk score PATH... [--as-of DATE] [--format json|markdown|html] [--out FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run"]

FORMATS = ("markdown", "json", "html")


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.description = (
        "Score one company's filings (documents, or a structured CSV/Parquet table) "
        "and print its risk report."
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="the company's documents or a table")
    p.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        metavar="DATE",
        help="use only what was public on this ISO date (default: the latest filing date)",
    )
    p.add_argument("--format", choices=FORMATS, default="markdown", help="output format")
    p.add_argument("--out", default=None, metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from risk.report import score

    report = score([Path(p) for p in args.paths], as_of=args.as_of)
    if args.format == "json":
        text = report.to_json(indent=2) + "\n"
    elif args.format == "html":
        text = report.to_html()
    else:
        text = report.to_markdown()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
