"""Every known wrong answer loses points in its own exercise and nowhere else; every correct answer,
however it is written, earns full marks. Graded through the real `nbgrader autograde`."""
from __future__ import annotations

import pytest

from course.catalogue import entries
from course.catalogue_report import REPORT, render
from course.paths import EXERCISES, POINTS

WRONG = entries("wrong")
CORRECT = entries("correct")


def test_the_catalogue_is_big_enough():
    assert len(WRONG) >= 30 and len(CORRECT) >= 10
    assert {entry.exercise for entry in WRONG} == set(EXERCISES)


@pytest.mark.parametrize("entry", WRONG, ids=lambda e: e.name)
def test_wrong_answer_loses_points_in_its_exercise_only(entry, graded):
    outcome = graded[entry.student]
    assert outcome.error is None, outcome.error
    lost = {e: POINTS[e] - score for e, score in outcome.exercises.items() if score < POINTS[e]}
    assert list(lost) == [entry.exercise], f"{entry.what}: lost {lost}"


@pytest.mark.parametrize("entry", CORRECT, ids=lambda e: e.name)
def test_correct_answer_earns_full_marks(entry, graded):
    outcome = graded[entry.student]
    assert outcome.error is None, outcome.error
    assert outcome.total == sum(POINTS.values()), f"{entry.what}: {outcome.exercises}"


def test_the_documented_catalogue_table_is_current(graded):
    assert REPORT.read_text(encoding="utf-8") == render(entries(), graded), "docs/catalogue.md is stale: run make catalogue"
