"""The parse-tree-to-AST builder, part 3: conditions.

A mixin of :class:`lawsim.syntax.build.ToAst`: one method per condition rule
of ``grammars/law.lark``, each returning an AST node with its span.
"""

from __future__ import annotations

from typing import cast

from lark import v_args

from lawsim.syntax import ast
from lawsim.syntax.build_common import BuilderBase


class ConditionBuilder(BuilderBase):
    @v_args(meta=True)
    def or_(self, meta, c):
        return ast.Or(items=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def and_(self, meta, c):
        return ast.And(items=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def not_(self, meta, c):
        return ast.Not(operand=c[0], span=self._s(meta))

    @v_args(meta=True)
    def ref(self, meta, c):
        return ast.Ref(name=str(c[0]), span=self._s(meta))

    @v_args(meta=True)
    def true_(self, meta, c):
        return ast.BoolLit(value=True, span=self._s(meta))

    @v_args(meta=True)
    def false_(self, meta, c):
        return ast.BoolLit(value=False, span=self._s(meta))

    @v_args(meta=True)
    def is_(self, meta, c):
        return ast.Is(fact=str(c[0]), value=c[1][0], negated=False, span=self._s(meta), value_span=c[1][1])

    @v_args(meta=True)
    def is_not(self, meta, c):
        return ast.Is(fact=str(c[0]), value=c[1][0], negated=True, span=self._s(meta), value_span=c[1][1])

    @v_args(meta=True)
    def one_of(self, meta, c):
        return ast.OneOf(fact=str(c[0]), values=tuple(v for v, _ in c[1:]), negated=False,
                         span=self._s(meta), value_spans=tuple(s for _, s in c[1:]))

    @v_args(meta=True)
    def not_one_of(self, meta, c):
        return ast.OneOf(fact=str(c[0]), values=tuple(v for v, _ in c[1:]), negated=True,
                         span=self._s(meta), value_spans=tuple(s for _, s in c[1:]))

    @v_args(meta=True)
    def compare(self, meta, c):
        return ast.Compare(fact=str(c[0]), op=cast(ast.CompareOp, str(c[1])), value=int(c[2]), span=self._s(meta))

    @v_args(meta=True)
    def compare_parameter(self, meta, c):
        return ast.Compare(fact=str(c[0]), op=cast(ast.CompareOp, str(c[1])), value=str(c[2]), span=self._s(meta))

    @v_args(meta=True)
    def value(self, meta, c):
        return str(c[0]), self._s(meta)

    @v_args(meta=True)
    def yes(self, meta, c):
        return "yes", self._s(meta)

    @v_args(meta=True)
    def no(self, meta, c):
        return "no", self._s(meta)
