"""How a hidden check reports a verdict to the student.

A failing check raises :class:`HiddenTestFailure`. IPython renders an exception through its
``_render_traceback_`` method when it has one, so the autograded notebook and the feedback show
the message alone: what was checked and what was observed, never the checking code.
"""
from __future__ import annotations

import traceback


class HiddenTestFailure(AssertionError):
    """A hidden check that did not pass; the message is all the student sees."""

    def _render_traceback_(self) -> list[str]:
        return [f"Hidden test failed: {self}"]


def expect(condition: bool, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds (unlike ``assert``, never optimised away)."""
    if not condition:
        raise HiddenTestFailure(message)


def describe_error(error: BaseException) -> str:
    """One line naming an exception and, where it came from the student's notebook, the line."""
    where = ""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if "ipykernel" in frame.filename or frame.filename.startswith("<"):
            line = (frame.line or "").strip()
            where = f" (in {frame.name}, line {frame.lineno}" + (f": `{line}`)" if line else ")")
            break
    if isinstance(error, NotImplementedError) and not str(error):  # the release's stub
        return f"NotImplementedError{where}: the exercise is not done yet"
    message = f": {error}" if str(error) else ""
    return f"{type(error).__name__}{message}{where}"
