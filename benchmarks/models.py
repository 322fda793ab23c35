"""The networks the benchmarks run: VGG-11's extractor with a CIFAR-10 head, as in exercises 2 and 4."""
from __future__ import annotations

import torch
from torch import nn
from torchvision.models.vgg import cfgs, make_layers

from hidden_checks.stand_ins import fake_vgg11_state

FEATURES = 512  # channels out of VGG-11's last convolution
CLASSES = 10


def vgg11_features() -> nn.Sequential:
    """VGG-11's convolutional extractor with the course's fake checkpoint weights.

    He-scaled stand-in weights keep activations in a trained network's range, so the reduced-precision
    comparison in the evaluation benchmark sees realistic magnitudes rather than vanishing ones.
    """
    features = make_layers(cfgs["A"])
    state = {k.removeprefix("features."): v for k, v in fake_vgg11_state().items() if k.startswith("features.")}
    features.load_state_dict(state)
    return features


def head(seed: int = 0) -> nn.Sequential:
    """The rectangular 512-wide classifier of exercise 2."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(FEATURES, FEATURES), nn.ReLU(), nn.Linear(FEATURES, CLASSES))


def pooled(features: nn.Module) -> nn.Sequential:
    """Extractor followed by global average pooling: one 512-vector per image."""
    return nn.Sequential(features, nn.AdaptiveAvgPool2d(1), nn.Flatten())


def cifar_vgg() -> nn.Sequential:
    """A CifarVGG-like full model: features, global average pooling, classifier head."""
    return nn.Sequential(pooled(vgg11_features()), head())


def images(count: int, size: int, seed: int = 0) -> torch.Tensor:
    """Random stand-in images, normalised-looking (zero mean, unit spread)."""
    return torch.randn(count, 3, size, size, generator=torch.Generator().manual_seed(seed))
