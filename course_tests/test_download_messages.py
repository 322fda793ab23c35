"""When a download fails, the notebook says what is missing, where it looked and how to fix it."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest
import torch

from course import notebooks
from course.paths import SOURCE_NOTEBOOK
from hidden_checks.reference import reference
from hidden_checks.stand_ins import torch_home


@pytest.fixture
def notebook_helpers(monkeypatch):
    """The notebook's download helpers, with every download failing as it does offline."""
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(torch.hub, "urlopen", no_network)
    namespace: dict = {}
    for cell in notebooks.read(SOURCE_NOTEBOOK)["cells"]:
        if notebooks.grade_id(cell) in ("intro-imports", "intro-download-help"):
            exec(notebooks.source(cell), namespace)
    return namespace


def test_missing_weights_are_explained(notebook_helpers, tmp_path):
    ref = reference()
    network = ref.CifarVGG(ref.make_layers(ref.cfgs["A"]))
    with torch_home(tmp_path), pytest.raises(RuntimeError) as raised:
        with notebook_helpers["explained_download"]("the ImageNet weights of VGG-11", notebook_helpers["vgg11_weights_file"]()):
            ref.vgg_init_(network)
    message = str(raised.value)
    assert "the ImageNet weights of VGG-11" in message
    assert str(tmp_path / "hub" / "checkpoints" / "vgg11-8a719046.pth") in message
    assert "To fix" in message and "no network" in message


def test_missing_data_is_explained(notebook_helpers, tmp_path):
    with pytest.raises(RuntimeError) as raised:
        with notebook_helpers["explained_download"]("CIFAR-10", tmp_path / "cifar-10-batches-py"):
            reference().get_cifar10(tmp_path)
    assert "Could not get CIFAR-10" in str(raised.value) and str(tmp_path) in str(raised.value)
