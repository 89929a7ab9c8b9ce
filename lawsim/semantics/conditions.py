"""Pass 2 of checking a law: conditions, from AST to IR.

Input: a condition (:data:`lawsim.syntax.ast.Expr`) and the law's
:class:`~lawsim.semantics.declare.Declarations`.  Output: the same condition
as an :data:`lawsim.ir.Expr` whose names are resolved (a bare name becomes a
definition reference, an assumption reference or a yes/no fact test) and
whose tests fit their facts' kinds and values.  Unknown names (E104), tests
that do not fit a fact (E105) and unknown values (E106) are reported; the
offending leaf becomes ``never`` so the pass can go on and find the rest.

It also records which definitions use which (with the span of each use), for
the cycle check and the unused-definition warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, assert_never

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Severity, did_you_mean
from lawsim.semantics.declare import Declarations
from lawsim.semantics.problems import Problems
from lawsim.semantics.provenance import Provenance, Target
from lawsim.source import Span
from lawsim.syntax import ast


@dataclass
class References:
    """Which definition each definition uses, and which definitions rules and remedies use."""

    # definition name -> [(referenced definition, span of the reference)]
    between: dict[str, list[tuple[str, Span | None]]] = field(default_factory=dict)
    # definitions referred to from a rule or a remedy (not from another definition)
    roots: set[str] = field(default_factory=set)
    # parameters that some condition compares with
    parameters: set[str] = field(default_factory=set)


class Elaborator:
    """Turns AST conditions into IR, checking names and kinds on the way (see the module docstring)."""

    def __init__(self, decls: Declarations, provenance: Provenance, problems: Problems):
        self.d = decls
        self.provenance = provenance
        self.problems = problems
        self.refs = References()
        #: Set while a constraint is lowered: there a number fact may be compared with another.
        self.in_constraint = False

    # ------------------------------------------------------------ helpers
    def _unknown_notes(self, name: str, candidates) -> list[str]:
        """Why a name is unknown: repealed by a bill, or probably misspelt."""
        for target in (Target.DEFINITION, Target.PROVISION):
            bill = self.provenance.repealed_by(target, name)
            if bill:
                return [f"the {target} '{name}' is repealed by bill {bill}, but this text still uses it",
                        "the bill must also amend the provisions that use it"]
        return list(did_you_mean(name, candidates))

    def _fact_for_test(self, name: str, span: Span | None, form: str) -> ir.Fact | None:
        if name in self.d.facts:
            return self.d.facts[name]
        if name in self.d.definitions or name in self.d.assumptions:
            kind = "definition" if name in self.d.definitions else "assumption"
            self.problems.error("E105", f"'{name}' is a {kind}, not a fact: it cannot be used in '{form}'", span,
                                notes=[f"a {kind} is already yes or no: write just '{name}' or 'not {name}'"])
            return None
        self.problems.error("E104", f"unknown fact '{name}'", span, notes=self._unknown_notes(name, self.d.facts))
        return None

    def _check_values(self, fact: ir.Fact, values: Sequence[str], spans: Sequence[Span | None],
                      span: Span | None) -> bool:
        if fact.kind == ir.FactKind.INT:
            self.problems.error("E105", f"'{fact.name}' is a number: compare it with <, <=, >, >=, = or !=", span)
            return False
        ok = True
        for i, v in enumerate(values):
            if v not in fact.values:
                vspan = spans[i] if i < len(spans) and spans[i] is not None else span
                self.problems.error("E106", f"'{fact.name}' has no value '{v}'", vspan,
                                    notes=[*did_you_mean(v, fact.values), f"its values are: {', '.join(fact.values)}"])
                ok = False
        return ok

    def _test(self, name: str, values: Sequence[str], spans: Sequence[Span | None], negated: bool,
              span: Span | None, form: str) -> ir.Expr:
        fact = self._fact_for_test(name, span, form)
        if fact is None or not self._check_values(fact, values, spans, span):
            return ir.Const(False, span)
        test = ir.In(name, frozenset(values), span)
        return ir.Neg(test, span) if negated else test

    def _ref(self, name: str, span: Span | None, owner: str | None) -> ir.Expr:
        if name in self.d.definitions:
            if owner is None:
                self.refs.roots.add(name)
            else:
                self.refs.between.setdefault(owner, []).append((name, span))
            return ir.DefRef(name, span)
        if name in self.d.assumptions:
            return ir.AssumeRef(name, span)
        if name in self.d.facts:
            fact = self.d.facts[name]
            if fact.kind != ir.FactKind.BOOL:
                how = "compare it with a number" if fact.kind == ir.FactKind.INT else f"write '{name} is <value>'"
                self.problems.error("E105", f"'{name}' is not a yes/no fact: {how}", span)
            return ir.In(name, frozenset({"yes"}), span)
        self.problems.error("E104", f"unknown name '{name}'", span,
                            notes=self._unknown_notes(name, self.d.known_names()))
        return ir.Const(False, span)

    def _compare(self, node: ast.Compare) -> ir.Expr:
        name, span = node.fact, node.span
        fact = self._fact_for_test(name, span, f"{name} {node.op} ...")
        if fact is None:
            return ir.Const(False, span)
        if fact.kind != ir.FactKind.INT:
            shown = node.value if isinstance(node.value, str) and node.op in ("=", "!=") else "<value>"
            negated = "not " if node.op == "!=" else ""
            how = (f"write '{name}' or 'not {name}'" if fact.kind == ir.FactKind.BOOL
                   else f"write '{name} is {negated}{shown}'")
            self.problems.error("E105", f"'{name}' is not a number: {how}", span)
            return ir.Const(False, span)
        value, parameter = node.value, None
        if isinstance(value, str) and self.in_constraint and value in self.d.facts:
            return self._facts_compared(node, fact, self.d.facts[value])
        if isinstance(value, str):
            parameter = value
            found = self._parameter(value, span)
            if found is None:
                return ir.Const(False, span)
            value = found.value
        if not (fact.values[0] <= value <= fact.values[-1]):
            shown = f"{parameter} ({value})" if parameter else str(value)
            self.problems.warnings.append(Diagnostic(
                "W101", f"{shown} is outside the range {fact.values[0]}..{fact.values[-1]} of '{name}'",
                span=span, severity=Severity.WARNING))
        return ir.Cmp(name, ir.CmpOp(node.op), value, span, parameter)

    def _facts_compared(self, node: ast.Compare, left: ir.Fact, right: ir.Fact) -> ir.Expr:
        """``a OP b`` for two number facts, in a constraint: exactly, as 'b = v and a OP v' for each v of b.

        Constraints are evaluated value by value (they never split a fact's
        values into classes), so the expansion costs nothing at evaluation.
        """
        span = node.span
        if right.kind != ir.FactKind.INT:
            self.problems.error("E111", f"'{right.name}' is not a number fact: it cannot be compared with "
                                f"'{left.name}'", span)
            return ir.Const(False, span)
        op = ir.CmpOp(node.op)
        return ir.AnyOf(tuple(ir.AllOf((ir.Cmp(right.name, ir.CmpOp.EQ, v, span), ir.Cmp(left.name, op, v, span)), span)
                              for v in right.values), span)

    def _parameter(self, name: str, span: Span | None) -> ast.Parameter | None:
        if name in self.d.parameters:
            self.refs.parameters.add(name)
            return self.d.parameters[name]
        if name in self.d.facts or name in self.d.definitions or name in self.d.assumptions:
            kind = "fact" if name in self.d.facts else "definition" if name in self.d.definitions else "assumption"
            where = " (only a constraint compares two facts)" if kind == "fact" else ""
            self.problems.error("E111", f"'{name}' is a {kind}: a number fact is compared with a number or a "
                                f"parameter{where}", span,
                                notes=["declare the number as a parameter in the provision that sets it: "
                                       'parameter lookback_years "the look-back period": 5'])
            return None
        self.problems.error("E104", f"unknown parameter '{name}'", span,
                            notes=self._unknown_notes(name, self.d.parameters))
        return None

    # ------------------------------------------------------------ the pass
    def expr(self, node: ast.Expr, owner: str | None) -> ir.Expr:
        """Lower a condition; ``owner`` is the definition being lowered, if any."""
        match node:
            case ast.Ref(name=name, span=span):
                return self._ref(name, span, owner)
            case ast.BoolLit(value=value, span=span):
                return ir.Const(value, span)
            case ast.Is(fact=name, value=value, negated=negated, span=span):
                return self._test(name, [value], [node.value_span], negated, span, f"{name} is ...")
            case ast.OneOf(fact=name, values=values, negated=negated, span=span):
                return self._test(name, values, node.value_spans, negated, span, f"{name} is one of ...")
            case ast.Compare():
                return self._compare(node)
            case ast.Not(operand=operand, span=span):
                return ir.Neg(self.expr(operand, owner), span)
            case ast.And(items=items, span=span):
                return ir.AllOf(tuple(self.expr(i, owner) for i in items), span)
            case ast.Or(items=items, span=span):
                return ir.AnyOf(tuple(self.expr(i, owner) for i in items), span)
            case _:
                assert_never(node)
