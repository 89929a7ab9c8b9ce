"""Redline of a provision's source text, in the NYC Council's convention.

Stage: compare.  Input: a provision in the baseline and in the reform (or
only one of them).  Output: a :class:`Redline`, a sequence of segments that
are unchanged, added (the Council underlines new text) or removed (the
Council puts deleted text in [brackets]).  Renderers decide how segments
look; see :mod:`lawsim.report.compare_text`.

The text of a provision is rebuilt from its items' own source spans rather
than taken from the provision's span, because a bill's ``replace definition``
changes one item while the provision keeps the span of the base law's text.
Comments are dropped (they are not law).  Items are first aligned by their
identity (a rule by its id, a definition by its name, ...), so a new rule
reads as one added block rather than as words scattered over its
neighbours; the text of an item found in both versions, and the heading,
are then diffed word by word (words and punctuation), so changes of layout
alone produce no marks.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import assert_never

from lawsim import ir


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # 'same' | 'added' | 'removed'
    text: str


@dataclass(frozen=True, slots=True)
class Redline:
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(s.kind != "same" for s in self.segments)


# ---------------------------------------------------------------- provision text

_LEXEME = re.compile(r'"[^"\n]*"|#[^\n]*|[^"#]+|["#]')


def _strip_comments(text: str) -> str:
    kept = "".join(m for m in _LEXEME.findall(text) if not m.startswith("#"))
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip()


def _expr_text(expr: ir.Expr) -> str:
    """Fallback text for a condition without source (IR built by hand)."""
    match expr:
        case ir.Const(value=value):
            return "always" if value else "never"
        case ir.In(fact=fact, values=values):
            if values == frozenset({"yes"}):
                return fact
            return f"{fact} is one of ({', '.join(sorted(values))})"
        case ir.Cmp(fact=fact, op=op, value=value, parameter=parameter):
            return f"{fact} {op} {parameter or value}"
        case ir.DefRef(name=name) | ir.AssumeRef(name=name):
            return name
        case ir.Neg(operand=operand):
            return f"not ({_expr_text(operand)})"
        case ir.AllOf(items=items):
            return " and ".join(f"({_expr_text(i)})" for i in items) or "always"
        case ir.AnyOf(items=items):
            return " or ".join(f"({_expr_text(i)})" for i in items) or "never"
        case _:
            assert_never(expr)


def _item_fallback(item: ir.Item) -> str:
    match item:
        case ir.Definition():
            return f'define {item.name} "{item.caption}": {_expr_text(item.expr)}'
        case ir.Assumption():
            return f'assumption {item.name} "{item.description}": {"on" if item.default else "off"}'
        case ir.Parameter():
            return f'parameter {item.name} "{item.caption}": {item.value}'
        case ir.Rule():
            agents = "any agency" if item.agents is None else ", ".join(sorted(item.agents))
            conducts = "any conduct" if item.conducts is None else ", ".join(sorted(item.duty or item.conducts))
            modality = "must" if item.duty else "may not" if item.prohibits else "may"
            text = f"rule {item.name + ':' if item.name else ':'} {agents} {modality} {conducts}"
            text += f" when {_expr_text(item.when)}" if item.when != ir.Const(True) else ""
            text += "".join(f" unless {_expr_text(e)}" for e in item.exceptions)
            text += f" notwithstanding {', '.join('§ ' + o for o in item.overrides)}" if item.overrides else ""
            return text
        case ir.Remedy():
            covers = ", ".join("§ " + c for c in (item.cited or sorted(item.covers)))
            body = (f"let {', '.join(item.plaintiffs)} sue for {', '.join(item.relief)}" if item.gives
                    else "give no remedy")
            when = f" when {_expr_text(item.when)}" if item.when != ir.Const(True) else ""
            return f"remedy: violations of {covers} {body}{when}"
        case _:
            assert_never(item)


def item_text(item: ir.Item, indent: str = "  ") -> str:
    """The item as written in its source file, without comments.

    Continuation lines keep their indentation relative to the item's first
    line, plus ``indent``: an item from a bill's top level and one from a
    law's provision then line up alike.
    """
    if item.span is None:
        return _item_fallback(item)
    text = _strip_comments(item.span.text)
    if isinstance(item, ir.Definition):
        # A bill writes 'replace definition NAME ...'; the law writes 'define NAME ...'.
        text = re.sub(r"^replace\s+definition\b", "define", text)
    first, *rest = text.split("\n")
    column = item.span.column - 1
    rest = [indent + (line[column:] if not line[:column].strip() else line.lstrip()) for line in rest]
    return "\n".join([first, *rest])


def provision_text(provision: ir.Provision) -> str:
    """The provision's heading and items as source text (two-space indent)."""
    lines = [f'§ {provision.id} "{provision.caption}"']
    lines += ["  " + item_text(i) for i in provision.items]
    return "\n".join(lines)


# ---------------------------------------------------------------- word diff

# A citation (9-131(h)(2), 2-173-042(a)) is one token, so a renumbering reads as one word replaced.
_TOKEN = re.compile(r"(\s*)(\d[\w.\-/]*(?:\([A-Za-z0-9]+\))*|\w+|[^\w\s])")


def _tokens(text: str) -> list[tuple[str, str]]:
    """(whitespace before, token) pairs; words and single punctuation marks."""
    return _TOKEN.findall(text)


def _join(tokens: list[tuple[str, str]]) -> str:
    if not tokens:
        return ""
    return tokens[0][1] + "".join(ws + tok for ws, tok in tokens[1:])


def redline(baseline: str | None, reform: str | None) -> Redline:
    """Word-level redline turning ``baseline`` text into ``reform`` text.

    ``None`` on one side means the provision is new (everything added) or
    repealed (everything removed).
    """
    old = _tokens(baseline or "")
    new = _tokens(reform or "")
    segments: list[Segment] = []

    def emit(kind: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
    previous: str | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            run = new[j1:j2]
            if previous == "delete" and not run[0][0]:
                # '"Limits on DOC' -> '"DOC': keep the space that followed the removed words.
                run = [(old[i1][0], run[0][1])] + run[1:]
            emit("same", "".join(ws + tok for ws, tok in run))
            previous = tag
            continue
        previous = tag
        lead = new[j1][0] if tag in ("insert", "replace") else old[i1][0]
        if segments:
            emit("same", lead)
        if tag in ("delete", "replace"):
            emit("removed", _join(old[i1:i2]))
        if tag == "replace":
            emit("same", " ")
        if tag in ("insert", "replace"):
            emit("added", _join(new[j1:j2]))
    return Redline(tuple(segments))


def _item_key(item: ir.Item) -> tuple[str, str]:
    """An item's identity within its provision (so a renumbered provision's items still match)."""
    match item:
        case ir.Rule(id=key) | ir.Remedy(id=key):
            return type(item).__name__, key.split(":", 1)[1]
        case ir.Definition(name=key) | ir.Assumption(name=key) | ir.Parameter(name=key):
            return type(item).__name__, key
        case _:
            assert_never(item)


def _heading(provision: ir.Provision) -> str:
    return f'§ {provision.id} "{provision.caption}"'


def provision_redline(baseline: ir.Provision | None, reform: ir.Provision | None) -> Redline:
    """Redline of a provision: heading and items aligned by identity, then words.

    ``None`` on one side gives a wholly added or wholly removed provision.
    """
    if baseline is None or reform is None:
        return redline(None if baseline is None else provision_text(baseline),
                       None if reform is None else provision_text(reform))
    pieces = [redline(_heading(baseline), _heading(reform))]
    old = {_item_key(i): i for i in baseline.items}
    new = {_item_key(i): i for i in reform.items}
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces += [redline(item_text(old[k]), item_text(new[k])) for k in list(old)[i1:i2]]
            continue
        # Items only one side has; an item whose key appears on both sides is never split.
        pieces += [redline(item_text(old[k]), None) for k in list(old)[i1:i2]]
        pieces += [redline(None, item_text(new[k])) for k in list(new)[j1:j2]]
    segments: list[Segment] = []
    for n, piece in enumerate(pieces):
        for seg in ((Segment("same", "\n  "),) if n else ()) + piece.segments:
            if segments and segments[-1].kind == seg.kind:
                segments[-1] = Segment(seg.kind, segments[-1].text + seg.text)
            else:
                segments.append(seg)
    return Redline(tuple(segments))
