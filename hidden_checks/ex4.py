"""Exercise 4: ``get_cifar10``, ``get_vgg`` and ``TransferTrainer``."""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.utils.data import DataLoader

from .cifar_reads import recorded_reads
from .failure import expect
from .reference import reference
from .registry import Namespace, check
from .spies import CountingBatches
from .stand_ins import cifar10_checksums_off, shared_checkpoint, shared_cifar10, shared_torch_home, torch_home
from .student import attempt, defined
from .swap import swapped
from .vgg import vgg11_features


def _earlier_exercises() -> dict:
    """Reference pieces of exercises 1 to 3, lent while exercise 4 is checked."""
    ref = reference()
    return {name: getattr(ref, name) for name in ("evaluate", "update", "CifarVGG", "vgg_init_")}


def _loaders(result, call: str) -> tuple[DataLoader, DataLoader]:
    expect(isinstance(result, (tuple, list)) and len(result) == 2,
           f"{call} returned {type(result).__name__}; a pair (train_batches, valid_batches) was expected")
    for name, loader in zip(("train_batches", "valid_batches"), result):
        expect(isinstance(loader, DataLoader), f"{call}: {name} is {type(loader).__name__}, not a DataLoader")
    return result[0], result[1]


# Subsets that cover most of the generated training set: independent draws would surely overlap
NUM_TRAIN, NUM_VALID, BATCH = 450, 420, 30


def _read_all(loader: DataLoader, reads: list, shape: tuple, name: str) -> list[tuple[bool, int]]:
    reads.clear()
    for x, y in loader:
        expect(isinstance(x, torch.Tensor) and x.is_floating_point(),
               f"{name} gives images of type {getattr(x, 'dtype', type(x).__name__)}, not float tensors")
        expect(tuple(x.shape[1:]) == shape and x.shape[0] <= BATCH,
               f"{name} gave a batch of shape {tuple(x.shape)}; batch_size={BATCH}, resize=(40, 48) "
               f"asks for ({BATCH}, 3, 40, 48)")
        expect(len(y) == len(x), f"{name} gave {len(x)} images with {len(y)} labels")
    return list(reads)


def _contiguous(ids: list[tuple[bool, int]]) -> bool:
    indices = sorted(i for _, i in ids)
    return indices == list(range(indices[0], indices[0] + len(indices))) if indices else True


@check("ex4-test-get-cifar10")
def loads_random_disjoint_subsets(ns: Namespace) -> None:
    get_cifar10 = defined(ns, "get_cifar10")
    root = shared_cifar10()
    call = f"get_cifar10(root, batch_size={BATCH}, resize=(40, 48), num_train={NUM_TRAIN}, num_valid={NUM_VALID}, num_workers=0)"
    with cifar10_checksums_off(), recorded_reads() as reads:
        result = attempt(call, get_cifar10, root, batch_size=BATCH, resize=(40, 48), num_train=NUM_TRAIN,
                         num_valid=NUM_VALID, num_workers=0)
        train, valid = _loaders(result, call)
        shape = (3, 40, 48)
        first = _read_all(train, reads, shape, "train_batches")
        second = _read_all(train, reads, shape, "train_batches")
        held_out = _read_all(valid, reads, shape, "valid_batches")

        expect(len(first) == NUM_TRAIN,
               f"one pass over train_batches gave {len(first)} images; num_train={NUM_TRAIN} asks for {NUM_TRAIN}")
        expect(len(set(first)) == len(first), "train_batches gives some images more than once per pass")
        expect(len(held_out) == NUM_VALID,
               f"one pass over valid_batches gave {len(held_out)} images; num_valid={NUM_VALID} asks for {NUM_VALID}")
        expect(len(set(held_out)) == len(held_out), "valid_batches gives some images more than once")
        overlap = set(first) & set(held_out)
        expect(not overlap, f"{len(overlap)} images are in both the training and the validation subset")
        expect(not _contiguous(first) and not _contiguous(held_out),
               "a subset is a contiguous run of the dataset's images, not a random subset")
        expect(first != second, "two passes over train_batches gave the images in the same order: it is not shuffled")

        for workers in (0, 3):
            call = f"get_cifar10(root, num_workers={workers})"
            loaders = _loaders(attempt(call, get_cifar10, root, num_workers=workers), call)
            seen = [loader.num_workers for loader in loaders]
            expect(seen == [workers, workers], f"{call} made loaders with num_workers {seen}")

        train, _ = _loaders(attempt("get_cifar10(root)", get_cifar10, root), "get_cifar10(root)")
        x, _ = attempt("the first batch of get_cifar10(root)", next, iter(train))
        expect(tuple(x.shape) == (32, 3, 224, 224),
               f"get_cifar10(root) gave a first batch of shape {tuple(x.shape)}; the defaults ask for (32, 3, 224, 224)")


@check("ex4-test-get-vgg")
def builds_an_initialised_vgg_on_the_device(ns: Namespace) -> None:
    get_vgg = defined(ns, "get_vgg")
    ref = reference()
    checkpoint = shared_checkpoint()
    with swapped(ns, **_earlier_exercises()), torch_home(shared_torch_home()):
        for kwargs, classes in (({}, 10), ({"num_classes": 7}, 7)):
            call = f"get_vgg({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
            model = attempt(call, get_vgg, **kwargs)
            expect(isinstance(model, ref.CifarVGG), f"{call} returned {type(model).__name__}, not a CifarVGG")
            shapes = {k: tuple(v.shape) for k, v in model.features.state_dict().items()}
            expected = {k: tuple(v.shape) for k, v in vgg11_features().state_dict().items()}
            expect(shapes == expected, f"{call}: the feature extractor is not VGG-11's")
            differ = [k for k, v in model.features.state_dict().items() if not torch.equal(v, checkpoint[f"features.{k}"])]
            expect(not differ, f"{call}: {len(differ)} tensors of the extractor are not the ImageNet weights")
            with torch.no_grad():
                out = model.eval()(torch.randn(1, 3, 32, 32))
            expect(tuple(out.shape) == (1, classes), f"{call} gives logits of shape {tuple(out.shape)} for one image")
            elsewhere = {t.device.type for t in model.state_dict().values()} - {"cpu"}
            expect(not elsewhere, f"{call} left tensors on {sorted(elsewhere)}; device defaults to 'cpu'")
        model = attempt("get_vgg(device='meta')", get_vgg, device="meta")
        devices = {t.device.type for t in model.state_dict().values()}
        expect(devices == {"meta"}, f"get_vgg(device='meta') gave a network with tensors on {sorted(devices)}")


def _bn_model() -> nn.Module:
    torch.manual_seed(0)
    return reference().CifarVGG(vgg11_features(batch_norm=True), num_classes=4)


@check("ex4-test-trainer-freezes")
def freezes_the_extractor_and_optimises_the_head(ns: Namespace) -> None:
    TransferTrainer = defined(ns, "TransferTrainer")
    model = _bn_model()
    with swapped(ns, **_earlier_exercises()):
        trainer = attempt("TransferTrainer(model)", TransferTrainer, model)
    thawed = [name for name, p in model.features.named_parameters() if p.requires_grad]
    expect(not thawed, f"after TransferTrainer(model), {len(thawed)} parameters of model.features still require "
                       f"gradients (for example features.{thawed[0] if thawed else ''})")
    frozen = [name for name, p in model.classifier.named_parameters() if not p.requires_grad]
    expect(not frozen, f"after TransferTrainer(model), {len(frozen)} parameters of the classifier do not require gradients")
    optimiser = getattr(trainer, "optimiser", None)
    expect(isinstance(optimiser, torch.optim.SGD), f"trainer.optimiser is {type(optimiser).__name__}, not torch.optim.SGD")
    held = {id(p) for group in optimiser.param_groups for p in group["params"]}
    head = {id(p) for p in model.classifier.parameters()}
    extractor = {id(p) for p in model.features.parameters()}
    expect(not held & extractor, f"trainer.optimiser holds {len(held & extractor)} parameters of the frozen extractor")
    expect(head <= held, f"trainer.optimiser misses {len(head - held)} of the classifier's {len(head)} parameters")
    expect(held <= head, f"trainer.optimiser holds {len(held - head)} tensors that are not the classifier's parameters")


def _epoch_values(values, name: str, epochs: int) -> None:
    expect(isinstance(values, (list, tuple)) and len(values) == epochs,
           f"train(..., num_epochs={epochs}) returned {name} = {values!r}; one number per epoch was expected")
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError, RuntimeError):
            number = None
        expect(number is not None and math.isfinite(number), f"{name} holds {value!r}, not a finite number")


@check("ex4-test-trainer-trains")
def trains_the_head_and_validates_every_epoch(ns: Namespace) -> None:
    TransferTrainer = defined(ns, "TransferTrainer")
    model = _bn_model()
    generator = torch.Generator().manual_seed(1)
    def batches(n): return [(torch.randn(8, 3, 32, 32, generator=generator), torch.randint(0, 4, (8,), generator=generator))
                            for _ in range(n)]
    train, valid = CountingBatches(batches(3)), CountingBatches(batches(2))
    extractor = {k: v.clone() for k, v in model.features.state_dict().items()}
    head = {k: v.clone() for k, v in model.classifier.state_dict().items()}
    with swapped(ns, **_earlier_exercises()):
        trainer = attempt("TransferTrainer(model)", TransferTrainer, model)
        result = attempt("trainer.train(train_batches, valid_batches, num_epochs=2)", trainer.train, train, valid, num_epochs=2)
    expect(isinstance(result, (tuple, list)) and len(result) == 2,
           f"trainer.train returned {type(result).__name__}; a pair (train_errs, valid_errs) was expected")
    _epoch_values(result[0], "train_errs", 2)
    _epoch_values(result[1], "valid_errs", 2)
    expect(train.passes >= 2, f"2 epochs went over the training batches {train.passes} times")
    expect(valid.passes >= 2, f"2 epochs went over the validation batches {valid.passes} times; validate every epoch")

    changed = [k for k, v in model.features.state_dict().items() if not torch.equal(v, extractor[k])]
    buffers = [k for k in changed if "running" in k or "num_batches" in k]
    expect(not buffers, f"training changed {len(buffers)} BatchNorm statistics of the frozen extractor "
                        f"(for example features.{buffers[0] if buffers else ''})")
    expect(not changed, f"training changed {len(changed)} tensors of the frozen extractor (for example features.{changed[0] if changed else ''})")
    learned = [k for k, v in model.classifier.state_dict().items() if not torch.equal(v, head[k])]
    expect(learned, "after training, the classifier's parameters are unchanged")
    finite = all(torch.isfinite(v).all() for v in model.classifier.state_dict().values())
    expect(finite, "after training, the classifier holds NaN or inf")
