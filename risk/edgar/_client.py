"""The HTTP client: a declared User-Agent, the shared rate limit, retries, whole files only.

Built on httpx (connection reuse, gzip, streaming, timeouts). Each attempt waits
for its slot on the shared :class:`~risk.edgar.RateLimiter`. A 429, a 5xx, a
timeout, a dropped connection or a body shorter than its ``Content-Length`` is
tried again after a back-off (the server's ``Retry-After`` when it gives one),
up to ``settings.retries`` times; any other error status fails at once. Bodies
are streamed to a temporary file renamed into place only when complete.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from risk.edgar._cache import Validators, atomic_file
from risk.edgar._limiter import RateLimiter, shared_limiter
from risk.edgar._settings import EdgarSettings
from risk.exceptions import FetchError

if TYPE_CHECKING:
    import httpx

__all__ = ["RETRY_STATUS", "Download", "EdgarClient", "Outcome"]

#: Statuses worth another try: rate limited, or the server's passing trouble.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CHUNK = 1 << 16


class Outcome(StrEnum):
    """What a request did to the cached file."""

    FETCHED = "fetched"  # a new body was written
    NOT_MODIFIED = "not_modified"  # 304: the cached file is current


@dataclass(frozen=True)
class Download:
    """The result of :meth:`EdgarClient.download`."""

    outcome: Outcome
    validators: Validators
    size: int = 0


class _Retry(Exception):
    """An attempt that may be tried again, with the wait the server asked for."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class EdgarClient:
    """Fetches EDGAR files politely.

    Parameters
    ----------
    settings : EdgarSettings
        Its ``user_agent`` is required (:class:`InputError` otherwise, before any
        request); ``rate``, ``timeout``, ``retries``, ``backoff``, ``max_backoff``.
    limiter : RateLimiter, optional
        Default: the process's shared limiter.
    sleep : callable, default ``time.sleep``
        How back-off waits (tests may record instead of waiting).

    Attributes
    ----------
    requests : int
        HTTP requests sent so far (every attempt counts).
    """

    def __init__(
        self,
        settings: EdgarSettings,
        *,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.user_agent = settings.require_user_agent()
        self.limiter = limiter or shared_limiter()
        self.requests = 0
        self._sleep = sleep
        self._http: httpx.Client | None = None

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        if self._http is not None:
            self._http.close()
            self._http = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            import httpx

            self._http = httpx.Client(
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(self.settings.timeout),
                follow_redirects=True,
            )
        return self._http

    def download(self, url: str, dest: Path, *, known: Validators | None = None) -> Download:
        """Fetch ``url`` into ``dest``, whole or not at all.

        Parameters
        ----------
        url : str
        dest : Path
            Written through a temporary file renamed into place when complete.
        known : Validators, optional
            Those of the cached copy: the request is conditional and a 304 leaves
            ``dest`` as it is.

        Raises
        ------
        FetchError
            When the server refuses (4xx other than 429), or every attempt failed
            (the message names the URL, the attempts and the last reason).
        """
        attempts = self.settings.retries + 1
        reason = ""
        for attempt in range(attempts):
            try:
                return self._attempt(url, dest, known)
            except _Retry as exc:
                reason = exc.reason
                if attempt + 1 < attempts:
                    self._sleep(self._wait(attempt, exc.wait))
        raise FetchError(f"{url}: gave up after {attempts} attempt(s); last: {reason}", url=url)

    def _wait(self, attempt: int, asked: float | None) -> float:
        wait = asked if asked is not None else self.settings.backoff * (2**attempt)
        return min(max(wait, 0.0), self.settings.max_backoff)

    def _attempt(self, url: str, dest: Path, known: Validators | None) -> Download:
        import httpx

        self.limiter.wait(self.settings.rate)
        self.requests += 1
        headers = known.headers() if known else {}
        try:
            with self._client().stream("GET", url, headers=headers) as response:
                return self._receive(url, dest, response, known)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}") from exc
        except httpx.DecodingError as exc:
            raise _Retry(f"the body could not be decoded: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}", url=url) from exc

    def _receive(
        self, url: str, dest: Path, response: httpx.Response, known: Validators | None
    ) -> Download:
        status = response.status_code
        if status == 304 and known is not None:
            return Download(Outcome.NOT_MODIFIED, _validators(response, known))
        if status in RETRY_STATUS:
            raise _Retry(f"HTTP {status}", _retry_after(response.headers.get("Retry-After")))
        if status != 200:
            raise FetchError(
                f"{url}: HTTP {status} {response.reason_phrase}{_hint(status)}",
                url=url,
                status=status,
            )
        expected = response.headers.get("Content-Length")
        size = 0
        with atomic_file(dest) as handle:
            for chunk in response.iter_bytes(_CHUNK):
                handle.write(chunk)
                size += len(chunk)
            got = response.num_bytes_downloaded
            if expected is not None and expected.isdigit() and got != int(expected):
                raise _Retry(f"the body has {got} bytes, Content-Length said {expected}")
        return Download(Outcome.FETCHED, _validators(response, None), size)


def _validators(response: Any, known: Validators | None) -> Validators:
    etag = response.headers.get("ETag") or (known.etag if known else None)
    modified = response.headers.get("Last-Modified") or (known.last_modified if known else None)
    return Validators(etag=etag, last_modified=modified, checked=time.time())


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds, or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _hint(status: int) -> str:
    if status == 403:
        return " (EDGAR refuses clients without a declared User-Agent, or over its rate limit)"
    if status == 404:
        return " (not on the server)"
    return ""
