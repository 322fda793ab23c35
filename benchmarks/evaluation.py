"""Evaluation throughput of a CifarVGG-like model: naive fp32 vs inference_mode + channels_last + autocast.

The ingredients are also measured one at a time, cumulatively, so the README can say which helped.
"""
from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from dataclasses import asdict, dataclass

import torch
from torch import nn

from . import models
from .device import autocast_dtype, synchronizer
from .timing import measure_interleaved


@dataclass(frozen=True)
class Sizes:
    resolution: int = 224
    batch: int = 16
    repeats: int = 3   # of one batch per variant, taking turns, after one warm-up batch each


QUICK = Sizes(resolution=64, batch=8, repeats=2)


def _forward(model: nn.Module, x: torch.Tensor, grad_off: Callable[[], contextlib.AbstractContextManager],
             device: torch.device, dtype: torch.dtype | None) -> torch.Tensor:
    cast = torch.autocast(device.type, dtype=dtype) if dtype is not None else contextlib.nullcontext()
    with grad_off(), cast:
        return model(x)


def run(device: torch.device, sizes: Sizes = Sizes()) -> dict[str, object]:
    sync = synchronizer(device)
    # Two copies of the model, one per memory format, so that no timed call pays for converting weights.
    contiguous = models.cifar_vgg().to(device).eval()
    channels_last = copy.deepcopy(contiguous).to(memory_format=torch.channels_last)
    x = models.images(sizes.batch, sizes.resolution).to(device)
    x_last = x.contiguous(memory_format=torch.channels_last)
    dtype = autocast_dtype(device)

    # name -> (model, input, grad switch, autocast dtype); each step adds one ingredient to the last
    variants = {
        "naive_fp32": (contiguous, x, torch.no_grad, None),
        "inference_mode": (contiguous, x, torch.inference_mode, None),
        "inference_mode+channels_last": (channels_last, x_last, torch.inference_mode, None),
        "tuned": (channels_last, x_last, torch.inference_mode, dtype),
    }
    logits: dict[str, torch.Tensor] = {}

    def runner(name: str) -> Callable[[], None]:
        model, batch, grad_off, cast = variants[name]

        def run_once() -> None:
            logits[name] = _forward(model, batch, grad_off, device, cast)
        return run_once

    timings = measure_interleaved({name: runner(name) for name in variants}, repeats=sizes.repeats, warmup=1,
                                  sync=sync)
    results = {name: {"images_per_second": sizes.batch / t.median, **t.as_dict()} for name, t in timings.items()}

    naive, tuned = logits["naive_fp32"].float().cpu(), logits["tuned"].float().cpu()
    return {
        "ratio": results["tuned"]["images_per_second"] / results["naive_fp32"]["images_per_second"],
        "naive_images_per_second": results["naive_fp32"]["images_per_second"],
        "tuned_images_per_second": results["tuned"]["images_per_second"],
        "autocast_dtype": str(dtype).removeprefix("torch.") if dtype is not None else None,
        "variants": results,
        # reduced precision must not change the answers: how far the tuned logits drift from fp32
        "logits_max_abs_diff": (tuned - naive).abs().max().item(),
        "logits_max_abs": naive.abs().max().item(),
        "argmax_agreement": (tuned.argmax(1) == naive.argmax(1)).float().mean().item(),
        "sizes": asdict(sizes),
    }
