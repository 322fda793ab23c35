"""Generated stand-ins for the two downloads: CIFAR-10 and the ImageNet VGG-11 weights.

Both are written in the real on-disk formats, so the students' real loading code runs on them:
``torchvision.datasets.CIFAR10`` reads pickled batches under ``cifar-10-batches-py``, and
torchvision's weights API finds ``vgg11-8a719046.pth`` in ``$TORCH_HOME/hub/checkpoints``.
"""
from __future__ import annotations

import atexit
import contextlib
import functools
import math
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
import torchvision
from torchvision.models import VGG11_Weights

CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
CHECKPOINT_NAME = Path(VGG11_Weights.IMAGENET1K_V1.url).name  # vgg11-8a719046.pth


def write_fake_cifar10(root: Path, per_batch: int = 200, test_size: int = 1000, seed: int = 0) -> Path:
    """Write a small CIFAR-10 (5 training batches and a test batch) under ``root``."""
    folder = Path(root) / torchvision.datasets.CIFAR10.base_folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sizes = {f"data_batch_{i}": per_batch for i in range(1, 6)} | {"test_batch": test_size}
    for name, size in sizes.items():
        batch = {
            "batch_label": name,
            "labels": rng.integers(0, 10, size).tolist(),
            # rows of 3072 bytes: 1024 red, then green, then blue, as in the real files
            "data": rng.integers(0, 256, (size, 3 * 32 * 32), dtype=np.uint8),
            "filenames": [f"{name}_{i}.png" for i in range(size)],
        }
        with open(folder / name, "wb") as file:
            pickle.dump(batch, file, protocol=2)
    meta = {"label_names": CIFAR10_CLASSES, "num_cases_per_batch": per_batch, "num_vis": 3072}
    with open(folder / "batches.meta", "wb") as file:
        pickle.dump(meta, file, protocol=2)
    return Path(root)


def disable_cifar10_checksums() -> None:
    """Make ``CIFAR10`` accept files it has no MD5 for (generated files cannot match the real ones)."""
    cls = torchvision.datasets.CIFAR10
    cls.train_list = [[name, None] for name, _ in cls.train_list]
    cls.test_list = [[name, None] for name, _ in cls.test_list]
    cls.meta = {**cls.meta, "md5": None}


@contextlib.contextmanager
def cifar10_checksums_off() -> Iterator[None]:
    """:func:`disable_cifar10_checksums` for the length of a block."""
    cls = torchvision.datasets.CIFAR10
    saved = cls.train_list, cls.test_list, cls.meta
    disable_cifar10_checksums()
    try:
        yield
    finally:
        cls.train_list, cls.test_list, cls.meta = saved


def fake_vgg11_state(seed: int = 0) -> dict[str, torch.Tensor]:
    """A state dict with every key and shape of torchvision's ``vgg11``.

    The extractor gets distinct random values (37 MB); the 123 M-parameter ImageNet classifier is
    a constant broadcast over its shape, which ``torch.save`` stores as a single number.
    """
    with torch.device("meta"):
        shapes = {k: v.shape for k, v in torchvision.models.vgg11().state_dict().items()}
    generator = torch.Generator().manual_seed(seed)
    state = {}
    for key, shape in shapes.items():
        if key.startswith("features."):
            # He-scaled filters keep activations in a trained network's range through all 8 layers
            fan_in = math.prod(shape[1:]) if len(shape) > 1 else 100
            state[key] = torch.randn(shape, generator=generator) * math.sqrt(2 / fan_in)
        else:
            state[key] = torch.full((), 0.01).expand(shape)
    return state


def write_fake_vgg11_checkpoint(torch_home: Path, seed: int = 0) -> Path:
    """Write :func:`fake_vgg11_state` where torchvision's cache looks for the ImageNet weights."""
    path = Path(torch_home) / "hub" / "checkpoints" / CHECKPOINT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(fake_vgg11_state(seed), path)
    return path


def _scratch_dir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path


@functools.cache
def shared_cifar10() -> Path:
    """One generated CIFAR-10 root per process (checks only read it)."""
    return write_fake_cifar10(_scratch_dir("vn-cifar10-"))


@functools.cache
def shared_torch_home() -> Path:
    """One ``TORCH_HOME`` with the fake checkpoint per process (checks only read it)."""
    home = _scratch_dir("vn-torch-home-")
    write_fake_vgg11_checkpoint(home)
    return home


@functools.cache
def shared_checkpoint() -> dict[str, torch.Tensor]:
    """The fake checkpoint's tensors, as the checks compare against them."""
    path = shared_torch_home() / "hub" / "checkpoints" / CHECKPOINT_NAME
    return torch.load(path, weights_only=True)


@contextlib.contextmanager
def torch_home(path: Path) -> Iterator[Path]:
    """Point ``TORCH_HOME`` at ``path`` for the length of a block."""
    saved = os.environ.get("TORCH_HOME")
    os.environ["TORCH_HOME"] = str(path)
    try:
        yield path
    finally:
        if saved is None:
            os.environ.pop("TORCH_HOME", None)
        else:
            os.environ["TORCH_HOME"] = saved


def use_offline_stand_ins() -> Path:
    """For instructors' offline runs of the whole notebook: stand-ins in place of both downloads.

    Sets ``TORCH_HOME`` to a cache holding the fake checkpoint, turns off the CIFAR-10 checksums
    for this process and returns the root of a generated CIFAR-10.
    """
    os.environ["TORCH_HOME"] = str(shared_torch_home())
    disable_cifar10_checksums()
    return shared_cifar10()
