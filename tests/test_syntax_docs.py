"""docs/language.md stays true: its examples parse, its lists match the code.

* every ```law block is a complete file that checks without errors (the
  first one is tests/data/explain/honour.law, byte for byte);
* every ```text block that is .law text (not a template with placeholders)
  parses, wrapped in a minimal law or provision when it is a fragment;
* the quoted explain output and diagnostic equal their golden files;
* the reserved words and the diagnostic codes listed equal those in the code.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from lawsim import api
from lawsim.syntax import parse_text
from lawsim.syntax.errors import RESERVED

DOC = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC, flags=re.S)
LAW_BLOCKS = [body for kind, body in BLOCKS if kind == "law"]
PLACEHOLDERS = re.compile(r"\[NAME\]|YYYY|TITLE|CONDITION|AGENCIES")
STARTS = ("facts", "§", "rule", "define", "remedy", "assumption", "default", "bill", "law")
TEXT_BLOCKS = [body for kind, body in BLOCKS
               if kind == "text" and body.startswith(STARTS) and not PLACEHOLDERS.search(body)]


def test_there_are_examples():
    assert len(LAW_BLOCKS) >= 1 and len(TEXT_BLOCKS) >= 10


def test_the_first_example_is_the_tested_honour_law():
    assert LAW_BLOCKS[0] == (ROOT / "tests" / "data" / "explain" / "honour.law").read_text(encoding="utf-8")


@pytest.mark.parametrize("index", range(len(LAW_BLOCKS)))
def test_law_blocks_check_cleanly(index, tmp_path):
    path = tmp_path / "example.law"
    path.write_text(LAW_BLOCKS[index], encoding="utf-8")
    [result] = api.check([str(path)])
    assert result.ok and not [d for d in result.diagnostics if d.severity == "error"]


def _wrap(body: str) -> str:
    if body.startswith(("law", "bill")):
        return body
    if body.startswith(("facts", "§", "default")):
        return 'law "example"\n' + body
    return 'law "example"\n§ 1-1 "example"\n' + "\n".join("  " + line for line in body.splitlines()) + "\n"


@pytest.mark.parametrize("index", range(len(TEXT_BLOCKS)))
def test_text_examples_parse(index):
    parse_text(_wrap(TEXT_BLOCKS[index]), f"docs-example-{index}.law")


def _block_after(marker: str) -> str:
    start = DOC.index(marker)
    body = DOC[start:DOC.index("```", start)]
    return body


def test_quoted_explain_output_is_current():
    quoted = _block_after("$ lawsim explain honour.law")
    output = quoted.split("\n", 2)[2]  # drop the command's two lines
    golden = (ROOT / "tests" / "golden" / "explain" / "hold_with_warrant_and_conviction.txt").read_text("utf-8")
    assert output == golden


def test_quoted_diagnostic_is_current():
    quoted = _block_after("tests/data/errors/E104_unknown_name.law:11:46")
    golden = (ROOT / "tests" / "golden" / "diagnostics" / "E104_unknown_name.txt").read_text("utf-8")
    assert quoted == golden


def test_reserved_words_are_listed():
    section = DOC.split("## Reserved words", 1)[1]
    listed = set(re.search(r"```text\n(.*?)```", section, flags=re.S).group(1).split())
    assert listed == set(RESERVED)


def _codes_in(paths) -> set[str]:
    found = set()
    for path in paths:
        found |= set(re.findall(r'"([EW][0-3]\d\d)"', path.read_text(encoding="utf-8")))
    return found


def test_every_syntax_and_semantics_code_is_documented():
    lawsim = ROOT / "lawsim"
    paths = [*lawsim.glob("*.py"), *lawsim.joinpath("syntax").glob("*.py"), *lawsim.joinpath("semantics").glob("*.py")]
    used = _codes_in(paths) - {"E999"}
    documented = set(re.findall(r"^\| ([EW][0-3]\d\d) \|", DOC, flags=re.M))
    assert used == documented
