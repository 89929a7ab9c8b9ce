"""The guard rails run with the suite: the import-layer contract, mypy and ruff.

They are installed by the project's own test extra (pyproject.toml), so a
missing tool fails here instead of being skipped; the configuration of each
is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)  # the environment the suite runs in
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install '.[test]' installs it"
    return found


@pytest.mark.parametrize("tool, args", [
    ("lint-imports", ("--no-cache",)),
    ("ruff", ("check", "--no-cache", "lawsim", "tests", "benchmarks")),
    ("mypy", ("--no-incremental", "--cache-dir", "/dev/null")),
], ids=["import-contract", "ruff", "mypy"])
def test_guard_rail_passes(tool, args):
    result = subprocess.run([_tool(tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
