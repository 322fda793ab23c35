"""Reaching into the student's notebook: names that may be missing, code that may raise."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .failure import HiddenTestFailure, describe_error
from .spies import SpyStop


def defined(namespace: dict[str, Any], name: str) -> Any:
    """The student's ``name``, or a failure that says it is missing."""
    if name not in namespace:
        raise HiddenTestFailure(f"`{name}` is not defined: run the cell that defines it before grading")
    return namespace[name]


def attempt(what: str, function: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call student code; an exception becomes a failure that says what was being done."""
    try:
        return function(*args, **kwargs)
    except (HiddenTestFailure, SpyStop):
        raise
    except Exception as error:
        raise HiddenTestFailure(f"{what} raised {describe_error(error)}") from None
