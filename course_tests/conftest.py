"""Shared, expensive fixtures: one fresh build of the course and one grading run per test session."""
from __future__ import annotations

import copy

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


def tampered(notebook: notebooks.Notebook, how: str) -> notebooks.Notebook:
    """A submission whose graded test cells a student emptied ("edited") or removed ("deleted")."""
    result = copy.deepcopy(notebook)
    graded_cells = notebooks.graded_cells(result)
    if how == "edited":
        for cell in graded_cells:
            cell["source"] = "pass  # nothing to see here"
    else:
        result["cells"] = [cell for cell in result["cells"] if cell not in graded_cells]
    return result


@pytest.fixture(scope="session")
def graded(fresh_build, tmp_path_factory) -> dict[str, Outcome]:
    """The demo submissions and every catalogue entry, through the real `nbgrader autograde`."""
    solution = notebooks.read(fresh_build / "solution" / ASSIGNMENT / NOTEBOOK)
    submissions = demo_submissions(fresh_build)
    submissions |= {entry.student: submission(entry, solution) for entry in entries()}
    submissions |= {f"{name}-tests-{how}": tampered(submissions[name], how)
                    for name in ("reference", "mistakes") for how in ("edited", "deleted")}
    return autograde(submissions, scratch=tmp_path_factory.mktemp("grading"), feedback=["mistakes"])
