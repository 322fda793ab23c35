"""The hidden checks by name, and the one entry point the notebook's hidden test cells call."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from . import guard
from .failure import HiddenTestFailure, describe_error
from .quiet import silenced

Namespace = dict[str, Any]
CHECKS: dict[str, Callable[[Namespace], None]] = {}
EXERCISE_MODULES = ("ex1", "ex2", "ex3", "ex4", "ex5")


def check(grade_id: str) -> Callable:
    """Register a check under the ``grade_id`` of the test cell that runs it."""

    def register(function: Callable[[Namespace], None]) -> Callable[[Namespace], None]:
        CHECKS[grade_id] = function
        return function

    return register


def all_checks() -> dict[str, Callable[[Namespace], None]]:
    for name in EXERCISE_MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return CHECKS


def run_check(grade_id: str, namespace: Namespace) -> None:
    """Run one hidden check against the student's notebook namespace.

    Passing is silent (in a grading kernel it leaves a seal, see :mod:`hidden_checks.guard`).
    Failing raises :class:`HiddenTestFailure` with a message that names what was checked and what
    was observed; an error in the student's code is reported the same way.
    """
    guard.restore()  # the check judges the student's code with the real tools, whatever it replaced
    checks = all_checks()
    if grade_id not in checks:
        raise HiddenTestFailure(f"no hidden check is called {grade_id!r} (a course bug: tell your instructor)")
    failure = None
    with silenced():
        try:
            checks[grade_id](namespace)
        except HiddenTestFailure as error:
            failure = error
        except Exception as error:  # the student's code broke in a way no check foresaw
            failure = HiddenTestFailure(f"the check could not finish: {describe_error(error)}")
    if failure is not None:
        raise failure
    guard.seal(grade_id)
