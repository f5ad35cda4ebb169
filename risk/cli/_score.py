"""``risk score PATH...|--cik N|--ticker T [--as-of DATE] [--industry SIC]
[--market-cap USD | --price USD [--shares N] | --market-data FILE] [--format F] [--out FILE]``.

With ``--cik`` or ``--ticker`` the company's filings are fetched from EDGAR first
(what the cache lacks; only filings accepted on or before ``--as-of``).
"""

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
    p.add_argument("paths", nargs="*", metavar="PATH", help="the company's documents or a table")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--cik", metavar="N", help="fetch the company's filings from EDGAR by CIK")
    who.add_argument(
        "--ticker", metavar="T", help="fetch the company's filings from EDGAR by ticker"
    )
    p.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        metavar="DATE",
        help="use only what was public on this ISO date (default: the latest filing date)",
    )
    p.add_argument(
        "--industry",
        default=None,
        metavar="SIC",
        help="the company's four-digit SIC code, instead of the one its SEC headers state "
        "(banks, insurers, other financial institutions, funds and SPACs are out of the "
        "model's scope)",
    )
    from risk.cli._market import add_market_options

    add_market_options(p)
    p.add_argument("--format", choices=FORMATS, default="markdown", help="output format")
    p.add_argument("--out", default=None, metavar="FILE", help="write here instead of stdout")
    from risk.cli._limits import add_max_bytes

    add_max_bytes(p)
    from risk.cli._fetch import add_edgar_options

    add_edgar_options(p)
    p.set_defaults(run=run)


def _paths(args: argparse.Namespace) -> list[Path]:
    """The documents: those named, or those fetched from EDGAR for --cik / --ticker."""
    from risk.exceptions import InputError

    company = args.cik or args.ticker
    if company is None:
        if not args.paths:
            raise InputError("give the company's documents (PATH...) or --cik N / --ticker T")
        return [Path(p) for p in args.paths]
    if args.paths:
        raise InputError("give either documents (PATH...) or --cik / --ticker, not both")
    from risk.cli._fetch import fetch_company, option_date

    got = fetch_company(company, args, as_of=option_date(args.as_of, "--as-of"))
    paths = got.paths()
    if not paths:
        raise InputError(
            f"EDGAR holds no filing of the forms asked for {company!r} (CIK {got.company.cik}) "
            "in the dates asked; widen --since or --forms"
        )
    return paths


def run(args: argparse.Namespace) -> int:
    from risk.cli._fetch import score_inputs
    from risk.cli._limits import check_sizes
    from risk.cli._market import market_input
    from risk.report import score

    paths = _paths(args)
    check_sizes(paths, args.max_bytes)
    market = market_input(args)
    report = score(score_inputs(paths), as_of=args.as_of, sic=args.industry, market=market)
    if args.format == "json":
        text = report.to_json(indent=2) + "\n"
    elif args.format == "html":
        text = report.to_html()
    else:
        text = report.to_markdown()
    if args.out:
        from risk.cli._errors import writing

        with writing(args.out):
            Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
