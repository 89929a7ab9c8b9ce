"""`lawsim test scenarios/` runs every documented case's expectations as part of the suite."""

import json

from click.testing import CliRunner

from lawsim.cli import cli

from conftest import ROOT


def test_every_documented_case_meets_its_expectations():
    result = CliRunner().invoke(cli, ["test", str(ROOT / "scenarios")])
    last = result.output.strip().splitlines()[-1]
    assert result.exit_code == 0, result.output
    passed, failed = last.split(", ")
    assert failed == "0 failed"
    # Nine documented situations and four rule-derived ones, each with several versions.
    assert int(passed.split()[0]) >= 50


def test_april_2017_notification_is_permitted_now_and_prohibited_by_int_0185():
    scenario = str(ROOT / "scenarios" / "apr-2017-pickup-coordination.yaml")
    result = CliRunner().invoke(cli, ["simulate", str(ROOT / "bills" / "current.law"),
                                      str(ROOT / "bills" / "powers.law"), "--scenarios", scenario,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    (case,) = json.loads(result.output)["scenarios"]
    results = {r["version"]: r for r in case["results"]}
    assert results["current"]["verdict"] == "permitted"
    assert results["current"]["deciding_rules"] == ["9-131(h)(2):communication_allowed"]
    assert results["powers"]["verdict"] == "prohibited"
    assert "9-131(h)(2):communication_limit" in results["powers"]["deciding_rules"]
