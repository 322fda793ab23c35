"""Bad submissions never stop a grading batch: each ends with the grades it deserves, or a recorded
reason, and none of them escapes the sandbox or fools the hidden checks (course_tests/bad_submissions.py)."""
from __future__ import annotations

import csv
import json
import socket
import threading
import uuid
from pathlib import Path

import pytest

from course import notebooks
from course.grade_course import REPORT, grade_course
from course.grading import gradebook_scores
from course.kernel_sandbox import isolation
from course.paths import ASSIGNMENT, NOTEBOOK
from course.release import demo_submissions
from course.scores import by_exercise
from course.workspace import make_workspace

from course_tests.bad_submissions import Bad, catalogue

pytestmark = pytest.mark.filterwarnings("ignore:Object of type")
CELL_TIMEOUT = 30  # short, so the endless loop costs little; the slowest honest cell takes a few seconds


class Listener:
    """A TCP server on the grader's loopback that counts who reached it."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory, fresh_build):
    """Every bad submission, handed in to one course and graded in one `make grade` run."""
    course = make_workspace(tmp_path_factory.mktemp("bad-course"))
    listener, token = Listener(), f"vn-escaped-{uuid.uuid4().hex}"
    demos = demo_submissions(fresh_build)
    bads = {bad.name: bad for bad in catalogue(listener.port, str(course), token)}
    for bad in bads.values():
        folder = course / "submitted" / bad.name
        folder.mkdir(parents=True)
        made = bad.build(demos["reference"], demos["blank"])
        if isinstance(made, dict):
            notebooks.write(made, folder / ASSIGNMENT / NOTEBOOK)
        elif isinstance(made, str):
            (folder / ASSIGNMENT).mkdir()
            (folder / ASSIGNMENT / NOTEBOOK).write_text(made)
    verdicts = {v.student: v for v in grade_course(course, workers=2, cell_timeout=CELL_TIMEOUT)}
    yield course, bads, verdicts, listener, token
    listener.socket.close()


def _cell_output(course: Path, student: str, grade_id: str) -> str:
    notebook = notebooks.read(course / "autograded" / student / ASSIGNMENT / NOTEBOOK)
    cell = next(c for c in notebook["cells"] if notebooks.grade_id(c) == grade_id)
    return json.dumps(cell.get("outputs", []))


def _exercise_scores(course: Path, student: str) -> dict[str, float]:
    return by_exercise(gradebook_scores(course, [student])[student])


def test_the_batch_records_an_outcome_for_every_submission(batch):
    course, bads, verdicts, _, _ = batch
    assert set(verdicts) == set(bads)
    with open(course / REPORT, newline="") as file:
        assert {row["student"] for row in csv.DictReader(file)} == set(bads)


@pytest.mark.parametrize("name", [bad.name for bad in catalogue(0, "", "")])
def test_bad_submission_gets_its_expected_outcome(batch, name):
    course, bads, verdicts, _, _ = batch
    bad: Bad = bads[name]
    verdict = verdicts[name]
    if bad.exercises is None:
        assert verdict.status == "not graded" and bad.reason in verdict.reason, verdict
        return
    assert verdict.status == "graded", verdict
    assert _exercise_scores(course, name) == bad.exercises
    assert verdict.total == sum(bad.exercises.values())
    assert bad.reason in verdict.notes
    if bad.shows:
        grade_id, text = bad.shows
        assert text in _cell_output(course, name, grade_id)


def test_honest_submissions_get_no_notes(batch):
    _, bads, verdicts, _, _ = batch
    for name in ("syntax-error", "infinite-loop", "os-exit", "output-flood", "test-cell-points"):
        assert verdicts[name].notes == "", (name, verdicts[name].notes)


def test_a_flooding_cell_keeps_a_bounded_output(batch):
    course, _, _, _, _ = batch
    assert len(_cell_output(course, "output-flood", "ex1-evaluate-update")) < 3_000_000
    assert (course / "autograded" / "output-flood" / ASSIGNMENT / NOTEBOOK).stat().st_size < 4_000_000


def test_student_code_reaches_no_network_and_no_files_outside_its_folder(batch):
    course, _, _, listener, token = batch
    if isolation() != "namespaces+limits":
        pytest.skip("bubblewrap cannot make namespaces on this machine: student code runs with limits only")
    output = _cell_output(course, "escape", "ex1-evaluate-update")
    text = "".join(json.loads(output)[0]["text"])
    report = json.loads(text.split("escape-report", 1)[1].splitlines()[0])
    assert listener.accepted == 0 and report["loopback"].startswith("blocked")
    assert report["internet"].startswith("blocked")
    assert not (course / "escaped.txt").exists() and not Path("/tmp", token).exists()
    assert not (Path.home() / token).exists()
    others = report["other submissions"]
    assert isinstance(others, str) or not set(others) & {"syntax-error", "escape"}, others
    assert isinstance(report["gradebook bytes"], str) or report["gradebook bytes"] == 0
