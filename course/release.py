"""``make release``: regenerate release/ and solution/ from source/, grade the demo submissions.

Runs nbgrader in a scratch copy of the course, copies the generated folders into the destination
(the repository by default), autogrades three demo submissions into autograded/ (the reference
solution, the untouched release, and "mistakes": a typical mistake in every exercise, taken from
the answer catalogue), writes the feedback students would get for "mistakes" into feedback/, and
prints the score table (also written to autograded/scores.md). Exits non-zero when the reference
does not score 15, the release 0, or "mistakes" keeps full marks in some exercise.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import notebooks
from .catalogue import CATALOGUE, parse
from .grading import WORKERS, Outcome, autograde, copy_graded
from .nbgrader_cli import nbgrader
from .paths import ASSIGNMENT, NOTEBOOK, POINTS, ROOT
from .scores import table
from .workspace import make_workspace

EXPECTED_TOTALS = {"reference": sum(POINTS.values()), "blank": 0}
# One mistake per exercise, from the answer catalogue
MISTAKES = ("evaluate_global_device", "cifarvgg_max_pool", "vgg_init_strict_false_prefix",
            "trainer_batchnorm_drift", "preres_relu_after_add")


def _replace_folder(source: Path, destination: Path) -> None:
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))


def generate(destination: Path = ROOT) -> None:
    """Student release and solution, from source/, into ``destination``."""
    course = make_workspace()
    try:
        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        # generate_solution runs the whole notebook: offline, on the course's stand-in data and weights
        nbgrader(course, "generate_solution", ASSIGNMENT, "--force", env={"VN_OFFLINE": "1"})
        for folder in ("release", "solution"):
            _replace_folder(course / folder / ASSIGNMENT, destination / folder / ASSIGNMENT)
    finally:
        shutil.rmtree(course, ignore_errors=True)


def demo_submissions(root: Path = ROOT) -> dict[str, notebooks.Notebook]:
    """The reference solution, the untouched release and a submission with one mistake per exercise."""
    solution = notebooks.read(root / "solution" / ASSIGNMENT / NOTEBOOK)
    cells = {}
    for name in MISTAKES:
        cells |= parse(CATALOGUE / "wrong" / f"{name}.py").cells
    return {"reference": solution,
            "blank": notebooks.read(root / "release" / ASSIGNMENT / NOTEBOOK),
            "mistakes": notebooks.with_cells_replaced(solution, cells)}


def score_table(outcomes: dict[str, Outcome]) -> str:
    rows = {name: (o.exercises if o.error is None else None) for name, o in sorted(outcomes.items())}
    return table(rows, {name: o.error for name, o in outcomes.items() if o.error})


def write_graded(outcomes: dict[str, Outcome], destination: Path = ROOT) -> str:
    """autograded/ (the graded demo notebooks and their score table) and feedback/ ("mistakes")."""
    for folder in ("autograded", "feedback"):  # only the demos' folders: real students' results stay
        for name in outcomes:
            shutil.rmtree(destination / folder / name, ignore_errors=True)
    copy_graded(outcomes, destination / "autograded", "autograded")
    copy_graded({"mistakes": outcomes["mistakes"]}, destination / "feedback", "feedback")
    text = score_table(outcomes)
    (destination / "autograded" / "scores.md").write_text(text, encoding="utf-8")
    return text


def unexpected_scores(outcomes: dict[str, Outcome]) -> dict[str, object]:
    """Demo outcomes that are not what they should be (empty when all is well)."""
    wrong: dict[str, object] = {name: o.error for name, o in outcomes.items() if o.error}
    for name, total in EXPECTED_TOTALS.items():
        if name not in wrong and outcomes[name].total != total:
            wrong[name] = outcomes[name].exercises
    mistakes = outcomes["mistakes"]
    if not mistakes.error and any(mistakes.exercises[e] >= POINTS[e] for e in POINTS):
        wrong["mistakes"] = mistakes.exercises
    return wrong


def main() -> None:
    generate()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vn-grading-") as scratch:
        outcomes = autograde(demo_submissions(), scratch=Path(scratch), feedback=["mistakes"])
        print(f"autograded {len(outcomes)} demo submissions in {time.perf_counter() - started:.0f} s, "
              f"{WORKERS} at a time")
        print(write_graded(outcomes))
    wrong = unexpected_scores(outcomes)
    if wrong:
        sys.exit(f"unexpected demo scores: {wrong}")


if __name__ == "__main__":
    main()
