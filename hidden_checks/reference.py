"""The course's reference answers, taken from the source notebook's own solution cells.

There is one copy of each reference answer: the solution block in ``source/``. This module runs
the notebook's imports cell and every solution cell (markers removed) in a private module, so the
hidden checks can lend a correct ``CifarVGG`` or ``update`` to a student whose own is broken.
"""
from __future__ import annotations

import functools
import json
import os
import types
from pathlib import Path

SOURCE_NOTEBOOK = Path(__file__).resolve().parents[1] / "source" / "vision_networks" / "vision_networks.ipynb"
IMPORTS_CELL = "intro-imports"
# In the grading sandbox the source notebook is not a file: the kernel reads it once from this descriptor.
REFERENCE_FD_VARIABLE = "VN_REFERENCE_NOTEBOOK_FD"
_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _cell_source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def reference_sources(notebook: Path | str = SOURCE_NOTEBOOK) -> list[tuple[str, str]]:
    """(grade_id, code) of the imports cell and each solution cell, in notebook order
    (``notebook`` is a path, or the notebook's text)."""
    text = notebook if isinstance(notebook, str) else notebook.read_text(encoding="utf-8")
    cells = json.loads(text)["cells"]
    chosen = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and (meta.get("solution") or meta.get("grade_id") == IMPORTS_CELL):
            lines = [line for line in _cell_source(cell).splitlines() if line.strip() not in _MARKERS]
            chosen.append((meta["grade_id"], "\n".join(lines)))
    return chosen


@functools.cache
def reference() -> types.ModuleType:
    """The reference pieces as attributes of one module (built once per process)."""
    descriptor = os.environ.pop(REFERENCE_FD_VARIABLE, None)
    if descriptor is not None:
        with os.fdopen(int(descriptor), encoding="utf-8") as file:
            notebook: Path | str = file.read()
    else:
        notebook = Path(os.environ.get("VN_SOURCE_NOTEBOOK", SOURCE_NOTEBOOK))
    module = types.ModuleType("vision_networks_reference")
    for grade_id, code in reference_sources(notebook):
        exec(compile(code, f"<reference {grade_id}>", "exec"), module.__dict__)
    return module
