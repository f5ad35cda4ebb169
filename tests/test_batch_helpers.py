"""Stand-in extractor and scorer for the batch tests (importable by worker processes).

The batch machinery is tested with these so that its tests do not depend on how
far the real readers and the model have come. ``labelled_extract`` runs the real
reader (so empty and binary files are refused by it) and then sets company, CIK
and filing date from the SEC header, or for the FiberCore seeds (bare press
releases without a header) from what their first lines print.
"""

from __future__ import annotations

import os
import re
import threading
import time
from datetime import date
from pathlib import Path

from risk.batch import ScoreFields
from risk.financials import Filing

_NAME = re.compile(r"COMPANY CONFORMED NAME:\s*(.+)")
_CIK = re.compile(r"CENTRAL INDEX KEY:\s*(\d+)")
_FILED = re.compile(r"FILED AS OF DATE:\s*(\d{8})")
_COPY = re.compile(r"^(?:copy-\d+-)?(.*)$")

#: The seeds name "FiberCore, Inc." in their dateline; filed = the dateline's date:
#: 001 line 12 "MAY 22, 2003", 002 line 13 "MAY 19, 2003", 003 line 12 "June 11, 2003";
#: 004 line 5 "Jan. 14" prints no year, so it stays undated.
SEED_DATES = {
    "001": date(2003, 5, 22),
    "002": date(2003, 5, 19),
    "003": date(2003, 6, 11),
    "004": None,
}


def labelled_extract(path: str, max_bytes: int) -> list[Filing]:
    """The real reader, plus company/CIK/date from the SEC header or the seed dateline."""
    from risk.extraction import extract_all

    filings = extract_all(path, max_bytes=max_bytes)
    text = Path(path).read_text(encoding="latin-1")
    name = _NAME.search(text)
    cik = _CIK.search(text)
    filed = _FILED.search(text)
    update: dict[str, object] = {}
    if name:
        update["company"] = name.group(1).strip()
    if cik:
        update["cik"] = cik.group(1)
    if filed:
        d = filed.group(1)
        update["filed"] = date(int(d[:4]), int(d[4:6]), int(d[6:]))
    base = _COPY.match(Path(path).name)
    seed = base.group(1)[:3] if base else ""
    if not name and seed in SEED_DATES and "FiberCore, Inc." in text[:2000]:
        update["company"] = "FiberCore, Inc."
        update["filed"] = SEED_DATES[seed]
    return [Filing.model_validate({**f.model_dump(), **update}) for f in filings]


def slow_extract(path: str, max_bytes: int) -> list[Filing]:
    """``labelled_extract`` after ``RISK_TEST_DELAY`` s; logs each call to ``RISK_TEST_LOG``."""
    time.sleep(float(os.environ.get("RISK_TEST_DELAY", "0.1")))
    log = os.environ.get("RISK_TEST_LOG")
    if log:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, (Path(path).name + "\n").encode())
        finally:
            os.close(fd)
    return labelled_extract(path, max_bytes)


#: Seconds a ``slow*`` document takes: well over the time limits the tests set (1 s).
SLOW_SECONDS = 10.0


def block_until_killed() -> None:
    """Wait forever: only the batch's time limit (SIGKILL) ends this worker.

    A document that "takes too long" is one that never finishes, so a test of the
    limit races with no clock (a sleep of a few seconds can end first on a slow machine).
    """
    threading.Event().wait()


def misbehaving_extract(path: str, max_bytes: int) -> list[Filing]:
    """Never finishes on ``hang*``, takes :data:`SLOW_SECONDS` on ``slow*``, dies on
    ``crash*``, raises on ``bug*``; reads a filing's JSON (a file starting with ``{``)
    in microseconds, so that the good documents of a time-limit test are never near
    the limit however loaded the machine; else :func:`labelled_extract`."""
    name = Path(path).name
    if name.startswith("hang"):
        block_until_killed()
    if name.startswith("slow"):
        time.sleep(SLOW_SECONDS)
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("bug"):
        raise ZeroDivisionError("a reader bug")
    if Path(path).read_bytes()[:1] == b"{":
        return filing_json_extract(path, max_bytes)
    return labelled_extract(path, max_bytes)


def scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """A deterministic stand-in: probability n / (n + 1) for n filings."""
    n = len(filings)
    return ScoreFields(
        status="scored",
        as_of=as_of,
        probability=n / (n + 1),
        adjusted_probability=min(1.0, n / (n + 1) + 0.01),
        band="high" if n > 1 else "low",
        scores={"altman_z": float(n), "custom": None},
    )


def failing_scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """Raises for Entrada (CIK 1000695), scores the others like :func:`scorer`."""
    if any(f.cik == "1000695" for f in filings):
        raise ValueError("no model for this company")
    return scorer(filings, as_of)


def jittery_scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """:func:`scorer` after a delay that differs by company (0-80 ms), so that parallel
    tasks finish out of group order."""
    key = "".join(sorted(f"{f.cik}{f.company}{f.source}" for f in filings))
    time.sleep((sum(key.encode()) % 5) * 0.02)
    return scorer(filings, as_of)


def pid_scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """:func:`scorer` with the id of the process that scored, as the score ``pid``."""
    fields = scorer(filings, as_of)
    return ScoreFields(status=fields.status, as_of=as_of, scores={"pid": float(os.getpid())})


def hanging_scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """Hangs for Entrada (CIK 1000695), dies for Home Health (CIK 1000685), else :func:`scorer`."""
    if any(f.cik == "1000695" for f in filings):
        time.sleep(600)
    if any(f.cik == "1000685" for f in filings):
        os._exit(5)
    return scorer(filings, as_of)


def dask_only_scorer(filings: list[Filing], as_of: date | None) -> ScoreFields:
    """:func:`scorer`, but raises unless run as a task on a Dask worker."""
    from distributed import get_worker

    get_worker()  # ValueError outside a Dask worker: the company would become error rows
    return scorer(filings, as_of)


def crash_on_chunks(groups: list, as_of: str, market: object = None) -> list:
    """The scoring task, but its worker dies when given more than one company, or
    Entrada (CIK 1000695) even alone."""
    from risk.batch._run import score_groups

    if len(groups) > 1 or any(row.group == "cik:1000695" for g in groups for row in g):
        os._exit(7)
    return score_groups(groups, as_of, market)


def filing_json_extract(path: str, max_bytes: int) -> list[Filing]:
    """A document that is one filing's JSON (:meth:`Filing.to_json`), read as that filing."""
    return [Filing.from_json(Path(path).read_bytes())]


class ReaderGaveUp(BaseException):
    """Not an :class:`Exception`: the batch does not catch it, so it kills the worker."""


def fatal_extract(path: str, max_bytes: int) -> list[Filing]:
    """Kills its worker with a traceback (on the worker's stderr) for ``fatal*``."""
    if Path(path).name.startswith("fatal"):
        raise ReaderGaveUp(f"the reader gave up on {Path(path).name}")
    return labelled_extract(path, max_bytes)


def hang_or_echo(payload: str) -> str:
    """A task function: never finishes on ``"hang"``, dies on ``"crash"``, else returns
    ``payload``."""
    if payload == "hang":
        block_until_killed()
    if payload == "crash":
        os._exit(4)
    return payload
