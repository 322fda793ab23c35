"""Where things are in the course repository."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "vision_networks"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
SOURCE_NOTEBOOK = ROOT / "source" / ASSIGNMENT / NOTEBOOK
RELEASE_NOTEBOOK = ROOT / "release" / ASSIGNMENT / NOTEBOOK
SOLUTION_NOTEBOOK = ROOT / "solution" / ASSIGNMENT / NOTEBOOK
EXERCISES = ("ex1", "ex2", "ex3", "ex4", "ex5")
POINTS = {"ex1": 3, "ex2": 2, "ex3": 2, "ex4": 4, "ex5": 4}
