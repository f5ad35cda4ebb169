"""``risk`` entry point: parse arguments, run a subcommand, map errors to exit codes.

Exit codes: 0 success; 1 an internal or model error; 2 bad input or usage (one
line on stderr, never a traceback for a user error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from risk._version import __version__
from risk.cli import _batch, _extract, _fetch, _schema, _score, _score_table, _train
from risk.exceptions import FetchError, InputError, RiskError

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2

_COMMANDS = (_extract, _score, _score_table, _batch, _fetch, _schema, _train)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage and exits 2 itself; keep it to one line.
        self.exit(EXIT_INPUT, f"risk: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = _Parser(
        prog="risk",
        description="Distress and going-concern risk scoring from company filings.",
    )
    parser.add_argument("--version", action="version", version=f"risk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in _COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
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
