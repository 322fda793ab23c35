"""A student who empties or deletes the graded test cells gets them back: nbgrader restores edited
test cells from the gradebook, and `OverwriteCells.add_missing_cells` re-adds deleted ones."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("how", ["edited", "deleted"])
@pytest.mark.parametrize("name", ["reference", "mistakes"])
def test_tampered_test_cells_grade_as_the_untouched_submission(graded, name, how):
    outcome = graded[f"{name}-tests-{how}"]
    assert outcome.error is None, outcome.error
    assert outcome.exercises == graded[name].exercises
