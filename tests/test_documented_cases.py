"""`lawsim test scenarios/` runs every documented case's expectations as part of the suite."""

import json

from click.testing import CliRunner
from conftest import ROOT

from lawsim.cli import cli


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


def _explain(*args):
    return CliRunner().invoke(cli, ["explain", *args])


def test_explain_april_2017_cites_the_exception_today_and_int_0185_after():
    scenario = str(ROOT / "scenarios" / "apr-2017-pickup-coordination.yaml")
    now = _explain(str(ROOT / "bills" / "current.law"), "--scenario", scenario)
    assert now.exit_code == 0, now.output
    assert "Verdict: PERMITTED" in now.output
    assert "§ 9-131(h)(2)" in now.output and "unless covered_person" in now.output
    after = _explain(str(ROOT / "bills" / "powers.law"), "--scenario", scenario)
    assert after.exit_code == 0, after.output
    assert "Verdict: PROHIBITED" in after.output
    assert "(text of bill Int 0185-2022)" in after.output


def test_explain_facts_on_the_command_line_override_the_scenario_file():
    scenario = str(ROOT / "scenarios" / "apr-2017-pickup-coordination.yaml")
    out = _explain(str(ROOT / "bills" / "powers.law"), "--scenario", scenario, "--fact", "presented=judicial_warrant",
                   "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["facts"]["presented"] == "judicial_warrant"
    assert data["verdict"] == "permitted"


def test_explain_with_a_broken_scenario_file_reports_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nstory: y\nfacts:\n  agency: dco\n", encoding="utf-8")
    out = _explain(str(ROOT / "bills" / "current.law"), "--scenario", str(bad))
    assert out.exit_code == 1
    assert f"{bad}:4:11" in out.output and "^^^" in out.output
    assert "Traceback" not in out.output


def test_lawsim_test_without_a_path_runs_the_bundled_cases(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./scenarios here
    result = CliRunner().invoke(cli, ["test"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith(", 0 failed")
    assert "apr-2017-pickup-coordination" in result.output


def test_explain_api_refuses_a_folder_of_scenarios():
    import pytest

    from lawsim import api

    with pytest.raises(api.UsageError, match="name one scenario file"):
        api.explain(str(ROOT / "bills" / "current.law"), {}, None, str(ROOT / "scenarios"))
