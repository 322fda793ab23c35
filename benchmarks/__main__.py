"""``python -m benchmarks``: run every benchmark once on one device, print a table, write JSON.

    python -m benchmarks            # full sizes (under 10 minutes on 2 CPU cores), benchmarks/results.json
    python -m benchmarks --quick    # small sizes, benchmarks/results-quick.json
    python -m benchmarks --only evaluation,data_pipeline

``VN_DEVICE`` picks the device (else CUDA, else MPS, else CPU); ``VN_BENCH_QUICK=1`` is ``--quick``.
Partial or quick runs write elsewhere by default so they never replace the full results.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torchvision

from . import autograde, data_pipeline, evaluation, grading_throughput, head_training
from .device import pick_device
from .report import table, write_json

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("head_training", "evaluation", "data_pipeline", "autograde", "grading_throughput")


def _machine() -> dict[str, object]:
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "torch": torch.__version__,
            "torchvision": torchvision.__version__}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", default=os.environ.get("VN_BENCH_QUICK") == "1",
                        help="small sizes, for checking that everything runs")
    parser.add_argument("--only", default=",".join(BENCHMARKS),
                        help=f"comma-separated subset of {','.join(BENCHMARKS)}")
    parser.add_argument("--output", type=Path, help="where the JSON goes")
    arguments = parser.parse_args()
    arguments.only = [name.strip() for name in arguments.only.split(",") if name.strip()]
    unknown = sorted(set(arguments.only) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmarks {unknown}; choose from {BENCHMARKS}")
    if arguments.output is None:
        partial = arguments.quick or set(arguments.only) != set(BENCHMARKS)
        arguments.output = HERE / ("results-quick.json" if partial else "results.json")
    return arguments


def main() -> None:
    arguments = _arguments()
    device = pick_device()
    quick = arguments.quick
    runs: dict[str, Callable[[], dict[str, object]]] = {
        "head_training": lambda: head_training.run(device, head_training.QUICK if quick else head_training.Sizes()),
        "evaluation": lambda: evaluation.run(device, evaluation.QUICK if quick else evaluation.Sizes()),
        "data_pipeline": lambda: data_pipeline.run(device, data_pipeline.QUICK if quick else data_pipeline.Sizes()),
        "autograde": autograde.run,  # grading is CPU-only by design, and has no size to shrink
        "grading_throughput": grading_throughput.run,
    }
    results: dict[str, object] = {
        "device": str(device), "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": _machine(), "quick": quick,
    }
    started = time.perf_counter()
    for name in arguments.only:
        print(f"running {name} on {device} ...", flush=True)
        begun = time.perf_counter()
        results[name] = runs[name]()
        results[name]["wall_seconds"] = time.perf_counter() - begun
    results["total_seconds"] = time.perf_counter() - started
    print()
    print(table(results))
    print(f"\n{device}, {results['total_seconds']:.0f} s in all; JSON in {arguments.output}")
    write_json(results, arguments.output)


if __name__ == "__main__":
    main()
