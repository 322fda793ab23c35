"""``make release``: regenerate release/ and solution/ from source/, grade the demo submissions.

Runs nbgrader in a scratch copy of the course, copies the generated folders into the destination
(the repository by default), autogrades the reference solution and the untouched release into
autograded/, and prints the score table (also written to autograded/scores.md). Exits non-zero
when the demos do not score 15 and 0.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from . import notebooks
from .grading import Outcome, autograde, copy_autograded
from .nbgrader_cli import nbgrader
from .paths import ASSIGNMENT, NOTEBOOK, POINTS, ROOT
from .scores import table
from .workspace import make_workspace

EXPECTED_TOTALS = {"reference": sum(POINTS.values()), "blank": 0}


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
    """The reference solution and the untouched release, as two students would hand them in."""
    return {"reference": notebooks.read(root / "solution" / ASSIGNMENT / NOTEBOOK),
            "blank": notebooks.read(root / "release" / ASSIGNMENT / NOTEBOOK)}


def score_table(outcomes: dict[str, Outcome]) -> str:
    rows = {name: (o.exercises if o.error is None else None) for name, o in sorted(outcomes.items())}
    return table(rows, {name: o.error for name, o in outcomes.items() if o.error})


def write_autograded(outcomes: dict[str, Outcome], destination: Path = ROOT) -> str:
    """autograded/: the graded demo notebooks and their score table."""
    folder = destination / "autograded"
    if folder.exists():
        shutil.rmtree(folder)
    copy_autograded(outcomes, folder)
    text = score_table(outcomes)
    (folder / "scores.md").write_text(text, encoding="utf-8")
    return text


def unexpected_totals(outcomes: dict[str, Outcome]) -> dict[str, float | str]:
    return {name: (o.error or o.total) for name, o in outcomes.items()
            if o.error or o.total != EXPECTED_TOTALS[name]}


def main() -> None:
    generate()
    started = time.perf_counter()
    outcomes = autograde(demo_submissions(), workers=2)
    print(f"autograded {len(outcomes)} demo submissions in {time.perf_counter() - started:.0f} s, 2 at a time")
    print(write_autograded(outcomes))
    wrong = unexpected_totals(outcomes)
    if wrong:
        sys.exit(f"demo submissions scored {wrong}; expected {EXPECTED_TOTALS}")


if __name__ == "__main__":
    main()
