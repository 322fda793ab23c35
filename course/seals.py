"""Points only for hidden tests that really passed: the grader's side of :mod:`hidden_checks.guard`.

nbgrader gives a test cell its points when the cell's output holds no error. A submission can
arrange that without passing: skip the cell (an IPython input transformer), swallow its exception
(a custom exception handler), or replace ``run_check``. A check that passes in a grading kernel
leaves a seal, an HMAC of its ``grade_id`` under a key only this grading run and its kernel hold;
here every test cell that scored without a valid seal is set to 0 in the gradebook.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path

from hidden_checks.guard import SEAL_MIME, seal_for

from . import notebooks


@dataclass
class SealReport:
    """What the seals of one autograded notebook say."""

    sealed: set[str] = field(default_factory=set)  # test cells that passed for real
    restored: set[str] = field(default_factory=set)  # tools the submission had replaced

    def unsealed(self, scores: dict[str, float], test_cells: set[str]) -> set[str]:
        """Test cells nbgrader scored above 0 that have no valid seal."""
        return {grade_id for grade_id, score in scores.items()
                if score > 0 and grade_id in test_cells and grade_id not in self.sealed}


def _test_cells(notebook: notebooks.Notebook) -> dict[str, dict]:
    found = {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code":
            found[meta["grade_id"]] = cell
    return found


def read_seals(notebook: notebooks.Notebook, key: bytes) -> SealReport:
    report = SealReport()
    for grade_id, cell in _test_cells(notebook).items():
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(SEAL_MIME)
            if not isinstance(payload, dict):
                continue
            # The seal must be for this cell's own grade_id: a seal copied from another cell is void.
            if payload.get("grade_id") == grade_id and hmac.compare_digest(
                    str(payload.get("seal", "")), seal_for(key, grade_id)):
                report.sealed.add(grade_id)
                report.restored.update(str(name) for name in payload.get("restored", []))
    return report


def without_seals(notebook: notebooks.Notebook) -> notebooks.Notebook:
    """The notebook with its seal outputs removed: once checked, they are only noise (and differ
    from run to run, as the key does)."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [o for o in cell.get("outputs", []) if SEAL_MIME not in o.get("data", {})]
    return notebook


def hidden_test_ids(notebook_path: Path) -> set[str]:
    return set(_test_cells(notebooks.read(notebook_path)))


def enforce(gradebook_url: str, assignment: str, notebook_id: str, student: str, unsealed: set[str]) -> None:
    """Set the unsealed test cells of one submission to 0 (nbgrader's manual score overrides its own)."""
    if not unsealed:
        return
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url) as gradebook:
        for grade_id in unsealed:
            grade = gradebook.find_grade(grade_id, notebook_id, assignment, student)
            grade.manual_score = 0.0
        gradebook.db.commit()
