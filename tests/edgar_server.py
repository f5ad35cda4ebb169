"""A small EDGAR look-alike on 127.0.0.1 for the tests: files, validators, gzip, faults.

It serves ``tests/data/edgar`` (laid out like EDGAR's paths: ``/files/...``,
``/submissions/...``, ``/api/xbrl/companyfacts/...``, ``/Archives/edgar/data/...``),
records every request (monotonic time, path, headers), answers ``If-None-Match``
with 304, gzips JSON when asked, and plays scripted faults per path: ``429`` (with
a ``Retry-After``), ``503``, ``drop`` (headers and half the body, then the
connection closes) and ``stall`` (no answer for a while).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "edgar"
_LAST_MODIFIED = "Tue, 01 Nov 2022 10:00:00 GMT"


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    at: float  # time.monotonic() when its headers were read
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Fault:
    """What to do instead of serving a file, once."""

    kind: str  # "429", "503", "drop", "stall"
    retry_after: str | None = None
    seconds: float = 0.0


@dataclass
class EdgarServer:
    """The server, its request log and its fault script."""

    root: Path = DATA
    hits: list[Hit] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> EdgarServer:
        server = self

        class Handler(_Handler):
            owner = server

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, path: str, *faults: Fault) -> None:
        """Play ``faults`` on the next requests of ``path``, in order."""
        with self.lock:
            self.faults.setdefault(path, []).extend(faults)

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def _next_fault(self, path: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else None

    def _record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up on a stalled or dropped answer is expected here


class _Handler(BaseHTTPRequestHandler):
    owner: EdgarServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        at = time.monotonic()
        path = self.path.split("?", 1)[0]
        fault = self.owner._next_fault(path)
        status = self._answer(path, fault)
        self.owner._record(Hit(at=at, path=path, headers=dict(self.headers), status=status))

    def _answer(self, path: str, fault: Fault | None) -> int:
        if fault is not None and fault.kind in ("429", "503"):
            self.send_response(int(fault.kind))
            if fault.retry_after is not None:
                self.send_header("Retry-After", fault.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return int(fault.kind)
        if fault is not None and fault.kind == "stall":
            time.sleep(fault.seconds)
            self.close_connection = True
            return 0
        file = (self.owner.root / path.lstrip("/")).resolve()
        if self.owner.root.resolve() not in file.parents or not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return 404
        body = file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return 304
        encoded = body
        gzipped = "gzip" in (self.headers.get("Accept-Encoding") or "") and path.endswith(".json")
        if gzipped:
            encoded = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Length", str(len(encoded)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", _LAST_MODIFIED)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if fault is not None and fault.kind == "drop":
            self.wfile.write(encoded[: len(encoded) // 2])
            self.wfile.flush()
            self.close_connection = True
            return 200
        self.wfile.write(encoded)
        return 200


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most requests whose times fall in any half-open window of ``window`` seconds."""
    times = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best
