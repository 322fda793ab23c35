"""What students receive holds no solution and no hidden test, and nothing but the notebook."""
from __future__ import annotations

from course import notebooks
from course.paths import ASSIGNMENT, RELEASE_NOTEBOOK, ROOT, SOURCE_NOTEBOOK

RELEASE_TEXT = "\n".join(notebooks.source(cell) for cell in notebooks.read(RELEASE_NOTEBOOK)["cells"])
SOURCE = notebooks.read(SOURCE_NOTEBOOK)


def _solution_lines() -> set[str]:
    """Lines that appear only inside solution blocks of the source (not in given code)."""
    inside, outside = set(), set()
    for cell in SOURCE["cells"]:
        block = False
        for line in notebooks.source(cell).splitlines():
            stripped = line.strip()
            if stripped == "### BEGIN SOLUTION":
                block = True
            elif stripped == "### END SOLUTION":
                block = False
            elif len(stripped) > 12:
                (inside if block else outside).add(stripped)
    return inside - outside


def test_release_has_no_solution_markers_or_hidden_tests():
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "run_check"):
        assert marker not in RELEASE_TEXT


def test_release_has_no_solution_code():
    release_lines = {line.strip() for cell in notebooks.read(RELEASE_NOTEBOOK)["cells"]
                     for line in notebooks.source(cell).splitlines()}
    leaked = _solution_lines() & release_lines
    assert not leaked, f"solution lines in the release: {sorted(leaked)[:5]}"


def test_source_has_the_hidden_tests_the_release_lacks():
    for cell in notebooks.graded_cells(SOURCE):
        assert "### BEGIN HIDDEN TESTS" in notebooks.source(cell)


def test_release_stubs_keep_every_contract_name():
    for name in ("def evaluate(network", "def update(network", "class CifarVGG(nn.Module)", "def vgg_init_(network",
                 "def get_cifar10(root, batch_size=32, resize=(224, 224), num_train=500, num_valid=500, num_workers=4)",
                 'def get_vgg(num_classes=10, device="cpu")', "class TransferTrainer", "def train(self, train_batches, valid_batches, num_epochs=1)",
                 "class PreResBlock(nn.Module)", "def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1)"):
        assert name in RELEASE_TEXT, name


def test_only_the_notebook_reaches_students():
    """nbgrader copies every file of the assignment folder to students: only the notebook is there."""
    for folder in (ROOT / "source" / ASSIGNMENT, ROOT / "release" / ASSIGNMENT):
        assert sorted(p.name for p in folder.iterdir()) == [RELEASE_NOTEBOOK.name]
