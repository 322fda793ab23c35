"""Running nbgrader's command line in a course folder.

nbgrader's exit codes do not tell whether grading worked (autograde exits 0 when cells time out),
so callers read results from the gradebook; a non-zero exit still means something broke.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


BIN = Path(sys.executable).parent


class NbgraderError(RuntimeError):
    pass


def put_tools_on_path() -> None:
    """nbgrader's gradebook runs ``alembic`` from PATH: make it the one beside this Python."""
    paths = os.environ.get("PATH", "").split(os.pathsep)
    if str(BIN) not in paths:
        os.environ["PATH"] = os.pathsep.join([str(BIN), *paths])


def nbgrader(course: Path, *args: str, env: dict[str, str] | None = None, timeout: float | None = None) -> str:
    """Run ``nbgrader ARGS`` with ``course`` as working directory; return its combined output."""
    put_tools_on_path()
    command = [str(BIN / "nbgrader"), *args]
    environment = {**os.environ, **(env or {})}
    # The grader's own environment must not leak into what it runs.
    for name in ("NBGRADER_EXECUTION", "NBGRADER_VALIDATING", "VN_OFFLINE"):
        if name not in (env or {}):
            environment.pop(name, None)
    done = subprocess.run(command, cwd=course, env=environment, capture_output=True, text=True, timeout=timeout)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise NbgraderError(f"`nbgrader {' '.join(args)}` exited {done.returncode} in {course}:\n{output[-4000:]}")
    return output
