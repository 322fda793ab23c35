"""Silence while hidden checks run.

nbgrader scores a test cell 0 as soon as it writes to stderr, even when every check passes.
Student code run by the checks may print progress bars, warnings or logging, and DataLoader
workers write to file descriptor 2 directly; tqdm's notebook bars are widgets. :func:`silenced`
swallows all of it.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def _fd_redirected(fd: int) -> Iterator[None]:
    """Point a file descriptor at a scratch file (C code and child processes write there)."""
    try:
        saved = os.dup(fd)
    except OSError:  # no such descriptor: nothing to silence
        yield
        return
    with tempfile.TemporaryFile() as sink:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(Exception):
                stream.flush()
        os.dup2(sink.fileno(), fd)
        try:
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)


@contextlib.contextmanager
def _progress_bars_off() -> Iterator[None]:
    """tqdm bars in a notebook are widgets (display data, not stderr): turn every bar off instead."""
    try:
        from tqdm import std
    except ImportError:
        yield
        return
    original = std.tqdm.__init__

    def disabled(self, *args, **kwargs):
        kwargs["disable"] = True
        original(self, *args, **kwargs)

    std.tqdm.__init__ = disabled
    try:
        yield
    finally:
        std.tqdm.__init__ = original


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """Run a block with stdout, stderr (Python and file-descriptor level) and warnings muted."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(_progress_bars_off())
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("ignore")
        stack.enter_context(_fd_redirected(2))
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
        stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
        yield
