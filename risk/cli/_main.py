"""``risk`` entry point: parse arguments, run a subcommand, map errors to exit codes.

Exit codes (the policy is :mod:`risk.cli._errors`): 0 success; 1 an internal or
model error; 2 bad input, usage or an environment fault (a file that cannot be
read or written). Every error is one line on stderr; ``--debug`` (anywhere on the
line) or ``RISK_DEBUG=1`` adds the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from risk._version import __version__
from risk.cli._errors import (
    DEBUG_ENV,
    DEBUG_FLAG,
    EXIT_INPUT,
    EXIT_OK,
    report_error,
    split_debug,
)

__all__ = ["build_parser", "main"]

#: Each command: its module (imported only when the command runs) and its one-line help.
_COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("risk.cli._extract", "read filings into statements, facts and signals (JSON)"),
    "score": (
        "risk.cli._score",
        "the risk report of one company: probability, band, drivers, checklist, trend",
    ),
    "score-table": (
        "risk.cli._score_table",
        "score a structured-input table (CSV or Parquet, financials.md layout)",
    ),
    "batch": ("risk.cli._batch", "score many filings to Parquet/CSV/JSONL (parallel, resumable)"),
    "fetch": ("risk.cli._fetch", "fetch companies' filings from EDGAR into the local cache"),
    "schema": ("risk.cli._schema", "print the JSON Schema of a filing or a report"),
    "train": (
        "risk.cli._train",
        "fit the distress model on the bankruptcy panel and write its JSON artefact",
    ),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage and exits 2 itself; keep it to one line.
        self.exit(EXIT_INPUT, f"risk: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand listed, ``command``'s arguments registered.

    Parameters
    ----------
    command : str or None, default None
        The subcommand that will run: only its module is imported (the others are
        listed with their help line). None registers every subcommand's arguments.
    """
    parser = _Parser(
        prog="risk",
        description="Distress and going-concern risk scoring from company filings.",
    )
    parser.add_argument("--version", action="version", version=f"risk {__version__}")
    parser.add_argument(
        DEBUG_FLAG,
        action="store_true",
        help=f"print the traceback of an error (anywhere on the line; also {DEBUG_ENV}=1)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_line) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_line)
        if command is None or command == name:
            importlib.import_module(module).register(p)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (its first word not an option), if any."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in _COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    debug, words = split_debug(sys.argv[1:] if argv is None else argv)
    command = _command(words)
    parser = build_parser(command or "")
    args = parser.parse_args(words)
    args.debug = debug
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        return EXIT_OK
    except (Exception, KeyboardInterrupt) as exc:
        return report_error(exc, debug=debug)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
