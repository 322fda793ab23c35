"""Submissions that try to break the grader, each with the outcome grading must record.

Every fixture starts from the reference solution (3/2/2/4/4 = 15 points) or the blank release
(0 points) and does one bad thing. ``expected`` gives the exercise scores the submission must end
with, or the reason it is not graded; ``shows`` is text the named cell's graded output must contain.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from course import notebooks
from course.catalogue import CATALOGUE, parse
from course.paths import POINTS

Build = Callable[[notebooks.Notebook, notebooks.Notebook], "notebooks.Notebook | str | None"]


@dataclass(frozen=True)
class Bad:
    name: str
    what: str
    build: Build  # (solution, release) -> a notebook, raw file text, or None for an empty folder
    exercises: dict[str, float] | None = None  # expected scores; None: not graded
    reason: str = ""  # part of the recorded reason (not graded) or of the report's notes (graded)
    shows: tuple[str, str] | None = None  # (grade_id, text in that cell's graded output)
    tags: frozenset[str] = field(default_factory=frozenset)


def full(**changes: float) -> dict[str, float]:
    return {**{exercise: float(points) for exercise, points in POINTS.items()}, **changes}


def _cell(notebook: notebooks.Notebook, grade_id: str) -> dict:
    return next(cell for cell in notebook["cells"] if notebooks.grade_id(cell) == grade_id)


def with_code(grade_id: str, before: str = "", after: str = "", start: str = "solution") -> Build:
    """The reference (or release) with code put before and after one cell's own code."""

    def build(solution, release):
        base = solution if start == "solution" else release
        own = notebooks.source(_cell(base, grade_id))
        return notebooks.with_cells_replaced(base, {grade_id: before + own + after})

    return build


def with_metadata(grade_id: str, change: Callable[[dict], None]) -> Build:
    def build(solution, release):
        result = copy.deepcopy(solution)
        cell = _cell(result, grade_id)
        change(cell)
        return result

    return build


def _points(cell: dict) -> None:
    cell["metadata"]["nbgrader"]["points"] = 100


def _test_made_solution(cell: dict) -> None:
    cell["metadata"]["nbgrader"].update(solution=True, locked=False)
    cell["source"] = "pass  # my own test"


def _renamed_test(cell: dict) -> None:
    cell["metadata"]["nbgrader"]["grade_id"] = "ex5-test-my-own"
    cell["source"] = "pass"


def _test_made_markdown(cell: dict) -> None:
    cell["cell_type"] = "markdown"
    cell["source"] = "no test here"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


IGNORE_INTERRUPTS = """\
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
"""
TAMPER_WITH_TOOLS = """\
import torch
import hidden_checks.failure

# Make every comparison and assertion the checks could use say "fine".
torch.allclose = lambda *args, **kwargs: True
torch.equal = lambda *args, **kwargs: True
torch.testing.assert_close = lambda *args, **kwargs: None
hidden_checks.failure.expect = lambda *args, **kwargs: None

"""
SKIP_THE_TESTS = """\
# Turn every cell that calls the hidden checks into `pass`.
get_ipython().input_transformers_cleanup.append(
    lambda lines: ["pass\\n"] if any("run_check" in line for line in lines) else lines)

"""
SWALLOW_FAILURES = """\
# Hide every exception a later cell raises.
get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)

"""
FAKE_CHECKS = """\
import sys
import types

# A hidden_checks whose run_check does nothing.
_fake = types.ModuleType("hidden_checks")
_fake.run_check = lambda *args, **kwargs: None
sys.modules["hidden_checks"] = _fake

"""
ESCAPE = """

# Try to reach out of the grading sandbox; print what happened.
import json as _json
import os as _os
import socket as _socket

_report = {{}}
for _name, _address in (("loopback", ("127.0.0.1", {port})), ("internet", ("93.184.216.34", 80))):
    try:
        _socket.create_connection(_address, timeout=3).close()
        _report[_name] = "connected"
    except OSError as _error:
        _report[_name] = f"blocked: {{_error}}"
for _target in ({course!r} + "/escaped.txt", "/tmp/{token}", _os.path.expanduser("~/{token}")):
    try:
        with open(_target, "w") as _file:
            _file.write("out")
        _report[_target] = "written"
    except OSError as _error:
        _report[_target] = f"refused: {{_error}}"
try:
    _report["other submissions"] = sorted(_os.listdir({course!r} + "/submitted"))
except OSError as _error:
    _report["other submissions"] = f"refused: {{_error}}"
try:
    with open({course!r} + "/gradebook.db", "rb") as _file:
        _report["gradebook bytes"] = len(_file.read())
except OSError as _error:
    _report["gradebook bytes"] = f"refused: {{_error}}"
print("escape-report", _json.dumps(_report))
"""


def catalogue(port: int, course: str, token: str) -> list[Bad]:
    """The bad submissions; ``port`` is a listener on the grader's loopback, ``course`` the course
    folder and ``token`` a file name the escape attempt must not manage to create."""
    return [
        Bad("syntax-error", "a syntax error in the ex1 cell",
            with_code("ex1-evaluate-update", before="def evaluate(model, loader:\n"),
            full(ex1=0), shows=("ex1-evaluate-update", "SyntaxError")),
        Bad("exception-at-import", "the ex2 cell imports a module that does not exist",
            with_code("ex2-cifar-vgg", before="import vision_networks_helpers  # not installed\n"),
            full(ex2=0), shows=("ex2-cifar-vgg", "ModuleNotFoundError")),
        Bad("infinite-loop", "the ex5 cell never finishes: the cell timeout fires, the rest is graded",
            with_code("ex5-pre-res-block", before="while True:\n    pass\n"),
            full(ex5=0), shows=("ex5-pre-res-block", "CellTimeoutError")),
        Bad("uninterruptible-loop", "the ex5 cell ignores interrupts and never finishes: its kernel is "
            "replaced, the rest is graded",
            with_code("ex5-pre-res-block", before=IGNORE_INTERRUPTS),
            full(ex5=0), shows=("ex5-pre-res-block", "did not stop when interrupted")),
        Bad("os-exit", "the ex3 cell calls os._exit: the kernel dies and is replaced",
            with_code("ex3-vgg-init", before="import os\nos._exit(3)\n"),
            full(ex3=0), shows=("ex3-vgg-init", "KernelDied")),
        Bad("segfault", "the ex1 cell crashes the interpreter with a segmentation fault",
            with_code("ex1-evaluate-update", before="import ctypes\nctypes.string_at(0)\n"),
            full(ex1=0), shows=("ex1-evaluate-update", "segmentation fault")),
        Bad("memory-blow-up", "the ex4 data cell asks for 16 GiB: the per-kernel memory limit refuses",
            with_code("ex4-get-cifar10", before="hog = torch.empty(4 * 1024**3)  # 16 GiB of float32\n"),
            full(ex4=3), shows=("ex4-get-cifar10", "allocate")),
        Bad("output-flood", "the ex1 cell prints a million lines: the output is capped, grading goes on",
            with_code("ex1-evaluate-update", before="for i in range(1_000_000):\n    print('flood', i)\n"),
            full(), shows=("ex1-evaluate-update", "output were dropped")),
        Bad("test-cell-points", "a test cell's metadata claims 100 points",
            with_metadata("ex1-test-evaluate", _points), full()),
        Bad("test-cell-made-solution", "a test cell is marked as a solution cell and emptied",
            with_metadata("ex1-test-evaluate", _test_made_solution), None,
            reason="the locked cell ex1-test-evaluate was changed"),
        Bad("test-cell-renamed", "a test cell's grade_id is changed and its code removed",
            with_metadata("ex5-test-identity", _renamed_test), None, reason="grade_id is gone"),
        Bad("test-cell-markdown", "a test cell is turned into a markdown cell",
            with_metadata("ex2-test-structure", _test_made_markdown), full()),
        Bad("tools-replaced", "torch.allclose/equal, assert_close and the checks' expect() replaced, "
            "ex5 without its skip connection (worth 2 of 4 points on its own)",
            lambda solution, release: notebooks.with_cells_replaced(
                with_code("ex1-evaluate-update", before=TAMPER_WITH_TOOLS)(solution, release),
                {"ex5-pre-res-block": _no_skip_block()}),
            full(ex5=2), reason="replaced grading tools"),
        Bad("tests-skipped", "the blank release, with every hidden test cell turned into `pass`",
            with_code("ex1-evaluate-update", before=SKIP_THE_TESTS, start="release"),
            {exercise: 0.0 for exercise in POINTS}, reason="scored without passing"),
        Bad("failures-swallowed", "the blank release, with a handler that hides every exception",
            with_code("ex1-evaluate-update", before=SWALLOW_FAILURES, start="release"),
            {exercise: 0.0 for exercise in POINTS}),
        Bad("fake-checks", "the blank release, with a fake hidden_checks module that passes everything",
            with_code("ex1-evaluate-update", before=FAKE_CHECKS, start="release"),
            {exercise: 0.0 for exercise in POINTS}, reason="scored without passing"),
        Bad("escape", "the ex1 cell connects to the grader's loopback and the internet, writes outside "
            "its folder, lists other submissions and reads the gradebook",
            with_code("ex1-evaluate-update", after=ESCAPE.format(port=port, course=course, token=token)),
            full(), shows=("ex1-evaluate-update", "escape-report"), tags=frozenset({"sandbox"})),
        Bad("not-json", "the notebook file is not JSON",
            lambda solution, release: "{ this is not a notebook", None, reason="not JSON"),
        Bad("empty-folder", "the submission folder is empty", lambda solution, release: None, None,
            reason="no vision_networks/ folder"),
    ]



def _no_skip_block() -> str:
    """ex5 without its skip connection, from the catalogue of wrong answers."""
    return parse(CATALOGUE / "wrong" / "preres_no_skip.py").cells["ex5-pre-res-block"]
