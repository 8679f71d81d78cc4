"""Build the fixture journal into tests/golden/ (`make golden`), then review the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.build import build

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture"
GOLDEN = HERE / "golden"


def build_fixture(out: Path) -> None:
    """Build a copy of the fixture, so its cache is never written into tests/."""
    with tempfile.TemporaryDirectory() as temp:
        journal = Path(temp) / "journal"
        shutil.copytree(FIXTURE, journal)
        build(journal, out)


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "site"
        build_fixture(out)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    print(f"Refreshed {GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN}")


if __name__ == "__main__":
    main()
