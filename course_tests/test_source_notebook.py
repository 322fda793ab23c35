"""The source notebook is a well-formed nbgrader assignment that matches the contract."""
from __future__ import annotations

import ast
import re

import nbformat
import pytest

from course import notebooks
from course.paths import EXERCISES, POINTS, SOURCE_NOTEBOOK
from course.scores import exercise_of
from hidden_checks.registry import all_checks

SOURCE = notebooks.read(SOURCE_NOTEBOOK)
NBGRADER_CELLS = [cell for cell in SOURCE["cells"] if notebooks.nbgrader(cell)]
TEST_CELL = re.compile(
    r'^# Hidden tests \([\d.]+ points?\): .+\n### BEGIN HIDDEN TESTS\n'
    r'from hidden_checks import run_check\nrun_check\("(?P<name>[\w-]+)", globals\(\)\)\n### END HIDDEN TESTS$')


def test_is_valid_nbformat():
    nbformat.validate(nbformat.reads(SOURCE_NOTEBOOK.read_text(), as_version=4))


def test_nbgrader_metadata_is_complete_and_consistent():
    for cell in NBGRADER_CELLS:
        meta = notebooks.nbgrader(cell)
        assert meta.get("schema_version") == 3, meta
        assert {"grade", "solution", "locked", "grade_id"} <= set(meta), meta
        if meta["grade"]:
            assert isinstance(meta.get("points"), (int, float)) and meta["points"] > 0, meta
        if meta["solution"]:
            assert not meta["locked"], f"{meta['grade_id']}: a solution cell must be editable"
        assert cell["cell_type"] == "code" or not meta["grade"], meta


def test_grade_ids_are_unique_and_prefixed():
    ids = [notebooks.grade_id(cell) for cell in NBGRADER_CELLS]
    assert len(ids) == len(set(ids)), "duplicate grade ids"
    for cell in NBGRADER_CELLS:
        meta, name = notebooks.nbgrader(cell), notebooks.grade_id(cell)
        if meta["grade"] or meta["solution"]:
            assert exercise_of(name) in EXERCISES, f"{name}: graded and solution cells start with ex1- ... ex5-"
        else:
            assert re.match(r"^(ex[1-5]|intro|demo)-", name), name


def test_points_per_exercise_match_the_contract():
    points = {exercise: 0 for exercise in EXERCISES}
    for cell in notebooks.graded_cells(SOURCE):
        points[exercise_of(notebooks.grade_id(cell))] += notebooks.nbgrader(cell)["points"]
    assert points == POINTS


def test_no_outputs_or_execution_counts_are_stored():
    for cell in SOURCE["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, notebooks.grade_id(cell)


def test_every_graded_cell_runs_its_own_hidden_check_and_ends_silently():
    """One call, inside the hidden block, to the check of the cell's own grade_id; it returns None,
    so the cell ends in no value nbgrader could read as a score."""
    named = []
    for cell in notebooks.graded_cells(SOURCE):
        match = TEST_CELL.match(notebooks.source(cell))
        assert match, f"{notebooks.grade_id(cell)} does not follow the hidden test cell template"
        assert match["name"] == notebooks.grade_id(cell)
        named.append(match["name"])
    assert sorted(named) == sorted(all_checks()), "every hidden check has exactly one cell"


@pytest.mark.parametrize("cell", notebooks.solution_cells(SOURCE), ids=notebooks.grade_id)
def test_solution_cells_only_define(cell):
    """The reference pieces are loaded by running the solution cells: they must have no side effects."""
    code = notebooks.source(cell).replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "")
    for statement in ast.parse(code).body:
        assert isinstance(statement, (ast.FunctionDef, ast.ClassDef, ast.Assign, ast.Import, ast.ImportFrom)), \
            f"{notebooks.grade_id(cell)} line {statement.lineno}: only definitions belong in a solution cell"


def test_heavy_cells_are_skipped_while_grading():
    """Cells that download or train run only when GRADING is false."""
    for cell in SOURCE["cells"]:
        text = notebooks.source(cell)
        if cell["cell_type"] == "code" and re.search(r"get_vgg\(|get_cifar10\(|vgg_init_\(|\.train\(train_batches", text):
            if notebooks.nbgrader(cell).get("solution") or notebooks.nbgrader(cell).get("grade"):
                continue
            assert "if GRADING" in text or "if not GRADING" in text, notebooks.grade_id(cell)


def test_a_deleted_test_cell_can_be_put_back():
    """nbgrader's add_missing_cells re-inserts a deleted test cell after the nbgrader cell before it,
    and fails the whole submission unless that cell is a solution or graded cell."""
    cells = NBGRADER_CELLS
    for before, cell in zip(cells, cells[1:]):
        if notebooks.nbgrader(cell)["grade"]:
            meta = notebooks.nbgrader(before)
            assert meta["grade"] or meta["solution"], f"{notebooks.grade_id(before)} comes before {notebooks.grade_id(cell)}"
