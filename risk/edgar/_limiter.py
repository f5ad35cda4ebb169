"""A rate limiter shared by every EDGAR request of the process.

Each request reserves the next free slot of ``1 / rate`` seconds on one shared
schedule and sleeps until its slot starts, so requests leave evenly spaced
(never in a burst) from any number of threads and clients. A client with a lower
rate reserves longer slots; the process as a whole never exceeds the highest
rate any client was given, and that is at most 10 per second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter", "shared_limiter"]


class RateLimiter:
    """Evenly spaced request slots on one schedule.

    Parameters
    ----------
    clock : callable, default ``time.monotonic``
    sleep : callable, default ``time.sleep``
        Injected by tests that must not wait.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = float("-inf")

    def wait(self, rate: float) -> float:
        """Block until this caller's slot at ``rate`` requests per second; returns the wait.

        Parameters
        ----------
        rate : float
            Requests per second (> 0): the slot lasts ``1 / rate`` seconds.
        """
        if not rate > 0:
            raise ValueError(f"rate must be > 0 requests per second; got {rate!r}")
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + 1.0 / rate
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


_SHARED = RateLimiter()


def shared_limiter() -> RateLimiter:
    """The process's limiter (every :class:`~risk.edgar.EdgarClient` uses it by default)."""
    return _SHARED
