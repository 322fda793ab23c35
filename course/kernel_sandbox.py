"""The grading kernel's launcher: student code runs with resource limits, no network, and a narrow view
of the file system.

nbgrader starts every grading kernel through the ``vn-sandbox`` kernelspec (written by
:mod:`course.workspace`), whose command is this module::

    python -m course.kernel_sandbox -f CONNECTION_FILE [kernel arguments]

Before it becomes the kernel, this process

* sets resource limits (address space, CPU seconds, file size, core dumps) that the kernel inherits:
  a submission that allocates without bound gets a ``MemoryError`` instead of the machine's OOM killer;
* hands the kernel two things through inherited in-memory files, never through its environment or files:
  the grading key that signs passing verdicts (:mod:`hidden_checks.guard`) and the source notebook
  the reference answers come from (so the answer key is not a file the student's code can open);
* when bubblewrap works here, wraps the kernel in new network, PID, IPC and mount namespaces
  with every capability dropped. The kernel then sees the operating system and Python read-only,
  the course's ``hidden_checks`` read-only, its own notebook folder and the kernel's connection
  folder writable, a private ``/tmp``, and nothing else: no network (loopback included), no other
  submissions, no gradebook, no other kernels' processes.

Jupyter talks to the kernel over ``ipc`` (Unix sockets in the connection folder), which crosses the
network namespace; the course configuration selects that transport.
"""
from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

KEY_VARIABLE = "VN_GRADING_KEY"  # set by the grader; removed before the student's code can see it
SOURCE_VARIABLE = "VN_REFERENCE_NOTEBOOK"  # the source notebook, opened here and handed on as a descriptor
MODE_VARIABLE = "VN_SANDBOX"  # "namespaces" (default: bubblewrap if it works), "limits" (rlimits only)
WORKSPACE_VARIABLE = "VN_SANDBOX_WORKSPACE"  # the scratch course whose hidden_checks the kernel imports
KERNEL_MODULE = "hidden_checks.kernel"
GiB = 1024**3


@dataclass(frozen=True)
class Limits:
    """Per-kernel resource limits; each can be changed through an environment variable."""

    memory_bytes: int = 8 * GiB  # address space: PyTorch maps about 2 GiB before the notebook starts
    cpu_seconds: int = 900  # all cells together; the per-cell wall-clock timeout is nbgrader's
    file_bytes: int = 1 * GiB  # largest file the kernel may write

    @classmethod
    def from_environment(cls) -> Limits:
        def number(name: str, default: int) -> int:
            return int(float(os.environ.get(name, default)))

        return cls(number("VN_LIMIT_MEMORY", cls.memory_bytes), number("VN_LIMIT_CPU", cls.cpu_seconds),
                   number("VN_LIMIT_FILE", cls.file_bytes))

    def apply(self) -> None:
        for which, value in ((resource.RLIMIT_AS, self.memory_bytes), (resource.RLIMIT_CPU, self.cpu_seconds),
                             (resource.RLIMIT_FSIZE, self.file_bytes), (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(which, (value, value))


def _file_with(data: bytes) -> int:
    """A file descriptor, inherited by the kernel, of an anonymous in-memory file holding ``data``:
    it has no path, so nothing in the sandbox can open it again once the kernel has closed it."""
    descriptor = os.memfd_create("vn-grading", 0)  # no MFD_CLOEXEC: the kernel inherits it
    os.write(descriptor, data)
    os.lseek(descriptor, 0, os.SEEK_SET)
    return descriptor


@functools.cache
def namespaces_work() -> bool:
    """Whether bubblewrap can make the namespaces here (it needs root or unprivileged user namespaces)."""
    if shutil.which("bwrap") is None:
        return False
    try:
        probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                                "--cap-drop", "ALL", "--", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def isolation() -> str:
    """What protects the student's code on this machine, in words (for the grading report)."""
    if os.environ.get(MODE_VARIABLE, "namespaces") == "namespaces" and namespaces_work():
        return "namespaces+limits"
    return "limits"


def _bind(flag: str, path: str) -> list[str]:
    """bubblewrap arguments that show ``path`` in the sandbox; top-level links (``/bin``) stay links."""
    if os.path.islink(path):
        return ["--symlink", os.readlink(path), path]
    return [flag, path, path] if os.path.exists(path) else []


def bubblewrap_arguments(notebook_folder: str, connection_folder: str, workspace: str | None) -> list[str]:
    """The bubblewrap command line (without the kernel command) for one grading kernel."""
    arguments = ["bwrap", "--die-with-parent", "--unshare-net", "--unshare-pid", "--unshare-ipc",
                 "--unshare-uts", "--cap-drop", "ALL", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for system in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/sys"):
        arguments += _bind("--ro-bind", system)
    for python in dict.fromkeys((sys.base_prefix, sys.prefix, str(Path(sys.executable).resolve().parents[1]))):
        arguments += _bind("--ro-bind", python)
    if workspace:
        arguments += _bind("--ro-bind", str(Path(workspace) / "hidden_checks"))
    arguments += ["--bind", notebook_folder, notebook_folder, "--bind", connection_folder, connection_folder,
                  "--chdir", notebook_folder, "--setenv", "HOME", "/tmp",
                  # In its PID namespace the kernel's parent is process 1, which ipykernel reads as "my
                  # parent has exited": it must not watch its parent (--die-with-parent does that).
                  "--unsetenv", "JPY_PARENT_PID"]
    return arguments


def kernel_command(kernel_arguments: Sequence[str]) -> list[str]:
    """The command that becomes the kernel, with the descriptors it reads its key and reference from."""
    command = [sys.executable, "-m", KERNEL_MODULE, *kernel_arguments]
    key = os.environ.pop(KEY_VARIABLE, None)
    if key is not None:
        os.environ[KEY_VARIABLE + "_FD"] = str(_file_with(key.encode()))
    source = os.environ.pop(SOURCE_VARIABLE, None)
    if source is not None:
        os.environ[SOURCE_VARIABLE + "_FD"] = str(_file_with(Path(source).read_bytes()))
    return command


def _connection_folder(kernel_arguments: Sequence[str]) -> str:
    arguments = list(kernel_arguments)
    for i, argument in enumerate(arguments):
        if argument == "-f" and i + 1 < len(arguments):
            return str(Path(arguments[i + 1]).resolve().parent)
        if argument.startswith("--f="):
            return str(Path(argument[4:]).resolve().parent)
    raise SystemExit("kernel_sandbox: no connection file (-f) among the arguments")


def main(kernel_arguments: Sequence[str]) -> None:
    connection_folder = _connection_folder(kernel_arguments)
    command = kernel_command(kernel_arguments)
    if isolation() == "namespaces+limits":
        command = bubblewrap_arguments(os.getcwd(), connection_folder, os.environ.get(WORKSPACE_VARIABLE)) \
            + ["--", *command]
    Limits.from_environment().apply()
    # Jupyter interrupts a kernel (a cell timeout) with SIGINT to its whole process group, bubblewrap
    # included, which would die of it and take the kernel along. Ignored here, the signal is still
    # caught by the kernel, which sets its own handler while a cell runs.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
