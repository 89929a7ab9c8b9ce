"""Fuzzing through the command line: every mutated input is accepted or rejected with lawsim's own message.

Hypothesis mutates the bundled ``.law`` files and scenario files (``bills/``,
``scenarios/``, ``examples/*/``, the explain examples of the tests; deleting,
duplicating and swapping spans and lines, splicing in pieces of other
files, inserting random and hostile characters, splicing in text generated
from the grammar) and runs the command that reads each through click's
CliRunner, as a user would: ``check`` and ``fmt --check`` for a law or a
bill (a bill is checked against the bundled law it amends), ``simulate``,
``test`` and ``explain --scenario`` for a scenario file, ``compare`` for a
law against the unmutated current law now and then.

What must always hold: the exit status is one of the documented ones
(0, 1, 2, 3: never 4 or 5 here, never 70); no exception escapes the
command; an error exit says why in lawsim's own words (a diagnostic with
a code, or a usage message); nothing written reaches the terminal raw
(no ESC, no bidi override); and the input file is never changed.

``max_examples`` is 200 in the default profile and 5,000 with
``LAWSIM_HYPOTHESIS=slow`` (tests/conftest.py).
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawsim.cli import cli
from lawsim.resources import grammar_path
from lawsim.syntax.parser import OPTIONS

BILL_FOLDERS = [ROOT / "bills", *sorted((ROOT / "examples").glob("*/bills"))]
LAWS = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
        for folder in [*BILL_FOLDERS, ROOT / "tests" / "data" / "explain"] for p in sorted(folder.glob("*.law"))}
SCENARIOS = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
             for folder in [ROOT / "scenarios", *sorted((ROOT / "examples").glob("*/scenarios"))]
             for p in sorted(folder.rglob("*.yaml"))}

# Pieces worth inserting: the language's own words and symbols, YAML's, numbers that are too long or
# not ASCII, and characters that must never reach a terminal raw.
PIECES = ["(", ")", '"', "#", "§", ":", "not", "and", "or", "rule", "define", "unless", "when", "is", "one of",
          "replace", "repeal", "insert", "amends", "facts", "default", "\n", "\t", "  ", "..", "9-131(b)", "|",
          "yes", "no", "on", "off", "- ", "{", "}", "[", "]", "&a", "*a", "!!python/object", "<<", "~", "null",
          "99999999999", "1" * 5000, "1_0", "٣", "-3", "0x10", "2023-02-30", "\ufeff", "\x00", "\x1b[2J",
          "\x1b]0;t\x07", "\u202e", "\u200b", "\r\n", "\r", "é", "Z", "expect:", "facts:", "verdict: permitted"]


@lru_cache(maxsize=1)
def _grammar_text():
    """Text generated from the .law grammar (extra fuzzing: shaped like the language, rarely valid)."""
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    return from_lark(Lark(grammar_path().read_text(encoding="utf-8"), **OPTIONS), start="start")


@st.composite
def mutated(draw, seeds: dict[str, str]) -> tuple[str, str]:
    """(seed name, text): a bundled file with one to five random edits."""
    name = draw(st.sampled_from(sorted(seeds)))
    text = seeds[name]
    others = list(LAWS.values()) + list(SCENARIOS.values())
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        size = draw(st.integers(1, 40))
        match draw(st.sampled_from(["delete", "duplicate", "splice", "piece", "chars", "lines", "grammar"])):
            case "delete":
                text = text[:at] + text[at + size:]
            case "duplicate":
                text = text[:at] + text[at:at + size] * draw(st.integers(2, 4)) + text[at:]
            case "splice":
                other = draw(st.sampled_from(others))
                start = draw(st.integers(0, len(other)))
                text = text[:at] + other[start:start + draw(st.integers(1, 400))] + text[at:]
            case "piece":
                text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
            case "chars":
                text = text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]
            case "lines":
                lines = text.split("\n")
                a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                lines[a], lines[b] = lines[b], lines[a]
                text = "\n".join(lines)
            case "grammar":
                text = text[:at] + draw(_grammar_text())[:300] + text[at:]
    return name, text


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder holding the bundled laws (a mutated bill amends them) and the mutated file."""
    where = tmp_path_factory.mktemp("fuzz")
    for folder in BILL_FOLDERS:
        for path in folder.glob("*.law"):
            shutil.copy(path, where / path.name)
    return where


def _check(result, path: Path, written: bytes) -> None:
    """What must hold for every run, whatever the input."""
    output = result.output
    assert result.exit_code in (0, 1, 2, 3), f"exit {result.exit_code}:\n{output[-3000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output and "internal error" not in output
    assert "\x1b" not in output and "\u202e" not in output, "raw control characters reached the terminal"
    if result.exit_code == 1:  # a diagnostic, a JSON verdict, failed expectations, or fmt --check's answer
        reasons = ("error[E", '"ok": false', " failed", ": not formatted")
        assert any(reason in output for reason in reasons), output[-3000:]
    if result.exit_code == 2:
        assert "Error:" in output, output[-3000:]
    assert path.read_bytes() == written, "a command changed its input file"


def _run(*args: str):
    # CliRunner keeps stderr with stdout (click 8.2+), so diagnostics are in result.output.
    return CliRunner().invoke(cli, list(args), prog_name="lawsim")


def _law_case(folder: Path, name: str, text: str, command: int) -> None:
    path = folder / "fuzz.law"
    written = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(written)
    match command:
        case 0:
            _check(_run("check", str(path)), path, written)
        case 1:
            _check(_run("check", "--format", "json", str(path)), path, written)
        case 2:
            _check(_run("fmt", "--check", str(path)), path, written)
        case _:
            _check(_run("compare", str(folder / "current.law"), str(path), "--no-scenarios", "--regions", "3"),
                   path, written)


def _scenario_case(folder: Path, name: str, text: str, command: int) -> None:
    path = folder / "fuzz.yaml"
    written = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(written)
    match command:
        case 0:
            _check(_run("simulate", str(folder / "current.law"), str(folder / "powers.law"), "-s", str(path)),
                   path, written)
        case 1:
            _check(_run("test", str(path), "--laws", str(folder)), path, written)
        case 2:
            _check(_run("explain", str(folder / "current.law"), "--scenario", str(path)), path, written)
        case _:
            _check(_run("simulate", str(folder / "current.law"), "-s", str(path), "--format", "json", "--explain"),
                   path, written)


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                              HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["law", "scenario"]), data=st.data(),
       # compare is the slowest command: one run in eight.
       command=st.sampled_from([0, 0, 1, 2, 0, 1, 2, 3]))
def test_mutated_inputs_get_lawsim_s_own_answer(folder, kind, data, command):
    if kind == "law":
        name, text = data.draw(mutated(LAWS), label="law")
        _law_case(folder, name, text, command)
    else:
        name, text = data.draw(mutated(SCENARIOS), label="scenario")
        _scenario_case(folder, name, text, command)
