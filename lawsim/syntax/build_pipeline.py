"""The parse-tree-to-AST builder, part 4: pipeline files (stages, moves, contact points).

A mixin of :class:`lawsim.syntax.build.ToAst`: one method per grammar rule
of the ``pipeline_file`` part of ``grammars/law.lark``.
"""

from __future__ import annotations

from typing import cast

from lark import Token, v_args

from lawsim.syntax import ast
from lawsim.syntax.build_common import BuilderBase, _unquote


class PipelineBuilder(BuilderBase):
    def pipeline_item(self, c):
        return c[0]

    @v_args(meta=True)
    def person_facts(self, meta, c):
        return ast.PersonFacts(names=tuple(str(t) for t in c), span=self._s(meta),
                               name_spans=tuple(self._t(t) for t in c))

    @v_args(meta=True)
    def conduct_facts(self, meta, c):
        return ast.ConductFacts(settings=tuple(c), span=self._s(meta))

    @v_args(meta=True)
    def setting(self, meta, c):
        return ast.Setting(fact=str(c[0]), value=c[1][0], span=self._s(meta))

    @v_args(meta=True)
    def int_setting(self, meta, c):
        return ast.Setting(fact=str(c[0]), value=str(int(c[1])), span=self._s(meta))

    def role_entry(self, c):
        return "entry"

    def role_ice_knowledge(self, c):
        return "ice_knowledge"

    def role_ice_custody(self, c):
        return "ice_custody"

    def stage_source(self, c):
        return ("source", _unquote(c[0]))

    @v_args(meta=True)
    def stage(self, meta, c):
        role = next((x for x in c[2:] if isinstance(x, str) and not isinstance(x, Token)), None)
        sources = tuple(x[1] for x in c[2:] if isinstance(x, tuple))
        return ast.StageDecl(name=str(c[0]), caption=_unquote(c[1]), role=cast(ast.StageRole | None, role),
                             sources=sources,
                             span=self._s(meta), name_span=self._t(c[0]))

    @v_args(meta=True)
    def move(self, meta, c):
        return ast.MoveDecl(source=str(c[0]), target=str(c[1]), caption=_unquote(c[2]),
                            sources=tuple(x[1] for x in c[3:]), span=self._s(meta),
                            source_span=self._t(c[0]), target_span=self._t(c[1]))

    def info_flow(self, c):
        return ("kind", False)

    def handoff(self, c):
        return ("kind", True)

    def contact_with(self, c):
        return ("with", tuple(c))

    @v_args(meta=True)
    def contact(self, meta, c):
        name, caption = c[0], c[1]
        rest = list(c[2:])
        kind_at = next(i for i, x in enumerate(rest) if isinstance(x, tuple) and x[0] == "kind")
        stage_toks, target = rest[:kind_at - 1], rest[kind_at - 1]
        agency, conduct = rest[kind_at + 1], rest[kind_at + 2]
        tail = rest[kind_at + 3:]
        settings = next((x[1] for x in tail if isinstance(x, tuple) and x[0] == "with"), ())
        cites = tuple(x for x in tail if isinstance(x, ast.Cite))
        return ast.ContactDecl(
            name=str(name), caption=_unquote(caption), stages=tuple(str(t) for t in stage_toks),
            target=str(target), handoff=rest[kind_at][1], agency=str(agency), conduct=str(conduct),
            settings=settings, cites=cites, span=self._s(meta), name_span=self._t(name),
            stage_spans=tuple(self._t(t) for t in stage_toks), target_span=self._t(target),
            agency_span=self._t(agency), conduct_span=self._t(conduct))
