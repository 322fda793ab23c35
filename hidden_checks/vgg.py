"""VGG pieces the checks build: extractors with torchvision's layout, fast to make."""
from __future__ import annotations

from torch import nn
from torchvision.models.vgg import cfgs, make_layers


def vgg11_features(batch_norm: bool = False) -> nn.Sequential:
    """The VGG-11 extractor with torchvision's state-dict keys, without building the 123 M-parameter
    ImageNet head that ``torchvision.models.vgg11()`` also makes."""
    return make_layers(cfgs["A"], batch_norm=batch_norm)


def linear_layers(module: nn.Module) -> list[nn.Linear]:
    return [m for m in module.modules() if isinstance(m, nn.Linear)]
