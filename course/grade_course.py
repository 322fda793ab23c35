"""``make grade``: autograde every submission under ``submitted/`` in parallel, into the course gradebook.

    python -m course.grade_course [--course DIR] [--workers N] [--shard i/K]

Each worker grades its share in a scratch copy of the course (nbgrader's SQLite gradebook takes one
writer at a time), then the scores are written into the gradebook named by the course's nbgrader
configuration (``CourseDirectory.db_url``), the autograded notebooks are copied into ``autograded/``,
``grades.csv`` is exported and feedback generated. A submission is graded again only when its files
changed since it was last graded; ``--shard i/K`` grades only the students whose stable hash falls
in share i of K, so K machines sharing the course folder (and a server gradebook) split a course.
Every submission ends graded or with a recorded reason in ``grading_report.csv``, with notes
on what the grader had to undo (replaced tools, test cells that scored without passing).

Student code runs in the sandbox kernel (:mod:`course.kernel_sandbox`); the report says which
isolation this machine gave it. Steps that touch shared course files (the gradebook's assignment,
``grades.csv``, the report) hold a lock file in the course folder, so shards can run side by side.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import notebooks
from .grading import CELL_TIMEOUT, WORKERS, Outcome, autograde
from .kernel_sandbox import isolation
from .nbgrader_cli import nbgrader, put_tools_on_path
from .paths import ASSIGNMENT, NOTEBOOK, ROOT

FINGERPRINT = ".graded-fingerprint"  # beside each autograded notebook: what was graded
REPORT = "grading_report.csv"
LOCK = ".grading.lock"


@dataclass
class Verdict:
    student: str
    status: str  # graded, unchanged, not graded
    total: float | None = None
    reason: str = ""
    notes: str = ""


def shard_of(student: str, shards: int) -> int:
    """A stable share (0 .. shards-1) for a student id, the same on every machine and every run."""
    return int(hashlib.sha256(student.encode("utf-8")).hexdigest(), 16) % shards


def parse_shard(text: str) -> tuple[int, int]:
    """``"i/K"`` (1-based, as on the command line) as (i - 1, K)."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard takes i/K, for example 1/2, not {text!r}") from None
    if not 1 <= index <= count:
        raise ValueError(f"--shard {text}: i must be between 1 and K")
    return index - 1, count


def fingerprint(folder: Path) -> str:
    """A hash of every file (name and bytes) in a submission folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_submission(folder: Path) -> notebooks.Notebook:
    path = folder / NOTEBOOK
    if not path.exists():
        raise ValueError(f"no {NOTEBOOK} in the submission folder")
    try:
        notebook = notebooks.read(path)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{NOTEBOOK} is not a notebook (not JSON: {error})") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError(f"{NOTEBOOK} is JSON but not a notebook (no list of cells)")
    return notebook


@contextlib.contextmanager
def course_lock(course: Path) -> Iterator[None]:
    """Hold the course's lock file: one grading run at a time changes shared files."""
    with open(course / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ensure_gradebook(course: Path) -> None:
    """The course gradebook knows the assignment (generate_assignment records it). Under the lock:
    two shards creating a fresh PostgreSQL gradebook at once collide on its tables."""
    with course_lock(course):
        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")


def _db_url(course: Path) -> str:
    """The gradebook the course's nbgrader configuration names (SQLite in the course by default)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    return CourseDirectory(config=config).db_url


def _record(course: Path, db_url: str, outcome: Outcome) -> None:
    """Write one graded submission's scores into the course gradebook and its notebook into autograded/."""
    from nbgrader.api import Gradebook

    put_tools_on_path()
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student(outcome.student)
        gradebook.update_or_create_submission(ASSIGNMENT, outcome.student)
        for grade_id, score in outcome.scores.items():
            grade = gradebook.find_grade(grade_id, Path(NOTEBOOK).stem, ASSIGNMENT, outcome.student)
            grade.auto_score = score
            grade.needs_manual_grade = False
        gradebook.db.commit()
    target = course / "autograded" / outcome.student / ASSIGNMENT / NOTEBOOK
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(outcome.autograded, target)


def _notes(outcome: Outcome) -> str:
    notes = []
    if outcome.unsealed:
        notes.append("scored without passing, set to 0: " + " ".join(outcome.unsealed))
    if outcome.restored:
        notes.append("replaced grading tools (restored before each check): " + " ".join(outcome.restored))
    return "; ".join(notes)


def grade_course(course: Path = ROOT, workers: int = WORKERS, shard: tuple[int, int] = (0, 1),
                 cell_timeout: int = CELL_TIMEOUT) -> list[Verdict]:
    """Grade this machine's share of the changed submissions; return a verdict per student."""
    submitted = course / "submitted"
    students = sorted(p for p in submitted.iterdir() if p.is_dir()) if submitted.exists() else []
    verdicts, todo, prints = [], {}, {}
    for student_folder in students:
        student, folder = student_folder.name, student_folder / ASSIGNMENT
        if shard_of(student, shard[1]) != shard[0]:
            continue
        stamp = course / "autograded" / student / ASSIGNMENT / FINGERPRINT
        current = fingerprint(student_folder)
        if stamp.exists() and stamp.read_text() == current:
            verdicts.append(Verdict(student, "unchanged"))
            continue
        try:
            if not folder.is_dir():
                raise ValueError(f"no {ASSIGNMENT}/ folder in the submission")
            todo[student] = _read_submission(folder)
            prints[student] = current
        except ValueError as error:
            verdicts.append(Verdict(student, "not graded", reason=str(error)))
    if todo:
        _ensure_gradebook(course)
        db_url = _db_url(course)
        with tempfile.TemporaryDirectory(prefix="vn-grading-") as scratch:
            outcomes = autograde(todo, workers=workers, scratch=Path(scratch), cell_timeout=cell_timeout)
            for student, outcome in outcomes.items():
                if outcome.error:
                    verdicts.append(Verdict(student, "not graded", reason=outcome.error.strip()[:300]))
                    continue
                _record(course, db_url, outcome)
                (course / "autograded" / student / ASSIGNMENT / FINGERPRINT).write_text(prints[student])
                verdicts.append(Verdict(student, "graded", total=outcome.total, notes=_notes(outcome)))
        graded = [v.student for v in verdicts if v.status == "graded"]
        for student in graded:
            nbgrader(course, "generate_feedback", ASSIGNMENT, f"--student={student}", "--force")
        with course_lock(course):
            _export_grades(course)
    with course_lock(course):
        _write_report(course, verdicts)
    return sorted(verdicts, key=lambda v: v.student)


def _export_grades(course: Path) -> None:
    """grades.csv from the whole gradebook, replaced in one step (a shard may be reading it)."""
    partial = course / "grades.csv.partial"
    nbgrader(course, "export", "--to", str(partial))
    os.replace(partial, course / "grades.csv")


REPORT_COLUMNS = ["student", "status", "total", "reason", "notes", "isolation"]


def _write_report(course: Path, verdicts: list[Verdict]) -> None:
    """Update this run's students in the report, keeping the rows other shards wrote."""
    rows = {}
    if (course / REPORT).exists():
        with open(course / REPORT, newline="", encoding="utf-8") as file:
            rows = {row["student"]: row for row in csv.DictReader(file)}
    how = isolation()
    for v in verdicts:
        if v.status == "unchanged" and v.student in rows:
            continue  # keep what its grading recorded
        rows[v.student] = {"student": v.student, "status": v.status,
                           "total": "" if v.total is None else f"{v.total:g}", "reason": v.reason,
                           "notes": v.notes, "isolation": how if v.status == "graded" else ""}
    partial = course / (REPORT + ".partial")
    with open(partial, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=REPORT_COLUMNS, extrasaction="ignore", restval="")
        writer.writeheader()
        for student in sorted(rows):
            writer.writerow(rows[student])
    os.replace(partial, course / REPORT)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m course.grade_course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=ROOT, help="the course folder (default: this repository)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"parallel scratch courses (default {WORKERS})")
    parser.add_argument("--shard", default="1/1", help="grade only share i of K of the students, as i/K")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT,
                        help=f"seconds a cell may run before it is interrupted (default {CELL_TIMEOUT})")
    arguments = parser.parse_args()
    try:
        shard = parse_shard(arguments.shard)
    except ValueError as error:
        parser.error(str(error))
    verdicts = grade_course(arguments.course.resolve(), arguments.workers, shard, arguments.cell_timeout)
    for v in verdicts:
        print(f"{v.student:30s} {v.status:11s} {'' if v.total is None else f'{v.total:g}':>4s} {v.reason}{v.notes}")
    print(f"student code isolation on this machine: {isolation()}")
    print(f"report: {arguments.course / REPORT}")


if __name__ == "__main__":
    main()
