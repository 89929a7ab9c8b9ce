"""Terminal output: width, wrapping at words, colour settings, and encodings that lack "→" and "≤".

Run as real processes with their output redirected, as a user would
(``PYTHONIOENCODING=cp1252 lawsim compare ... > out.txt``), so the
stream's encoding and the environment are the ones lawsim really sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawsim.report.terminal import Terminal, encodable, layout

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/compare/bills"
PAIR = (f"{DATA}/base.law", f"{DATA}/close.law")
ESC = "\x1b["


def lawsim(*args: str, env: dict | None = None, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM")}
    proc = subprocess.run([sys.executable, "-c", "from lawsim.cli import main; main()", *args], cwd=ROOT,
                          env={**base, **(env or {})}, capture_output=True, timeout=300)
    proc.stdout = proc.stdout.decode(encoding)  # type: ignore[assignment]
    proc.stderr = proc.stderr.decode(encoding)  # type: ignore[assignment]
    return proc


def test_a_cp1252_output_gets_ascii_arrows_and_valid_json(tmp_path):
    text = lawsim("compare", "current", "powers", env={"PYTHONIOENCODING": "cp1252"}, encoding="cp1252")
    assert text.returncode == 0, text.stderr
    assert "->" in text.stdout and "<=" in text.stdout and "→" not in text.stdout
    plain = lawsim("compare", *PAIR, "--format", "json", env={"PYTHONIOENCODING": "utf-8"})
    narrow = lawsim("compare", *PAIR, "--format", "json", env={"PYTHONIOENCODING": "cp1252"}, encoding="cp1252")
    assert narrow.returncode == 0 and json.loads(narrow.stdout) == json.loads(plain.stdout)
    html = lawsim("compare", *PAIR, "--format", "html", env={"PYTHONIOENCODING": "ascii"}, encoding="ascii")
    assert html.returncode == 0 and "&#167; 9-131" in html.stdout  # § as a character reference


def test_width_is_80_when_piped_unless_columns_and_words_are_never_split():
    wide = lawsim("compare", *PAIR, env={"COLUMNS": "1000"}).stdout
    piped = lawsim("compare", *PAIR).stdout
    narrow = lawsim("compare", *PAIR, env={"COLUMNS": "50"}).stdout
    assert max(map(len, wide.splitlines())) > 100
    for text, width in ((piped, 80), (narrow, 50)):
        prose = [line for line in text.splitlines() if "|" not in line and "  " not in line.strip()]
        assert prose and max(map(len, prose)) <= width
        assert text.split() == wide.split()  # the same words in the same order: none broken


@pytest.mark.parametrize("env, coloured", [
    ({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
])
def test_colour_follows_the_environment(env, coloured):
    out = lawsim("compare", *PAIR, env=env).stdout
    assert (ESC in out) == coloured


def test_check_and_test_failures_are_coloured(tmp_path):
    bad = tmp_path / "bad.law"
    bad.write_text('law "x"\nfacts\n  agency "a": doc\n  conduct "c": hold\ndefault permitted\n'
                   '§ 1 "c"\n  rule: doc may not hold\n    when zz\n', encoding="utf-8")
    check = lawsim("check", str(bad), "--color", "always")
    assert check.returncode == 1 and f"{ESC}1;31merror[E104]" in check.stderr
    assert "^^" in check.stderr
    failing = lawsim("test", "tests/data/scenarios/failing", "--laws", "tests/data/scenarios/bills",
                     "--color", "always")
    assert failing.returncode == 1 and f"{ESC}1;31mFAIL" in failing.stdout
    assert ESC not in lawsim("test", "tests/data/scenarios/failing", "--laws", "tests/data/scenarios/bills").stdout


def test_rich_is_not_imported_to_start_the_command_line():
    proc = subprocess.run([sys.executable, "-c", "import sys, lawsim.cli; print('rich' in sys.modules)"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "False"


def test_layout_keeps_columns_and_hangs_continuations():
    term = Terminal(30, False, "utf-8")
    text = "  - " + "word " * 12 + "\n    a  b  table  row  that  is  long  and  stays  as  it  is\n"
    lines = layout(text, term).splitlines()
    assert lines[0].startswith("  - word") and all(line.startswith("    word") for line in lines[1:-1])
    assert lines[-1] == "    a  b  table  row  that  is  long  and  stays  as  it  is"
    assert encodable("a → b ≤ 3 · § 1", "ascii") == "a -> b <= 3 * S 1"
    assert encodable("§ 9-131 “x”", "cp1252") == "§ 9-131 “x”"
