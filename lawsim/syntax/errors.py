"""Syntax errors: turn Lark's parse failures into friendly diagnostics.

Input: a :class:`~lawsim.source.SourceFile` and the ``UnexpectedInput``
exception Lark raised for it.  Output: one
:class:`~lawsim.diagnostics.Diagnostic` that says, in words rather than
terminal names, what was found, what could have come instead, and (for the
mistakes people actually make) how to fix it.

The set of acceptable next tokens comes from Lark's interactive parser
(``accepts()``), which is exact: the raw LALR ``expected`` set also lists
tokens that only fit after reductions that would fail.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from lawsim.diagnostics import Diagnostic
from lawsim.source import SourceFile, Span

#: Words the grammar uses.  ``agency`` and ``conduct`` are left out of
#: :data:`RESERVED` because they are also the names of the two facts that
#: every rule is scoped by (``any agency``, ``any conduct``).
KEYWORDS = frozenset({
    "law", "jurisdiction", "in", "force", "source", "bill", "sponsors", "status", "amends", "default",
    "facts", "yes", "no", "define", "assumption", "rule", "any", "agency", "may", "not", "conduct",
    "when", "unless", "notwithstanding", "remedy", "violations", "of", "give", "let", "sue", "for",
    "prohibited", "permitted", "replace", "insert", "repeal", "definition", "or", "and", "always",
    "never", "is", "one", "on", "off", "constraint", "impossible", "requires", "parameter", "renumber", "as",
    "must", "omits",
})
RESERVED = KEYWORDS - {"agency", "conduct"}

# Words for the named terminals; keyword terminals are shown quoted.
_WORDS = {
    "NAME": "a name",
    "STRING": 'a quoted text ("...")',
    "INT": "a whole number",
    "CITE_ID": "a citation such as 9-131(b) or 2-173-042(a)",
    "SECTION": "'§'",
    "DATE": "a date such as 2023-02-15",
    "COMPARE": "a comparison (<, <=, >, >=, =, !=)",
    "ON_OFF": "'on' or 'off'",
    "$END": "the end of the file",
}

# Groups of acceptable tokens that read better as one phrase, each with a
# key used for ordering.  A group is used only when all of its tokens are
# acceptable.
_GROUPS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("<provision>", frozenset({"SECTION", "CITE_ID"}), 'a provision (§ 9-131(b) "caption")'),
    ("<item>", frozenset({"RULE", "DEFINE", "REMEDY", "ASSUMPTION", "PARAMETER"}),
     "another item (rule, define, remedy, assumption, parameter)"),
    ("<amendment>", frozenset({"REPLACE", "INSERT", "REPEAL", "RENUMBER"}),
     "an amendment (replace, insert, repeal, renumber)"),
    ("<condition>", frozenset({"NAME", "NOT", "LPAR", "ALWAYS", "NEVER"}), "a condition"),
    ("<value>", frozenset({"NAME", "YES", "NO"}), "a value"),
    ("<file>", frozenset({"LAW", "BILL"}), "'law \"title\"' or 'bill \"number\" \"title\"'"),
)

# Display order: what a writer most likely meant comes first; anything not
# listed follows in alphabetical order, and the end of the file comes last.
_ORDER = ["<condition>", "<value>", "NAME", "STRING", "COLON", "CITE_ID", "INT", "DATE", "IS", "COMPARE",
          "AND", "OR", "RPAR", "COMMA", "WHEN", "UNLESS", "NOTWITHSTANDING", "<item>", "<provision>",
          "<amendment>", "<file>"]

#: At most this many alternatives are listed after "expected".
MAX_EXPECTED = 9


def _token_word(name: str, terminals: dict[str, str]) -> str:
    if name in _WORDS:
        return _WORDS[name]
    value = terminals.get(name)
    return f"'{value}'" if value is not None else name.lower()


def describe_expected(names: Iterable[str], terminals: dict[str, str]) -> str:
    """A short phrase for a set of acceptable terminals: 'a name, ':' or the end of the file'."""
    left = set(names)
    keyed: list[tuple[str, str]] = []
    for key, group, phrase in _GROUPS:
        if group <= left:
            keyed.append((key, phrase))
            left -= group
    keyed += [(n, _token_word(n, terminals)) for n in left]
    rank = {n: i for i, n in enumerate(_ORDER)}
    keyed.sort(key=lambda kp: (kp[0] == "$END", rank.get(kp[0], len(rank)), kp[1]))
    phrases = [phrase for _, phrase in keyed]
    if len(phrases) > MAX_EXPECTED:
        hidden = len(phrases) - (MAX_EXPECTED - 1)
        phrases = phrases[: MAX_EXPECTED - 1] + [f"{hidden} other words"]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _accepts(exc: UnexpectedInput, fallback: Iterable[str]) -> set[str]:
    parser = getattr(exc, "interactive_parser", None)
    if parser is not None:
        try:
            accepted = set(parser.accepts())
        except Exception:  # pragma: no cover - Lark internals; fall back to the raw set
            accepted = set()
        if accepted:
            return accepted
    return set(fallback or ())


def _before(source: SourceFile, pos: int) -> str:
    """The source text before ``pos`` with trailing blanks removed."""
    return source.text[:pos].rstrip()


def _char_name(char: str) -> str:
    try:
        return unicodedata.name(char).lower()
    except ValueError:
        return f"U+{ord(char):04X}"


#: What a citation looks like, for advice given inside one.
CITATION_SHAPE = ("a citation is numbers joined by '-', '.' or '/' with no spaces, then any subdivisions in "
                  "parentheses: 9-131(b), 2-173-042(a), 805/15 or 7284.6(a)(1)(C)")
# The text of a line up to a citation being written: '§ 9-131', '  2-173-042 ', 'notwithstanding § 9-1'.
_CITING = re.compile(r"(?:§\s*|^\s*)[0-9][0-9A-Za-z.\-/()]*\s*$|§\s*$")


def _in_citation(source: SourceFile, pos: int, accepted: Iterable[str] = ()) -> bool:
    """Whether the problem at ``pos`` is inside (or right after) a citation."""
    line_start = source.text.rfind("\n", 0, pos) + 1
    return bool(_CITING.search(source.text[line_start:pos])) or set(accepted) == {"CITE_ID"}


def _character_notes(source: SourceFile, pos: int, accepted: Iterable[str] = ()) -> list[str]:
    """Advice for the characters people type by mistake."""
    char = source.text[pos]
    if _in_citation(source, pos, accepted) and (char in "-./()" or char.isalnum() or char == " "):
        return [CITATION_SHAPE]
    if char == '"':
        return ["this quoted text is not closed: a quoted text must end on the line where it starts"]
    if char == "'":
        return ['quoted text uses double quotes: "..."']
    if char.isascii() and char.isupper():
        end = pos
        while end < len(source.text) and (source.text[end].isalnum() or source.text[end] == "_"):
            end += 1
        start = pos
        while start > 0 and (source.text[start - 1].isalnum() or source.text[start - 1] == "_"):
            start -= 1
        word = source.text[start:end]
        return [f"names are written in lower case: '{word.lower()}'"]
    if char in "&|" and not _before(source, pos).endswith(":"):
        return ["write 'and' or 'or' in words"]
    if char == "!":
        return ["write 'not' in words, or '!=' for 'is not equal to' a number"]
    if char == "-":
        return ["names join words with '_', not '-'"]
    if not char.isprintable() or unicodedata.category(char) in ("Cf", "Zs") and char != " ":
        return [f"this is an invisible character ({_char_name(char)}); delete it"]
    if not char.isascii():
        return ["names use the letters a-z, digits and '_'; other text goes in quotes"]
    return []


def syntax_error(source: SourceFile, exc: UnexpectedInput, parser: Lark) -> Diagnostic:
    """The diagnostic for one Lark parse failure."""
    terminals = {t.name: t.pattern.value for t in parser.terminals if t.pattern.type == "str"}

    def describe(names: Iterable[str]) -> str:
        return describe_expected(names, terminals)

    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        char = source.text[pos] if pos < len(source.text) else ""
        accepted = _accepts(exc, exc.allowed)
        notes = _character_notes(source, pos, accepted) if char else []
        if accepted:
            notes.append(f"expected {describe(accepted)}")
        shown = repr(char) if char.isprintable() else f"'\\u{ord(char):04x}'" if char else "''"
        return Diagnostic("E012", f"unexpected character {shown}", span=Span.at(source, pos, pos + 1),
                          notes=tuple(notes))

    assert isinstance(exc, UnexpectedToken)
    accepted = _accepts(exc, exc.expected)
    tok = exc.token
    if tok.type == "$END":
        if not source.text.strip() or all(line.strip().startswith("#") or not line.strip()
                                           for line in source.text.split("\n")):
            return Diagnostic(
                "E011", "the file is empty",
                span=Span.at(source, 0, 0),
                notes=('a .law file starts with \'law "title"\' (a law) or \'bill "number" "title"\' (a bill)',))
        end = len(source.text.rstrip())
        return Diagnostic("E011", "the file ends too early", span=Span.at(source, end, end),
                          notes=(f"expected {describe(accepted)}",))

    span = Span.at(source, tok.start_pos, tok.end_pos)
    text = str(tok)
    shown = text if len(text) <= 40 else text[:37] + "..."
    expected = f"expected {describe(accepted)}"

    if tok.type in ("RULE", "DEFINE", "REMEDY", "ASSUMPTION", "PARAMETER") and accepted & {"SECTION", "REPLACE"}:
        where = ("in a bill, it goes inside an amendment: replace § 9-131(b) \"caption\" or "
                 "insert § 9-131(i) \"caption\"") if "REPLACE" in accepted else (
                 "start a provision with its citation and caption first, e.g.\n"
                 "§ 9-131(b) \"Honouring a civil immigration detainer\"")
        return Diagnostic("E015", f"this {text} is not inside a provision: every {text} needs a citation",
                          span=span, notes=(where,))
    if text in RESERVED and "NAME" in accepted:
        return Diagnostic("E014", f"'{text}' is a reserved word and cannot be used as a name", span=span,
                          notes=("choose another name; docs/language.md lists the reserved words",))
    notes = [expected]
    before = _before(source, tok.start_pos)
    if accepted == {"INT"} and before[-1:] in "<>=" and tok.type == "NAME":
        fact = before.rstrip("<>=!").split()[-1] if before.rstrip("<>=!").split() else "fact"
        notes.append(f"to test a yes/no or one-of fact, write '{fact} is {text}'")
    if accepted == {"STRING"} and tok.type != "STRING":
        last = before.split()[-1] if before.split() else ""
        if _in_citation(source, tok.start_pos) and text.startswith("("):
            notes.append(CITATION_SHAPE)
        elif last[:1].isdigit() or before.endswith(")"):
            notes.append('a provision needs a caption in quotes after its citation: § 9-131(b) "Holding"')
        elif tok.type == "NAME":
            notes.append(f'text goes in double quotes: "{text}"')
    words = before.split()
    if tok.type == "STRING" and words and words[-1] in RESERVED:
        notes.append(f"'{words[-1]}' is a reserved word; if it is meant as a name, choose another name")
    if tok.type == "NAME" and "COLON" in accepted and before.split()[-1:] and before.split()[-1] == "rule":
        notes.append("a rule has at most one name: rule NAME: ...")
    return Diagnostic("E010", f"unexpected '{shown}'", span=span, notes=tuple(notes))
