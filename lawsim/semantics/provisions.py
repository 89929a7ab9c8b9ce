"""Pass 3 of checking a law: provisions, from AST to IR.

Input: an :class:`lawsim.syntax.ast.Provision`, the law's declarations and
the condition pass (:class:`~lawsim.semantics.conditions.Elaborator`).
Output: an :class:`lawsim.ir.Provision` whose rules have ids and resolved
scopes and whose citations (``notwithstanding``, ``violations of``) are
expanded to the provisions they designate.  Reports two rules with one name
(E202), unknown agencies or conducts (E106), citations of nothing (E203)
and a rule overriding its own provision (E205), and records which provision
overrides which for the cycle check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, assert_never

from lawsim import ir
from lawsim.diagnostics import Label, did_you_mean
from lawsim.semantics.cites import covered
from lawsim.semantics.conditions import Elaborator
from lawsim.semantics.declare import Declarations
from lawsim.semantics.problems import Problems
from lawsim.semantics.provenance import Provenance, Target
from lawsim.source import Span
from lawsim.syntax import ast


@dataclass
class ProvisionLowering:
    d: Declarations
    conditions: Elaborator
    provenance: Provenance
    problems: Problems
    # (overriding provision, overridden provision, span of the citation)
    override_edges: list[tuple[str, str, Span | None]] = field(default_factory=list)

    def _expand(self, cites: tuple[ast.Cite, ...], what: str) -> tuple[str, ...]:
        out: list[str] = []
        for cite in cites:
            found = covered(cite.id, self.d.provision_ids)
            if not found:
                bill = self.provenance.repealed_by(Target.PROVISION, cite.id)
                moved = {old: new for new, old in self.provenance.renumbered().items()}.get(cite.id)
                if bill:
                    notes = [f"§ {cite.id} is repealed by bill {bill}, but this text still cites it"]
                elif moved:
                    by = self.provenance.touched_by(Target.PROVISION, moved)
                    notes = [f"§ {cite.id} is renumbered as § {moved} by bill {by}: cite § {moved}"]
                else:
                    notes = list(did_you_mean(cite.id, self.d.provision_ids))
                self.problems.error("E203", f"{what} cites § {cite.id}, but this law has no such provision",
                                    cite.span, notes=notes)
            out += found
        return tuple(dict.fromkeys(out))

    def _scope(self, names: tuple[str, ...] | None, spans: Sequence[Span], fact_name: str) -> frozenset[str] | None:
        if names is None:
            return None
        fact = self.d.facts.get(fact_name)
        if fact is None or fact.kind != ir.FactKind.ENUM:
            return frozenset(names)  # reported once, by checks.check_scope_facts
        for name, span in zip(names, spans):
            if name not in fact.values:
                self.problems.error("E106", f"unknown {fact_name} '{name}'", span,
                                    notes=[*did_you_mean(name, fact.values),
                                           f"'{fact_name}' has the values: " + ", ".join(fact.values)])
        return frozenset(names)

    def _condition(self, expr: ast.Expr | None) -> ir.Expr:
        return self.conditions.expr(expr, None) if expr is not None else ir.Const(True)

    def _duty(self, item: ast.Rule, conducts: frozenset[str] | None) -> tuple[frozenset[str], tuple[str, ...]]:
        """A duty's omissions (the conducts it prohibits) and the conducts it requires, in declared order."""
        fact = self.d.facts.get("conduct")
        where = item.name_span or item.span
        if conducts is None:
            self.problems.error("E109", "a duty must name the conducts it requires, not 'any conduct'", where)
            return frozenset(), ()
        declared = fact.values if fact is not None else ()
        required = tuple(v for v in declared if v in conducts) or tuple(sorted(conducts))
        omission_of = {omitted: omission for omission, omitted in (fact.omissions if fact else ())}
        for name, span in zip(item.conducts or (), item.conduct_spans or (None,) * len(item.conducts or ())):
            if fact is not None and name in fact.values and name not in omission_of:
                self.problems.error(
                    "E109", f"'{name}' has no omission for this duty to prohibit", span or where,
                    notes=[f"a duty is kept by doing the conduct and broken by not doing it: declare the value "
                           f"that stands for not doing it, e.g. skip_{name} \"...\" omits {name}"])
        return frozenset(omission_of[c] for c in required if c in omission_of), required

    def _rule(self, pid: str, key: str, item: ast.Rule, origin: str | None) -> ir.Rule:
        agents = self._scope(item.agents, item.agent_spans, "agency")
        conducts = self._scope(item.conducts, item.conduct_spans, "conduct")
        duty: tuple[str, ...] = ()
        if item.must:
            conducts, duty = self._duty(item, conducts)
        when = self._condition(item.when)
        excs = tuple(self.conditions.expr(e, None) for e in item.exceptions)
        overrides = self._expand(item.overrides, "this rule")
        for cite in item.overrides:
            # '§ 9-131' from inside 9-131(h) means the rest of the section; naming
            # the rule's own provision is a mistake.
            if cite.id == pid:
                self.problems.error("E205", f"a rule in § {pid} cannot override its own provision", cite.span,
                                    notes=["'notwithstanding' names the other provisions this rule prevails over"])
            for target in covered(cite.id, self.d.provision_ids):
                if target != pid:
                    self.override_edges.append((pid, target, cite.span))
        return ir.Rule(f"{pid}:{key}", pid, item.name, agents, conducts, item.prohibits or item.must, when, excs,
                       tuple(o for o in overrides if o != pid), item.span, origin, duty)

    def lower(self, prov: ast.Provision) -> ir.Provision:
        pid = prov.cite.id
        origin = self.provenance.text_of(Target.PROVISION, pid)
        items: list[ir.Item] = []
        rule_names: dict[str, ast.Rule] = {}
        n_rules = n_remedies = 0
        for item in prov.items:
            match item:
                case ast.Definition():
                    expr = self.conditions.expr(item.cond, item.name)
                    items.append(ir.Definition(item.name, pid, item.caption, expr, item.span,
                                               self.provenance.text_of(Target.DEFINITION, item.name) or origin))
                case ast.Assumption():
                    items.append(ir.Assumption(item.name, pid, item.description, item.default, item.span, origin))
                case ast.Parameter():
                    items.append(ir.Parameter(item.name, pid, item.caption, item.value, item.span, origin))
                case ast.Rule():
                    n_rules += 1
                    # An unnamed rule is known by its position (rule1, rule2, ...),
                    # so a named rule must not take a name of that form in use.
                    key = item.name or f"rule{n_rules}"
                    if key in rule_names:
                        first = rule_names[key]
                        message = (f"§ {pid} has two rules named '{key}'" if item.name and first.name else
                                   f"§ {pid} has two rules called '{key}': an unnamed rule is called "
                                   "rule1, rule2, ... by its position")
                        first_span = first.name_span or first.span
                        self.problems.error("E202", message, item.name_span or item.span,
                                            [Label(first_span, "the first one")] if first_span else [],
                                            ["give each rule in a provision its own name"])
                    rule_names.setdefault(key, item)
                    items.append(self._rule(pid, key, item, origin))
                case ast.Remedy():
                    n_remedies += 1
                    covers = self._expand(item.covers, "this remedy")
                    items.append(ir.Remedy(f"{pid}:remedy{n_remedies}", pid, frozenset(covers), item.plaintiffs,
                                           item.relief, self._condition(item.when), tuple(c.id for c in item.covers),
                                           item.span, origin))
                case _:
                    assert_never(item)
        return ir.Provision(pid, prov.caption, tuple(items), prov.span, origin)
