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


def _validate_json_output(stdout: str, args) -> None:
    """Check a JSON document printed by a command against the schema it declares (lawsim/schemas/)."""
    import json

    from jsonschema import Draft202012Validator

    from lawsim import schemas

    text = stdout.lstrip()
    if not text.startswith("{"):
        return
    try:
        document = json.loads(text)
    except ValueError:
        return  # not a JSON document (a text report that starts with a brace would be odd, but is not ours to judge)
    if not isinstance(document, dict) or ("schema" not in document and "diagnostics" not in document):
        return
    name = schemas.for_document(document)
    assert name in schemas.names(), f"lawsim {' '.join(map(str, args))} printed JSON of an unknown schema {name!r}"
    errors = sorted(Draft202012Validator(_schema(name)).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, (f"lawsim {' '.join(map(str, args))}: the output does not match lawsim/schemas/{name}.json: "
                        + "; ".join(f"at {'/'.join(map(str, e.absolute_path)) or 'the top'}: {e.message[:200]}"
                                    for e in errors[:5]))


_SCHEMAS: dict[str, dict] = {}


def _schema(name: str) -> dict:
    if name not in _SCHEMAS:
        from lawsim import schemas

        _SCHEMAS[name] = schemas.load(name)
    return _SCHEMAS[name]


@pytest.fixture(autouse=True)
def json_outputs_match_their_schemas(monkeypatch):
    """Every JSON document a test gets from the CLI (through CliRunner) is validated against its schema.

    So the schemas are checked against every JSON output the suite produces,
    not only against the examples of tests/test_schemas.py.
    """
    from click.testing import CliRunner

    invoke = CliRunner.invoke

    def checked(self, cli, args=None, *rest, **kwargs):
        result = invoke(self, cli, args, *rest, **kwargs)
        if result.exception is None or isinstance(result.exception, SystemExit):
            _validate_json_output(result.stdout, args or ())
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked)


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
