"""Shared fixtures and the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite golden files from the current output instead of comparing.")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/<name>; rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = ROOT / "tests" / "golden" / name
        if update or not path.exists() and update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden and review the diff"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs from its golden file (pytest --update-golden to accept)"

    return check
