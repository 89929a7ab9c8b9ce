"""Highlighting .law text: the Pygments lexer, the HTML it becomes in reports, and the TextMate grammar.

Both highlighters must read every bundled law without an unknown character
(an ``Error`` token, or text no TextMate rule scopes), and both must know
exactly the parser's keywords.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import ROOT
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error

from lawsim.compare.redline import Segment
from lawsim.report.law_highlight import highlight, highlight_segments, stylesheet
from lawsim.syntax.errors import KEYWORDS
from lawsim.syntax.lexer import LawLexer

LAWS = sorted({*ROOT.glob("bills/*.law"), *ROOT.glob("examples/**/*.law"), *ROOT.glob("tests/data/explain/*.law"),
               *ROOT.glob("tests/data/compare/bills/*.law"), *ROOT.glob("tests/data/scenarios/bills/*.law"),
               *ROOT.glob("tests/data/fmt/*.law")})
TM = json.loads((ROOT / "grammars" / "law.tmLanguage.json").read_text(encoding="utf-8"))


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


@pytest.mark.parametrize("path", LAWS, ids=_ids(LAWS))
def test_the_lexer_reads_every_bundled_law_without_error_tokens(path):
    text = path.read_text(encoding="utf-8")
    tokens = list(LawLexer().get_tokens_unprocessed(text))
    errors = [(text.count("\n", 0, i) + 1, value) for i, ttype, value in tokens if ttype in Error]
    assert not errors, f"{path}: error tokens at (line, text) {errors[:5]}"
    assert "".join(value for _, _, value in tokens) == text


def test_the_lexer_marks_what_the_parser_would_refuse():
    assert any(t in Error for t, _ in LawLexer().get_tokens("rule: DOC may not hold\n"))


def test_the_lexer_is_registered_with_pygments():
    assert isinstance(get_lexer_by_name("law"), LawLexer)
    assert isinstance(get_lexer_for_filename("current.law"), LawLexer)


def test_the_lexer_knows_the_parser_s_keywords():
    text = " ".join(sorted(KEYWORDS))
    kinds = {value: str(ttype) for ttype, value in LawLexer().get_tokens(text) if value.strip()}
    assert set(kinds) == set(KEYWORDS)
    assert all(kind.startswith(("Token.Keyword", "Token.Operator.Word")) for kind in kinds.values())


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("path", LAWS[:4], ids=_ids(LAWS[:4]))
def test_highlighted_html_is_the_text_with_spans(path):
    text = path.read_text(encoding="utf-8")
    page = highlight(text)
    assert _plain(page) == text
    assert '<span class="k">rule</span>' in page or '<span class="k">replace</span>' in page


def test_a_redline_is_highlighted_side_by_side():
    segments = [Segment("same", 'rule: doc may not x\n  unless '), Segment("removed", "a"),
                Segment("added", "b and c"), Segment("same", ' # "note"\n')]
    out = highlight_segments(segments)
    assert [kind for kind, _ in out] == ["same", "removed", "added", "same"]
    assert "".join(_plain(h) for _, h in out) == "".join(s.text for s in segments)
    assert out[2][1] == '<span class="n">b</span> <span class="ow">and</span> <span class="n">c</span>'
    assert '<span class="c1">' in out[3][1]


def test_the_stylesheet_styles_the_lexer_s_classes_only():
    css = stylesheet(".law")
    assert ".law .k {" in css and ".law .s2 {" in css and ".law .c1 {" in css
    assert ".hll" not in css and "linenos" not in css and "/*" not in css


# ---------------------------------------------------------------- the TextMate grammar


def _tm_rules() -> list[tuple[str, re.Pattern]]:
    rules = []
    for include in TM["patterns"]:
        entry = TM["repository"][include["include"].lstrip("#")]
        for rule in entry.get("patterns", [entry]):
            rules.append((rule.get("name", "captured"), re.compile(rule["match"])))
    return rules


def _unscoped(line: str, rules) -> list[str]:
    """Non-blank text no rule scopes, reading the line as a TextMate engine does (earliest match, first rule)."""
    missed, pos = [], 0
    while pos < len(line):
        matches = ((i, rx.search(line, pos)) for i, (_, rx) in enumerate(rules))
        found = [(m.start(), i, m) for i, m in matches if m and m.end() > m.start()]
        if not found:
            missed.append(line[pos:])
            break
        start, _, match = min(found, key=lambda f: (f[0], f[1]))
        missed.append(line[pos:start])
        pos = match.end()
    return [m for m in missed if m.strip()]


def test_the_textmate_grammar_is_named_for_law_files():
    assert TM["scopeName"] == "source.law" and TM["fileTypes"] == ["law"]
    assert [m.strip() for m in _unscoped("  rule: DOC may not hold", _tm_rules())] == ["DOC"]


@pytest.mark.parametrize("path", LAWS, ids=_ids(LAWS))
def test_the_textmate_grammar_scopes_every_bundled_law(path):
    rules = _tm_rules()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        missed = _unscoped(line, rules)
        assert not missed, f"{path}:{number}: no TextMate rule scopes {missed!r}"


def test_the_textmate_grammar_knows_the_parser_s_keywords():
    words = set()
    for key in ("constant", "operator-word", "modality", "keyword"):
        words |= set(re.search(r"\(\?:([^)]*)\)", TM["repository"][key]["match"]).group(1).split("|"))
    assert words == set(KEYWORDS)
