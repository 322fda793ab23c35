"""Grading cost: one submission through the real ``nbgrader autograde`` vs a kernel that only imports.

Each measurement runs in a fresh child process (``python -m benchmarks.autograde KIND``) because
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is a high-water mark over a process's whole life: only a
fresh parent reports the peak of one run's processes (nbgrader and its kernel) and nothing earlier.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course import notebooks
from course.grading import CELL_TIMEOUT, autograde_run, gradebook_scores
from course.nbgrader_cli import BIN, nbgrader
from course.paths import ASSIGNMENT, NOTEBOOK, RELEASE_NOTEBOOK, ROOT, SOLUTION_NOTEBOOK
from course.workspace import make_workspace

TIMEOUT = 900  # seconds; nbgrader's own per-cell limit (180 s) is in nbgrader_config.py
SUBMISSIONS = {"reference": SOLUTION_NOTEBOOK, "release": RELEASE_NOTEBOOK}


def _peak_children_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


def floor() -> dict[str, object]:
    """The least any graded run pays: start Jupyter, start the kernel, import torch and torchvision.

    A CLI run of a one-cell notebook, like nbgrader's, with the kernel the course's notebooks name.
    """
    kernel = notebooks.read(SOLUTION_NOTEBOOK)["metadata"]["kernelspec"]
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": kernel},
                "cells": [{"cell_type": "code", "id": "floor", "metadata": {}, "execution_count": None,
                           "outputs": [], "source": "import torch, torchvision"}]}
    with tempfile.TemporaryDirectory(prefix="vn-bench-floor-") as folder:
        path = Path(folder) / "floor.ipynb"
        notebooks.write(notebook, path)
        started = time.perf_counter()
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", str(path),
                        "--output", "floor.out.ipynb"], check=True, capture_output=True, timeout=TIMEOUT)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_rss_mb": _peak_children_mb()}


def grade(kind: str) -> dict[str, object]:
    """The steps of ``course.grading.autograde`` for one submission, each timed on its own."""
    student = kind
    started = time.perf_counter()
    course = make_workspace()
    try:
        notebooks.write(notebooks.read(SUBMISSIONS[kind]), course / "submitted" / student / ASSIGNMENT / NOTEBOOK)
        generating = time.perf_counter()
        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force", timeout=TIMEOUT)
        grading = time.perf_counter()
        failed, _ = autograde_run(course, [student], os.cpu_count() or 1, CELL_TIMEOUT)  # as make grade does
        if failed:
            raise RuntimeError(f"autograde of {student} failed: {failed[student]}")
        graded = time.perf_counter()
        scores = gradebook_scores(course, [student]).get(student, {})
        finished = time.perf_counter()
    finally:
        shutil.rmtree(course, ignore_errors=True)
    return {
        "autograde_seconds": graded - grading,
        "generate_assignment_seconds": grading - generating,
        # what course.grading.autograde costs end to end for one submission in one scratch course
        "end_to_end_seconds": finished - started,
        "score": sum(scores.values()),
        "peak_rss_mb": _peak_children_mb(),
    }


def _in_child(kind: str) -> dict[str, object]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "benchmarks.autograde", kind], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.autograde {kind} exited {done.returncode}:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> dict[str, object]:
    floor_run = _in_child("floor")
    reference = _in_child("reference")
    # the untouched release: every solution cell fails fast, so this is nbgrader's own overhead
    release = _in_child("release")
    return {
        "ratio": reference["autograde_seconds"] / floor_run["seconds"],
        "floor_seconds": floor_run["seconds"],
        "reference_autograde_seconds": reference["autograde_seconds"],
        "release_autograde_seconds": release["autograde_seconds"],
        "reference_minus_release_seconds": reference["autograde_seconds"] - release["autograde_seconds"],
        "floor": floor_run,
        "reference": reference,
        "release": release,
    }


if __name__ == "__main__":
    kind = sys.argv[1]
    print(json.dumps(floor() if kind == "floor" else grade(kind)))
