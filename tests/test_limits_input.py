"""No input makes lawsim crash, hang, flood or steer the terminal (docs/limits.md).

The cases of issue 13 other than data loss (those are in
``test_limits_files.py``): internal errors (a 1,000-definition chain, a
5,000-digit number, a full or closed standard output, a space too large,
running out of memory or stack), unbounded output (thousands of errors or
warnings, a huge identifier), terminal injection (ESC sequences and bidi
overrides in captions) and loose numbers (``1_0``, Arabic-Indic digits).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from lawsim.cli import cli
from lawsim.cli.app import dump_json
from lawsim.diagnostics import MAX_DIAGNOSTICS
from lawsim.engine.space import MAX_EVALUATION_BYTES, build_space, evaluation_bytes
from lawsim.printable import json_safe, printable, printable_styled
from lawsim.semantics import load_version
from lawsim.source import SourceFile

BASE = (ROOT / "tests" / "data" / "errors" / "base.law").read_text(encoding="utf-8")
HEAD = BASE.split("default permitted")[0] + "default permitted\n"
SCENARIO = "title: t\nfacts:\n  agency: doc\n  conduct: hold_past_release\n"


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="lawsim", catch_exceptions=False)


def lawsim_process(*args, **kwargs):
    """Run lawsim's console entry point in a child process (for real standard streams)."""
    code = "from lawsim.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], **kwargs)


def chain_law(n: int) -> str:
    lines = ['law "A chain of definitions"', "facts", '  agency "a": doc | nypd',
             '  conduct "c": hold_past_release | notify_release', '  flag "a flag": yes/no',
             "default permitted", '§ 1 "Definitions"', '  define d0 "the first": flag']
    lines += [f'  define d{i} "number {i}": d{i - 1}' for i in range(1, n)]
    lines += ['§ 2 "The rule"', f"  rule r: doc may not hold_past_release when d{n - 1}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def chain(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chain.law").write_text(chain_law(1000), encoding="utf-8")
    (tmp_path / "flipped.law").write_text(chain_law(1000).replace("when d999", "when not d999"), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SCENARIO + "  flag: yes\n", encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- internal errors


def test_a_chain_of_1000_definitions_works_in_explain(chain):
    result = run("explain", "chain.law", "--fact", "agency=doc", "--fact", "conduct=hold_past_release",
                 "--fact", "flag=yes")
    assert result.exit_code == 0, result.output
    assert "PROHIBITED" in result.output


def test_a_chain_of_1000_definitions_works_in_simulate(chain):
    result = run("simulate", "chain.law", "flipped.law", "-s", "s.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    verdicts = [r["verdict"] for r in json.loads(result.output)["scenarios"][0]["results"]]
    assert verdicts == ["prohibited", "permitted"]


def test_a_chain_of_1000_definitions_works_in_compare(chain):
    result = run("compare", "chain.law", "flipped.law", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["changed"] == 2


@pytest.mark.parametrize("value, why", [
    ("1" * 5000, "has 5,000 digits"),
    ("1_0", "write digits 0 to 9 only"),
    ("٣", "write digits 0 to 9 only"),  # an Arabic-Indic three
    ("３", "write digits 0 to 9 only"),  # a full-width three
    ("+3", "is a whole number, not '+3'"),
])
def test_scenario_numbers_are_ascii_digits_of_bounded_length(tmp_path, value, why):
    (tmp_path / "base.law").write_text(BASE, encoding="utf-8")
    (tmp_path / "n.yaml").write_text(SCENARIO + f"  years_since_conviction: {value}\n  judicial_warrant: no\n",
                                     encoding="utf-8")
    result = run("simulate", str(tmp_path / "base.law"), "-s", str(tmp_path / "n.yaml"))
    assert result.exit_code == 1, result.output
    assert "error[E411]" in result.output and why in result.output
    assert len(result.output) < 2000  # the 5,000 digits are not echoed


@pytest.mark.parametrize("value", ["٣", "1_0", "3" * 5000, "3.0", ""])
def test_fact_and_param_numbers_are_ascii_digits(value):
    law = str(ROOT / "tests" / "data" / "errors" / "base.law")
    result = run("explain", law, "--fact", "agency=doc", "--fact", "conduct=hold_past_release",
                 "--fact", "judicial_warrant=yes", "--fact", "record=violent_or_serious",
                 "--fact", f"years_since_conviction={value}")
    assert result.exit_code == 2 and "whole number" in result.output
    assert len(result.output) < 1000


def test_a_space_too_large_stops_with_a_located_diagnostic_before_allocating(tmp_path):
    facts = "".join(f'  b{i} "fact {i}": yes/no\n' for i in range(40))
    text = (f'law "Wide"\nfacts\n  agency "a": doc | nypd\n  conduct "c": hold_past_release\n{facts}'
            'default permitted\n§ 1 "x"\n  rule r: doc may not hold_past_release when '
            + " and ".join(f"b{i}" for i in range(40)) + "\n")
    (tmp_path / "wide.law").write_text(text, encoding="utf-8")
    space = build_space(load_version(str(tmp_path / "wide.law")).law)
    assert evaluation_bytes(space) > MAX_EVALUATION_BYTES
    # The whole-space engine refuses it (auto would answer with the symbolic engine, issue 9).
    result = run("compare", str(tmp_path / "wide.law"), str(tmp_path / "wide.law"), "--engine", "space")
    assert result.exit_code == 1
    assert "wide.law:3:3: error[E501]: the scenarios are too many to evaluate whole" in result.output
    assert "over lawsim's limit of 4 GiB" in result.output


def test_a_full_standard_output_is_a_clear_message_and_exit_5(tmp_path):
    with open("/dev/full", "w") as full:
        done = lawsim_process("compare", str(ROOT / "bills" / "current.law"), str(ROOT / "bills" / "hanif.law"),
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert done.returncode == 5, done.stderr
    assert "cannot write standard output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_closed_pipe_is_a_clear_message_and_exit_5(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # as 'lawsim ... | head' does once head has its lines
    try:
        done = lawsim_process("check", str(ROOT / "bills" / "current.law"), str(ROOT / "bills" / "powers.law"),
                              stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    finally:
        os.close(write_end)
    assert done.returncode == 5, done.stderr
    assert "standard output was closed before all the output was written (broken pipe)" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize("error, status, words", [
    (MemoryError(), 4, "ran out of memory"),
    (RecursionError("maximum recursion depth exceeded"), 4, "nested or chained too deeply"),
])
def test_running_out_of_memory_or_stack_is_a_message_not_exit_70(monkeypatch, error, status, words):
    import lawsim.api

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(lawsim.api, "check_files", fail)
    result = CliRunner().invoke(cli, ["check", str(ROOT / "bills" / "current.law")], prog_name="lawsim")
    assert result.exit_code == status and words in result.output


# ---------------------------------------------------------------- unbounded time and output


def test_thousands_of_errors_stop_after_the_cap_and_say_how_many_more(tmp_path):
    rules = "".join(f"  rule r{i}: doc may not hold_past_release when zz{i}\n" for i in range(3000))
    (tmp_path / "many.law").write_text(HEAD + '§ 1 "x"\n' + rules, encoding="utf-8")
    result = run("check", str(tmp_path / "many.law"))
    assert result.exit_code == 1
    assert result.output.count("error[E104]") == MAX_DIAGNOSTICS
    assert f"... and {3000 - MAX_DIAGNOSTICS:,} more errors, not shown" in result.output
    assert result.output.rstrip().endswith("3,000 errors")


def test_thousands_of_unknown_scenario_facts_are_capped_too(tmp_path):
    (tmp_path / "base.law").write_text(BASE, encoding="utf-8")
    extra = "".join(f"  f{i}: yes\n" for i in range(5000))
    (tmp_path / "s.yaml").write_text(SCENARIO + "  judicial_warrant: no\n" + extra, encoding="utf-8")
    result = run("simulate", str(tmp_path / "base.law"), "-s", str(tmp_path / "s.yaml"))
    assert result.output.count("warning[") <= MAX_DIAGNOSTICS
    assert "more warnings, not shown" in result.output


def test_a_huge_identifier_is_not_echoed_whole(tmp_path):
    (tmp_path / "long.law").write_text(HEAD + '§ 1 "x"\n  rule r: doc may not hold_past_release when '
                                       + "z" * 1_000_000 + "\n", encoding="utf-8")
    result = run("check", str(tmp_path / "long.law"))
    assert result.exit_code == 1 and "error[E104]" in result.output
    assert len(result.output) < 2000


def test_line_and_column_come_from_an_index():
    text = "abc\n" * 100_000
    source = SourceFile("big", text)
    assert source.position(0) == (1, 1)
    assert source.position(len(text) - 2) == (100_000, 3)
    assert source.line_text(54_321) == "abc"


# ---------------------------------------------------------------- terminal injection


HOSTILE = "Holding \x1b]0;owned\x07 a \x1b[2J person \u202eevil\u200b"


def test_control_and_bidi_characters_are_escaped_in_text_output(tmp_path):
    (tmp_path / "a.law").write_text(BASE.replace('"Honouring a detainer"', f'"{HOSTILE}"'), encoding="utf-8")
    result = run("explain", str(tmp_path / "a.law"), "--fact", "agency=doc", "--fact", "conduct=hold_past_release",
                 "--fact", "judicial_warrant=no")
    assert result.exit_code == 0, result.output
    for raw in ("\x1b", "\x07", "\u202e", "\u200b"):
        assert raw not in result.output
    assert r"Holding \x1b]0;owned\x07 a \x1b[2J person \u202eevil\u200b" in result.output


def test_compare_escapes_captions_in_text_colour_html_and_json(tmp_path):
    (tmp_path / "a.law").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.law").write_text(BASE.replace('"Honouring a detainer"', f'"{HOSTILE}"')
                                    .replace("unless judicial_warrant and", "unless"), encoding="utf-8")
    a, b = str(tmp_path / "a.law"), str(tmp_path / "b.law")
    for args in ((), ("--color", "always"), ("--format", "html")):
        out = run("compare", a, b, *args).output
        assert "\u202e" not in out and "\x07" not in out and "\x1b]" not in out and "\x1b[2J" not in out
        assert "\\u202eevil" in out
    as_json = run("compare", a, b, "--format", "json").output
    assert "\x1b" not in as_json and "\u202e" not in as_json
    assert any(HOSTILE in text for text in _strings(json.loads(as_json)))  # a JSON reader gets it exactly


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_the_escapers():
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("\x1b[2J\u202e\x7f\x85") == r"\x1b[2J\u202e\x7f\x85"
    assert printable("\udcff") == r"\udcff"  # a byte of a non-UTF-8 file name
    assert printable_styled("\x1b[1mbold\x1b[0m \x1b[8mhidden\x1b[0m") == "\x1b[1mbold\x1b[0m \\x1b[8mhidden\x1b[0m"
    doc = dump_json({"caption": HOSTILE, "astral": "\U000e0041"})
    assert json.loads(doc) == {"caption": HOSTILE, "astral": "\U000e0041"}
    assert "\u202e" not in doc and "\\u202e" in doc and "\\udb40\\udc41" in doc
    assert json_safe('"plain"') == '"plain"'
