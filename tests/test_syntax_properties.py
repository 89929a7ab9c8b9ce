"""Properties of the syntax stage that must hold for every input.

* a generated AST prints to text that parses back to an equal AST;
* printing is canonical: formatting formatted text changes nothing, and
  comments survive;
* any text either parses or raises LawError, never anything else (random
  text, grammar-shaped text from ``from_lark``, and mutated valid text);
* lowering (and applying bills) raises nothing but LawError.

Example counts are modest so the file runs in a few seconds.
"""

from __future__ import annotations

import re

import strategies_ast as sa
from conftest import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lawsim.diagnostics import LawError, render_all, to_json
from lawsim.resources import grammar_path
from lawsim.semantics import apply_bills, lower
from lawsim.syntax import ast, format_document, parse_text
from lawsim.syntax.parser import OPTIONS

FAST = settings(max_examples=examples(40))

SAMPLE = '''# A sample law.
law "Sample"
jurisdiction "New York City"
facts
  agency "the agency": doc | nypd
  conduct "the conduct": hold_past_release | notify_release
  judicial_warrant "a warrant": yes/no
  years "years": 0..20
default permitted
§ 9-131(a) "Definitions"
  define recent "recent": years <= 5  # look-back
§ 9-131(b) "Honouring"
  rule honour: doc may not hold_past_release
    unless judicial_warrant and recent
§ 9-131(e) "No suit"
  remedy: violations of § 9-131 give no remedy
'''


def _parse_or_law_error(text: str):
    """Parse ``text``; a LawError is a fine answer, and must render."""
    try:
        return parse_text(text, "fuzz.law")
    except LawError as err:
        assert err.diagnostics
        render_all(err.diagnostics)
        for diag in err.diagnostics:
            to_json(diag)
        return None


def _lower_or_law_error(doc: ast.LawDoc) -> None:
    try:
        lower(doc)
    except LawError as err:
        assert err.diagnostics
        render_all(err.diagnostics)


# ---------------------------------------------------------------- round trip


@FAST
@given(sa.law_docs)
def test_law_round_trips(doc):
    text = format_document(doc)
    assert parse_text(text) == doc


@FAST
@given(sa.bill_docs)
def test_bill_round_trips(doc):
    text = format_document(doc)
    assert parse_text(text) == doc


@FAST
@given(sa.exprs)
def test_condition_round_trips_inside_a_definition(expr):
    doc = ast.LawDoc("t", None, None, (), (ast.Provision(ast.Cite("1-1"), "c", (ast.Definition("d", "c", expr),)),))
    assert parse_text(format_document(doc)) == doc


# ---------------------------------------------------------------- fmt


@FAST
@given(sa.documents)
def test_formatting_is_idempotent(doc):
    once = format_document(doc)
    assert format_document(parse_text(once)) == once


@st.composite
def commented_text(draw):
    """Printed text with comments added at line ends and on their own lines."""
    lines = format_document(draw(sa.documents)).splitlines()
    out = []
    words = st.from_regex(r"[a-zA-Z0-9 ,.()§\"']{0,20}", fullmatch=True)
    for line in lines:
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(["", "  ", "    "])) + "# " + draw(words))
        if draw(st.integers(0, 4)) == 0 and '"' not in line.split("#")[0][-1:]:
            line += "  # " + draw(words)
        out.append(line)
    return "\n".join(out) + "\n"


def _comment_texts(text: str) -> list[str]:
    return sorted(c.text.strip() for c in parse_text(text).comments)


@FAST
@given(commented_text())
def test_fmt_keeps_comments_and_is_idempotent(text):
    doc = parse_text(text)
    once = format_document(doc)
    again = parse_text(once)
    assert again == doc
    assert _comment_texts(once) == _comment_texts(text)
    assert format_document(again) == once


def test_fmt_keeps_the_sample_comments():
    out = format_document(parse_text(SAMPLE))
    assert "# A sample law." in out and "# look-back" in out
    assert format_document(parse_text(out)) == out


# ---------------------------------------------------------------- fuzz


@settings(max_examples=examples(100))
@given(st.text(max_size=200))
@example("\ufefflaw \"x\"\r\ndefault permitted\r\n")
@example("law \"x\"\ndefault permitted\n§ 1-1 \"c\"\n  define d \"d\": " + "(" * 5000 + "always" + ")" * 5000)
@example("law \"x\"\ndefault permitted\n§ 1-1 \"c\"\n  define d \"d\": " + "not " * 5000 + "always")
@example("law \"x\"\ndefault permitted\n§ 1-1 \"c\"\n  define d \"d\": " + "a and (" * 3000 + "a" + ")" * 3000)
@example("law \"x\nfacts\n  n \"n\": 0.." + "9" * 5000)
def test_any_text_parses_or_raises_law_error(text):
    _parse_or_law_error(text)


def _from_lark():
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    # from_lark needs the grammar object, which a parser loaded from lawsim's cache lacks.
    return from_lark(Lark(grammar_path().read_text(encoding="utf-8"), **OPTIONS), start="start")


@settings(max_examples=examples(25), suppress_health_check=list(HealthCheck))
@given(st.data())
def test_grammar_shaped_text_parses_or_raises_law_error(data):
    text = data.draw(_from_lark())
    doc = _parse_or_law_error(text)
    if isinstance(doc, ast.LawDoc):
        _lower_or_law_error(doc)


@st.composite
def mutated_text(draw):
    """A valid text with a few random edits: deletions, insertions, swaps."""
    base = draw(st.sampled_from([SAMPLE, None]))
    if base is None:
        base = format_document(draw(sa.documents))
    text = base
    pieces = ["(", ")", '"', "#", "§", ":", "not", "and", "rule", "\n", "\t", "..", "9-131", "is",
              "\ufeff", "\x00", "é", "Z", "-", "|", "99999999999", "2023-02-30", "unless", "default"]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        match draw(st.integers(0, 3)):
            case 0:
                text = text[:i] + text[i + draw(st.integers(1, 12)):]
            case 1:
                text = text[:i] + draw(st.sampled_from(pieces)) + text[i:]
            case 2:
                lines = text.split("\n")
                a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                lines[a], lines[b] = lines[b], lines[a]
                text = "\n".join(lines)
            case _:
                lines = text.split("\n")
                a = draw(st.integers(0, len(lines) - 1))
                text = "\n".join(lines[: a + 1] + [lines[a]] + lines[a + 1 :])
    return text


@settings(max_examples=examples(100))
@given(mutated_text())
def test_mutated_text_parses_or_raises_law_error(text):
    doc = _parse_or_law_error(text)
    if isinstance(doc, ast.LawDoc):
        _lower_or_law_error(doc)
        _parse_or_law_error(format_document(doc))


# ---------------------------------------------------------------- lowering


@FAST
@given(sa.law_docs)
def test_lowering_raises_only_law_error(doc):
    _lower_or_law_error(doc)


@FAST
@given(sa.law_docs, sa.bill_docs)
def test_applying_bills_raises_only_law_error(base, bill):
    try:
        amended, _ = apply_bills(base, bill.blocks)
    except LawError as err:
        render_all(err.diagnostics)
        return
    _lower_or_law_error(amended)


@FAST
@given(sa.law_docs)
def test_lowering_parsed_text_reports_positions(doc):
    """Diagnostics on parsed text always carry a location inside the file."""
    text = format_document(doc)
    try:
        lower(parse_text(text, "gen.law"))
    except LawError as err:
        for diag in err.diagnostics:
            assert diag.span is not None, diag
            assert diag.span.source.name == "gen.law"
            assert 1 <= diag.span.line <= text.count("\n") + 1
            assert re.match(r"gen\.law:\d+:\d+: ", render_all([diag]))
