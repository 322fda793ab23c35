"""Evaluation throughput of a CifarVGG-like model: naive fp32 vs inference_mode + channels_last + autocast.

The ingredients are also measured one at a time, cumulatively, so the README can say which helped.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import asdict, dataclass

import torch
from torch import nn

from . import models
from .device import autocast_dtype, synchronizer
from .timing import measure


@dataclass(frozen=True)
class Sizes:
    resolution: int = 224
    batch: int = 16
    repeats: int = 3   # of one batch each, after one warm-up batch


QUICK = Sizes(resolution=64, batch=8, repeats=2)


def _forward(model: nn.Module, x: torch.Tensor, grad_off: Callable[[], contextlib.AbstractContextManager],
             device: torch.device, dtype: torch.dtype | None) -> torch.Tensor:
    cast = torch.autocast(device.type, dtype=dtype) if dtype is not None else contextlib.nullcontext()
    with grad_off(), cast:
        return model(x)


def run(device: torch.device, sizes: Sizes = Sizes()) -> dict[str, object]:
    sync = synchronizer(device)
    model = models.cifar_vgg().to(device).eval()
    x = models.images(sizes.batch, sizes.resolution).to(device)
    x_last = x.contiguous(memory_format=torch.channels_last)
    dtype = autocast_dtype(device)

    # name -> (memory format, grad switch, autocast dtype); each step adds one ingredient to the last
    variants = {
        "naive_fp32": (torch.contiguous_format, torch.no_grad, None),
        "inference_mode": (torch.contiguous_format, torch.inference_mode, None),
        "inference_mode+channels_last": (torch.channels_last, torch.inference_mode, None),
        "tuned": (torch.channels_last, torch.inference_mode, dtype),
    }
    results: dict[str, dict[str, object]] = {}
    logits: dict[str, torch.Tensor] = {}
    for name, (memory_format, grad_off, cast) in variants.items():
        model.to(memory_format=memory_format)
        batch = x_last if memory_format is torch.channels_last else x

        def run_once() -> None:
            logits[name] = _forward(model, batch, grad_off, device, cast)

        timing = measure(run_once, repeats=sizes.repeats, warmup=1, sync=sync)
        results[name] = {"images_per_second": sizes.batch / timing.median, **timing.as_dict()}

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
