"""Input pipeline: per-sample PIL transforms through ``CIFAR10`` vs batched tensor transforms.

The baseline is the textbook pipeline (a PIL image per sample, resized, converted, normalised one
at a time by the DataLoader); the tuned one keeps the whole uint8 dataset as one NCHW tensor and
resizes and normalises a batch at a time on the device, where one call does what 32 did.
"""
from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torchvision
from torch.nn import functional as F
from torchvision import transforms

from hidden_checks.stand_ins import cifar10_checksums_off, write_fake_cifar10

from .device import synchronizer
from .timing import measure, measure_interleaved

MEAN = (0.485, 0.456, 0.406)  # ImageNet statistics, as the VGG weights expect
STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class Sizes:
    per_batch_file: int = 200  # CIFAR-10 has 5 training batch files: 1000 images per epoch
    resolution: int = 224
    batch: int = 32
    repeats: int = 3  # epochs of each pipeline, taking turns


QUICK = Sizes(per_batch_file=50, resolution=224, batch=32, repeats=2)


def _pil_epoch(loader: torch.utils.data.DataLoader, device: torch.device) -> None:
    for x, y in loader:
        x.to(device), y.to(device)


def _tensor_epoch(data: torch.Tensor, labels: torch.Tensor, sizes: Sizes) -> None:
    mean = torch.tensor(MEAN, device=data.device).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=data.device).view(1, 3, 1, 1)
    order = torch.randperm(len(data), device=data.device)
    for start in range(0, len(data), sizes.batch):
        index = order[start:start + sizes.batch]
        x = data[index].float().div_(255)
        x = F.interpolate(x, size=(sizes.resolution, sizes.resolution), mode="bilinear", align_corners=False)
        x = (x - mean) / std
        labels[index]


def run(device: torch.device, sizes: Sizes = Sizes()) -> dict[str, object]:
    sync = synchronizer(device)
    with tempfile.TemporaryDirectory(prefix="vn-bench-cifar-") as root, cifar10_checksums_off():
        write_fake_cifar10(Path(root), per_batch=sizes.per_batch_file, test_size=10)
        pipeline = transforms.Compose([transforms.Resize(sizes.resolution), transforms.ToTensor(),
                                       transforms.Normalize(MEAN, STD)])
        dataset = torchvision.datasets.CIFAR10(root, train=True, transform=pipeline)
        loader = torch.utils.data.DataLoader(dataset, batch_size=sizes.batch, shuffle=True, num_workers=0)
        images = len(dataset)

        # one-off: the decoded HWC uint8 array becomes an NCHW tensor on the device (uint8 keeps it 4x smaller)
        preload = measure(lambda: torch.from_numpy(dataset.data).permute(0, 3, 1, 2).contiguous().to(device),
                          repeats=1, warmup=0, sync=sync)
        data = torch.from_numpy(dataset.data).permute(0, 3, 1, 2).contiguous().to(device)
        labels = torch.tensor(dataset.targets, device=device)
        timings = measure_interleaved({"per_sample": lambda: _pil_epoch(loader, device),
                                       "batched": lambda: _tensor_epoch(data, labels, sizes)},
                                      repeats=sizes.repeats, warmup=1, sync=sync)
        per_sample, batched = timings["per_sample"], timings["batched"]

        # Both pipelines must produce the same inputs; PIL rounds its resized image to uint8, the
        # tensor path does not, so they differ by up to about one grey level (1/255/std ~ 0.02).
        first = torch.stack([dataset[i][0] for i in range(4)])
        x = F.interpolate(data[:4].float().div(255).cpu(), size=(sizes.resolution,) * 2, mode="bilinear",
                          align_corners=False)
        x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
        difference = (first - x).abs().max().item()

    per_sample_rate, batched_rate = images / per_sample.median, images / batched.median
    return {
        "ratio": batched_rate / per_sample_rate,
        "per_sample_images_per_second": per_sample_rate,
        "batched_images_per_second": batched_rate,
        "preload_seconds": preload.median,
        "images_per_epoch": images,
        "outputs_max_abs_diff": difference,
        "per_sample": per_sample.as_dict(),
        "batched": batched.as_dict(),
        "sizes": asdict(sizes),
    }
