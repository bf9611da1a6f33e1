"""The README's examples run as doctests (test.sh passes --doctest-glob=README.md
for the file itself); this checks that they are there to run."""

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_has_examples_for_every_engine():
    text = README.read_text(encoding="utf-8")
    for needle in ("import pandas", "import polars", "import duckdb", "mapInArrow", ">>> vv.validate_table"):
        assert needle in text, needle
