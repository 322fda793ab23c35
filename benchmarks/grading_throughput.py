"""Course grading throughput: the same submissions graded with 1 worker, then with 2, in one run.

Submissions per minute through ``course.grading.autograde`` (sandboxed kernels, one nbgrader run per
worker, seals checked), the path ``make grade`` takes. The ratio says what a second worker buys
on this machine.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from course import notebooks
from course.catalogue import entries, submission
from course.grading import autograde
from course.paths import SOLUTION_NOTEBOOK

SUBMISSIONS = 8


def _submissions() -> dict[str, notebooks.Notebook]:
    solution = notebooks.read(SOLUTION_NOTEBOOK)
    return {entry.student: submission(entry, solution) for entry in entries()[:SUBMISSIONS]}


def _per_minute(workers: int) -> tuple[float, float]:
    work = _submissions()
    with tempfile.TemporaryDirectory(prefix="vn-bench-grading-") as scratch:
        started = time.perf_counter()
        outcomes = autograde(work, workers=workers, scratch=Path(scratch))
        seconds = time.perf_counter() - started
    failed = sorted(name for name, outcome in outcomes.items() if outcome.error)
    if failed:
        raise RuntimeError(f"grading failed for {failed}")
    return len(work) * 60 / seconds, seconds


def run() -> dict[str, object]:
    one, one_seconds = _per_minute(1)
    two, two_seconds = _per_minute(2)
    return {"ratio": two / one, "submissions": SUBMISSIONS,
            "one_worker_per_minute": one, "one_worker_seconds": one_seconds,
            "two_workers_per_minute": two, "two_workers_seconds": two_seconds}
