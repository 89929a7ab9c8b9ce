""".law text highlighted as HTML, for the reports (and for anyone quoting .law in a page).

Stage: report.  Input: .law text, or a redline's segments.  Output: HTML
with one ``<span class="...">`` per token, using Pygments' short class
names (``k`` keyword, ``s2`` string, ``c1`` comment, ...), and the
stylesheet for them (:func:`stylesheet`), which a report puts in its one
``<style>`` element so that the page stays a single file.

A redline mixes two texts: the baseline's (its same and removed parts) and
the reform's (same and added).  Each side is lexed whole and each segment
takes its tokens from its own side, so a word inside a changed caption is
still shown as part of a string, not as a keyword.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from markupsafe import Markup, escape
from pygments.formatters import HtmlFormatter
from pygments.token import (
    STANDARD_TYPES,
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Token,
    _TokenType,
)

from lawsim.syntax.lexer import LawLexer

#: The Pygments style the reports use: dark enough on white, and its colours are not the redline's.
STYLE = "default"
#: The token types LawLexer produces (the stylesheet carries rules for these only).
USED = (Comment.Single, String.Double, Keyword, Keyword.Namespace, Keyword.Constant, Keyword.Reserved, Name,
        Name.Label, Literal.Date, Number.Integer, Operator, Operator.Word, Punctuation, Error)


def _css_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, css class) for each token of ``text``; whitespace has no class."""
    out = []
    for start, ttype, value in LawLexer().get_tokens_unprocessed(text):
        if value and ttype not in Token.Text.Whitespace and ttype is not Token.Text:
            out.append((start, start + len(value), _css_class(ttype)))
    return out


def _html(text: str, offset: int, tokens: Sequence[tuple[int, int, str]]) -> str:
    """``text`` (found at ``offset`` in the lexed text) with each token's part wrapped in its span."""
    out, pos, end = [], offset, offset + len(text)
    for start, stop, css in tokens:
        if stop <= pos or start >= end:
            continue
        if start > pos:
            out.append(str(escape(text[pos - offset:start - offset])))
            pos = start
        piece = text[pos - offset:min(stop, end) - offset]
        out.append(f'<span class="{css}">{escape(piece)}</span>' if css else str(escape(piece)))
        pos = min(stop, end)
    out.append(str(escape(text[pos - offset:])))
    return "".join(out)


def highlight(text: str) -> Markup:
    """.law text as HTML, each token in a span with its class (see :func:`stylesheet`)."""
    return Markup(_html(text, 0, _tokens(text)))


def highlight_segments(segments: Iterable) -> list[tuple[str, Markup]]:
    """A redline's segments (``kind``, ``text``) as (kind, HTML), each lexed with its own version's text."""
    segments = list(segments)
    baseline = "".join(s.text for s in segments if s.kind != "added")
    reform = "".join(s.text for s in segments if s.kind != "removed")
    tokens = {"baseline": _tokens(baseline), "reform": _tokens(reform)}
    at = {"baseline": 0, "reform": 0}
    out = []
    for seg in segments:
        side = "baseline" if seg.kind == "removed" else "reform"
        out.append((seg.kind, Markup(_html(seg.text, at[side], tokens[side]))))
        at[side] += len(seg.text)
        if seg.kind == "same":
            at["baseline"] += len(seg.text)
    return out


@lru_cache(maxsize=None)
def stylesheet(scope: str = ".law") -> Markup:
    """CSS for the token classes inside elements matching ``scope`` (colours and weights only)."""
    rules = HtmlFormatter(style=STYLE).get_style_defs(scope).splitlines()
    # Keep the rules of the classes .law text uses; drop the formatter's box and line-number rules.
    used = {f"{scope} .{_css_class(t)} " for t in USED}
    return Markup("\n".join(r.split(" /*")[0] for r in rules if any(r.startswith(u) for u in used)))
