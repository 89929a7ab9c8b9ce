"""Shared helpers of the parse-tree-to-AST builder: spans and quoted text.

Part of the syntax stage; see :mod:`lawsim.syntax.build`.
"""

from __future__ import annotations

from lark import Token

from lawsim.diagnostics import Diagnostic
from lawsim.source import SourceFile, Span


def _span_of(source: SourceFile, meta) -> Span | None:
    if getattr(meta, "empty", True):
        return None
    return Span.at(source, meta.start_pos, meta.end_pos)


def _tok_span(source: SourceFile, tok: Token) -> Span:
    return Span.at(source, tok.start_pos or 0, tok.end_pos or tok.start_pos or 0)


def _unquote(tok: Token) -> str:
    return str(tok)[1:-1]



class BuilderBase:
    """What every part of the builder needs: the source, its diagnostics, and spans."""

    def __init__(self, source: SourceFile):
        super().__init__()
        self.src = source
        self.diags: list[Diagnostic] = []

    def _s(self, meta) -> Span | None:
        return _span_of(self.src, meta)

    def _t(self, tok: Token) -> Span:
        return _tok_span(self.src, tok)
