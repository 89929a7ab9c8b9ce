"""`lawsim simulate` and `lawsim test` through click's CliRunner: golden output, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawsim.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/scenarios"
CASES = f"{DATA}/cases"
VERSIONS = ["current", "powers", "hanif", "powers+hanif"]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    # Golden output holds paths relative to the repository.
    monkeypatch.chdir(ROOT)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- simulate


def test_simulate_table(golden):
    result = run("simulate", *VERSIONS, "--scenarios", CASES)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden("simulate/simulate.txt", result.stdout)


def test_simulate_explain(golden):
    result = run("simulate", "current", "powers+hanif", "-s", f"{CASES}/apr-2017-notify.yaml",
                 "-s", f"{CASES}/pending-charge.yaml", "--explain", "--assume", "pending_counts=on")
    assert result.exit_code == 0, result.output
    golden("simulate/simulate-explain.txt", result.stdout)


def test_simulate_json(golden):
    result = run("simulate", f"{DATA}/bills/current.law", f"{DATA}/bills/powers.law+{DATA}/bills/hanif.law",
                 "-s", f"{CASES}/nov-2015-release-time.yaml", "--format", "json", "--explain")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "lawsim.simulate/1"
    assert [r["verdict"] for r in data["scenarios"][0]["results"]] == ["prohibited", "prohibited"]
    golden("simulate/simulate.json", result.stdout)


def test_scenario_files_after_scenarios_flag_are_taken_as_scenarios():
    # What a shell glob such as `--scenarios cases/*.yaml` turns into.
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / CASES).glob("*.yaml"))
    by_glob = run("simulate", "current", "--scenarios", *files)
    by_folder = run("simulate", "current", "--scenarios", CASES)
    assert by_glob.exit_code == 0 and by_glob.stdout == by_folder.stdout
    # 'topic' is declared only by the powers bill, which is not simulated here.
    assert by_glob.stderr.count("warning[W410]: fact 'topic' is not declared by any version simulated") == 3


def test_simulate_is_deterministic():
    outputs = {run("simulate", *VERSIONS, "-s", CASES, "--explain", "--format", fmt).stdout
               for fmt in ("text", "text")}
    assert len(outputs) == 1
    outputs = {run("simulate", *VERSIONS, "-s", CASES, "--format", "json").stdout for _ in range(2)}
    assert len(outputs) == 1


@pytest.mark.parametrize("args, message", [
    (["simulate", "current"], "name the scenarios to run with --scenarios"),
    (["simulate", "nonexistent", "-s", CASES], "there is no file 'nonexistent'"),
    (["simulate", "current", "-s", CASES, "--assume", "lookback=on"], "unknown assumption 'lookback'"),
    (["simulate", "current", "-s", CASES, "--assume", "pending_counts=maybe"], "is on or off, not 'maybe'"),
    (["simulate", "current", "-s", CASES, "--assume", "pending_counts"], "must look like NAME=VALUE"),
    (["simulate", "current", "current", "-s", CASES], "both named 'current'"),
    (["simulate", "current", "-s", CASES, "--laws", "no/such/folder"], "no such folder"),
    (["test", CASES, "--laws", "no/such/folder"], "no such folder"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_simulate_reports_scenario_errors_with_exit_1():
    result = run("simulate", "current", "powers", "-s", f"{DATA}/errors/missing-fact.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{DATA}/errors/missing-fact.yaml:2:1: error[E412]: the verdict under "
                                    "current depends on fact 'record'")
    assert "error[E412]: the verdict under powers depends on fact 'judicial_warrant'" in result.stderr


def test_a_broken_law_file_is_reported_once(tmp_path):
    (tmp_path / "bills").mkdir()
    (tmp_path / "bills" / "current.law").write_text(
        'law "x"\nfacts\n  agency "a": doc\n§ 1-1 "A"\n  rule: doc may not\n')
    (tmp_path / "s").mkdir()
    for name in ("a", "b"):
        (tmp_path / "s" / f"{name}.yaml").write_text("title: t\nfacts: {agency: doc}\nexpect: {current: permitted}\n")
    result = run("test", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr.count("error[") == 1 and "current.law:" in result.stderr


# ---------------------------------------------------------------- test


def test_test_passes(golden):
    result = run("test", CASES)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n16 passed, 0 failed\n")
    golden("simulate/test-cases.txt", result.stdout)


def test_test_failures_show_expected_actual_and_trace(golden):
    result = run("test", f"{DATA}/failing")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 passed, 3 failed"
    golden("simulate/test-failing.txt", result.stdout)


def test_test_json(golden):
    result = run("test", f"{DATA}/failing", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["schema"], data["ok"], data["passed"], data["failed"]) == ("lawsim.test/1", False, 1, 3)
    assert [r["mismatches"] for r in data["results"]] == [["verdict"], [], ["remedy"], ["plaintiffs"]]
    golden("simulate/test-failing.json", result.stdout)


def test_test_with_laws_folder_and_warning_for_no_expectations(tmp_path):
    (tmp_path / "x.yaml").write_text("title: t\nfacts: {agency: nypd, conduct: notify_release}\n"
                                     "expect: {current: permitted}\n")
    (tmp_path / "y.yaml").write_text("title: nothing to check\nfacts: {agency: nypd}\n")
    result = run("test", str(tmp_path), "--laws", f"{DATA}/bills")
    assert result.exit_code == 0
    assert result.stdout.endswith("1 passed, 0 failed\n")
    assert "warning[W401]" in result.stderr


ERROR_FILES = sorted(p.stem for p in (ROOT / DATA / "errors").glob("*.yaml")) + ["same-id"]


@pytest.mark.parametrize("name", ERROR_FILES)
def test_file_errors_are_golden(name, golden):
    path = f"{DATA}/errors/{name}" + ("" if name == "same-id" else ".yaml")
    result = run("test", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    golden(f"simulate/errors/{name}.txt", result.stderr)


def test_file_errors_as_json():
    result = run("test", f"{DATA}/errors/unknown-fact.yaml", "--format", "json")
    assert result.exit_code == 1
    [diag] = json.loads(result.stdout)["diagnostics"]
    assert (diag["code"], diag["span"]["line"], diag["span"]["column"]) == ("E410", 5, 3)


def test_a_mistyped_scenario_file_gets_a_suggestion(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["test", "scenarios/apr-2017-pickup-coordinaton.yaml"])
    assert result.exit_code == 1
    assert "did you mean 'scenarios/apr-2017-pickup-coordination.yaml'?" in result.output
    bare = CliRunner().invoke(cli, ["explain", "current", "--scenario", "nypd-48-hour-hold"])
    assert "did you mean 'scenarios/nypd-48-hour-warrantless-hold.yaml'?" in bare.output


def test_lawsim_alone_prints_help_and_succeeds():
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0
    assert "Commands:" in result.output and "compare" in result.output
