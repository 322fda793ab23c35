"""Shared, expensive fixtures: one fresh build of the course and one grading run per test session."""
from __future__ import annotations

import pytest

from course import notebooks
from course.catalogue import entries, submission
from course.grading import Outcome, autograde
from course.paths import ASSIGNMENT, NOTEBOOK
from course.release import demo_submissions, generate


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory):
    """release/ and solution/ regenerated from source/ into a scratch folder."""
    destination = tmp_path_factory.mktemp("fresh-build")
    generate(destination)
    return destination


@pytest.fixture(scope="session")
def graded(fresh_build, tmp_path_factory) -> dict[str, Outcome]:
    """The demo submissions and every catalogue entry, through the real `nbgrader autograde`."""
    solution = notebooks.read(fresh_build / "solution" / ASSIGNMENT / NOTEBOOK)
    submissions = demo_submissions(fresh_build)
    submissions |= {entry.student: submission(entry, solution) for entry in entries()}
    return autograde(submissions, scratch=tmp_path_factory.mktemp("grading"), feedback=["mistakes"])
