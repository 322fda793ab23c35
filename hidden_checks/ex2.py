"""Exercise 2: ``CifarVGG``, a VGG with global average pooling and a rectangular classifier."""
from __future__ import annotations

import torch
from torch import nn

from .failure import expect
from .registry import Namespace, check
from .student import attempt, defined
from .vgg import linear_layers, vgg11_features


def _logits(model: nn.Module, x: torch.Tensor, what: str) -> torch.Tensor:
    model.eval()
    with torch.no_grad():
        out = attempt(f"{what} on input of shape {tuple(x.shape)}", model, x)
    expect(isinstance(out, torch.Tensor), f"{what} returned {type(out).__name__}, not a tensor of logits")
    return out


@check("ex2-test-structure")
def keeps_extractor_and_has_rectangular_classifier(ns: Namespace) -> None:
    CifarVGG = defined(ns, "CifarVGG")
    features = vgg11_features()
    model = attempt("CifarVGG(features)", CifarVGG, features)
    expect(getattr(model, "features", None) is features,
           "CifarVGG(features).features is not the extractor that was passed in")
    keys = {k for k in model.state_dict() if k.startswith("features.")}
    expected = {f"features.{k}" for k in features.state_dict()}
    expect(keys == expected, f"the state dict's features.* keys differ from torchvision's VGG: "
                             f"unexpected {sorted(keys - expected)[:3]}, missing {sorted(expected - keys)[:3]}")

    for num_classes in (10, 7):
        model = attempt(f"CifarVGG(features, num_classes={num_classes})", CifarVGG, vgg11_features(), num_classes)
        classifier = getattr(model, "classifier", None)
        expect(isinstance(classifier, nn.Module), "CifarVGG has no module attribute `classifier`")
        layers = linear_layers(classifier)
        expect(layers, "the classifier has no nn.Linear layer")
        widths = [(layer.in_features, layer.out_features) for layer in layers]
        expect(all(i == 512 for i, _ in widths) and all(o == 512 for _, o in widths[:-1]),
               f"the classifier's linear layers map {widths}: every hidden layer should be as wide as the extractor's output")
        expect(widths[-1][1] == num_classes,
               f"with num_classes={num_classes}, the last linear layer has {widths[-1][1]} outputs")
        out = _logits(model, torch.randn(2, 3, 32, 32), f"CifarVGG(features, num_classes={num_classes})")
        expect(tuple(out.shape) == (2, num_classes),
               f"CifarVGG(features, num_classes={num_classes}) gave logits of shape {tuple(out.shape)} for 2 images")
    default = attempt("CifarVGG(features)", CifarVGG, vgg11_features())
    out = _logits(default, torch.randn(2, 3, 32, 32), "CifarVGG(features)")
    expect(out.shape[-1] == 10, f"CifarVGG(features) gave {out.shape[-1]} logits per image; the default is 10 classes")


@check("ex2-test-global-pooling")
def pools_globally_by_averaging(ns: Namespace) -> None:
    CifarVGG = defined(ns, "CifarVGG")
    model = attempt("CifarVGG(features)", CifarVGG, vgg11_features())
    for size in ((32, 32), (64, 64), (40, 56), (224, 224)):
        x = torch.randn(1, 3, *size)
        out = _logits(model, x, "CifarVGG.forward")
        expect(tuple(out.shape) == (1, 10), f"an image of {size[0]}x{size[1]} gave logits of shape {tuple(out.shape)}")

    # With a pass-through extractor, the feature maps are ours: maps with equal channel means must
    # give equal logits whatever their size or layout, and only averaging over positions does that.
    model = attempt("CifarVGG(nn.Identity())", CifarVGG, nn.Identity())
    torch.manual_seed(0)
    maps = torch.randn(2, 512, 4, 4) + 2 * torch.randn(2, 512, 1, 1)
    means = maps.mean(dim=(2, 3), keepdim=True)
    reference = _logits(model, maps, "CifarVGG.forward")
    for other in (means.expand(2, 512, 3, 5).contiguous(), means):
        out = _logits(model, other, "CifarVGG.forward")
        expect(out.shape == reference.shape and torch.allclose(out, reference, atol=1e-4),
               f"feature maps of shape {tuple(maps.shape)} and {tuple(other.shape)} with the same mean in every "
               f"channel gave different logits: the pooling is not a global average")
