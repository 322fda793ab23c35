"""Which CIFAR-10 images a data pipeline reads, recorded at ``CIFAR10.__getitem__``."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torchvision


@contextlib.contextmanager
def recorded_reads() -> Iterator[list[tuple[bool, int]]]:
    """Record ``(train_split, index)`` for every image read in this process during a block.

    Loaders with worker processes read in the workers, out of sight: record with ``num_workers=0``.
    """
    cls = torchvision.datasets.CIFAR10
    original = cls.__getitem__
    reads: list[tuple[bool, int]] = []

    def getitem(self, index):
        reads.append((bool(self.train), int(index)))
        return original(self, index)

    cls.__getitem__ = getitem
    try:
        yield reads
    finally:
        cls.__getitem__ = original
