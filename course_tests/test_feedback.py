"""What students read after grading: each failed check's verdict, never the grading code."""
from __future__ import annotations

import html

import pytest

from course.paths import ASSIGNMENT, ROOT

# One verdict per exercise of the "mistakes" demo (see course/release.py)
VERDICTS = [
    "evaluate(): inputs reached the network on cpu, but its parameters are on meta",
    "the pooling is not a global average",
    "tensors of network.features differ from the ImageNet checkpoint",
    "BatchNorm statistics of the frozen extractor",
    "with the branch convolutions zeroed is not the identity",
]
GRADING_CODE = ["run_check", "BEGIN HIDDEN TESTS", "def check", "expect("]


@pytest.fixture(scope="module", params=["fresh", "committed"])
def feedback_text(request, graded):
    path = graded["mistakes"].feedback if request.param == "fresh" else \
        ROOT / "feedback" / "mistakes" / ASSIGNMENT / "vision_networks.html"
    return html.unescape(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("verdict", VERDICTS)
def test_feedback_says_what_was_checked_and_observed(feedback_text, verdict):
    assert verdict in feedback_text


@pytest.mark.parametrize("code", GRADING_CODE)
def test_feedback_shows_no_grading_code(feedback_text, code):
    assert code not in feedback_text
