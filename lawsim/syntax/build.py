"""The parse-tree-to-AST builder: Lark's tree in, the AST of :mod:`lawsim.syntax.ast` out.

Part of the syntax stage, used only by :mod:`lawsim.syntax.parser`, so the
Lark tree never leaves the stage.  :class:`ToAst` is one Lark
``Transformer`` made of four parts: this module (tokens, files and their
metadata), :mod:`~lawsim.syntax.build_items` (facts, provisions, rules,
remedies, amendments), :mod:`~lawsim.syntax.build_conditions`
(conditions) and :mod:`~lawsim.syntax.build_pipeline` (pipeline files).
Every grammar rule has a method; ``__default__`` fails loudly for one that
does not, so a grammar change cannot be silently ignored.

Problems the grammar cannot express (a reserved word used as a name, a
number too long, a date that does not exist, a metadata line given twice)
are collected in ``diags`` and raised by the parser after the transform.
"""

from __future__ import annotations

import datetime

from lark import Token, Transformer, v_args

from lawsim.diagnostics import Diagnostic, Label
from lawsim.source import Span
from lawsim.syntax import ast
from lawsim.syntax.build_common import _unquote
from lawsim.syntax.build_conditions import ConditionBuilder
from lawsim.syntax.build_items import ItemBuilder
from lawsim.syntax.build_pipeline import PipelineBuilder
from lawsim.syntax.errors import RESERVED

#: Longest number literal accepted (ranges are small; see E107).
MAX_DIGITS = 9


class ToAst(ItemBuilder, ConditionBuilder, PipelineBuilder, Transformer):
    """Convert the Lark tree to AST nodes, bottom-up."""

    def __default__(self, data, children, meta):
        raise NotImplementedError(f"grammar rule '{data}' has no AST conversion")

    # -- tokens -----------------------------------------------------------
    # The contextual lexer reads a keyword as a NAME wherever only a name
    # fits (``facts`` followed by ``rule "..."``), so reserved words are
    # caught here, where every name passes.
    def NAME(self, tok: Token) -> Token:
        if str(tok) in RESERVED:
            self.diags.append(Diagnostic(
                "E014", f"'{tok}' is a reserved word and cannot be used as a name", span=self._t(tok),
                notes=("choose another name; docs/language.md lists the reserved words",)))
        return tok

    def INT(self, tok: Token) -> Token:
        if len(str(tok).lstrip("0")) > MAX_DIGITS:
            self.diags.append(Diagnostic("E016", "this number is too large", span=self._t(tok),
                                         notes=(f"numbers in a law have at most {MAX_DIGITS} digits",)))
            return Token.new_borrow_pos("INT", "0", tok)
        return tok

    def DATE(self, tok: Token) -> Token:
        try:
            datetime.date.fromisoformat(str(tok))
        except ValueError:
            self.diags.append(Diagnostic("E017", f"{tok} is not a real date", span=self._t(tok),
                                         notes=("write the date as YEAR-MONTH-DAY, e.g. 2023-02-15",)))
        return tok

    # -- files ------------------------------------------------------------
    @v_args(meta=True)
    def start(self, meta, children):
        return children[0]

    def _collect_meta(self, metas, allowed: set[str], what: str) -> dict:
        found: dict = {"sources": []}
        source_spans: dict[str, Span | None] = {}
        for key, value, span, value_span in metas:
            if key == "source":
                # Several sources are normal; the same one twice is a slip.
                if value in source_spans:
                    self.diags.append(Diagnostic(
                        "E201", f"the source \"{value}\" is given twice in this {what}", span=span,
                        labels=tuple(Label(s, "first given here") for s in (source_spans[value],) if s)))
                    continue
                source_spans[value] = span
                found["sources"].append(value)
                continue
            if key not in allowed:
                continue
            if key in found:
                self.diags.append(
                    Diagnostic("E201", f"'{key.replace('_', ' ')}' is given twice in this {what}", span=span,
                               labels=(Label(found[key][1], "first given here"),))
                )
                continue
            found[key] = (value, span, value_span)
        return found

    @v_args(meta=True)
    def law_file(self, meta, children):
        title = _unquote(children[0])
        metas = [c for c in children[1:] if isinstance(c, tuple)]
        items = tuple(c for c in children[1:] if not isinstance(c, tuple))
        found = self._collect_meta(metas, {"jurisdiction", "in_force"}, "law")
        return ast.LawDoc(
            title=title,
            jurisdiction=found["jurisdiction"][0] if "jurisdiction" in found else None,
            in_force=found["in_force"][0] if "in_force" in found else None,
            sources=tuple(found["sources"]),
            items=items,
            span=self._s(meta),
        )

    @v_args(meta=True)
    def bill_file(self, meta, children):
        return ast.BillDoc(blocks=tuple(children), span=self._s(meta))

    @v_args(meta=True)
    def pipeline_file(self, meta, children):
        metas = [c for c in children[1:] if isinstance(c, tuple)]
        found = self._collect_meta(metas, {"jurisdiction"}, "pipeline")
        return ast.PipelineDoc(
            title=_unquote(children[0]),
            jurisdiction=found["jurisdiction"][0] if "jurisdiction" in found else None,
            sources=tuple(found["sources"]),
            items=tuple(c for c in children[1:] if not isinstance(c, tuple)),
            span=self._s(meta),
        )

    @v_args(meta=True)
    def bill_block(self, meta, children):
        number, title = _unquote(children[0]), _unquote(children[1])
        metas = [c for c in children[2:] if isinstance(c, tuple)]
        items = tuple(c for c in children[2:] if not isinstance(c, tuple))
        found = self._collect_meta(metas, {"sponsors", "status", "amends", "in_force"}, "bill")

        def get(key):
            return found[key][0] if key in found else None

        return ast.BillBlock(
            amends_span=found["amends"][2] if "amends" in found else None,
            number=number,
            title=title,
            sponsors=tuple(get("sponsors") or ()),
            status=get("status"),
            amends=get("amends"),
            in_force=get("in_force"),
            sources=tuple(found["sources"]),
            items=items,
            span=self._s(meta),
        )

    @v_args(meta=True)
    def meta_jurisdiction(self, meta, c):
        return ("jurisdiction", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_in_force(self, meta, c):
        return ("in_force", str(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_source(self, meta, c):
        return ("source", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_sponsors(self, meta, c):
        return ("sponsors", tuple(_unquote(t) for t in c), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_status(self, meta, c):
        return ("status", _unquote(c[0]), self._s(meta), self._t(c[0]))

    @v_args(meta=True)
    def meta_amends(self, meta, c):
        return ("amends", _unquote(c[0]), self._s(meta), self._t(c[0]))

    def top_item(self, c):
        return c[0]

    def bill_item(self, c):
        return c[0]

    def provision_item(self, c):
        return c[0]

    @v_args(meta=True)
    def default_decl(self, meta, c):
        return ast.DefaultDecl(prohibited=c[0], span=self._s(meta))

    def v_prohibited(self, c):
        return True

    def v_permitted(self, c):
        return False
