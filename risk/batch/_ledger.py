"""The run ledger: an SQLite database beside the output recording every document's result.

One transaction per document result, WAL journal: a run killed at any moment
leaves every result recorded so far and nothing half-written. The next run with
the same output skips what the ledger already holds, and reads again the few
documents that were in flight (at most two per worker: the one being read and
the one just finished, not yet recorded).

Tables
------
results(sha256, reader, status, stage, reason, n_filings)
    What reading a document's bytes gave, keyed by content; reused only for the
    same reader (``reader_fingerprint``).
filings(sha256, idx, cik, name_key, company, filed, json)
    The filings read, as :meth:`Filing.to_json` text.
documents(path, sha256, size, mtime_ns, run, status, stage, reason)
    Every input path and its fate in the latest run that saw it (``run``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from risk.batch._read import ReadOutcome, Stage
from risk.exceptions import InputError
from risk.financials import Filing
from risk.policy import company_key

__all__ = ["GroupDocument", "Ledger"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results(
    sha256 TEXT PRIMARY KEY, reader TEXT NOT NULL, status TEXT NOT NULL,
    stage TEXT, reason TEXT, n_filings INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS filings(
    sha256 TEXT NOT NULL, idx INTEGER NOT NULL, cik TEXT, name_key TEXT, company TEXT,
    filed TEXT, json TEXT NOT NULL, PRIMARY KEY(sha256, idx));
CREATE TABLE IF NOT EXISTS documents(
    path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, mtime_ns INTEGER, run INTEGER NOT NULL,
    status TEXT NOT NULL, stage TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS documents_run ON documents(run, status);
"""

#: Errors that say something about the run (limits, a crash), not about the bytes:
#: they are not cached by content and are tried again by the next run.
_TRANSIENT = (Stage.TIMEOUT, Stage.CRASH, Stage.SIZE, Stage.INPUT, Stage.READ)


def _lock_exclusively(path: Path) -> BinaryIO | None:
    """Hold an exclusive ``flock`` on the ledger so two runs cannot write one output at once.

    The lock dies with the process (a ``kill -9`` leaves nothing to clean up).
    Without ``fcntl`` (Windows) no lock is taken.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    handle = open(path, "rb")  # noqa: SIM115 - held open for the run
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise InputError(
            "another risk batch run is writing this ledger (same --out); wait for it to finish",
            source=str(path),
        ) from exc
    return handle


@dataclass(frozen=True)
class GroupDocument:
    """One filing of a company group, with the document path it was read from."""

    group: str
    path: str
    sha256: str
    idx: int
    filed: str | None
    json: str


class Ledger:
    """The SQLite ledger of a batch run.

    Parameters
    ----------
    path : Path
        The database file (created when missing).
    reader : str
        The reader fingerprint; cached results of another reader are read again.
    """

    def __init__(self, path: Path, *, reader: str) -> None:
        self.path = path
        self.reader = reader
        self._pending_marks = 0
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=60)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InputError(
                f"the ledger is not a risk batch ledger (SQLite: {exc}); remove it or choose "
                "another --out",
                source=str(path),
            ) from exc
        self._lock = _lock_exclusively(path)
        with self._tx():
            row = self._db.execute("SELECT value FROM meta WHERE key='run'").fetchone()
            self.run = int(row[0]) + 1 if row else 1
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('run', ?)", (str(self.run),)
            )

    # -- transactions -------------------------------------------------------------
    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
            self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")

    def _tx(self) -> Ledger._Tx:
        self.flush()
        return Ledger._Tx(self._db)

    def flush(self) -> None:
        """Commit the batched 'seen in this run' marks."""
        if self._pending_marks:
            self._db.execute("COMMIT")
            self._pending_marks = 0

    def close(self) -> None:
        self.flush()
        self._db.close()
        if self._lock is not None:
            self._lock.close()  # releases the lock

    # -- documents ----------------------------------------------------------------
    def seen_in_run(self, path: str) -> bool:
        """True when ``path`` already has a result in this run (listed twice)."""
        row = self._db.execute("SELECT run FROM documents WHERE path=?", (path,)).fetchone()
        return bool(row and row[0] == self.run)

    def cached_sha(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The sha256 of an unchanged file (same size and mtime) whose result is cached."""
        row = self._db.execute(
            "SELECT d.sha256 FROM documents d JOIN results r ON r.sha256 = d.sha256 "
            "WHERE d.path=? AND d.size=? AND d.mtime_ns=? AND r.reader=?",
            (path, size, mtime_ns, self.reader),
        ).fetchone()
        return str(row[0]) if row else None

    def cached_result(self, sha256: str) -> tuple[str, str | None, str | None] | None:
        """``(status, stage, reason)`` of content already read by this reader, else None."""
        row = self._db.execute(
            "SELECT status, stage, reason FROM results WHERE sha256=? AND reader=?",
            (sha256, self.reader),
        ).fetchone()
        return (str(row[0]), row[1], row[2]) if row else None

    def mark(
        self,
        path: str,
        sha256: str,
        size: int,
        mtime_ns: int,
        status: tuple[str, str | None, str | None],
    ) -> None:
        """Record a path whose content is already in the ledger (batched commits)."""
        if not self._pending_marks:
            self._db.execute("BEGIN IMMEDIATE")
        self._db.execute(
            "INSERT OR REPLACE INTO documents(path, sha256, size, mtime_ns, run, status, stage, "
            "reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            (path, sha256, size, mtime_ns, self.run, *status),
        )
        self._pending_marks += 1
        if self._pending_marks >= 500:
            self.flush()

    def record_error(
        self,
        path: str,
        *,
        stage: Stage,
        reason: str,
        sha256: str | None = None,
        size: int | None = None,
        mtime_ns: int | None = None,
    ) -> None:
        """Record a document that failed before or outside reading (one transaction)."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO documents(path, sha256, size, mtime_ns, run, status, "
                "stage, reason) VALUES(?, ?, ?, ?, ?, 'error', ?, ?)",
                (path, sha256, size, mtime_ns, self.run, stage.value, reason),
            )

    def record(
        self, path: str, sha256: str, size: int, mtime_ns: int, outcome: ReadOutcome
    ) -> None:
        """Record a document's reading result: its filings or its error (one transaction)."""
        if not outcome.ok and outcome.stage in _TRANSIENT:
            self.record_error(
                path,
                stage=outcome.stage or Stage.EXTRACT,
                reason=outcome.reason or "",
                sha256=sha256,
                size=size,
                mtime_ns=mtime_ns,
            )
            return
        rows = []
        for idx, text in enumerate(outcome.filings):
            if idx < len(outcome.keys):
                cik, company, filed = outcome.keys[idx]
            else:  # an outcome without keys: read them from the JSON
                filing = Filing.from_json(text)
                cik, company = filing.cik, filing.company
                filed = filing.filed.isoformat() if filing.filed else None
            rows.append((sha256, idx, cik, company_key(company), company, filed, text))
        status = "ok" if outcome.ok else "error"
        stage = outcome.stage.value if outcome.stage else None
        with self._tx() as db:
            db.execute("DELETE FROM filings WHERE sha256=?", (sha256,))
            db.executemany("INSERT INTO filings VALUES(?, ?, ?, ?, ?, ?, ?)", rows)
            db.execute(
                "INSERT OR REPLACE INTO results VALUES(?, ?, ?, ?, ?, ?)",
                (sha256, self.reader, status, stage, outcome.reason, len(rows)),
            )
            db.execute(
                "INSERT OR REPLACE INTO documents(path, sha256, size, mtime_ns, run, status, "
                "stage, reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                (path, sha256, size, mtime_ns, self.run, status, stage, outcome.reason),
            )

    def fail_group(self, paths: list[str], reason: str) -> None:
        """Turn the documents of a company whose scoring failed into ``score`` errors."""
        with self._tx() as db:
            db.executemany(
                "UPDATE documents SET status='error', stage=?, reason=? WHERE path=? AND run=?",
                [(Stage.SCORE.value, reason, p, self.run) for p in paths],
            )

    # -- the end of a run ---------------------------------------------------------
    def counts(self) -> tuple[int, int, int]:
        """``(inputs, ok, errors)`` of this run."""
        self.flush()
        row = self._db.execute(
            "SELECT COUNT(*), SUM(status='ok'), SUM(status='error') FROM documents WHERE run=?",
            (self.run,),
        ).fetchone()
        return int(row[0]), int(row[1] or 0), int(row[2] or 0)

    def iter_groups(self) -> Iterator[list[GroupDocument]]:
        """The filings of this run's documents, one company group at a time, in key order.

        Group key: ``cik:N`` when the filing has a CIK, or when its normalised
        company name is held by exactly one CIK in this run; else ``name:KEY``;
        else ``file:PATH`` (a document naming neither company nor CIK is its own
        group). Only one group's rows are in memory at a time.
        """
        self.flush()
        db = self._db
        db.execute("DROP TABLE IF EXISTS temp.name_cik")
        db.execute(
            "CREATE TEMP TABLE name_cik AS "
            "SELECT f.name_key AS name_key, MIN(f.cik) AS cik FROM filings f "
            "JOIN documents d ON d.sha256 = f.sha256 AND d.run = ? AND d.status = 'ok' "
            "WHERE f.cik IS NOT NULL AND f.name_key IS NOT NULL "
            "GROUP BY f.name_key HAVING COUNT(DISTINCT f.cik) = 1",
            (self.run,),
        )
        # Sort the keys only (the filing JSON is fetched per group, by primary key), so
        # that SQLite's sorter handles small rows whatever the size of the filings.
        cursor = db.execute(
            "SELECT COALESCE('cik:' || f.cik, 'cik:' || n.cik, 'name:' || f.name_key, "
            "'file:' || d.path) AS grp, d.path, f.sha256, f.idx, f.filed "
            "FROM documents d JOIN filings f ON f.sha256 = d.sha256 "
            "LEFT JOIN temp.name_cik n ON n.name_key = f.name_key "
            "WHERE d.run = ? AND d.status = 'ok' ORDER BY grp, d.path, f.idx",
            (self.run,),
        )
        keys: list[tuple[str, str, str, int, str | None]] = []
        for row in cursor:
            if keys and keys[-1][0] != row[0]:
                yield self._group(keys)
                keys = []
            keys.append(row)
        if keys:
            yield self._group(keys)

    def _group(self, keys: list[tuple[str, str, str, int, str | None]]) -> list[GroupDocument]:
        texts: dict[tuple[str, int], str] = {}
        group = []
        for grp, path, sha, idx, filed in keys:
            if (sha, idx) not in texts:
                row = self._db.execute(
                    "SELECT json FROM filings WHERE sha256=? AND idx=?", (sha, idx)
                ).fetchone()
                texts[(sha, idx)] = row[0]
            group.append(GroupDocument(grp, path, sha, idx, filed, texts[(sha, idx)]))
        return group

    def iter_errors(self) -> Iterator[tuple[str, str | None, str | None, str | None]]:
        """``(path, sha256, stage, reason)`` of this run's failed documents, by path."""
        self.flush()
        yield from self._db.execute(
            "SELECT path, sha256, stage, reason FROM documents WHERE run=? AND status='error' "
            "ORDER BY path",
            (self.run,),
        )
