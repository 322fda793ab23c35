"""Reading notebooks as plain JSON, and the nbgrader facts of their cells."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

Notebook = dict[str, Any]


def read(path: Path) -> Notebook:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(notebook: Notebook, path: Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return text if isinstance(text, str) else "".join(text)


def nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_id(cell: dict) -> str | None:
    return nbgrader(cell).get("grade_id")


def graded_cells(notebook: Notebook) -> list[dict]:
    return [cell for cell in notebook["cells"] if nbgrader(cell).get("grade")]


def solution_cells(notebook: Notebook) -> list[dict]:
    return [cell for cell in notebook["cells"] if nbgrader(cell).get("solution")]


def with_cells_replaced(notebook: Notebook, replacements: dict[str, str]) -> Notebook:
    """A copy of ``notebook`` whose cells named in ``replacements`` (by grade_id) get new source."""
    result = copy.deepcopy(notebook)
    cells = {grade_id(cell): cell for cell in result["cells"] if grade_id(cell)}
    unknown = sorted(set(replacements) - set(cells))
    if unknown:
        raise KeyError(f"no cell with grade_id {unknown} in the notebook")
    for name, text in replacements.items():
        cells[name]["source"] = text
        cells[name]["outputs"] = []
        cells[name]["execution_count"] = None
    return result


def without_outputs(notebook: Notebook) -> list[tuple[str, str, str | None]]:
    """What a notebook says, outputs aside: (cell type, source, grade_id) per cell."""
    return [(cell["cell_type"], source(cell), grade_id(cell)) for cell in notebook["cells"]]
