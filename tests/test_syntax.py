"""The syntax stage on awkward inputs: no traceback, exact positions, spans.

The golden diagnostics (test_diagnostics_golden.py) show what people read;
these tests pin down the mechanics: which inputs are rejected with which
code, where carets land, and which parts of the text each span covers.
"""

from __future__ import annotations

import pytest

from lawsim import api
from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean, render_text
from lawsim.source import SourceFile, Span
from lawsim.syntax import ast, format_document, parse_text
from lawsim.syntax.errors import KEYWORDS, RESERVED
from lawsim.syntax.parser import MAX_DEPTH

HEAD = '''law "x"
facts
  agency "a": doc | nypd
  conduct "c": hold | notify
  warrant "w": yes/no
default permitted
'''


def codes_of(text: str) -> list[str]:
    try:
        parse_text(text, "t.law")
    except LawError as err:
        return [d.code for d in err.diagnostics]
    return []


def check_codes(path) -> list[str]:
    [result] = api.check([str(path)])
    return [d.code for d in result.diagnostics]


# ---------------------------------------------------------------- no traceback


def _definition(body: str) -> str:
    return HEAD + '§ 1-1 "c"\n  define d "d": ' + body + "\n  rule: doc may not hold unless d\n"


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", ["E011"]),
        (bytes((i * 131 + 7) % 256 for i in range(2000)), ["E002"]),
        (b"law \"x\"\n\xc3\x28\n", ["E002"]),
        (b"\xef\xbb\xbflaw \"x\"\ndefault permitted\n", []),
        (b"law \"x\"\r\ndefault permitted\r\n", []),
        (b"law \"x\"\rdefault permitted\r", []),
        (_definition("(" * 10_000 + "warrant" + ")" * 10_000).encode(), []),
        (_definition("not " * 10_000 + "warrant").encode(), ["E013"]),
        (_definition("warrant and (" * 10_000 + "warrant" + ")" * 10_000).encode(), ["E013"]),
        (_definition("warrant and " * 10_000 + "warrant").encode(), []),
        (HEAD.replace("warrant", "rule").encode(), ["E014"]),
        (b'law "unterminated\ndefault permitted\n', ["E012"]),
        (b'law "x"\ndefault permitted\n\x00', ["E002"]),
        ("law \"x\"\ndefault permitted\n\ufeff".encode(), ["E012"]),
        (b"\xff\xfe" + 'law "x"'.encode("utf-16-le"), ["E002"]),
        (("# " + "x" * 100_000 + "\n").encode(), ["E011"]),
    ],
    ids=["empty", "binary", "invalid-utf8", "bom", "crlf", "cr", "parens", "nots", "nested-and", "long-and",
         "keyword-name", "unterminated", "nul", "bom-in-middle", "utf16", "only-a-long-comment"],
)
def test_awkward_files_are_accepted_or_rejected_cleanly(tmp_path, content, expected):
    path = tmp_path / "input.law"
    path.write_bytes(content)
    assert check_codes(path) == expected


def test_a_directory_and_a_missing_file_are_e001(tmp_path):
    assert check_codes(tmp_path) == ["E001"]
    assert check_codes(tmp_path / "missing.law") == ["E001"]
    [result] = api.check([str(tmp_path / "missing.law")])
    assert "no such file" in result.diagnostics[0].message


def test_depth_limit_is_exact():
    assert codes_of(_definition("not " * MAX_DEPTH + "warrant")) == []
    assert codes_of(_definition("not " * (MAX_DEPTH + 1) + "warrant")) == ["E013"]


# ---------------------------------------------------------------- positions


def _only(text: str) -> Diagnostic:
    with pytest.raises(LawError) as info:
        parse_text(text, "t.law")
    [diag] = info.value.diagnostics
    return diag


def test_bom_does_not_shift_columns(tmp_path):
    path = tmp_path / "bom.law"
    path.write_bytes(b"\xef\xbb\xbflaw x\n")
    [result] = api.check([str(path)])
    [diag] = result.diagnostics
    assert (diag.span.line, diag.span.column) == (1, 5)


def test_crlf_positions_match_lf_positions():
    lf = _only('law "x"\ndefault permitted\n§ 1-1 "c"\n  rule: doc may not hold when )\n')
    crlf = _only('law "x"\r\ndefault permitted\r\n§ 1-1 "c"\r\n  rule: doc may not hold when )\r\n')
    assert (lf.span.line, lf.span.column) == (crlf.span.line, crlf.span.column) == (4, 31)
    assert render_text(lf) == render_text(crlf)


def test_caret_keeps_tabs_and_counts_wide_characters():
    source = SourceFile("t.law", '\t"中文"\tfoo\n')
    start = source.text.index("foo")
    out = render_text(Diagnostic("E999", "m", span=Span.at(source, start, start + 3)))
    text_line, caret_line = out.splitlines()[1:3]
    assert text_line == '    1 | \t"中文"\tfoo'
    # '"', two wide characters (two cells each) and '"' are six cells.
    assert caret_line == "      | \t      \t^^^"
    assert (out.split(":")[1], out.split(":")[2]) == ("1", "7")


def test_long_lines_are_windowed_around_the_span():
    line = "a " * 200 + "TARGET" + " b" * 200
    source = SourceFile("t.law", line + "\n")
    start = line.index("TARGET")
    out = render_text(Diagnostic("E999", "m", span=Span.at(source, start, start + 6)))
    text_line, caret_line = out.splitlines()[1:3]
    assert text_line.startswith("    1 | ...") and text_line.endswith("...")
    assert len(text_line) < 120
    assert text_line[caret_line.index("^"):].startswith("TARGET")
    assert caret_line.count("^") == 6


def test_control_characters_are_not_printed_raw():
    source = SourceFile("t.law", "law \x1b[31m\n")
    out = render_text(Diagnostic("E999", "m", span=Span.at(source, 4, 5)))
    assert "\x1b" not in out and "law ?[31m" in out


def test_labels_without_a_span_are_dropped():
    diag = Diagnostic("E999", "m", labels=(Label(None, "nowhere"),))  # type: ignore[arg-type]
    assert diag.labels == ()
    render_text(diag)


# ---------------------------------------------------------------- spans


def test_spans_point_at_names_and_citations():
    text = HEAD + '§ 9-131(b) "Holding"\n  define dd "d": warrant\n  rule named: doc may not hold unless dd\n'
    doc = parse_text(text)
    prov = doc.provisions[0]
    assert prov.cite.span.text == "9-131(b)"
    definition, rule = prov.items
    assert definition.name_span.text == "dd"
    assert rule.name_span.text == "named"
    assert [s.text for s in rule.agent_spans] == ["doc"]
    assert doc.facts[2].name_span.text == "warrant"
    assert rule.exceptions[0].span.text == "dd"


def test_an_unnamed_rule_points_at_the_word_rule():
    doc = parse_text(HEAD + '§ 1-1 "c"\n  rule: doc may not hold\n')
    assert doc.provisions[0].items[0].name_span.text == "rule"


def test_amends_span_covers_the_file_name():
    doc = parse_text('bill "Int 1" "t"\namends "current.law"\nrepeal § 1-1\n')
    assert doc.blocks[0].amends_span.text == '"current.law"'


@pytest.mark.parametrize("line", ['jurisdiction "a"', "in force 2023-01-01", 'source "s"'])
def test_law_metadata_given_twice_is_e201(line):
    assert codes_of(f'law "x"\n{line}\n{line}\ndefault permitted\n') == ["E201"]


@pytest.mark.parametrize("line", ['sponsors "a"', 'status "s"', 'amends "a.law"', "in force 2023-01-01",
                                  'source "s"'])
def test_bill_metadata_given_twice_is_e201(line):
    assert codes_of(f'bill "1" "t"\n{line}\n{line}\nrepeal § 1-1\n') == ["E201"]


def test_different_sources_are_fine():
    doc = parse_text('law "x"\nsource "a"\nsource "b"\ndefault permitted\n')
    assert doc.sources == ("a", "b")


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("word", sorted(RESERVED))
def test_reserved_words_are_never_accepted_as_definition_names(word):
    text = HEAD + f'§ 1-1 "c"\n  define {word} "d": warrant\n'
    assert codes_of(text)[:1] in (["E014"], ["E010"]), word


@pytest.mark.parametrize("word", sorted(RESERVED - {"yes", "no", "not", "always", "never", "any"}))
def test_reserved_words_are_never_accepted_in_conditions(word):
    text = HEAD + f'§ 1-1 "c"\n  rule: doc may not hold unless {word}\n'
    assert codes_of(text), word


def test_agency_and_conduct_are_keywords_but_valid_names():
    assert {"agency", "conduct"} <= KEYWORDS
    doc = parse_text(HEAD + '§ 1-1 "c"\n  rule: doc may not hold unless agency is doc\n')
    assert doc.provisions[0].items[0].exceptions[0] == ast.Is("agency", "doc")


@pytest.mark.parametrize("number, ok", [("999999999", True), ("0000000000001", True), ("1000000000", False)])
def test_number_size_limit(number, ok):
    assert (codes_of(f'law "x"\nfacts\n  n "n": 0..{number}\ndefault permitted\n') == []) is ok


def test_did_you_mean_offers_a_long_name_for_its_first_word():
    assert did_you_mean("hold", ["hold_past_release", "notify_release"]) == ("did you mean 'hold_past_release'?",)
    assert did_you_mean("zz", ["hold_past_release"]) == ()


# ---------------------------------------------------------------- fmt details


def test_a_comment_inside_a_rule_moves_in_front_of_it():
    text = HEAD + '§ 1-1 "c"\n  rule: doc may not hold\n    # why the exception\n    unless warrant\n'
    out = format_document(parse_text(text))
    assert '§ 1-1 "c"\n  # why the exception\n  rule: doc may not hold\n    unless warrant\n' in out
    assert format_document(parse_text(out)) == out


def test_a_trailing_comment_stays_with_its_item():
    text = HEAD + '§ 1-1 "c"\n  rule: doc may not hold  # the hold rule\n  rule: nypd may not hold\n'
    out = format_document(parse_text(text))
    assert out.index("# the hold rule") < out.index("rule: doc")
    assert format_document(parse_text(out)) == out


def test_long_conditions_stay_on_one_line_and_round_trip():
    names = [f"fact_number_{i}" for i in range(12)]
    text = HEAD + '§ 1-1 "c"\n  rule: doc may not hold\n    unless ' + " and ".join(names) + "\n"
    doc = parse_text(text)
    out = format_document(doc)
    assert "    unless " + " and ".join(names) + "\n" in out
    assert parse_text(out) == doc
