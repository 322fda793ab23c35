"""nbgrader's ``Execute`` step, hardened for grading many untrusted submissions.

The course configuration puts :class:`GuardedExecute` in place of ``Execute`` in ``nbgrader
autograde``. It differs in three ways:

* every grading kernel is the ``vn-sandbox`` kernel (:mod:`course.kernel_sandbox`), whatever
  kernel the submission's metadata names;
* a kernel that dies (``os._exit``, a segmentation fault, the memory or CPU limit), or that goes on
  running a cell after its timeout although interrupted, costs only that cell: the cell gets an
  error saying so, a new kernel re-runs the cells before it without recording them, and grading
  goes on. nbgrader alone would drop the whole submission;
* a cell's output is capped, so a submission that prints gigabytes cannot exhaust the grader's
  memory (nbgrader's ``LimitOutput`` trims lines only after everything has been collected).
"""
from __future__ import annotations

import copy
import os
import uuid
from typing import Any

from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode

from hidden_checks.guard import SEAL_MIME

SANDBOX_KERNEL = "vn-sandbox"


def _size(content: dict[str, Any]) -> int:
    if "text" in content:
        return len(content["text"])
    return sum(len(str(value)) for value in content.get("data", {}).values())


STUCK = "it went on running after the cell's timeout and did not stop when interrupted, so it was shut down"


def _timed_out(cell) -> bool:
    return any(output.get("ename") == "CellTimeoutError" for output in cell.get("outputs", []))


def _why_it_died(returncode: int | None) -> str:
    """The kernel's exit status in the student's terms."""
    if returncode is None:
        return "it stopped answering"
    signal = -returncode if returncode < 0 else returncode - 128 if returncode > 128 else 0
    return {9: "it was killed (SIGKILL), most likely for using too much memory",
            11: "it crashed with a segmentation fault",
            6: "it aborted (SIGABRT)",
            24: "it used up its CPU-time limit"}.get(
        signal, f"its process exited with status {returncode} (for example through os._exit or sys.exit)")


class GuardedExecute(Execute):
    kernel_name = Unicode(SANDBOX_KERNEL, help="The kernel every submission is graded in.").tag(config=True)
    max_kernel_restarts = Integer(3, help="Kernel deaths tolerated per notebook before the rest is not run.").tag(
        config=True)
    max_output_bytes = Integer(2_000_000, help="Output kept per cell; the rest is dropped with a note.").tag(
        config=True)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        # Unix sockets in the run's own connection folder: TCP would not reach into the kernel's
        # network namespace, and the folder is the only one of the grader's the kernel can see.
        km.transport = "ipc"
        km.connection_file = os.path.join(jupyter_runtime_dir(), f"kernel-{uuid.uuid4()}.json")
        return km

    def preprocess(self, nb, resources=None, km=None):
        # As ExecutePreprocessor.preprocess, but a dead kernel is replaced and grading continues.
        NotebookClient.__init__(self, nb, km)  # fresh client state for this notebook, as nbconvert does
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._output_bytes: dict[int, int] = {}
        self._dropped: dict[int, int] = {}
        position, deaths = 0, []
        while position < len(self.nb.cells):
            with self.setup_kernel():  # leaving it shuts the kernel down, stuck or dead
                info = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info["content"]["language_info"]
                if self._replay(range(position), skip=deaths):
                    position = self._run_from(position, resources, deaths)
                else:  # the new kernel did not survive the cells before: count it, try another
                    deaths.append(-1)
            if len(deaths) > self.max_kernel_restarts:
                self._mark_not_run(range(position, len(self.nb.cells)))
                break
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _run_from(self, position: int, resources, deaths: list[int]) -> int:
        """Run cells from ``position`` until the end or until the kernel is lost; the next position."""
        for index in range(position, len(self.nb.cells)):
            try:
                self.preprocess_cell(self.nb.cells[index], resources, index)
            except (DeadKernelError, CellTimeoutError) as error:
                deaths.append(index)
                self._record_death(index, len(deaths), stuck=isinstance(error, CellTimeoutError))
                return index + 1
        return len(self.nb.cells)

    def preprocess_cell(self, cell, resources, index):
        cell, resources = super().preprocess_cell(cell, resources, index)
        dropped = self._dropped.pop(index, 0)
        if dropped:
            # Not a stream: nbgrader's LimitOutput, which runs next, drops streams past its line limit.
            cell.outputs.append(new_output("display_data", data={"text/plain": (
                f"[grader: {dropped:,} more characters of output were dropped; "
                f"a cell keeps at most {self.max_output_bytes:,}]")}))
        return cell, resources

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if msg["msg_type"] in ("stream", "display_data", "execute_result") and SEAL_MIME not in content.get("data", {}):
            used = self._output_bytes.get(cell_index, 0) + _size(content)
            self._output_bytes[cell_index] = used
            if used > self.max_output_bytes:
                self._dropped[cell_index] = self._dropped.get(cell_index, 0) + _size(content)
                return None
        return super().output(outs, msg, display_id, cell_index)

    def _replay(self, indices: range, skip: list[int]) -> bool:
        """Run earlier code cells again in a new kernel, keeping the outputs recorded the first time;
        whether the kernel survived them."""
        try:
            for index in indices:
                cell = self.nb.cells[index]
                if cell.cell_type != "code" or index in skip or _timed_out(cell):
                    continue  # a cell that ran into its timeout once would only do it again
                try:
                    self.execute_cell(copy.deepcopy(cell), index, store_history=False)
                finally:
                    self.nb.cells[index] = cell  # execute_cell stores the copy it ran
        except (DeadKernelError, CellTimeoutError):
            return False
        finally:
            self._dropped.clear()
            self._output_bytes.clear()
        return True

    def _record_death(self, index: int, count: int, stuck: bool = False) -> None:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        returncode = process.poll() if process is not None else None
        why = STUCK if stuck else _why_it_died(returncode)
        restart = ("the grader started a new kernel, ran the cells before this one again and went on"
                   if count <= self.max_kernel_restarts else "the grader stopped running this notebook")
        self.log.warning("kernel lost in cell %d: %s", index, why)
        self.nb.cells[index].outputs.append(new_output(
            "error", ename="KernelDied", evalue=why,
            traceback=[f"KernelDied: the kernel stopped while running this cell: {why}; {restart}."]))

    def _mark_not_run(self, indices: range) -> None:
        for index in indices:
            cell = self.nb.cells[index]
            if cell.cell_type == "code":
                cell.outputs = [new_output("error", ename="NotRun", evalue="the kernel died too often",
                                           traceback=["NotRun: not run: the kernel died too often in this notebook"])]
