"""The real accelerators present on the grading machine (usually none: the grader is CPU-only)."""
from __future__ import annotations

import torch


def present() -> list[torch.device]:
    devices = []
    if torch.cuda.is_available():
        devices.append(torch.device("cuda"))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append(torch.device("mps"))
    return devices
