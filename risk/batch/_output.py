"""Writing the batch output and its errors table: chunked, to a temp file, renamed at the end."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from risk.batch._scoring import MAIN_SCORES
from risk.exceptions import InputError

__all__ = [
    "ERROR_COLUMNS",
    "SCORE_COLUMNS",
    "OutputFormat",
    "TableWriter",
    "errors_path",
    "ledger_path",
    "output_format",
    "score_row",
]


class OutputFormat(StrEnum):
    """Output formats, chosen by the extension of ``--out``."""

    PARQUET = ".parquet"
    CSV = ".csv"
    JSONL = ".jsonl"


#: Columns of the output, in order. ``documents``/``document_sha256`` are lists (JSON text in CSV).
SCORE_COLUMNS: tuple[str, ...] = (
    "entity",
    "cik",
    "group",
    "as_of",
    "probability",
    "adjusted_probability",
    "band",
    "status",
    "sic",
    "submodel",
    "market_value",
    "market_date",
    *(f"score_{name}" for name in MAIN_SCORES),
    "scores",
    "n_documents",
    "documents",
    "document_sha256",
    "note",
)
ERROR_COLUMNS: tuple[str, ...] = ("path", "sha256", "stage", "reason")
_LISTS = frozenset({"documents", "document_sha256"})
_FLOATS = frozenset(
    {
        "probability",
        "adjusted_probability",
        "market_value",
        *(f"score_{name}" for name in MAIN_SCORES),
    }
)


def output_format(out: Path) -> OutputFormat:
    """The format of ``out`` from its extension."""
    try:
        return OutputFormat(out.suffix.lower())
    except ValueError:
        raise InputError(f"--out must end in .parquet, .csv or .jsonl; got {str(out)!r}") from None


def errors_path(out: Path) -> Path:
    """``results.parquet`` -> ``results.errors.parquet``."""
    return out.with_name(f"{out.stem}.errors{out.suffix}")


def ledger_path(out: Path) -> Path:
    """``results.parquet`` -> ``results.parquet.ledger.sqlite``."""
    return out.with_name(f"{out.name}.ledger.sqlite")


def log_path(out: Path) -> Path:
    """``results.parquet`` -> ``results.parquet.workers.log``: the workers' stderr (tracebacks)."""
    return out.with_name(f"{out.name}.workers.log")


def score_row(score: Any) -> dict[str, Any]:
    """A :class:`CompanyScore` as an output row (plain values)."""
    row: dict[str, Any] = {
        "entity": score.entity,
        "cik": score.cik,
        "group": score.group,
        "as_of": score.as_of,
        "probability": score.probability,
        "adjusted_probability": score.adjusted_probability,
        "band": score.band,
        "status": score.status,
        "sic": score.sic,
        "submodel": score.submodel,
        "market_value": score.market_value,
        "market_date": score.market_date,
    }
    for name in MAIN_SCORES:
        row[f"score_{name}"] = score.scores.get(name)
    row["scores"] = json.dumps(score.scores, sort_keys=True)
    row["n_documents"] = score.n_documents
    row["documents"] = list(score.documents)
    row["document_sha256"] = list(score.sha256)
    row["note"] = score.note
    return row


def _arrow_schema(columns: tuple[str, ...]) -> Any:
    import pyarrow as pa

    fields = []
    for name in columns:
        if name in _LISTS:
            kind = pa.list_(pa.string())
        elif name in _FLOATS:
            kind = pa.float64()
        elif name == "n_documents":
            kind = pa.int64()
        elif name in ("as_of", "market_date"):
            kind = pa.date32()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


class TableWriter:
    """Write rows in chunks to a hidden temp file; :meth:`commit` renames it to ``path``.

    A run that dies before :meth:`commit` leaves the previous output (if any)
    untouched and no half-written file under the final name.
    """

    def __init__(self, path: Path, columns: tuple[str, ...], *, chunk: int = 1000) -> None:
        self.path = path
        self.columns = columns
        self.format = output_format(path)
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.chunk = chunk
        self.rows = 0
        self._buffer: list[Mapping[str, Any]] = []
        self._text: TextIO | None = None
        self._csv: Any = None
        self._parquet: Any = None
        if self.format is OutputFormat.PARQUET:
            import pyarrow.parquet as pq

            self._schema = _arrow_schema(columns)
            self._parquet = pq.ParquetWriter(str(self.tmp), self._schema)
        else:
            self._text = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
            if self.format is OutputFormat.CSV:
                self._csv = csv.writer(self._text)
                self._csv.writerow(columns)

    def write(self, row: Mapping[str, Any]) -> None:
        self._buffer.append(row)
        self.rows += 1
        if len(self._buffer) >= self.chunk:
            self._flush()

    def write_all(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.write(row)

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._parquet is not None:
            import pyarrow as pa

            data = {c: [r.get(c) for r in self._buffer] for c in self.columns}
            self._parquet.write_table(pa.Table.from_pydict(data, schema=self._schema))
        elif self._csv is not None:
            from risk.report import spreadsheet_safe

            for r in self._buffer:
                cells = [
                    json.dumps(r.get(c)) if c in _LISTS else _plain(r.get(c)) for c in self.columns
                ]
                self._csv.writerow(
                    [spreadsheet_safe(v) if isinstance(v, str) else v for v in cells]
                )
        else:
            assert self._text is not None
            for r in self._buffer:
                self._text.write(
                    json.dumps({c: _plain(r.get(c)) for c in self.columns}, ensure_ascii=False)
                    + "\n"
                )
        self._buffer.clear()

    def _close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._text is not None:
            self._text.flush()
            os.fsync(self._text.fileno())
            self._text.close()
            self._text = None

    def commit(self) -> None:
        """Flush, close and atomically rename the temp file to the final path."""
        self._flush()
        self._close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Close and remove the temp file."""
        self._buffer.clear()
        self._close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Read back an output written by :class:`TableWriter` (for tests and tools)."""
    fmt = output_format(path)
    if fmt is OutputFormat.PARQUET:
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(str(path)).iter_batches():
            yield from batch.to_pylist()
    elif fmt is OutputFormat.CSV:
        with open(path, encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
    else:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)
