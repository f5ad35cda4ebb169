"""``risk`` entry point: parse arguments, run a subcommand, map errors to exit codes.

Exit codes: 0 success; 1 an internal or model error; 2 bad input or usage (one
line on stderr, never a traceback for a user error).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from risk._version import __version__
from risk.exceptions import FetchError, InputError, RiskError

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2

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
    words = list(sys.argv[1:] if argv is None else argv)
    command = _command(words)
    parser = build_parser(command or "")
    args = parser.parse_args(words)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        code: int = args.run(args)
    except (
        InputError,
        FetchError,
        FileNotFoundError,
        IsADirectoryError,
        NotADirectoryError,
    ) as exc:
        print(f"risk: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except RiskError as exc:
        print(f"risk: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("risk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
