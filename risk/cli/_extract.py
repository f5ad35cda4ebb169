"""``risk extract PATH... --format json``: one JSON object per document."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents to read")
    p.add_argument("--format", choices=["json"], default="json", help="output format")
    p.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    from risk.cli._limits import add_max_bytes

    add_max_bytes(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from risk.cli._errors import report_error
    from risk.exceptions import InputError
    from risk.extraction import extract

    code = 0
    for path in args.paths:
        try:
            filing = extract(path, max_bytes=args.max_bytes)
        except (InputError, OSError) as exc:  # the next document is still read
            code = report_error(exc, debug=args.debug)
            continue
        sys.stdout.write(filing.model_dump_json(indent=args.indent) + "\n")
    return code
