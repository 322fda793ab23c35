"""``make release``: regenerate release/ and solution/ from source/, grade the demo submissions.

Runs nbgrader in a scratch copy of the course, copies the generated folders back, autogrades the
reference solution and the untouched release into autograded/, and prints the score table
(also written to autograded/scores.md). Exits non-zero when the demos do not score 15 and 0.
"""
from __future__ import annotations

import shutil
import sys
import time

from . import notebooks
from .grading import autograde, copy_autograded
from .nbgrader_cli import nbgrader
from .paths import ASSIGNMENT, AUTOGRADED, POINTS, RELEASE_NOTEBOOK, ROOT, SOLUTION_NOTEBOOK
from .scores import table
from .workspace import make_workspace

DEMOS = {"reference": SOLUTION_NOTEBOOK, "blank": RELEASE_NOTEBOOK}
EXPECTED_TOTALS = {"reference": sum(POINTS.values()), "blank": 0}


def _replace_folder(source, destination) -> None:
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))


def generate() -> None:
    """Student release and solution, from source/, into the repository."""
    course = make_workspace()
    try:
        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        # generate_solution runs the whole notebook: offline, on the course's stand-in data and weights
        nbgrader(course, "generate_solution", ASSIGNMENT, "--force", env={"VN_OFFLINE": "1"})
        for folder in ("release", "solution"):
            _replace_folder(course / folder / ASSIGNMENT, ROOT / folder / ASSIGNMENT)
    finally:
        shutil.rmtree(course, ignore_errors=True)


def grade_demos() -> str:
    """Autograde the demo submissions into autograded/ and return the score table."""
    submissions = {name: notebooks.read(path) for name, path in DEMOS.items()}
    started = time.perf_counter()
    outcomes = autograde(submissions, workers=2)
    seconds = time.perf_counter() - started
    if AUTOGRADED.exists():
        shutil.rmtree(AUTOGRADED)
    copy_autograded(outcomes, AUTOGRADED)
    rows = {name: (o.exercises if o.error is None else None) for name, o in outcomes.items()}
    text = table(rows, {name: o.error for name, o in outcomes.items() if o.error})
    (AUTOGRADED / "scores.md").write_text(text, encoding="utf-8")
    print(f"autograded {len(outcomes)} demo submissions in {seconds:.0f} s (2 in parallel)")
    wrong = {n: o.total for n, o in outcomes.items() if o.error or o.total != EXPECTED_TOTALS[n]}
    if wrong:
        print(text)
        sys.exit(f"demo submissions scored {wrong}; expected {EXPECTED_TOTALS}")
    return text


def main() -> None:
    generate()
    print(grade_demos())


if __name__ == "__main__":
    main()
