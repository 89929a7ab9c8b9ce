"""Golden tests: every malformed input in tests/data/errors gets a good diagnostic.

Each file is named ``<CODE>_<what>.law``: checking it must report that code
(an error, or for W-codes a warning), and the rendered text must match
tests/golden/diagnostics/<name>.txt (regenerate with ``pytest --update-golden``
and review the diff).  Paths are given relative to the repository root so
the rendered text is the same on every machine.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from lawsim import api
from lawsim.diagnostics import render_all, to_json

ERRORS = ROOT / "tests" / "data" / "errors"
CASES = sorted(p.name for p in ERRORS.glob("*.law") if p.name[:1] in "EW")


def _check(monkeypatch, name: str):
    monkeypatch.chdir(ROOT)
    [result] = api.check([f"tests/data/errors/{name}"])
    return result


def test_every_case_is_collected():
    assert len(CASES) >= 60
    assert (ERRORS / "base.law").exists()


def test_the_base_law_of_the_bill_cases_is_valid(monkeypatch):
    monkeypatch.chdir(ROOT)
    [result] = api.check(["tests/data/errors/base.law"])
    assert result.ok and result.diagnostics == ()


@pytest.mark.parametrize("name", CASES)
def test_diagnostic_matches_golden(name, monkeypatch, golden):
    result = _check(monkeypatch, name)
    code = name.split("_", 1)[0]
    codes = {d.code for d in result.diagnostics}
    assert code in codes, f"{name}: expected {code}, got {sorted(codes)}"
    if code.startswith("W"):
        assert result.ok, "a warning alone must not fail the check"
    else:
        assert not result.ok
        assert all(d.severity == "error" for d in result.diagnostics if d.code.startswith("E"))
    golden(f"diagnostics/{name[:-4]}.txt", render_all(result.diagnostics) + "\n")


@pytest.mark.parametrize("name", CASES)
def test_diagnostics_have_a_location_and_serialise(name, monkeypatch):
    result = _check(monkeypatch, name)
    for diag in result.diagnostics:
        data = json.loads(json.dumps(to_json(diag)))
        assert data["code"] == diag.code and data["message"]
        if name not in ("E002_utf16.law",):
            assert "span" in data and data["span"]["line"] >= 1 and data["span"]["column"] >= 1
