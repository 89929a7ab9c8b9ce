"""Workflow features: fmt --diff, test --update, the pre-commit hooks, compare --fail-on-change."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, examples
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lawsim.cli import cli

FACTS = """facts:
  agency: doc
  conduct: coordinate_pickup
  federal_agent: ice_civil
  presented: detainer
  record: violent_or_serious
  years_since_conviction: 2
  years_since_release: 2
  tsdb_match: no
  unrelated_purpose: no
  required_by_law: no
  ice_detention_resulted: yes
"""
WRONG = """title: "Expectations written before the bills were encoded"
# a comment at the top
""" + FACTS + """expect:
  current: {verdict: permitted, remedy: not a violation}   # right
  # Int 0185 was thought to change nothing here.
  powers: {verdict: "permitted", remedy: not a violation}
  powers+hanif:
    verdict: prohibited   # Hanif's remedy
    remedy: available
    plaintiffs:
      - person
  hanif:
    - verdict: prohibited
      remedy: available
      plaintiffs: [person]
  int-1412: prohibited
# the end
"""
RIGHT = """title: "Expectations written before the bills were encoded"
# a comment at the top
""" + FACTS + """expect:
  current: {verdict: permitted, remedy: not a violation}   # right
  # Int 0185 was thought to change nothing here.
  powers: {verdict: prohibited, remedy: none}
  powers+hanif:
    verdict: prohibited   # Hanif's remedy
    remedy: available
    plaintiffs:
      - person
      - relatives
  hanif:
    - {verdict: permitted, remedy: not a violation}
  int-1412: permitted
# the end
"""


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "bills", tmp_path / "bills")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "before.yaml").write_text(WRONG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_update_rewrites_only_what_differs_and_keeps_comments(project):
    result = run("test", "scenarios/", "--update")
    assert result.exit_code == 0, result.output
    assert (project / "scenarios" / "before.yaml").read_text(encoding="utf-8") == RIGHT
    assert "--- scenarios/before.yaml (expected)" in result.output
    assert '-  powers: {verdict: "permitted", remedy: not a violation}' in result.output
    assert "scenarios/before.yaml: updated 4 expectations" in result.output
    after = run("test", "scenarios/")
    assert after.exit_code == 0 and after.output.endswith("5 passed, 0 failed\n")
    again = run("test", "scenarios/", "--update")
    assert again.exit_code == 0 and again.output == "nothing to update: all 5 expectations hold\n"


def test_update_refuses_json_and_changes_nothing_on_file_errors(project):
    assert run("test", "scenarios/", "--update", "--format", "json").exit_code == 2
    (project / "scenarios" / "broken.yaml").write_text("title: x\nfacts: {agency: dok}\nexpect: {current: permitted}\n")
    result = run("test", "scenarios/", "--update")
    assert result.exit_code == 1 and "dok" in result.output
    assert (project / "scenarios" / "before.yaml").read_text(encoding="utf-8") == WRONG


def test_fmt_diff_shows_and_writes_nothing(tmp_path):
    path = tmp_path / "untidy.law"
    original = (ROOT / "tests" / "data" / "fmt" / "untidy.law").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    result = run("fmt", "--diff", str(path))
    assert result.exit_code == 0
    assert result.output.startswith(f"--- {path} (as it is)\n+++ {path} (formatted)\n@@ ")
    assert "+    | nypd \"Police Department\"\n" in result.output
    assert path.read_text(encoding="utf-8") == original
    assert run("fmt", "--check", "--diff", str(path)).exit_code == 1
    assert run("fmt", str(path)).exit_code == 0
    assert run("fmt", "--diff", str(path)).output == ""


def test_pre_commit_hooks_run_lawsim_commands_on_the_right_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"lawsim-check", "lawsim-fmt", "lawsim-test"}
    assert by_id["lawsim-fmt"]["entry"] == "lawsim fmt --check"
    assert by_id["lawsim-test"]["pass_filenames"] is False
    for hook in hooks:
        program, command, *_ = hook["entry"].split()
        assert program == "lawsim" and command in cli.commands and hook["language"] == "python"
        assert re.search(hook["files"], "bills/current.law")
    assert re.search(by_id["lawsim-test"]["files"], "scenarios/mr-j-handed-to-ice.yaml")
    assert not re.search(by_id["lawsim-check"]["files"], "scenarios/mr-j-handed-to-ice.yaml")


def test_fail_on_change_exit_statuses(monkeypatch):
    monkeypatch.chdir(ROOT)
    data = "tests/data/compare/bills"
    assert run("compare", f"{data}/base.law", f"{data}/mixed.law", "--fail-on-change").exit_code == 3
    assert run("compare", f"{data}/base.law", f"{data}/base.law", "--fail-on-change").exit_code == 0
    assert run("compare", f"{data}/base.law", f"{data}/mixed.law").exit_code == 0


# Wrong but well-formed expectations: `lawsim test --update` must turn each back into what the file had.
MUTATIONS = {
    "{verdict: permitted, remedy: not a violation}": "{verdict: conflict, remedy: not a violation}",
    "{verdict: prohibited, remedy: none}": "{verdict: prohibited, remedy: available}",
    "{verdict: prohibited, remedy: available}": "{verdict: prohibited, remedy: none}",
}
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_update_restores_every_bundled_scenario_from_wrong_expectations(path, tmp_path, monkeypatch):
    original = path.read_text(encoding="utf-8")
    wrong = re.sub("|".join(re.escape(k) for k in MUTATIONS), lambda m: MUTATIONS[m.group(0)], original)
    assert wrong != original
    shutil.copytree(ROOT / "bills", tmp_path / "bills")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / path.name).write_text(wrong, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("test", "scenarios/").exit_code == 1
    result = run("test", "scenarios/", "--update")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "scenarios" / path.name).read_text(encoding="utf-8") == original


def test_fmt_diff_says_when_only_line_endings_change(tmp_path):
    path = tmp_path / "crlf.law"
    text = (ROOT / "tests" / "data" / "explain" / "honour.law").read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = run("fmt", "--diff", str(path))
    assert result.output == f"{path}: only the line endings would change (CRLF to LF)\n"


# ---------------------------------------------------------------- a property of test --update

VERSIONS = ("current", "powers", "hanif", "powers+hanif", "int-1412")
_OUTCOMES = [("permitted", "not a violation"), ("conflict", "not a violation"), ("prohibited", "none"),
             ("prohibited", "available"), ("prohibited", "conflict")]


@st.composite
def _expectation(draw, version: str) -> str:
    verdict, remedy = draw(st.sampled_from(_OUTCOMES))
    style = draw(st.sampled_from(["bare", "flow", "block", "list"]))
    comment = draw(st.sampled_from(["", "   # a note"]))
    # Only Hanif's bill gives a remedy with plaintiffs; naming one another version lacks is a file error.
    with_parties = remedy in ("available", "conflict") and "hanif" in version
    parties = draw(st.sampled_from([None, "flow", "block"])) if with_parties else None
    if style == "bare":
        return f"  {version}: {verdict}{comment}\n"
    if style == "flow":
        extra = ", plaintiffs: [person]" if parties else ""
        return f"  {version}: {{verdict: {verdict}, remedy: {remedy}{extra}}}{comment}\n"
    lead = "    - " if style == "list" else "    "
    indent = "      " if style == "list" else "    "
    text = f"  {version}:{comment}\n{lead}verdict: {verdict}\n{indent}remedy: {remedy}\n"
    if parties == "flow":
        text += f"{indent}plaintiffs: [relatives]\n"
    elif parties == "block":
        text += f"{indent}plaintiffs:\n{indent}  - relatives\n"
    return text


@st.composite
def _scenario(draw) -> str:
    chosen = draw(st.lists(st.sampled_from(VERSIONS), min_size=1, max_size=5, unique=True))
    body = "".join(draw(_expectation(v)) + draw(st.sampled_from(["", "  # between\n"])) for v in chosen)
    return '# top\ntitle: "generated"\n' + FACTS + "expect:\n" + body + "# bottom\n"


@pytest.fixture(scope="module")
def laws_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("update-property")
    shutil.copytree(ROOT / "bills", folder / "bills")
    (folder / "scenarios").mkdir()
    return folder


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line]


@hypothesis_settings(max_examples=examples(15))
@given(text=_scenario())
def test_update_makes_any_file_pass_and_keeps_every_comment(laws_copy, text):
    path = laws_copy / "scenarios" / "generated.yaml"
    path.write_text(text, encoding="utf-8")
    args = ("test", str(path), "--laws", str(laws_copy / "bills"))
    result = run(*args, "--update")
    assert result.exit_code == 0, result.output
    updated = path.read_text(encoding="utf-8")
    after = run(*args)
    assert after.exit_code == 0, (text, updated, after.output)
    assert _comments(updated) == _comments(text)
    assert updated.split("expect:")[0] == text.split("expect:")[0]
