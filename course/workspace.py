"""Scratch copies of the course, so that nbgrader runs never touch the repository or each other."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .paths import ROOT

COURSE_PARTS = ("source", "hidden_checks", "course", "nbgrader_config.py")


def make_workspace(parent: Path | None = None, root: Path = ROOT) -> Path:
    """A fresh folder holding what nbgrader needs: the source, the hidden checks, the grading tools
    (the sandbox kernel) and the config."""
    folder = Path(tempfile.mkdtemp(prefix="vn-course-", dir=parent))
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in COURSE_PARTS:
        path = root / part
        if path.is_dir():
            shutil.copytree(path, folder / part, ignore=ignore)
        else:
            shutil.copy2(path, folder / part)
    return folder
