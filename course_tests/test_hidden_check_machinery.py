"""The pieces every hidden check relies on: verdicts, silence, spies, swaps and the reference."""
from __future__ import annotations

import os
import sys

import pytest
import torch

from hidden_checks import HiddenTestFailure, run_check
from hidden_checks.quiet import silenced
from hidden_checks.reference import reference
from hidden_checks.registry import all_checks
from hidden_checks.spies import CountingBatches, MetaSpy, SpyStop, TargetSpy
from hidden_checks.swap import swapped


def test_a_failure_renders_as_its_message_alone():
    failure = HiddenTestFailure("data reached the network on cpu, but its parameters are on meta")
    assert failure._render_traceback_() == ["Hidden test failed: data reached the network on cpu, but its parameters are on meta"]


def test_silenced_swallows_python_and_file_descriptor_output(capfd):
    with silenced():
        print("to stdout")
        print("to stderr", file=sys.stderr)
        os.write(2, b"straight to fd 2\n")
        import warnings
        warnings.warn("a warning")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_meta_spy_records_device_mode_and_autograd():
    spy = MetaSpy()
    spy.eval()
    with torch.no_grad():
        spy(torch.zeros(2, 3))
    assert spy.seen[0].device.type == "cpu" and spy.seen[0].training is False and spy.seen[0].grad_enabled is False
    with pytest.raises(SpyStop):
        TargetSpy()(None, torch.zeros(2))


def test_counting_batches_counts_passes():
    batches = CountingBatches([1, 2])
    assert list(batches) == [1, 2] and list(batches) == [1, 2] and batches.passes == 2


def test_swapped_restores_and_removes():
    namespace = {"kept": 1}
    with swapped(namespace, kept=2, added=3):
        assert namespace == {"kept": 2, "added": 3}
    assert namespace == {"kept": 1}


def test_reference_has_every_contract_name():
    ref = reference()
    for name in ("evaluate", "update", "CifarVGG", "vgg_init_", "get_cifar10", "get_vgg", "TransferTrainer", "PreResBlock"):
        assert hasattr(ref, name), name


@pytest.mark.parametrize("name", sorted(all_checks()))
def test_every_check_passes_the_reference(name):
    run_check(name, dict(vars(reference())))


@pytest.mark.parametrize("name", sorted(all_checks()))
def test_every_check_fails_an_empty_notebook_with_a_message(name):
    with pytest.raises(HiddenTestFailure, match="is not defined"):
        run_check(name, {})


def test_an_unknown_check_is_a_course_bug():
    with pytest.raises(HiddenTestFailure, match="course bug"):
        run_check("ex9-nothing", {})


def test_an_error_in_student_code_is_reported_not_raised():
    def evaluate(network, data, metric):
        raise ZeroDivisionError("oops")

    with pytest.raises(HiddenTestFailure, match="ZeroDivisionError: oops"):
        run_check("ex1-test-evaluate", {"evaluate": evaluate})


def test_a_stub_is_told_apart_from_other_errors():
    from hidden_checks.failure import describe_error

    def raised(error):
        try:
            raise error
        except Exception as caught:
            return describe_error(caught)

    assert "not done yet" in raised(NotImplementedError())
    assert raised(NotImplementedError("Cannot copy out of meta tensor")).startswith(
        "NotImplementedError: Cannot copy out of meta tensor")


def test_silenced_turns_progress_bars_off():
    from tqdm.auto import tqdm

    with silenced():
        bar = tqdm(range(3))
    assert bar.disable
    assert not tqdm(range(3), file=open(os.devnull, "w")).disable
