"""Head training with a frozen extractor: recompute features every batch vs extract them once.

With the extractor frozen its output never changes, so an epoch of (a) repeats the same costly
convolutions each time, while (b) pays them once and then trains on 512-vectors: a few small matmuls.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from . import models
from .device import synchronizer
from .timing import measure


@dataclass(frozen=True)
class Sizes:
    images: int = 128      # per epoch; 224x224 VGG-11 forwards cost ~0.3 s each on 2 CPU cores
    resolution: int = 224
    batch: int = 32
    cached_repeats: int = 20   # a cached epoch takes milliseconds: many repeats for a steady median
    recompute_repeats: int = 1  # a recomputing epoch takes tens of seconds on a CPU: one is enough


QUICK = Sizes(images=32, resolution=64, batch=16, cached_repeats=10, recompute_repeats=1)


def _epoch(head: nn.Module, optimizer: torch.optim.Optimizer, inputs: torch.Tensor, labels: torch.Tensor,
           batch: int, extract: nn.Module | None) -> None:
    """One shuffled epoch of SGD on the head; ``extract`` (frozen, no grad) maps images to features first."""
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(inputs), device=inputs.device)
    for start in range(0, len(inputs), batch):
        index = order[start:start + batch]
        x = inputs[index]
        if extract is not None:
            with torch.no_grad():
                x = extract(x)
        optimizer.zero_grad()
        loss_fn(head(x), labels[index]).backward()
        optimizer.step()


def run(device: torch.device, sizes: Sizes = Sizes()) -> dict[str, object]:
    sync = synchronizer(device)
    extract = models.pooled(models.vgg11_features()).to(device).eval().requires_grad_(False)
    head = models.head().to(device)
    optimizer = torch.optim.SGD(head.parameters(), lr=0.01, momentum=0.9)
    inputs = models.images(sizes.images, sizes.resolution).to(device)
    labels = torch.randint(0, models.CLASSES, (sizes.images,), generator=torch.Generator().manual_seed(1)).to(device)

    # (a) warm-up is one batch, not one epoch: an epoch costs as much as the measurement itself
    recompute = measure(lambda: _epoch(head, optimizer, inputs, labels, sizes.batch, extract),
                        repeats=sizes.recompute_repeats, warmup=0, sync=sync)

    # (b) the one-off extraction, timed on its own: it is paid once, not per epoch
    def extract_all() -> torch.Tensor:
        with torch.no_grad():
            return torch.cat([extract(inputs[i:i + sizes.batch]) for i in range(0, len(inputs), sizes.batch)])
    extraction = measure(extract_all, repeats=1, warmup=0, sync=sync)
    cached = extract_all()
    per_epoch = measure(lambda: _epoch(head, optimizer, cached, labels, sizes.batch, None),
                        repeats=sizes.cached_repeats, warmup=3, sync=sync)

    return {
        "ratio": recompute.median / per_epoch.median,
        "recompute_seconds_per_epoch": recompute.median,
        "cached_seconds_per_epoch": per_epoch.median,
        "feature_extraction_seconds": extraction.median,
        "recompute": recompute.as_dict(),
        "cached": per_epoch.as_dict(),
        "sizes": asdict(sizes),
    }
