"""Shared fixtures, the --update-golden flag and the suite's Hypothesis profile.

One Hypothesis profile holds the settings every property test shares (no
deadline: runtimes vary on a loaded 2-core machine; slow data generation is
expected for whole laws).  ``LAWSIM_HYPOTHESIS=slow`` selects a profile that
runs every property :data:`SLOW_FACTOR` times as many examples.  A test that
wants more or fewer examples than the default says so through
:func:`examples`, which scales with the profile.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

SLOW_FACTOR = 25
_PROFILE = os.environ.get("LAWSIM_HYPOTHESIS", "default")
if _PROFILE not in ("default", "slow"):
    raise pytest.UsageError(f"LAWSIM_HYPOTHESIS={_PROFILE!r}: the profiles are 'default' and 'slow'")
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("default", max_examples=40, **_COMMON)
settings.register_profile("slow", max_examples=40 * SLOW_FACTOR, **_COMMON)
settings.load_profile(_PROFILE)


def examples(n: int) -> int:
    """``n`` examples in the default profile, ``SLOW_FACTOR * n`` in the slow one."""
    return n * SLOW_FACTOR if _PROFILE == "slow" else n


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


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory) -> Path:
    """``lawsim report`` with no arguments, run once for every test that reads the bundled report."""
    from click.testing import CliRunner

    from lawsim.cli import cli

    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    return out
