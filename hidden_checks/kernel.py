"""The grading kernel: arm the guard, load the reference answers, then become an IPython kernel.

Started by :mod:`course.kernel_sandbox` (``python -m hidden_checks.kernel -f CONNECTION_FILE``).
Everything here runs before the first cell of the student's notebook.
"""
from __future__ import annotations

import os

from . import guard
from .reference import REFERENCE_FD_VARIABLE, reference


def prepare() -> None:
    guard.arm()
    if REFERENCE_FD_VARIABLE in os.environ:
        reference()  # read the source notebook from its descriptor now: it cannot be opened later
    from .registry import all_checks

    all_checks()  # import every check now, so the recorded tools include them


if __name__ == "__main__":
    prepare()
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()
