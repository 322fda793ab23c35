"""nbgrader configuration of the course "Vision Networks and Fast Training"."""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

COURSE_ROOT = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "vision-networks"
c.CourseDirectory.root = str(COURSE_ROOT)

# The hidden tests import the course's `hidden_checks` package, which lives next to this file and
# outside source/vision_networks/ (nbgrader copies everything there to students). Grading kernels
# inherit this process's environment, so the package reaches them through PYTHONPATH.
_paths = [str(COURSE_ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(_paths))
sys.path.insert(0, str(COURSE_ROOT))

# Grading runs every submission in the `vn-sandbox` kernel (course/kernel_sandbox.py: resource limits,
# no network, a narrow view of the files), through GuardedExecute (course/guarded_execute.py: a crash
# costs one cell, output is capped). The kernel talks to nbgrader over Unix sockets, which reach
# into its network namespace (GuardedExecute selects them).
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(COURSE_ROOT / "course" / "jupyter")] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
from course.guarded_execute import GuardedExecute  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades)
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402

c.Autograde.autograde_preprocessors = [GuardedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]

# Per-cell limit: the slowest hidden test takes a few seconds here; student code may be slower.
c.Execute.timeout = 180
# A student who deletes a test cell gets it back (otherwise it would need manual grading).
c.OverwriteCells.add_missing_cells = True
# Feedback shows each hidden test's verdict, not its code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
