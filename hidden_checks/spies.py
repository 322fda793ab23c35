"""Spies: stand-ins that record how student code treats a network, its data and its optimiser."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import torch
from torch import nn


class SpyStop(Exception):
    """Raised by a spy once it has seen what it needs; the check catches it."""


@dataclass
class Seen:
    """What a spy observed at one call."""

    device: torch.device
    training: bool | None = None
    grad_enabled: bool | None = None


class MetaSpy(nn.Module):
    """A network whose parameters live on the ``meta`` device.

    Data that reaches it on any other device was not moved to the network's device. It records
    the device, mode and autograd state of each forward call and returns meta-device logits.
    """

    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(num_classes, device="meta"))
        self.seen: list[Seen] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen.append(Seen(x.device, self.training, torch.is_grad_enabled()))
        return self.weight.expand(x.shape[0], -1)


class TargetSpy:
    """A metric or loss that records where the targets arrived, then stops the run."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []

    def __call__(self, logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        self.seen.append(Seen(y.device))
        raise SpyStop


class CountingBatches:
    """An iterable of batches that counts how often it is iterated (once per epoch or validation)."""

    def __init__(self, batches: Iterable):
        self.batches = list(batches)
        self.passes = 0

    def __iter__(self) -> Iterator:
        self.passes += 1
        return iter(self.batches)

    def __len__(self) -> int:
        return len(self.batches)
