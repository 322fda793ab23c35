"""Hidden checks of the assignment "Vision Networks and Fast Training".

Instructor-side only: nbgrader copies every file of ``source/vision_networks/`` to students, so
this package lives outside it and reaches the grading kernel through ``PYTHONPATH`` (set by
``nbgrader_config.py``). Each hidden test cell is one call::

    from hidden_checks import run_check
    run_check("ex1-test-evaluate", globals())
"""
from .failure import HiddenTestFailure
from .registry import run_check

__all__ = ["HiddenTestFailure", "run_check"]
