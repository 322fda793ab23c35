"""Exercise 3: ``vgg_init_`` loads ImageNet VGG-11 weights and initialises the classifier."""
from __future__ import annotations

import math

import torch
from torch import nn

from .failure import expect
from .reference import reference
from .registry import Namespace, check
from .stand_ins import CHECKPOINT_NAME, shared_checkpoint, shared_torch_home, torch_home
from .student import attempt, defined
from .vgg import linear_layers, vgg11_features

SENTINEL = 3.0  # what the classifier holds before vgg_init_: no init scheme produces it


def _run_vgg_init(ns: Namespace, model: nn.Module) -> None:
    vgg_init_ = defined(ns, "vgg_init_")
    home = shared_torch_home()
    with torch_home(home):
        attempt(f"vgg_init_(network) (offline; the weights are cached as "
                f"$TORCH_HOME/hub/checkpoints/{CHECKPOINT_NAME})", vgg_init_, model)


@check("ex3-test-pretrained-features")
def loads_every_feature_tensor(ns: Namespace) -> None:
    model = reference().CifarVGG(vgg11_features())
    _run_vgg_init(ns, model)
    checkpoint = shared_checkpoint()
    state = model.features.state_dict()
    differ = [k for k, v in state.items() if not torch.equal(v.cpu(), checkpoint[f"features.{k}"])]
    expect(not differ, f"after vgg_init_, {len(differ)} of {len(state)} tensors of network.features differ from "
                       f"the ImageNet checkpoint (for example features.{differ[0] if differ else ''})")


@check("ex3-test-classifier-init")
def initialises_every_classifier_layer(ns: Namespace) -> None:
    model = reference().CifarVGG(vgg11_features())
    with torch.no_grad():
        for layer in linear_layers(model.classifier):
            layer.weight.fill_(SENTINEL)
    _run_vgg_init(ns, model)
    layers = linear_layers(model.classifier)
    expect(layers, "after vgg_init_, the classifier has no nn.Linear layer")
    for index, layer in enumerate(layers):
        weight = layer.weight.detach().float()
        expect(torch.isfinite(weight).all().item(), f"after vgg_init_, linear layer {index} of the classifier holds NaN or inf")
        expect(not (weight == SENTINEL).all().item(),
               f"linear layer {index} of the classifier still holds the weights it had before vgg_init_")
        scale = 1 / math.sqrt(layer.in_features)
        std = weight.std().item()
        expect(0.1 * scale <= std <= 4 * scale,
               f"linear layer {index} ({layer.in_features} inputs) has weights with standard deviation {std:.3g}; "
               f"a sensible scale for that many inputs is within a small factor of {scale:.3g}")
        expect(abs(weight.mean().item()) <= 0.5 * std + 1e-8,
               f"linear layer {index} has weights with mean {weight.mean().item():.3g}; initial weights are centred on 0")
