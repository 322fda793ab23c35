"""The catalogue of known answers: wrong ones that must lose points in one exercise, and correct
ones written differently that must get full marks.

Each entry is a file ``course_tests/catalogue/{wrong,correct}/NAME.py``: a header of ``# key: value``
lines (``exercise`` is the exercise a wrong answer must lose points in; ``what`` says what it does),
then one or more cells, each introduced by ``# %% GRADE_ID`` and replacing the reference solution's
cell of that grade_id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import notebooks
from .paths import ROOT

CATALOGUE = ROOT / "course_tests" / "catalogue"
_CELL = re.compile(r"^# %% (\S+)\s*$", re.MULTILINE)
_HEADER = re.compile(r"^# (\w+): (.*)$")


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # "wrong" or "correct"
    exercise: str | None  # the exercise a wrong answer must lose points in
    what: str
    cells: dict[str, str]

    @property
    def student(self) -> str:
        return f"{self.kind}-{self.name}"


def parse(path: Path) -> Entry:
    text = path.read_text(encoding="utf-8")
    parts = _CELL.split(text)
    header = {}
    for line in parts[0].splitlines():
        match = _HEADER.match(line)
        if match:
            header[match[1]] = match[2].strip()
    cells = {parts[i]: parts[i + 1].strip("\n") + "\n" for i in range(1, len(parts), 2)}
    if not cells:
        raise ValueError(f"{path}: no '# %% GRADE_ID' cell")
    kind = path.parent.name
    exercise = header.get("exercise")
    if kind == "wrong" and not exercise:
        raise ValueError(f"{path}: a wrong answer needs '# exercise: exN'")
    return Entry(path.stem, kind, exercise if kind == "wrong" else None, header.get("what", ""), cells)


def entries(kind: str | None = None) -> list[Entry]:
    kinds = [kind] if kind else ["wrong", "correct"]
    return [parse(path) for k in kinds for path in sorted((CATALOGUE / k).glob("*.py"))]


def submission(entry: Entry, solution: notebooks.Notebook) -> notebooks.Notebook:
    """The reference solution with the entry's cells put in."""
    return notebooks.with_cells_replaced(solution, entry.cells)
