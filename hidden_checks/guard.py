"""Keeping the hidden checks honest in a kernel that also runs the student's code.

The checks run in the student's own kernel: they need the student's objects. So a submission could
replace what the checks rely on (``torch.allclose = lambda *a, **k: True``, the ``expect`` helper,
``hidden_checks`` in ``sys.modules``) or stop the test cells from raising. Two defences:

* :func:`arm` runs when the grading kernel starts, before any student code. It records the
  functions and classes the checks use; :func:`restore` puts back whatever was replaced before
  every check, so a check judges the student's code with the real ``torch`` and reports what it
  restored.
* A passing check *seals* its verdict with an HMAC under a key the grader handed to this kernel at
  start (:mod:`course.kernel_sandbox`); the grader gives a test cell its points only if the cell's
  output carries that seal (:mod:`course.seals`). A test cell that was skipped, or whose failure
  was swallowed, has no seal and scores 0.

Outside grading (a student's own kernel, ``generate_solution``) the guard is not armed: nothing is
restored and nothing sealed.
"""
from __future__ import annotations

import builtins
import hashlib
import hmac
import importlib
import os
import sys
import types
from typing import Any

SEAL_MIME = "application/vnd.vision-networks.seal+json"
KEY_FD_VARIABLE = "VN_GRADING_KEY_FD"
# Where the checks' tools live: every attribute of these is recorded when the kernel starts.
WATCHED_MODULES = ("builtins", "math", "torch", "torch.nn", "torch.nn.functional", "torch.testing",
                   "torch.utils.data", "hidden_checks", "hidden_checks.failure", "hidden_checks.registry",
                   "hidden_checks.spies", "hidden_checks.swap", "hidden_checks.student", "hidden_checks.quiet",
                   "hidden_checks.stand_ins", "hidden_checks.reference", "hidden_checks.ex1", "hidden_checks.ex2",
                   "hidden_checks.ex3", "hidden_checks.ex4", "hidden_checks.ex5", "hidden_checks.guard")
WATCHED_CLASSES = ("torch.Tensor", "torch.nn.Module", "torch.nn.Parameter")
# Replaced by IPython itself when the kernel starts, after arm(): never "restored".
SHELL_BUILTINS = frozenset({"exit", "quit", "input", "help", "display", "get_ipython"})
# Imported before recording because importing them replaces torch functions (dynamo wraps manual_seed).
LIBRARY_SIDE_EFFECTS = ("torch._dynamo", "torchvision")

_recorded: list[tuple[Any, str, Any]] = []  # (owner, attribute, original value)
_modules: dict[str, types.ModuleType] = {}
_state: dict[str, Any] = {"key": None, "restored": set()}


def seal_for(key: bytes, grade_id: str) -> str:
    """The seal of a passed check: only a holder of the grading key can make it."""
    return hmac.new(key, f"passed:{grade_id}".encode(), hashlib.sha256).hexdigest()


def _resolve(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _is_tool(value: Any) -> bool:
    # Module state of our own (caches, counters) may change legitimately; functions and classes never.
    return callable(value) or isinstance(value, types.ModuleType)


def arm() -> None:
    """Record the checks' tools and take the grading key; call once, before any student code."""
    for name in LIBRARY_SIDE_EFFECTS:
        importlib.import_module(name)
    for name in WATCHED_MODULES:
        module = importlib.import_module(name)
        _modules[name] = module
        ours = name.startswith("hidden_checks")
        _recorded.extend((module, attribute, value) for attribute, value in vars(module).items()
                         if (_is_tool(value) if ours else not (module is builtins and attribute in SHELL_BUILTINS)))
    for dotted in WATCHED_CLASSES:
        cls = _resolve(dotted)
        _recorded.extend((cls, attribute, value) for attribute, value in vars(cls).items())
    descriptor = os.environ.pop(KEY_FD_VARIABLE, None)
    if descriptor is not None:
        with os.fdopen(int(descriptor), "rb") as file:
            _state["key"] = file.read()


def armed() -> bool:
    return _state["key"] is not None


def _same(current: Any, original: Any) -> bool:
    return current is original or (isinstance(current, types.MethodType) and current == original)


def restore() -> list[str]:
    """Put back every recorded tool the student's code replaced; return their names."""
    if not armed():
        return []
    replaced = []
    for name, module in _modules.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module
            replaced.append(f"sys.modules[{name!r}]")
    missing = object()
    for owner, attribute, original in _recorded:
        current = vars(owner).get(attribute, missing)
        if not _same(current, original):
            try:
                setattr(owner, attribute, original)
            except (AttributeError, TypeError):
                continue
            replaced.append(f"{getattr(owner, '__name__', owner)}.{attribute}")
    _reset_shell_hooks(replaced)
    sys.settrace(None)
    sys.setprofile(None)
    _state["restored"].update(replaced)
    return replaced


def _reset_shell_hooks(replaced: list[str]) -> None:
    """Undo IPython hooks that would swallow a failing check's exception."""
    shell = getattr(builtins, "get_ipython", lambda: None)()
    if shell is not None and getattr(shell, "custom_exceptions", ()):
        shell.set_custom_exc((), None)
        replaced.append("IPython custom exception handler")


def seal(grade_id: str) -> None:
    """Show the seal of a passed check in the test cell's output (shown to no one: its MIME type
    has no renderer, so the notebook and the feedback page display nothing)."""
    if not armed():
        return
    from IPython.display import display

    payload = {"grade_id": grade_id, "seal": seal_for(_state["key"], grade_id),
               "restored": sorted(_state["restored"])}
    display({SEAL_MIME: payload}, raw=True)

