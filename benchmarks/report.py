"""The results as a Markdown table on stdout and as JSON on disk."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

Results = dict[str, Any]


def _rate(value: float) -> str:
    return f"{value:,.1f} img/s" if value < 100 else f"{value:,.0f} img/s"


def _seconds(value: float) -> str:
    return f"{value:.3g} s" if value < 1 else f"{value:.1f} s"


def _ratio(value: float) -> str:
    return f"{value:,.0f}x" if value >= 100 else f"{value:.2f}x"


def _rows(results: Results) -> list[tuple[str, str, str, str, str]]:
    rows = []
    if "head_training" in results:
        r = results["head_training"]
        rows.append(("head_training (s/epoch)", "recompute " + _seconds(r["recompute_seconds_per_epoch"]),
                     "cached " + _seconds(r["cached_seconds_per_epoch"]), _ratio(r["ratio"]), ">= 100x"))
    if "evaluation" in results:
        r = results["evaluation"]
        rows.append(("evaluation (throughput)", "fp32 " + _rate(r["naive_images_per_second"]),
                     "tuned " + _rate(r["tuned_images_per_second"]), _ratio(r["ratio"]), ">= 2x"))
    if "data_pipeline" in results:
        r = results["data_pipeline"]
        rows.append(("data_pipeline (throughput)", "PIL " + _rate(r["per_sample_images_per_second"]),
                     "batched " + _rate(r["batched_images_per_second"]), _ratio(r["ratio"]), "-"))
    if "autograde" in results:
        r = results["autograde"]
        rows.append(("autograde (s, one submission)", "floor " + _seconds(r["floor_seconds"]),
                     "autograde " + _seconds(r["reference_autograde_seconds"]), _ratio(r["ratio"]), "<= 3x"))
    if "grading_throughput" in results:
        r = results["grading_throughput"]
        rows.append(("grading_throughput (submissions/min)", f"1 worker {r['one_worker_per_minute']:.1f}",
                     f"2 workers {r['two_workers_per_minute']:.1f}", _ratio(r["ratio"]), "-"))
    return rows


def _details(results: Results) -> list[str]:
    """What a reader needs to trust the headline: ingredients, one-off costs, accuracy, memory."""
    lines = []
    if "head_training" in results:
        r = results["head_training"]
        lines.append(f"- head_training: one-off feature extraction {_seconds(r['feature_extraction_seconds'])} "
                     f"(not per epoch); sizes {r['sizes']}")
    if "evaluation" in results:
        r = results["evaluation"]
        steps = ", ".join(f"{name} {_rate(v['images_per_second'])}" for name, v in r["variants"].items())
        lines.append(f"- evaluation: {steps} (autocast {r['autocast_dtype']}); tuned vs fp32 logits: "
                     f"max abs diff {r['logits_max_abs_diff']:.3g} (max |logit| {r['logits_max_abs']:.3g}), "
                     f"argmax agreement {r['argmax_agreement']:.0%}; sizes {r['sizes']}")
    if "data_pipeline" in results:
        r = results["data_pipeline"]
        lines.append(f"- data_pipeline: {r['images_per_epoch']} images/epoch, one-off preload "
                     f"{_seconds(r['preload_seconds'])}, max abs diff of outputs {r['outputs_max_abs_diff']:.3g}; "
                     f"sizes {r['sizes']}")
    if "autograde" in results:
        r = results["autograde"]
        ref, rel = r["reference"], r["release"]
        lines.append(f"- autograde: reference {_seconds(ref['autograde_seconds'])} (score {ref['score']:g}, "
                     f"+ generate_assignment {_seconds(ref['generate_assignment_seconds'])}, end to end "
                     f"{_seconds(ref['end_to_end_seconds'])}); untouched release {_seconds(rel['autograde_seconds'])} "
                     f"(score {rel['score']:g}) so reference minus nbgrader overhead "
                     f"{_seconds(r['reference_minus_release_seconds'])}; peak RSS MB: floor "
                     f"{r['floor']['peak_rss_mb']:.0f}, reference {ref['peak_rss_mb']:.0f}, release {rel['peak_rss_mb']:.0f}")
    return lines


def table(results: Results) -> str:
    header = ["benchmark", "baseline", "tuned", "ratio", "target"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in _rows(results)]
    return "\n".join(lines + [""] + _details(results))


def _finite(value: Any) -> Any:
    """JSON has no inf/nan: a zero-time tuned run would otherwise write an invalid file."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def write_json(results: Results, path: Path) -> None:
    path.write_text(json.dumps(_finite(results), indent=2) + "\n", encoding="utf-8")
