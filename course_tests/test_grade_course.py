"""`make grade`: every submission under submitted/ ends graded (in the course gradebook, grades.csv
and feedback) or with a recorded reason; re-running grades only what changed; shards split students."""
from __future__ import annotations

import csv

import pytest

from course import notebooks
from course.grade_course import REPORT, grade_course, parse_shard, shard_of
from course.paths import ASSIGNMENT, NOTEBOOK
from course.release import demo_submissions
from course.workspace import make_workspace

# nbgrader's own gradebook code trips SQLAlchemy's autoflush warnings when it adds a submission
pytestmark = pytest.mark.filterwarnings("ignore:Object of type")


def _submit(course, student, notebook=None, text=None):
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    if notebook is not None:
        notebooks.write(notebook, folder / NOTEBOOK)
    if text is not None:
        (folder / NOTEBOOK).write_text(text)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with a correct, a flawed, a non-JSON and an empty submission, graded once."""
    course = make_workspace(tmp_path_factory.mktemp("course"))
    demos = demo_submissions()
    _submit(course, "alice", demos["reference"])
    _submit(course, "bob", demos["mistakes"])
    _submit(course, "carol", text="{ this is not a notebook")
    (course / "submitted" / "dave").mkdir(parents=True)
    first = {v.student: v for v in grade_course(course, workers=2)}
    return course, first, demos


def test_every_submission_ends_graded_or_with_a_reason(course):
    _, first, _ = course
    assert (first["alice"].status, first["alice"].total) == ("graded", 15)
    assert (first["bob"].status, first["bob"].total) == ("graded", 8)
    assert first["carol"].status == "not graded" and "not JSON" in first["carol"].reason
    assert first["dave"].status == "not graded" and "no vision_networks/ folder" in first["dave"].reason


def test_grades_reach_the_gradebook_csv_report_and_feedback(course):
    folder, _, _ = course
    with open(folder / "grades.csv", newline="") as file:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(file)}
    assert scores["alice"] == 15 and scores["bob"] == 8
    with open(folder / REPORT, newline="") as file:
        assert {row["student"]: row["status"] for row in csv.DictReader(file)}["carol"] == "not graded"
    for student in ("alice", "bob"):
        assert (folder / "feedback" / student / ASSIGNMENT / "vision_networks.html").is_file()


def test_rerunning_grades_only_what_changed(course):
    folder, _, demos = course
    _submit(folder, "bob", demos["reference"])  # bob fixes his mistakes and hands in again
    again = {v.student: v for v in grade_course(folder, workers=2)}
    assert again["alice"].status == "unchanged"
    assert (again["bob"].status, again["bob"].total) == ("graded", 15)


def test_shards_split_the_students_without_overlap(course):
    folder, _, _ = course
    shares = [{v.student for v in grade_course(folder, shard=(i, 2))} for i in range(2)]
    assert shares[0].isdisjoint(shares[1]) and shares[0] | shares[1] == {"alice", "bob", "carol", "dave"}


def test_shard_ids_are_stable_and_validated():
    assert [shard_of("alice", 3)] * 2 == [shard_of("alice", 3), shard_of("alice", 3)]
    assert parse_shard("2/3") == (1, 3)
    for bad in ("0/2", "3/2", "a/b", "1"):
        with pytest.raises(ValueError):
            parse_shard(bad)
