"""The pieces that keep grading honest, one at a time (the whole is graded in test_bad_submissions.py):
the guard restores replaced tools, seals are checked, nbgrader's refusals read as reasons, and the
sandbox is built as documented."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from course.grading import failure_reason
from course.kernel_sandbox import KEY_VARIABLE, Limits, bubblewrap_arguments
from course.paths import ROOT
from course.seals import read_seals, without_seals
from hidden_checks.guard import SEAL_MIME, seal_for

GUARD_SCRIPT = textwrap.dedent("""
    import json, os, torch
    descriptor = os.memfd_create("key", 0)
    os.write(descriptor, b"secret"); os.lseek(descriptor, 0, 0)
    os.environ["VN_GRADING_KEY_FD"] = str(descriptor)
    from hidden_checks import guard
    guard.arm()
    real = torch.allclose
    torch.allclose = lambda *args, **kwargs: True
    import hidden_checks.failure
    hidden_checks.failure.expect = lambda *args, **kwargs: None
    restored = guard.restore()
    print(json.dumps({"restored": sorted(restored), "back": torch.allclose is real,
                      "again": guard.restore(), "fd_gone": "VN_GRADING_KEY_FD" not in os.environ}))
""")


def test_the_guard_puts_back_replaced_tools_and_reports_them():
    done = subprocess.run([sys.executable, "-c", GUARD_SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"restored": ["hidden_checks.failure.expect", "torch.allclose"], "back": True,
                      "again": [], "fd_gone": True}


def _notebook(*outputs) -> dict:
    cell = {"cell_type": "code", "source": "", "outputs": list(outputs),
            "metadata": {"nbgrader": {"grade": True, "solution": False, "grade_id": "ex1-test-evaluate"}}}
    return {"cells": [cell]}


def _seal(grade_id: str, key: bytes) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {SEAL_MIME: {"grade_id": grade_id, "seal": seal_for(key, grade_id), "restored": []}}}


def test_only_a_seal_made_with_the_key_for_that_cell_counts():
    key = b"k" * 32
    assert read_seals(_notebook(_seal("ex1-test-evaluate", key)), key).sealed == {"ex1-test-evaluate"}
    assert read_seals(_notebook(_seal("ex1-test-evaluate", b"guessed")), key).sealed == set()
    copied = _seal("ex2-test-structure", key)
    copied["data"][SEAL_MIME]["grade_id"] = "ex1-test-evaluate"  # a valid seal of another cell
    assert read_seals(_notebook(copied), key).sealed == set()
    report = read_seals(_notebook(), key)
    assert report.unsealed({"ex1-test-evaluate": 1.0}, {"ex1-test-evaluate"}) == {"ex1-test-evaluate"}
    assert report.unsealed({"ex1-test-evaluate": 0.0}, {"ex1-test-evaluate"}) == set()


def test_seals_are_removed_once_checked():
    stream = {"output_type": "stream", "name": "stdout", "text": "hello\n"}
    notebook = without_seals(_notebook(_seal("ex1-test-evaluate", b"k"), stream))
    assert notebook["cells"][0]["outputs"] == [stream]


def test_nbgrader_refusals_read_as_reasons():
    assert failure_reason("    RuntimeError: Inconsistent checksums for cell ex1-test-evaluate\n[x] done") == (
        "the locked cell ex1-test-evaluate was changed (its code or nbgrader metadata): flagged for manual grading")
    assert "grade_id is gone" in failure_reason("  KeyError: 'grade_id'\n")
    assert failure_reason("Traceback\n  ValueError: bad thing\n[AutogradeApp | ERROR] see above") == "ValueError: bad thing"


def test_the_sandbox_has_no_network_and_shows_only_its_own_folders(tmp_path):
    notebook, connection, workspace = tmp_path / "nb", tmp_path / "rt", tmp_path / "course"
    for folder in (notebook, connection, workspace / "hidden_checks", workspace / "source"):
        folder.mkdir(parents=True)
    arguments = bubblewrap_arguments(str(notebook), str(connection), str(workspace))
    assert {"--unshare-net", "--unshare-pid", "--die-with-parent"} <= set(arguments)
    assert arguments[arguments.index("--cap-drop") + 1] == "ALL"
    writable = {arguments[i + 1] for i, flag in enumerate(arguments) if flag == "--bind"}
    assert writable == {str(notebook), str(connection)}
    shown = {arguments[i + 1] for i, flag in enumerate(arguments) if flag in ("--bind", "--ro-bind")}
    assert str(workspace / "hidden_checks") in shown
    assert not any(path == str(workspace) or path.startswith(str(workspace / "source")) for path in shown)


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("VN_LIMIT_MEMORY", "1e9")
    assert Limits.from_environment().memory_bytes == 10**9
    assert KEY_VARIABLE == "VN_GRADING_KEY"
