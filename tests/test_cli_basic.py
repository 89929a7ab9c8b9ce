"""The check, fmt and explain commands through click's CliRunner.

Exit statuses: 0 ok, 1 errors in the law (or files not formatted under
``fmt --check``), 2 usage errors.  The explain goldens are the § 9-131(b)
honouring example of docs/language.md (tests/data/explain/honour.law).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT

from lawsim import api
from lawsim.cli import cli

EXPLAIN = ROOT / "tests" / "data" / "explain"
ERRORS = ROOT / "tests" / "data" / "errors"

UNFORMATTED = '''# The header comment.
law   "x"
default   permitted
§9-131(b)   "Holding"   # trailing
  rule:doc may not hold_past_release unless judicial_warrant
facts
  agency "a": doc
  conduct "c": hold_past_release
  judicial_warrant "w": yes/no
'''


def run(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args), prog_name="lawsim", catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), prog_name="lawsim", catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def law_copy(tmp_path):
    path = tmp_path / "law.law"
    path.write_text(UNFORMATTED, encoding="utf-8")
    return path


# ---------------------------------------------------------------- help


def test_every_command_has_an_example_in_its_help():
    assert cli.commands, "no commands registered"
    for name in sorted(cli.commands):
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"'lawsim {name} --help' has no example"
        assert f"lawsim {name}" in result.output.split("Example", 1)[1], name


def test_the_group_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0 and "Example" in result.output


# ---------------------------------------------------------------- check


def test_check_ok():
    result = run("check", "tests/data/errors/base.law", cwd=ROOT)
    assert result.exit_code == 0
    assert result.stdout == "tests/data/errors/base.law: ok (law, 4 provisions, 2 rules, 5 facts)\n"
    assert result.stderr == ""


def test_check_reports_errors_with_exit_1():
    result = run("check", "tests/data/errors/E104_unknown_name.law", "tests/data/errors/base.law", cwd=ROOT)
    assert result.exit_code == 1
    assert "tests/data/errors/E104_unknown_name.law:11:46: error[E104]: unknown name" in result.stderr
    assert "did you mean 'judicial_warrant'?" in result.stderr
    assert "base.law: ok" in result.stdout


def test_check_warnings_do_not_fail():
    result = run("check", "tests/data/errors/W201_unused_definition.law", cwd=ROOT)
    assert result.exit_code == 0
    assert "warning[W201]" in result.stderr and ": ok (" in result.stdout


def test_check_json_shape():
    result = run("check", "--format", "json", "tests/data/errors/E204_circular_definitions.law",
                 "tests/data/errors/base.law", cwd=ROOT)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "lawsim.check/1" and data["ok"] is False
    bad, good = data["files"]
    assert good == {"file": "tests/data/errors/base.law", "ok": True,
                    "summary": "law, 4 provisions, 2 rules, 5 facts", "diagnostics": []}
    assert bad["ok"] is False and bad["summary"] == ""
    [diag] = bad["diagnostics"]
    assert diag["code"] == "E204" and diag["severity"] == "error"
    assert diag["span"] == {"file": "tests/data/errors/E204_circular_definitions.law", "line": 11,
                            "column": 44, "end_line": 11, "end_column": 54}
    assert [label["message"] for label in diag["labels"]] == ["'qualifying' uses 'recent' here",
                                                              "'recent' uses 'eligible' here"]
    assert diag["notes"] == ["a definition cannot depend on itself, directly or through others"]


def test_check_json_is_deterministic():
    args = ("check", "--format", "json", "tests/data/errors/E104_many_errors.law")
    assert run(*args, cwd=ROOT).stdout == run(*args, cwd=ROOT).stdout


@pytest.mark.parametrize("args", [(), ("--nope", "x.law"), ("--format", "xml", "x.law")])
def test_check_usage_errors_exit_2(args):
    assert run("check", *args).exit_code == 2


def test_check_directory_and_missing_file_exit_1(tmp_path):
    result = run("check", str(tmp_path), str(tmp_path / "missing.law"))
    assert result.exit_code == 1
    assert "is a directory, not a file" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- fmt


def test_fmt_rewrites_and_keeps_comments(law_copy):
    result = run("fmt", str(law_copy))
    assert result.exit_code == 0 and result.stdout == f"{law_copy}: formatted\n"
    text = law_copy.read_text(encoding="utf-8")
    assert text.startswith("# The header comment.\nlaw \"x\"\n")
    assert "# trailing" in text and '§ 9-131(b) "Holding"' in text
    assert run("fmt", str(law_copy)).stdout == ""  # already formatted: nothing to say
    assert law_copy.read_text(encoding="utf-8") == text


def test_fmt_check_changes_nothing(law_copy):
    result = run("fmt", "--check", str(law_copy))
    assert result.exit_code == 1 and result.stdout == f"{law_copy}: not formatted\n"
    assert law_copy.read_text(encoding="utf-8") == UNFORMATTED
    run("fmt", str(law_copy))
    assert run("fmt", "--check", str(law_copy)).exit_code == 0


def test_fmt_normalises_bom_and_crlf(tmp_path):
    path = tmp_path / "crlf.law"
    path.write_bytes(b'\xef\xbb\xbflaw "x"\r\ndefault permitted\r\n')
    assert run("fmt", "--check", str(path)).exit_code == 1
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_bytes() == b'law "x"\n\ndefault permitted\n'


def test_fmt_leaves_a_broken_file_alone_and_formats_the_rest(tmp_path, law_copy):
    broken = tmp_path / "broken.law"
    broken.write_text('law "x"\ndefault maybe\n')
    result = run("fmt", str(broken), str(law_copy))
    assert result.exit_code == 1
    assert f"{broken}:2:9: error[E010]: unexpected 'maybe'" in result.stderr
    assert broken.read_text() == 'law "x"\ndefault maybe\n'
    assert result.stdout == f"{law_copy}: formatted\n"


def test_fmt_writes_atomically(monkeypatch, law_copy):
    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("fmt", str(law_copy))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert law_copy.read_text(encoding="utf-8") == UNFORMATTED  # untouched
    assert sorted(p.name for p in law_copy.parent.iterdir()) == ["law.law"]  # no temporary file left


def test_fmt_usage_error_exit_2():
    assert run("fmt").exit_code == 2


# ---------------------------------------------------------------- explain

HOLD = ("--fact", "agency=doc", "--fact", "conduct=hold_past_release")
SCENARIOS = {
    "hold_without_warrant": ("honour.law", *HOLD, "--fact", "judicial_warrant=no"),
    "hold_with_warrant_and_conviction": ("honour.law", *HOLD, "--fact", "judicial_warrant=yes",
                                         "--fact", "record=violent_or_serious",
                                         "--fact", "years_since_conviction=3"),
    "hold_with_warrant_old_conviction": ("honour.law", *HOLD, "--fact", "judicial_warrant=yes",
                                         "--fact", "record=violent_or_serious",
                                         "--fact", "years_since_conviction=9", "--fact", "tsdb_match=no"),
    "nypd_hold_no_rule": ("honour.law", "--fact", "agency=nypd", "--fact", "conduct=hold_past_release"),
    "notify_qualifying_override": ("honour.law", "--fact", "agency=doc", "--fact", "conduct=notify_release",
                                   "--fact", "record=violent_or_serious", "--fact", "years_since_conviction=2"),
    "notify_qualifying_assumption_off": ("honour.law", "--fact", "agency=doc", "--fact", "conduct=notify_release",
                                         "--fact", "record=violent_or_serious",
                                         "--fact", "years_since_conviction=2",
                                         "--assume", "narrower_sections_prevail=off"),
    "hanif_remedy": ("hanif.law", "--fact", "agency=doc", "--fact", "conduct=notify_release",
                     "--fact", "record=none", "--fact", "tsdb_match=no", "--fact", "harmed=yes"),
    "conflict": ("conflict.law", "--fact", "agency=doc", "--fact", "conduct=notify_release",
                 "--fact", "unrelated_to_enforcement=yes"),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_explain_text_matches_golden(name, golden):
    result = run("explain", *SCENARIOS[name], cwd=EXPLAIN)
    assert result.exit_code == 0, result.output
    golden(f"explain/{name}.txt", result.stdout)


def test_explain_json_matches_golden(golden):
    result = run("explain", "--format", "json", *SCENARIOS["notify_qualifying_override"], cwd=EXPLAIN)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "lawsim.explain/1" and data["verdict"] == "permitted"
    assert data["deciding_rules"] == ["9-131(h):notify_qualifying"]
    golden("explain/notify_qualifying_override.json", result.stdout)


def test_explain_verdicts():
    def verdict(*args):
        return json.loads(run("explain", "--format", "json", *args, cwd=EXPLAIN).stdout)["verdict"]

    assert verdict(*SCENARIOS["hold_without_warrant"]) == "prohibited"
    assert verdict(*SCENARIOS["hold_with_warrant_and_conviction"]) == "permitted"
    assert verdict(*SCENARIOS["hold_with_warrant_old_conviction"]) == "prohibited"
    assert verdict(*SCENARIOS["conflict"]) == "conflict"


def test_explain_missing_fact_is_a_helpful_usage_error():
    result = run("explain", "honour.law", *HOLD, "--fact", "judicial_warrant=yes", cwd=EXPLAIN)
    assert result.exit_code == 2
    assert "the verdict depends on fact 'record'" in result.stderr
    assert "--fact record=VALUE" in result.stderr and "none, violent_or_serious" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--fact", "agnecy=doc"), "unknown fact 'agnecy'; did you mean 'agency'?"),
    (("--fact", "agency=dop"), "'agency' has no value 'dop'; did you mean 'doc'?"),
    (("--fact", "conduct=hold"), "did you mean 'hold_past_release'?"),
    (("--fact", "years_since_conviction=99"), "must be between 0 and 20"),
    (("--fact", "judicial_warrant=maybe"), "is yes or no"),
    (("--fact", "agency"), "must look like NAME=VALUE"),
    (("--fact", "agency=doc", "--fact", "agency=nypd"), "is given twice"),
    (("--assume", "narrower=off"), "unknown assumption 'narrower'"),
    (("--assume", "narrower_sections_prevail=maybe"), "is on or off"),
])
def test_explain_bad_input_exits_2(args, message):
    result = run("explain", "honour.law", *args, cwd=EXPLAIN)
    assert result.exit_code == 2
    assert message in result.stderr


def test_explain_on_a_broken_law_exits_1(tmp_path):
    shutil.copy(ERRORS / "E104_unknown_name.law", tmp_path / "bad.law")
    result = run("explain", str(tmp_path / "bad.law"), "--fact", "agency=doc")
    assert result.exit_code == 1 and "error[E104]" in result.stderr
    result = run("explain", "--format", "json", str(tmp_path / "bad.law"), "--fact", "agency=doc")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["diagnostics"][0]["code"] == "E104"


def test_explain_missing_version_exits_1(tmp_path):
    result = run("explain", str(tmp_path / "nope.law"))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_api_explanation_matches_cli():
    exp = api.explain(str(EXPLAIN / "honour.law"), {"agency": "doc", "conduct": "hold_past_release",
                                                   "judicial_warrant": "no"})
    assert exp.outcome.verdict == "prohibited" and exp.outcome.remedy.denied_by == ("9-131(e)",)


# ---------------------------------------------------------------- docs/cli.md stays true

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_cli_doc_explain_example_is_current():
    start = CLI_DOC.index("$ lawsim explain honour.law --fact agency=doc --fact conduct=notify_release")
    quoted = CLI_DOC[start:CLI_DOC.index("```", start)].split("...\n", 1)[1]
    # The docs show the output at 100 columns, as tests/test_docs_examples.py runs it.
    from click.testing import CliRunner

    args = ["explain", "honour.law", "--fact", "agency=doc", "--fact", "conduct=notify_release",
            "--fact", "record=violent_or_serious", "--fact", "years_since_conviction=2"]
    cwd = os.getcwd()
    os.chdir(ROOT / "tests" / "data" / "explain")
    try:
        printed = CliRunner().invoke(cli, args, env={"COLUMNS": "100"}).output
    finally:
        os.chdir(cwd)
    assert printed.endswith(quoted)


def test_cli_doc_missing_fact_example_is_current():
    result = run("explain", "honour.law", *HOLD, "--fact", "judicial_warrant=yes", cwd=EXPLAIN)
    assert result.stderr.strip() in CLI_DOC


def test_cli_doc_check_example_is_current():
    result = run("check", "honour.law", "hanif.law", cwd=EXPLAIN)
    assert "$ lawsim check honour.law hanif.law\n" + result.stdout in CLI_DOC


def test_cli_doc_documents_every_command():
    for name in cli.commands:
        assert f"## lawsim {name}" in CLI_DOC, name


def test_explain_names_the_bill_behind_amended_text(golden):
    result = run("explain", "hanif.law", "--fact", "agency=doc", "--fact", "conduct=hold_past_release",
                 "--fact", "judicial_warrant=no", "--fact", "harmed=yes", cwd=EXPLAIN)
    assert result.exit_code == 0
    assert "Remedy: detained_person, relatives may sue for damages, injunction" in result.stdout
    golden("explain/hanif_hold.txt", result.stdout)


def test_explain_marks_rules_whose_text_comes_from_a_bill(tmp_path):
    shutil.copy(EXPLAIN / "honour.law", tmp_path / "honour.law")
    (tmp_path / "powers.law").write_text('bill "Int 0185-2022" "DOC communications"\namends "honour.law"\n'
                                         'replace § 9-131(h) "Communicating"\n'
                                         '  rule no_notice: doc may not notify_release\n'
                                         '    notwithstanding § 10-178\n', encoding="utf-8")
    result = run("explain", str(tmp_path / "powers.law"), "--fact", "agency=doc", "--fact", "conduct=notify_release")
    assert result.exit_code == 0
    assert '§ 9-131(h) "Communicating"   (text of bill Int 0185-2022)' in result.stdout
    assert "rule no_notice: doc may not notify_release" in result.stdout


def test_explain_looks_up_bare_version_names_in_bills(tmp_path):
    (tmp_path / "bills").mkdir()
    shutil.copy(EXPLAIN / "honour.law", tmp_path / "bills" / "honour.law")
    shutil.copy(EXPLAIN / "hanif.law", tmp_path / "bills" / "hanif.law")
    result = run("explain", "hanif", *HOLD, "--fact", "judicial_warrant=no", "--fact", "harmed=yes", cwd=tmp_path)
    assert result.exit_code == 0 and "Version: hanif" in result.stdout
    assert run("explain", "nothing", *HOLD, cwd=tmp_path).exit_code == 2
