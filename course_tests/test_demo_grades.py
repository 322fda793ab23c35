"""Through the real `nbgrader autograde`: the reference earns every point, the blank release none."""
from __future__ import annotations

from course.paths import EXERCISES, POINTS


def test_reference_solution_scores_full_marks_in_every_exercise(graded):
    outcome = graded["reference"]
    assert outcome.error is None
    assert outcome.exercises == {e: float(POINTS[e]) for e in EXERCISES}


def test_untouched_release_scores_zero_in_every_exercise(graded):
    outcome = graded["blank"]
    assert outcome.error is None
    assert outcome.exercises == {e: 0.0 for e in EXERCISES}


def test_every_graded_cell_was_recorded(graded):
    assert len(graded["reference"].scores) == len(graded["blank"].scores) == 15
