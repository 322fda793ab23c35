"""Exercise 5: ``PreResBlock``, a pre-activation residual block."""
from __future__ import annotations

import math

import torch
from torch import nn

from .failure import expect
from .registry import Namespace, check
from .student import attempt, defined


def _block(ns: Namespace, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1) -> nn.Module:
    PreResBlock = defined(ns, "PreResBlock")
    call = f"PreResBlock({in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride})"
    block = attempt(call, PreResBlock, in_channels, out_channels, kernel_size=kernel_size, stride=stride)
    block.call = call
    return block


def _branch_convs(block: nn.Module, kernel_size: int) -> list[nn.Conv2d]:
    convs = [m for m in block.modules() if isinstance(m, nn.Conv2d) and m.kernel_size == (kernel_size, kernel_size)]
    expect(len(convs) == 2, f"{block.call} has {len(convs)} convolutions with a {kernel_size}x{kernel_size} kernel; "
                            f"the residual branch has two")
    return convs


def _zero_branch(block: nn.Module, kernel_size: int) -> None:
    with torch.no_grad():
        for conv in _branch_convs(block, kernel_size):
            conv.weight.zero_()
            if conv.bias is not None:
                conv.bias.zero_()


def _skip_parameters(block: nn.Module, kernel_size: int) -> int:
    """Parameters outside the branch's convolutions and the normalisation layers."""
    branch = {id(p) for conv in _branch_convs(block, kernel_size) for p in conv.parameters()}
    norms = {id(p) for m in block.modules() if isinstance(m, nn.modules.batchnorm._NormBase) for p in m.parameters()}
    return sum(p.numel() for p in block.parameters() if id(p) not in branch | norms)


def _forward(block: nn.Module, x: torch.Tensor, mode: str) -> torch.Tensor:
    block.train(mode == "train")
    out = attempt(f"{getattr(block, 'call', 'the block')} in {mode} mode", block, x)
    expect(isinstance(out, torch.Tensor), f"{getattr(block, 'call', 'the block')} returned {type(out).__name__}, not a tensor")
    return out


def _signed_input(channels: int, seed: int = 0) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return (2 * torch.randn(4, channels, 9, 11, generator=generator)).requires_grad_()


@check("ex5-test-shapes")
def keeps_or_divides_the_size(ns: Namespace) -> None:
    cases = [(8, 8, 3, 1, (9, 11)), (3, 8, 3, 1, (8, 8)), (8, 16, 5, 1, (7, 10)),
             (8, 8, 3, 2, (9, 11)), (16, 8, 3, 2, (8, 8)), (8, 12, 5, 3, (10, 10))]
    for c_in, c_out, k, stride, (h, w) in cases:
        block = _block(ns, c_in, c_out, k, stride)
        _branch_convs(block, k)
        expected = (2, c_out, math.ceil(h / stride), math.ceil(w / stride))
        for mode in ("train", "eval"):
            with torch.no_grad():
                out = _forward(block, torch.randn(2, c_in, h, w), mode)
            expect(tuple(out.shape) == expected,
                   f"{block.call} in {mode} mode maps {(2, c_in, h, w)} to {tuple(out.shape)}; expected {expected}")
    PreResBlock = defined(ns, "PreResBlock")
    block = attempt("PreResBlock(8, 8)", PreResBlock, 8, 8)
    block.call = "PreResBlock(8, 8)"
    _branch_convs(block, 3)


def _expect_identity(module: nn.Module, what: str, channels: int = 8) -> None:
    for mode in ("train", "eval"):
        x = _signed_input(channels)
        out = _forward(module, x, mode)
        expect(out.shape == x.shape and torch.equal(out, x),
               f"{what} in {mode} mode with the branch convolutions zeroed is not the identity: "
               f"max |output - input| = {(out - x).abs().max().item() if out.shape == x.shape else 'shape differs'}, "
               f"smallest output {out.min().item():.3g} for smallest input {x.min().item():.3g}")
        grad = torch.randn_like(x)
        attempt(f"backward through {what}", out.backward, grad)
        expect(x.grad is not None and torch.equal(x.grad, grad),
               f"{what} in {mode} mode with the branch convolutions zeroed does not pass gradients through unchanged")


@check("ex5-test-identity")
def is_the_identity_with_a_zeroed_branch(ns: Namespace) -> None:
    for k in (3, 5):
        block = _block(ns, 8, 8, k)
        extra = _skip_parameters(block, k)
        expect(extra == 0, f"{block.call} has {extra} parameters outside its residual branch; "
                           f"when the shapes match, the skip needs none")
        _zero_branch(block, k)
        _expect_identity(block, block.call)
    blocks = [_block(ns, 8, 8) for _ in range(30)]
    for block in blocks:
        _zero_branch(block, 3)
    _expect_identity(nn.Sequential(*blocks), "a stack of 30 PreResBlock(8, 8)")


@check("ex5-test-projection")
def projects_minimally_when_shapes_change(ns: Namespace) -> None:
    for c_in, c_out, stride in ((8, 16, 1), (8, 8, 2), (8, 16, 2)):
        block = _block(ns, c_in, c_out, 3, stride)
        extra, limit = _skip_parameters(block, 3), c_in * c_out + c_out
        expect(extra <= limit, f"{block.call} has {extra} parameters outside its residual branch; "
                               f"a minimal projection needs at most {limit}")
        _zero_branch(block, 3)
        x = _signed_input(c_in)
        out = _forward(block, x, "train")
        expect(out.abs().sum().item() > 0,
               f"{block.call} with the branch convolutions zeroed gives all zeros: nothing reaches the output past the branch")
        expect(out.min().item() < 0,
               f"{block.call} with the branch convolutions zeroed gives no negative values: something clips the sum")
        attempt(f"backward through {block.call}", out.sum().backward)
        expect(x.grad is not None and x.grad.abs().sum().item() > 0,
               f"{block.call} with the branch convolutions zeroed passes no gradient to its input")


@check("ex5-test-pre-activation")
def activates_before_each_convolution(ns: Namespace) -> None:
    for c_in, c_out, stride in ((8, 8, 1), (8, 16, 2)):
        block = _block(ns, c_in, c_out, 3, stride)
        seen: list[torch.Tensor] = []
        hooks = [conv.register_forward_pre_hook(lambda module, args: seen.append(args[0].detach()))
                 for conv in _branch_convs(block, 3)]
        generator = torch.Generator().manual_seed(0)
        x = 3 + 2 * torch.randn(8, c_in, 9, 11, generator=generator)  # mostly positive, far from normalised
        with torch.no_grad():
            _forward(block, x, "train")
        for hook in hooks:
            hook.remove()
        expect(len(seen) == 2, f"{block.call}: its two branch convolutions ran {len(seen)} times in one forward pass")
        for position, inputs in zip(("first", "second"), seen):
            expect(inputs.min().item() >= 0,
                   f"{block.call}: the {position} convolution of the branch received negative values; "
                   f"each convolution of a pre-activation block sees activated input")
            zeros = (inputs == 0).float().mean().item()
            expect(0.25 <= zeros <= 0.75,
                   f"{block.call}: the activation before the {position} convolution zeroed {zeros:.0%} of its input; "
                   f"normalised input would lose about half")
