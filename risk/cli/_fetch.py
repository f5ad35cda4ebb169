"""``risk fetch TICKER|CIK...``, and the EDGAR options ``risk score`` and ``risk batch`` share."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from risk.edgar import CompanyFiles, EdgarSettings

__all__ = [
    "add_edgar_options",
    "company_files",
    "fetch_company",
    "iso_date",
    "option_date",
    "read_companies",
    "register",
    "run",
    "score_inputs",
    "settings_from",
]

_EPILOG = """\
EDGAR asks every automated client to declare who it is: set RISK_EDGAR_USER_AGENT
(e.g. "Jane Doe jane@example.com") or pass --user-agent. The cache is
$RISK_EDGAR_CACHE (default ~/.cache/risk/edgar), laid out by CIK and accession,
with a manifest.json per company. RISK_EDGAR_WWW_URL and RISK_EDGAR_DATA_URL point
at a mirror; --offline (or RISK_EDGAR_OFFLINE=1) reads the cache only.
"""


def iso_date(text: str) -> date:
    """An argparse type: an ISO date."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an ISO date (YYYY-MM-DD); got {text!r}"
        ) from None


def option_date(text: str | None, option: str) -> date | None:
    """An option's ISO date (None stays None); InputError naming the option otherwise."""
    if text is None:
        return None
    try:
        return iso_date(text)
    except argparse.ArgumentTypeError as exc:
        from risk.exceptions import InputError

        raise InputError(f"{option} {exc}") from None


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 10:
        raise argparse.ArgumentTypeError(f"must be > 0 and <= 10 requests per second; got {text!r}")
    return value


def add_edgar_options(
    p: argparse.ArgumentParser, *, cache_flags: Sequence[str] = ("--cache",)
) -> None:
    """The options of every command that fetches from EDGAR."""
    g = p.add_argument_group("EDGAR")
    g.add_argument(
        "--forms",
        metavar="FORMS",
        help="forms to fetch, comma separated (default: the annual, quarterly and current "
        "reports, 10-K, 10-Q, 8-K and their older variants; an amendment follows its form)",
    )
    g.add_argument(
        "--since",
        type=iso_date,
        metavar="DATE",
        help="only filings filed on or after DATE (default: 3 years before as-of, or today)",
    )
    g.add_argument(
        *cache_flags,
        dest="cache",
        metavar="DIR",
        help="the EDGAR cache (default $RISK_EDGAR_CACHE, else ~/.cache/risk/edgar)",
    )
    g.add_argument(
        "--offline",
        action="store_true",
        default=None,
        help="use the cache only; name what is missing",
    )
    g.add_argument("--user-agent", metavar="UA", help="'Name contact@example.com' sent to EDGAR")
    g.add_argument(
        "--rate", type=_rate, metavar="N", help="requests per second, at most 10 (the default)"
    )


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.description = (
        "Fetch each company's submissions index, company facts and, for the chosen forms, "
        "the primary documents and the statement or release exhibits (8-K EX-99, 10-K "
        "EX-13), into a cache laid out by CIK and accession, with a manifest."
    )
    p.epilog = _EPILOG
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("companies", nargs="+", metavar="TICKER|CIK", help="tickers or CIKs")
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=iso_date,
        metavar="DATE",
        help="only filings EDGAR accepted on or before DATE (point in time)",
    )
    add_edgar_options(p, cache_flags=("--out", "--cache"))
    p.set_defaults(run=run)


def settings_from(args: argparse.Namespace) -> EdgarSettings:
    """The EDGAR settings: the environment, then the command's options."""
    from risk.edgar import EdgarSettings

    return EdgarSettings.from_env(
        user_agent=getattr(args, "user_agent", None),
        cache_dir=getattr(args, "cache", None),
        rate=getattr(args, "rate", None),
        offline=getattr(args, "offline", None),
    )


def run(args: argparse.Namespace) -> int:
    from risk.edgar import Fetcher

    with Fetcher(settings_from(args)) as fetcher:
        for name in args.companies:
            got = fetcher.fetch(name, forms=args.forms, since=args.since, as_of=args.as_of)
            print(_summary(name, got))
    return 0


def _summary(name: str, got: CompanyFiles) -> str:
    files = sum(len(f.files) for f in got.filings)
    who = got.company.name or name
    return (
        f"{name}: CIK {got.company.cik} ({who}): {len(got.filings)} filing(s), {files} file(s), "
        f"{got.requests} request(s); manifest {got.manifest_path}"
    )


def fetch_company(name: str, args: argparse.Namespace, *, as_of: date | None) -> CompanyFiles:
    """Fetch one company for ``risk score`` / ``risk batch`` (what the cache lacks)."""
    from risk.edgar import Fetcher

    with Fetcher(settings_from(args)) as fetcher:
        return fetcher.fetch(name, forms=args.forms, since=args.since, as_of=as_of)


def company_files(
    names: Sequence[str], args: argparse.Namespace, *, as_of: date | None
) -> list[str]:
    """Fetch several companies; the paths of every document to score."""
    from risk.edgar import Fetcher

    paths: list[str] = []
    with Fetcher(settings_from(args)) as fetcher:
        for name in names:
            got = fetcher.fetch(name, forms=args.forms, since=args.since, as_of=as_of)
            paths.extend(str(p) for p in got.paths())
    return paths


def score_inputs(paths: Sequence[str | Path]) -> list[Any]:
    """What ``risk score`` reads: a document in the EDGAR cache read with EDGAR's dates.

    The same for a path given on the command line and a path fetched by ``--ticker``,
    so both give the same report (see :func:`risk.edgar.read_cached`).
    """
    from risk.documents import accession_folder

    if all(accession_folder(p) is None for p in paths):
        return [Path(p) for p in paths]  # none in the cache's layout: no EDGAR client needed
    from risk.edgar import filing_of, read_cached

    out: list[Any] = []
    for raw in paths:
        path = Path(raw)
        if filing_of(path) is not None:
            out.extend(read_cached(path))
        else:
            out.append(path)
    return out


def read_companies(path: str) -> list[str]:
    """Tickers or CIKs from a file: one a line (or the first CSV column); ``#`` comments."""
    from risk.exceptions import InputError

    names: list[str] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", source=path) from None
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].split(",", 1)[0].strip()
        if not text:
            continue
        if number == 1 and text.lower() in {"ticker", "cik", "company"}:
            continue  # a CSV header
        names.append(text)
    if not names:
        raise InputError("names no company (one ticker or CIK a line)", source=path)
    return names
