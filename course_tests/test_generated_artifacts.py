"""Committed release/, solution/ and autograded/ are what `make release` produces from source/."""
from __future__ import annotations

from course import notebooks
from course.paths import ASSIGNMENT, NOTEBOOK, ROOT
from course.release import score_table


def test_release_is_regenerated_byte_for_byte(fresh_build):
    fresh = fresh_build / "release" / ASSIGNMENT
    committed = ROOT / "release" / ASSIGNMENT
    assert sorted(p.name for p in fresh.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in fresh.iterdir():
        assert path.read_bytes() == (committed / path.name).read_bytes(), f"release/{ASSIGNMENT}/{path.name} is stale: run make release"


def test_solution_is_regenerated_cell_for_cell(fresh_build):
    fresh = notebooks.read(fresh_build / "solution" / ASSIGNMENT / NOTEBOOK)
    committed = notebooks.read(ROOT / "solution" / ASSIGNMENT / NOTEBOOK)
    assert notebooks.without_outputs(fresh) == notebooks.without_outputs(committed), "solution/ is stale: run make release"


def test_solution_ran_every_cell_without_error(fresh_build):
    solution = notebooks.read(fresh_build / "solution" / ASSIGNMENT / NOTEBOOK)
    errors = [notebooks.grade_id(cell) for cell in solution["cells"]
              if any(o.get("output_type") == "error" for o in cell.get("outputs", []))]
    assert not errors


DEMOS = ("reference", "blank", "mistakes")


def test_autograded_demos_match_a_fresh_grading(graded):
    demos = {name: graded[name] for name in DEMOS}
    assert (ROOT / "autograded" / "scores.md").read_text() == score_table(demos), "autograded/ is stale: run make release"
    for name, outcome in demos.items():
        committed = notebooks.read(ROOT / "autograded" / name / ASSIGNMENT / NOTEBOOK)
        assert notebooks.without_outputs(committed) == notebooks.without_outputs(notebooks.read(outcome.autograded))


def test_committed_feedback_exists_for_the_demo_with_mistakes():
    assert (ROOT / "feedback" / "mistakes" / ASSIGNMENT / "vision_networks.html").is_file()
