"""The parse-tree-to-AST builder, part 2: facts, provisions, rules, remedies and amendments.

A mixin of :class:`lawsim.syntax.build.ToAst`: one method per grammar rule
of ``grammars/law.lark`` for these items, each returning an AST node (or a
tagged part of one) with its span.
"""

from __future__ import annotations

from typing import Any

from lark import Token, v_args

from lawsim.source import Span
from lawsim.syntax import ast
from lawsim.syntax.build_common import BuilderBase, _tok_span, _unquote


class ItemBuilder(BuilderBase):
    # -- facts ------------------------------------------------------------
    @v_args(meta=True)
    def facts_block(self, meta, c):
        return ast.FactsBlock(decls=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def fact_decl(self, meta, c):
        return ast.FactDecl(name=str(c[0]), description=_unquote(c[1]), type=c[2], span=self._s(meta),
                            name_span=self._t(c[0]))

    @v_args(meta=True)
    def bool_type(self, meta, c):
        return ast.BoolType(span=self._s(meta))

    @v_args(meta=True)
    def int_type(self, meta, c):
        return ast.IntType(low=int(c[0]), high=int(c[1]), span=self._s(meta))

    @v_args(meta=True)
    def enum_type(self, meta, c):
        return ast.EnumType(values=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def enum_value(self, meta, c):
        omits = next((x for x in c[1:] if isinstance(x, tuple)), None)
        texts = [x for x in c[1:] if isinstance(x, Token)]
        desc = _unquote(texts[0]) if texts else None
        return ast.EnumValue(name=str(c[0]), description=desc, span=self._s(meta),
                             omits=omits[0] if omits else None, omits_span=omits[1] if omits else None)

    def omits(self, c):
        return (str(c[0]), self._t(c[0]))

    # -- constraints ------------------------------------------------------
    @v_args(meta=True)
    def constraint(self, meta, c):
        impossible, cond = c[2]
        return ast.Constraint(name=str(c[0]), caption=_unquote(c[1]), cond=cond, impossible=impossible,
                              span=self._s(meta), name_span=self._t(c[0]))

    def impossible(self, c):
        return (True, c[0])

    def requires(self, c):
        return (False, c[0])

    # -- provisions -------------------------------------------------------
    @v_args(meta=True)
    def cite(self, meta, c):
        return ast.Cite(id=str(c[-1]), span=_tok_span(self.src, c[-1]))

    @v_args(meta=True)
    def provision(self, meta, c):
        return ast.Provision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def definition(self, meta, c):
        return ast.Definition(name=str(c[0]), caption=_unquote(c[1]), cond=c[2], span=self._s(meta),
                              name_span=self._t(c[0]))

    @v_args(meta=True)
    def parameter(self, meta, c):
        return ast.Parameter(name=str(c[0]), caption=_unquote(c[1]), value=int(c[2]), span=self._s(meta),
                             name_span=self._t(c[0]))

    @v_args(meta=True)
    def assumption(self, meta, c):
        return ast.Assumption(name=str(c[0]), description=_unquote(c[1]), default=str(c[2]) == "on",
                              span=self._s(meta), name_span=self._t(c[0]))

    @v_args(meta=True)
    def rule(self, meta, c):
        name = None
        # Point at the name, or at the word 'rule' (the first character).
        name_span = Span.at(self.src, meta.start_pos, meta.start_pos + 4) if not meta.empty else None
        if isinstance(c[0], Token):
            name, name_span, c = str(c[0]), self._t(c[0]), c[1:]
        (agents, agent_spans), modality, (conducts, conduct_spans) = c[0], c[1], c[2]
        when, exceptions, overrides = None, [], ()
        for part in c[3:]:
            kind, value = part
            if kind == "when":
                when = value
            elif kind == "unless":
                exceptions.append(value)
            else:
                overrides = value
        return ast.Rule(
            name=name,
            agents=agents,
            prohibits=modality == "may not",
            conducts=conducts,
            when=when,
            exceptions=tuple(exceptions),
            overrides=overrides,
            must=modality == "must",
            span=self._s(meta),
            agent_spans=agent_spans,
            conduct_spans=conduct_spans,
            name_span=name_span,
        )

    def any_agency(self, c):
        return None, ()

    def agent_list(self, c):
        return tuple(str(t) for t in c), tuple(_tok_span(self.src, t) for t in c)

    any_conduct = any_agency
    conduct_list = agent_list

    def prohibits(self, c):
        return "may not"

    def permits(self, c):
        return "may"

    def requires_conduct(self, c):
        return "must"

    def when(self, c):
        return ("when", c[0])

    def exception(self, c):
        return ("unless", c[0])

    def overrides(self, c):
        return ("overrides", tuple(c))

    @v_args(meta=True)
    def remedy(self, meta, c):
        cites = tuple(x for x in c if isinstance(x, ast.Cite))
        tagged: dict[str, Any] = dict(x for x in c if isinstance(x, tuple))
        plaintiffs, relief = tagged["body"]
        when = tagged.get("when")
        return ast.Remedy(covers=cites, plaintiffs=plaintiffs, relief=relief, when=when, span=self._s(meta))

    def no_remedy(self, c):
        return ("body", ((), ()))

    def gives_remedy(self, c):
        return ("body", (c[0], c[1]))

    def parties(self, c):
        return tuple(str(t) for t in c)

    reliefs = parties

    # -- amendments -------------------------------------------------------
    @v_args(meta=True)
    def replace_provision(self, meta, c):
        return ast.ReplaceProvision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def insert_provision(self, meta, c):
        return ast.InsertProvision(cite=c[0], caption=_unquote(c[1]), items=tuple(c[2:]), span=self._s(meta))

    @v_args(meta=True)
    def renumber_provision(self, meta, c):
        return ast.RenumberProvision(cite=c[0], to=c[1], span=self._s(meta))

    @v_args(meta=True)
    def repeal_provision(self, meta, c):
        return ast.RepealProvision(cite=c[0], span=self._s(meta))

    @v_args(meta=True)
    def replace_definition(self, meta, c):
        return ast.ReplaceDefinition(name=str(c[0]), caption=_unquote(c[1]), cond=c[2], span=self._s(meta),
                                     name_span=self._t(c[0]))

    @v_args(meta=True)
    def repeal_definition(self, meta, c):
        return ast.RepealDefinition(name=str(c[0]), span=self._s(meta), name_span=self._t(c[0]))
