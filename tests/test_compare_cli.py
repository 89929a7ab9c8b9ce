"""``lawsim compare`` end to end: golden outputs, formats, colour, exit statuses, errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawsim.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/compare/bills"


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args, env=None):
        return CliRunner().invoke(cli, ["compare", *args], env=env)

    return invoke


@pytest.mark.parametrize("reform", ["close", "remedy", "mixed"])
def test_text_report(run, golden, reform):
    result = run(f"{DATA}/base.law", f"{DATA}/{reform}.law", "--traces")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour
    golden(f"compare/base-{reform}.txt", result.output)


def test_reverse_text_report(run, golden):
    result = run(f"{DATA}/remedy.law", f"{DATA}/base.law")
    assert result.exit_code == 0, result.output
    golden("compare/remedy-base.txt", result.output)


def test_json_report(run, golden):
    result = run(f"{DATA}/base.law", f"{DATA}/mixed.law", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "lawsim.compare/1"
    assert data["summary"]["changed"] == sum(r["scenarios"] for r in data["regions"])
    golden("compare/base-mixed.json", result.output)


def test_html_report(run, golden, tmp_path):
    out = tmp_path / "report.html"
    result = run(f"{DATA}/base.law", f"{DATA}/close.law", "--format", "html", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and 'id="explorer"' in html
    # The redline is highlighted .law text: the added words keep their token classes inside <ins>.
    assert ('<ins><span class="n">judicial_warrant</span> <span class="ow">and</span> <span class="p">(</span></ins>'
            in html)
    assert ".law .k {" in html
    golden("compare/base-close.html", html)


def test_output_is_deterministic(run):
    args = (f"{DATA}/base.law", f"{DATA}/mixed.law", "--format", "json")
    assert run(*args).output == run(*args).output


def test_colour_is_on_only_when_asked_and_always_wins_over_no_color(run):
    args = (f"{DATA}/base.law", f"{DATA}/close.law")
    assert "\x1b[4;32m" in run(*args, "--color", "always").output
    assert "\x1b[4;32m" in run(*args, "--color", "always", env={"NO_COLOR": "1"}).output
    assert "\x1b[" not in run(*args, "--color", "never").output
    assert "\x1b[" not in run(*args, env={"NO_COLOR": "1"}).output


def test_fail_on_change_exits_3_only_when_something_changed(run):
    assert run(f"{DATA}/base.law", f"{DATA}/close.law", "--fail-on-change").exit_code == 3
    assert run(f"{DATA}/base.law", f"{DATA}/base.law", "--fail-on-change").exit_code == 0
    assert run(f"{DATA}/base.law", f"{DATA}/close.law").exit_code == 0


def test_output_file_is_written_whole(run, tmp_path):
    out = tmp_path / "report.json"
    result = run(f"{DATA}/base.law", f"{DATA}/close.law", "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["changed"] is True
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_region_limit_summarises_the_rest(run):
    result = run(f"{DATA}/base.law", f"{DATA}/close.law", "--regions", "1", "--no-scenarios")
    assert "[1]" in result.output and "[2]" not in result.output
    assert "... and 1 smaller region with 6 scenarios" in result.output


def test_bad_inputs_are_reported_not_raised(run, tmp_path):
    missing = run(f"{DATA}/base.law", f"{DATA}/nope.law")
    assert missing.exit_code == 1 and "cannot read" in missing.output
    assert "Traceback" not in missing.output
    twice = run(f"{DATA}/base.law", f"{DATA}/close.law+{DATA}/close.law")
    assert twice.exit_code == 1 and "amended twice" in twice.output
    as_json = run(f"{DATA}/base.law", f"{DATA}/nope.law", "--format", "json")
    assert as_json.exit_code == 1 and json.loads(as_json.output)["ok"] is False
    assert run(f"{DATA}/base.law", f"{DATA}/close.law", "--format", "pdf").exit_code == 2
    assert run(f"{DATA}/base.law", f"{DATA}/close.law", "--regions", "-1").exit_code == 2
    unwritable = run(f"{DATA}/base.law", f"{DATA}/close.law", "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.output


def test_documented_cases_come_from_the_scenarios_folder_beside_the_laws(run):
    result = run(f"{DATA}/base.law", f"{DATA}/mixed.law", "--format", "json")
    data = json.loads(result.output)
    assert data["scenarios"] == ["tests/data/compare/scenarios"]
    cases = {c["id"]: c for c in data["cases"]}
    assert cases["police-announce-release"]["kind"] == "loophole_closed"
    assert cases["police-announce-release"]["region"] == 1
    assert cases["hold-without-warrant"]["kind"] is None
    none = json.loads(run(f"{DATA}/base.law", f"{DATA}/mixed.law", "--format", "json", "--no-scenarios").output)
    assert none["scenarios"] == [] and none["cases"] == []
    one = run(f"{DATA}/base.law", f"{DATA}/remedy.law", "--scenarios",
              "tests/data/compare/scenarios/hold-without-warrant.yaml")
    assert "hold-without-warrant: remedy gained, region [1]" in one.output
    assert run(f"{DATA}/base.law", f"{DATA}/close.law", "--scenarios", "nowhere").exit_code == 2
    both = run(f"{DATA}/base.law", f"{DATA}/close.law", "--scenarios", "x", "--no-scenarios")
    assert both.exit_code == 2
