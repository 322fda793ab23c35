"""The generated stand-ins are real CIFAR-10 and real torchvision checkpoints as far as the
notebook's own loading code can tell."""
from __future__ import annotations

import torch
import torchvision
from torchvision.models import VGG11_Weights

from hidden_checks import stand_ins
from hidden_checks.reference import reference
from hidden_checks.vgg import vgg11_features


def test_fake_cifar10_loads_through_torchvision(tmp_path):
    root = stand_ins.write_fake_cifar10(tmp_path, per_batch=20, test_size=10)
    with stand_ins.cifar10_checksums_off():
        train = torchvision.datasets.CIFAR10(root, train=True)
        test = torchvision.datasets.CIFAR10(root, train=False, download=True)  # present: no download
    assert len(train) == 100 and len(test) == 10
    assert train.classes == stand_ins.CIFAR10_CLASSES
    image, label = train[0]
    assert image.size == (32, 32) and 0 <= label < 10


def test_checksums_come_back_after_the_block(tmp_path):
    root = stand_ins.write_fake_cifar10(tmp_path, per_batch=2, test_size=2)
    with stand_ins.cifar10_checksums_off():
        pass
    try:
        torchvision.datasets.CIFAR10(root, train=True)
    except RuntimeError as error:
        assert "corrupted" in str(error)
    else:
        raise AssertionError("the generated files passed torchvision's real checksums")


def test_fake_checkpoint_loads_through_the_weights_api(tmp_path):
    path = stand_ins.write_fake_vgg11_checkpoint(tmp_path)
    assert path.name == "vgg11-8a719046.pth" and path.stat().st_size < 50e6  # the classifier is broadcast
    with stand_ins.torch_home(tmp_path):
        state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=False)
        model = torchvision.models.vgg11(weights=VGG11_Weights.IMAGENET1K_V1)  # the builder's strict load
    assert torch.equal(model.features[0].weight, state["features.0.weight"])
    assert set(state) == set(torchvision.models.vgg11().state_dict())


def test_the_notebooks_loading_code_runs_on_the_stand_ins():
    ref = reference()
    with stand_ins.torch_home(stand_ins.shared_torch_home()), stand_ins.cifar10_checksums_off():
        model = ref.get_vgg(num_classes=10)
        train, valid = ref.get_cifar10(stand_ins.shared_cifar10(), resize=(40, 40), num_train=16, num_valid=8,
                                       num_workers=2)
        x, y = next(iter(train))
    checkpoint = stand_ins.shared_checkpoint()
    assert all(torch.equal(v, checkpoint[f"features.{k}"]) for k, v in model.features.state_dict().items())
    assert x.shape == (16, 3, 40, 40) and len(valid.dataset) == 8
    assert model.eval()(x).shape == (16, 10)


def test_vgg11_features_match_torchvisions_extractor():
    with torch.device("meta"):
        expected = {k: v.shape for k, v in torchvision.models.vgg11().features.state_dict().items()}
    assert {k: v.shape for k, v in vgg11_features().state_dict().items()} == expected
