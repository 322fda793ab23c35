"""Wall-clock timing: the median of a few repeats after warm-up runs."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds per call of each timed repeat (warm-up runs excluded)."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self) -> dict[str, object]:
        return {"median_seconds": self.median, "repeat_seconds": list(self.seconds)}


def no_sync() -> None:
    pass


def measure(run: Callable[[], object], repeats: int = 3, warmup: int = 1,
            sync: Callable[[], None] = no_sync) -> Timing:
    """Time ``run()`` ``repeats`` times after ``warmup`` untimed calls.

    Warm-up absorbs one-off costs (allocator growth, oneDNN/cuDNN kernel selection, lazy imports)
    that a steady-state figure should not carry. ``sync`` waits for queued accelerator work, since
    CUDA and MPS return before the kernels finish; the median shrugs off a neighbour's burst.
    """
    for _ in range(warmup):
        run()
    sync()
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        sync()
        seconds.append(time.perf_counter() - started)
    return Timing(tuple(seconds))


def measure_interleaved(runs: dict[str, Callable[[], object]], repeats: int = 3, warmup: int = 1,
                        sync: Callable[[], None] = no_sync) -> dict[str, Timing]:
    """Like :func:`measure` for several variants, taking turns: A, B, C, A, B, C, ...

    On a shared machine the load changes during a run; taking turns spreads each change over all
    variants, so their ratio stays fair even when the absolute figures move.
    """
    for _ in range(warmup):
        for run in runs.values():
            run()
    sync()
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            sync()
            seconds[name].append(time.perf_counter() - started)
    return {name: Timing(tuple(values)) for name, values in seconds.items()}
