"""CPU time and peak memory, as every benchmark in this folder measures them.

CPU time is ``time.process_time``: this process, every thread of it (so BLAS or
parallel CSV threads count), not the time spent waiting for a core on a shared
machine. The best of several runs is kept: other work on the machine only ever adds.
Peak memory is ``VmHWM`` of ``/proc/self/status``.

A script here imports it as ``from _timing import ...`` (its folder is on the path
when it runs as ``python benchmarks/NAME.py``).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["best_cpu", "best_times", "cpu_seconds", "peak_mb"]


def cpu_seconds(fn: Callable[[], object]) -> float:
    """The CPU seconds of one call of ``fn``."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    """The least CPU seconds of ``repeat`` calls of ``fn``."""
    return min(cpu_seconds(fn) for _ in range(repeat))


def best_times(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """The least wall seconds (``wall``) and the least CPU seconds (``cpu``) of
    ``repeat`` calls of ``fn`` (each the best of its own, possibly of other calls)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"wall": min(wall), "cpu": min(cpu)}


def peak_mb(fallback: float | None = None) -> float:
    """This process's peak resident memory in MB: ``VmHWM`` of ``/proc/self/status``.

    Not ``ru_maxrss``: Linux carries the forked parent's peak into a child's
    ``ru_maxrss`` across ``exec``, so a child started by a large parent would report
    the parent's memory. Where ``/proc`` cannot be read: ``fallback``, or else
    ``ru_maxrss``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    if fallback is not None:
        return fallback
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
