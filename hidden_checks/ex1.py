"""Exercise 1: device-aware ``evaluate`` and ``update``."""
from __future__ import annotations

import copy
import math

import torch
from torch import nn

from . import accelerators
from .failure import expect
from .registry import Namespace, check
from .spies import MetaSpy, SpyStop, TargetSpy
from .student import attempt, defined


def _batches(sizes=(4, 3, 5), features: int = 6, classes: int = 5, seed: int = 0) -> list:
    generator = torch.Generator().manual_seed(seed)
    return [(torch.randn(n, features, generator=generator), torch.randint(0, classes, (n,), generator=generator))
            for n in sizes]


def _accuracy(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (logits.argmax(dim=1) == y).float().mean()


def _floats(result, what: str, count: int) -> list[float]:
    expect(isinstance(result, (list, tuple)), f"{what} returned {type(result).__name__}; a list was expected")
    expect(len(result) == count, f"{what} returned {len(result)} values for {count} batches; one per batch was expected")
    kinds = sorted({type(value).__name__ for value in result if not isinstance(value, float)})
    expect(not kinds, f"{what} returned values of type {', '.join(kinds)}; one Python float per batch was expected")
    return list(result)


def _spy_run(function, network: MetaSpy, spy: TargetSpy, *args) -> None:
    """Run student code on the meta spy until its metric or loss has seen the first batch."""
    batches = _batches(sizes=(4,), classes=10)
    try:
        attempt(f"{function.__name__}() on a network on the meta device", function, network, batches, spy, *args)
    except SpyStop:
        pass
    expect(network.seen, f"{function.__name__}() never passed a batch to the network")
    expect(spy.seen, f"{function.__name__}() never passed the network's output and the targets on")


def _check_devices(name: str, network: MetaSpy, spy: TargetSpy) -> None:
    inputs, targets = network.seen[0].device, spy.seen[0].device
    expect(inputs.type == "meta",
           f"{name}(): inputs reached the network on {inputs}, but its parameters are on meta")
    expect(targets.type == "meta",
           f"{name}(): targets were on {targets} next to outputs on meta; the network's parameters are on meta")


@check("ex1-test-evaluate")
def evaluate_is_device_aware_and_exact(ns: Namespace) -> None:
    evaluate = defined(ns, "evaluate")

    spy, metric = MetaSpy(), TargetSpy()
    spy.train()
    _spy_run(evaluate, spy, metric)
    _check_devices("evaluate", spy, metric)
    expect(spy.seen[0].training is False,
           "evaluate(): the network was in train mode while evaluating (Dropout and BatchNorm would act as in training)")
    expect(spy.seen[0].grad_enabled is False,
           "evaluate(): autograd was recording while evaluating, which wastes memory and time")

    torch.manual_seed(0)
    network = nn.Sequential(nn.Linear(6, 5), nn.Dropout(0.5))
    network.train()
    batches = _batches()
    values = _floats(attempt("evaluate()", evaluate, network, batches, _accuracy), "evaluate()", len(batches))
    network.eval()
    with torch.no_grad():
        expected = [_accuracy(network(x), y).item() for x, y in batches]
    expect(all(math.isclose(v, e, abs_tol=1e-6) for v, e in zip(values, expected)),
           f"evaluate() returned {values}, but the metric of each batch in eval mode is {expected}")

    for device in accelerators.present():
        network = nn.Linear(6, 5).to(device)
        _floats(attempt(f"evaluate() with the network on {device}", evaluate, network, batches, _accuracy),
                f"evaluate() on {device}", len(batches))


@check("ex1-test-update-device-mode")
def update_is_device_aware(ns: Namespace) -> None:
    update = defined(ns, "update")
    spy, loss = MetaSpy(), TargetSpy()
    spy.eval()
    optimiser = torch.optim.SGD(spy.parameters(), lr=0.1)
    with torch.no_grad():  # update must turn autograd on by itself
        _spy_run(update, spy, loss, optimiser)
    _check_devices("update", spy, loss)
    expect(spy.seen[0].training is True, "update(): the network was in eval mode while training")
    expect(spy.seen[0].grad_enabled is True,
           "update(): autograd was off during the forward pass when update() was called under torch.no_grad()")

    for device in accelerators.present():
        network = nn.Linear(6, 5).to(device)
        optimiser = torch.optim.SGD(network.parameters(), lr=0.1)
        attempt(f"update() with the network on {device}", update, network, _batches(), nn.CrossEntropyLoss(), optimiser)


def _sgd_reference(network: nn.Module, batches: list, lr: float) -> list[float]:
    optimiser = torch.optim.SGD(network.parameters(), lr=lr)
    losses = []
    for x, y in batches:
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(network(x), y)
        loss.backward()
        optimiser.step()
        losses.append(loss.item())
    return losses


@check("ex1-test-update-steps")
def update_takes_one_clean_step_per_batch(ns: Namespace) -> None:
    update = defined(ns, "update")
    torch.manual_seed(0)
    network = nn.Linear(6, 5)
    for parameter in network.parameters():  # stale gradients from some earlier computation
        parameter.grad = torch.full_like(parameter, 3.0)
    expected_network = copy.deepcopy(network)
    batches = _batches()
    optimiser = torch.optim.SGD(network.parameters(), lr=0.5)
    before = [p.detach().clone() for p in network.parameters()]
    with torch.no_grad():
        result = attempt("update() called under torch.no_grad()", update, network, batches, nn.CrossEntropyLoss(), optimiser)
    losses = _floats(result, "update()", len(batches))
    expected_losses = _sgd_reference(expected_network, batches, lr=0.5)

    after = list(network.parameters())
    expect(not all(torch.equal(b, a) for b, a in zip(before, after)), "update() did not change the parameters")
    same = all(torch.allclose(a, e, atol=1e-5) for a, e in zip(after, expected_network.parameters()))
    expect(same, "after update(), the parameters differ from one SGD step per batch on that batch's gradient alone "
                 "(the network started with stale gradients from an earlier computation)")
    expect(all(math.isclose(v, e, rel_tol=1e-4, abs_tol=1e-6) for v, e in zip(losses, expected_losses)),
           f"update() returned losses {losses}; each batch's loss before its step is {expected_losses}")
