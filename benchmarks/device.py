"""Which device to measure on, and what "tuned" means there."""
from __future__ import annotations

import os
from collections.abc import Callable

import torch

from .timing import no_sync


def pick_device() -> torch.device:
    """``VN_DEVICE`` if set, else CUDA, else MPS, else the CPU (the notebook's own order)."""
    chosen = os.environ.get("VN_DEVICE")
    if chosen:
        return torch.device(chosen)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def synchronizer(device: torch.device) -> Callable[[], None]:
    """A function that waits for ``device``'s queued work (accelerators run asynchronously)."""
    if device.type == "cuda":
        return lambda: torch.cuda.synchronize(device)
    if device.type == "mps":
        return torch.mps.synchronize
    return no_sync


def autocast_dtype(device: torch.device) -> torch.dtype | None:
    """The reduced precision worth autocasting to on ``device``, or None where there is none.

    bf16 on the CPU (oneDNN has bf16 kernels, fast on AVX-512 BF16/AMX parts) and fp16 on CUDA
    (tensor cores); fp16 on MPS only if a tiny autocast convolution actually runs there.
    """
    if device.type == "cpu":
        return torch.bfloat16
    if device.type == "cuda":
        return torch.float16
    if device.type == "mps":
        try:
            with torch.autocast("mps", dtype=torch.float16):
                torch.nn.functional.conv2d(torch.ones(1, 1, 3, 3, device=device),
                                           torch.ones(1, 1, 1, 1, device=device))
            return torch.float16
        except (RuntimeError, AssertionError):
            return None
    return None
