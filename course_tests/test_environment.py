"""environment.yml (conda) and requirements.txt (pip) pin the same packages at the same versions."""
from __future__ import annotations

import re

from course.paths import ROOT

CONDA_NAMES = {"pytorch": "torch", "psycopg2": "psycopg2-binary"}  # conda-forge's name -> PyPI's


def _pip() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _conda() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s+- ([\w.-]+)=([\w.]+)$", line)
        if match and match[1] != "python":
            pins[CONDA_NAMES.get(match[1], match[1]).lower()] = match[2]
    return pins


def test_every_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.match(r"^[\w.-]+==[\w.]+$", line), line


def test_conda_environment_matches_the_requirements():
    assert _conda() == _pip()


def test_torch_pins_match_the_grading_machine():
    assert _pip()["torch"] == "2.14.1" and _pip()["torchvision"] == "0.29.1"
