"""Scores per exercise, and the table that shows them."""
from __future__ import annotations

from .paths import EXERCISES, POINTS


def exercise_of(grade_id: str) -> str:
    return grade_id.split("-", 1)[0]


def by_exercise(scores: dict[str, float]) -> dict[str, float]:
    """Sum cell scores by the exercise their grade_id starts with."""
    totals = {exercise: 0.0 for exercise in EXERCISES}
    for grade_id, score in scores.items():
        totals[exercise_of(grade_id)] = totals.get(exercise_of(grade_id), 0.0) + score
    return totals


def _number(value: float) -> str:
    return f"{value:g}"


def table(rows: dict[str, dict[str, float] | None], errors: dict[str, str] | None = None) -> str:
    """A Markdown table: one row per submission, one column per exercise, and the total."""
    header = ["submission", *(f"{e} ({POINTS[e]})" for e in EXERCISES), f"total ({sum(POINTS.values())})"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, exercises in rows.items():
        if exercises is None:
            reason = (errors or {}).get(name, "not graded").splitlines()[0][:80]
            cells = [name, *(["-"] * len(EXERCISES)), f"not graded: {reason}"]
        else:
            cells = [name, *(_number(exercises[e]) for e in EXERCISES), _number(sum(exercises.values()))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
