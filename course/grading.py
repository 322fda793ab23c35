"""Autograding submissions through the real ``nbgrader autograde``, in parallel scratch courses."""
from __future__ import annotations

import concurrent.futures
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from . import kernel_sandbox, notebooks, seals
from .nbgrader_cli import NbgraderError, nbgrader, put_tools_on_path
from .paths import ASSIGNMENT, NOTEBOOK
from .scores import by_exercise
from .workspace import make_workspace


@dataclass
class Outcome:
    """What grading one submission recorded: a score per graded cell, or why there is none."""

    student: str
    scores: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    autograded: Path | None = None
    feedback: Path | None = None
    unsealed: list[str] = field(default_factory=list)  # test cells zeroed: they scored without passing
    restored: list[str] = field(default_factory=list)  # grading tools the submission had replaced

    @property
    def exercises(self) -> dict[str, float]:
        return by_exercise(self.scores)

    @property
    def total(self) -> float:
        return sum(self.scores.values())


def gradebook_scores(course: Path, students: list[str]) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook, MissingEntry

    put_tools_on_path()
    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in students:
            try:
                submission = gradebook.find_submission_notebook(Path(NOTEBOOK).stem, ASSIGNMENT, student)
            except MissingEntry:
                continue
            found[student] = {grade.name: float(grade.score) for grade in submission.grades}
    return found


def _existing(path: Path) -> Path | None:
    return path if path.exists() else None


CELL_TIMEOUT = 180  # seconds per cell (nbgrader's Execute.timeout); an endless loop costs this much
SUBMISSION_TIMEOUT = 1800  # seconds for one whole submission, kernel restarts included


def _grading_environment(course: Path, runtime: Path, key: str, threads: int) -> dict[str, str]:
    """What the sandbox kernel of one submission is started with (see course/kernel_sandbox.py)."""
    return {
        # Kernels grading side by side must not each claim every core: OpenMP threads that spin
        # waiting for a busy core made parallel grading slower than grading one after another.
        "OMP_NUM_THREADS": str(threads),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        kernel_sandbox.KEY_VARIABLE: key,
        kernel_sandbox.SOURCE_VARIABLE: str(course / "source" / ASSIGNMENT / NOTEBOOK),
        kernel_sandbox.WORKSPACE_VARIABLE: str(course),
    }


# nbgrader's own words for a submission it refuses, and what they mean for the student.
_REFUSALS = (
    (re.compile(r"Error: Inconsistent checksums for cell (\S+)"),
     "the locked cell {0} was changed (its code or nbgrader metadata): flagged for manual grading"),
    (re.compile(r"KeyError: 'grade_id'"),
     "a graded cell's nbgrader metadata was edited (its grade_id is gone): flagged for manual grading"),
    (re.compile(r"CellTimeoutError|UnresponsiveKernelError"),
     "a cell kept running after its timeout and could not be interrupted"),
)


def failure_reason(output: str) -> str:
    """One line saying why nbgrader did not grade a submission, from its log."""
    for pattern, reason in _REFUSALS:
        match = pattern.search(output)
        if match:
            return reason.format(*match.groups())
    errors = [line.strip() for line in output.splitlines() if re.match(r"\s*\w+(\.\w+)*(Error|Exception): ", line)]
    return (errors[-1] if errors else "nbgrader failed: " + output.strip().splitlines()[-1])[:300]


_FAILED_STUDENT = re.compile(r"There was an error processing assignment '[^']*' for student '([^']+)'")


def autograde_run(course: Path, students: list[str], threads: int, cell_timeout: int) -> tuple[dict[str, str], str]:
    """One ``nbgrader autograde`` run over ``students``: the reasons of those it failed, and the run's key."""
    key = secrets.token_hex(32)
    # The kernels' connection files and sockets, and no one else's. A short path under /tmp: a Unix
    # socket's path may not exceed 107 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="vn-kernel-"))
    alone = [f"--student={students[0]}"] if len(students) == 1 else []
    try:
        nbgrader(course, "autograde", ASSIGNMENT, *alone, "--force", f"--Execute.timeout={cell_timeout}",
                 env=_grading_environment(course, runtime, key, threads), timeout=SUBMISSION_TIMEOUT * len(students))
    except NbgraderError as failure:
        log = str(failure)
        named = set(_FAILED_STUDENT.findall(log)) & set(students)
        return {student: failure_reason(log) for student in (named or students)}, key
    except subprocess.TimeoutExpired:
        return {student: f"grading took longer than {SUBMISSION_TIMEOUT} s and was stopped" for student in students}, key
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    return {}, key


def _read_seals(course: Path, student: str, key: str) -> tuple[str | None, seals.SealReport]:
    """The seals in a student's autograded notebook, which is then rewritten without them."""
    graded = course / "autograded" / student / ASSIGNMENT / NOTEBOOK
    if not graded.exists():
        return "nbgrader wrote no autograded notebook", seals.SealReport()
    notebook = notebooks.read(graded)
    report = seals.read_seals(notebook, key.encode())
    mode = graded.stat().st_mode  # nbgrader may leave the notebook read-only
    graded.chmod(mode | 0o200)
    notebooks.write(seals.without_seals(notebook), graded)
    graded.chmod(mode)
    return None, report


def _grade_all(course: Path, students: list[str], threads: int, cell_timeout: int) -> dict[str, tuple]:
    """Grade the students in one nbgrader run (its start-up costs seconds), then each one it failed
    alone, so that a submission nbgrader refuses gets its own reason and costs no one else."""
    failed, key = autograde_run(course, students, threads, cell_timeout)
    results = {}
    for student in students:
        if student in failed and len(students) > 1:
            reasons, own_key = autograde_run(course, [student], threads, cell_timeout)
            results[student] = (reasons[student], seals.SealReport()) if reasons else _read_seals(course, student, own_key)
        elif student in failed:
            results[student] = (failed[student], seals.SealReport())
        else:
            results[student] = _read_seals(course, student, key)
    return results


def _grade_group(submissions: dict[str, notebooks.Notebook], scratch: Path | None,
                 feedback: Collection[str], threads: int, cell_timeout: int) -> dict[str, Outcome]:
    course = make_workspace(scratch)
    for student, notebook in submissions.items():
        notebooks.write(notebook, course / "submitted" / student / ASSIGNMENT / NOTEBOOK)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    hidden_tests = seals.hidden_test_ids(course / "release" / ASSIGNMENT / NOTEBOOK)
    results = _grade_all(course, list(submissions), threads, cell_timeout)
    errors = {student: error for student, (error, _) in results.items()}
    reports = {student: report for student, (_, report) in results.items()}
    scores = gradebook_scores(course, list(submissions))
    zeroed = {}
    for student in scores:
        zeroed[student] = reports[student].unsealed(scores[student], hidden_tests)
        seals.enforce(f"sqlite:///{course / 'gradebook.db'}", ASSIGNMENT, Path(NOTEBOOK).stem, student, zeroed[student])
        scores[student].update(dict.fromkeys(zeroed[student], 0.0))  # as the gradebook now says
    for student in sorted(set(feedback) & set(scores)):
        nbgrader(course, "generate_feedback", ASSIGNMENT, f"--student={student}", "--force")
    outcomes = {}
    for student in submissions:
        graded = course / "autograded" / student / ASSIGNMENT / NOTEBOOK
        html = course / "feedback" / student / ASSIGNMENT / f"{Path(NOTEBOOK).stem}.html"
        if errors[student] is None and student in scores and graded.exists():
            outcomes[student] = Outcome(student, scores[student], autograded=graded, feedback=_existing(html),
                                        unsealed=sorted(zeroed[student]), restored=sorted(reports[student].restored))
        else:  # nbgrader may leave grade rows (all 0) for a submission it then failed to grade
            outcomes[student] = Outcome(student, error=errors[student] or "nbgrader recorded no grades")
    return outcomes


WORKERS = os.cpu_count() or 1  # grading is CPU-bound: one scratch course per core


def autograde(submissions: dict[str, notebooks.Notebook], workers: int = WORKERS,
              scratch: Path | None = None, feedback: Collection[str] = (),
              cell_timeout: int = CELL_TIMEOUT) -> dict[str, Outcome]:
    """Grade each student's notebook; ``workers`` scratch courses grade shares of them at once.
    nbgrader also writes the HTML feedback of the students named in ``feedback``."""
    students = sorted(submissions)
    groups = [students[i::workers] for i in range(workers) if students[i::workers]]
    threads = max(1, (os.cpu_count() or 1) // max(1, len(groups)))
    outcomes: dict[str, Outcome] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(groups) or 1) as pool:
        futures = [pool.submit(_grade_group, {s: submissions[s] for s in group}, scratch, feedback, threads,
                               cell_timeout)
                   for group in groups]
        for future in futures:
            outcomes.update(future.result())
    return outcomes


def copy_graded(outcomes: dict[str, Outcome], destination: Path, what: str = "autograded") -> None:
    """Copy each outcome's ``autograded`` notebook or ``feedback`` page under ``destination``,
    laid out as nbgrader does (``STUDENT/ASSIGNMENT/FILE``)."""
    for outcome in outcomes.values():
        path = getattr(outcome, what)
        if path is not None:
            target = destination / outcome.student / ASSIGNMENT / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
