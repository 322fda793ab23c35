"""A course graded into a real PostgreSQL gradebook by two shards running side by side, as two
machines sharing the course folder would: every submission ends with exactly one complete set of
grades, none graded twice or skipped, and grading again changes nothing."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from course import notebooks
from course.catalogue import entries, submission
from course.paths import ASSIGNMENT, NOTEBOOK, ROOT
from course.release import demo_submissions
from course.seals import hidden_test_ids
from course.workspace import make_workspace
from course_tests.postgres_server import postgres_unavailable_reason, running_postgres

pytestmark = pytest.mark.filterwarnings("ignore:Object of type")
SUBMISSIONS = 20
SHARDS = 2
WORKERS_PER_SHARD = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with running_postgres(tmp_path_factory.mktemp("postgres")) as url:
        yield url


def _grade(course, *arguments) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "course.grade_course", "--course", str(course), *arguments],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _verdicts(output: str) -> dict[str, str]:
    """student -> status, from grade_course's printed table."""
    found = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1] in ("graded", "unchanged", "not"):
            found[parts[0]] = parts[1]
    return found


@pytest.fixture(scope="module")
def sharded(server, fresh_build, tmp_path_factory):
    course = make_workspace(tmp_path_factory.mktemp("pg-course"))
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {server!r}\n")
    solution = notebooks.read(fresh_build / "solution" / ASSIGNMENT / NOTEBOOK)
    students = demo_submissions(fresh_build)
    for entry in entries()[: SUBMISSIONS - len(students)]:
        students[entry.student] = submission(entry, solution)
    for student, notebook in students.items():
        notebooks.write(notebook, course / "submitted" / student / ASSIGNMENT / NOTEBOOK)
    runs = [_grade(course, "--workers", str(WORKERS_PER_SHARD), "--shard", f"{i}/{SHARDS}")
            for i in range(1, SHARDS + 1)]
    outputs = [run.communicate(timeout=1200)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * SHARDS, outputs
    return course, server, set(students), outputs


def test_the_shards_grade_every_submission_exactly_once(sharded):
    _, _, students, outputs = sharded
    shares = [_verdicts(output) for output in outputs]
    assert len(students) >= 20
    assert set(shares[0]).isdisjoint(shares[1])
    assert set(shares[0]) | set(shares[1]) == students
    assert all(status == "graded" for share in shares for status in share.values()), shares


def test_every_submission_has_one_complete_set_of_grades(sharded):
    from nbgrader.api import Grade, Gradebook, SubmittedAssignment, SubmittedNotebook

    course, url, students, _ = sharded
    cells = hidden_test_ids(course / "release" / ASSIGNMENT / NOTEBOOK)
    with Gradebook(url) as gradebook:
        assert {student.id for student in gradebook.students} == students
        for student in students:
            submitted = gradebook.db.query(SubmittedAssignment).filter(
                SubmittedAssignment.student_id == student).all()
            assert len(submitted) == 1, student
            grades = gradebook.db.query(Grade).join(SubmittedNotebook).join(SubmittedAssignment).filter(
                SubmittedAssignment.student_id == student).all()
            graded_cells = [grade.name for grade in grades if grade.name in cells]
            assert sorted(graded_cells) == sorted(cells), student
            assert all(grade.auto_score is not None for grade in grades if grade.name in cells), student


def test_grades_csv_and_report_cover_the_whole_course(sharded):
    course, _, students, _ = sharded
    with open(course / "grades.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["student_id"] for row in rows) == sorted(students)
    totals = {row["student_id"]: float(row["score"]) for row in rows}
    assert (totals["reference"], totals["blank"], totals["mistakes"]) == (15, 0, 8)
    with open(course / "grading_report.csv", newline="") as file:
        report = {row["student"]: row["status"] for row in csv.DictReader(file)}
    assert report == {student: "graded" for student in students}


def test_grading_again_changes_nothing(sharded):
    course, _, students, _ = sharded
    run = _grade(course, "--workers", "2")
    output = run.communicate(timeout=600)[0]
    assert run.returncode == 0, output
    assert _verdicts(output) == {student: "unchanged" for student in students}
