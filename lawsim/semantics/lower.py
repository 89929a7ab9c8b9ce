"""Check a law AST and lower it to IR: the semantic passes, run in order.

Input: a :class:`lawsim.syntax.ast.LawDoc` (a law file, or the result of
applying bills) and its provenance.  Output: a :class:`lawsim.ir.Law` and
its warnings.  Every error found by any pass is raised together in one
:class:`lawsim.diagnostics.LawError`.

The passes: declarations (:mod:`~lawsim.semantics.declare`), conditions and
provisions to IR (:mod:`~lawsim.semantics.conditions`,
:mod:`~lawsim.semantics.provisions`), then the whole-law checks
(:mod:`~lawsim.semantics.checks`).
"""

from __future__ import annotations

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError
from lawsim.semantics import checks
from lawsim.semantics.conditions import Elaborator
from lawsim.semantics.declare import declare
from lawsim.semantics.problems import Problems
from lawsim.semantics.provenance import Provenance, Target
from lawsim.semantics.provisions import ProvisionLowering
from lawsim.syntax import ast


def lower(doc: ast.LawDoc, name: str = "law", provenance: Provenance | None = None,
          bills: tuple[ir.BillInfo, ...] = ()) -> tuple[ir.Law, list[Diagnostic]]:
    """Check ``doc`` and build its IR; returns the law and its warnings (sorted)."""
    provenance = provenance or Provenance()
    problems = Problems()
    decls = declare(doc, provenance, problems)
    conditions = Elaborator(decls, provenance, problems)
    lowering = ProvisionLowering(decls, conditions, provenance, problems)
    provisions = []
    seen: set[str] = set()
    for prov in doc.provisions:
        if prov.cite.id in seen:  # reported by declare (E202)
            continue
        seen.add(prov.cite.id)
        provisions.append(lowering.lower(prov))
    constraints = []
    for item in doc.constraints:
        if item.name not in decls.constraints or decls.constraints[item.name] is not item:
            continue  # a second constraint of the same name (reported by declare)
        conditions.in_constraint = True
        expr = conditions.expr(item.cond, None)
        conditions.in_constraint = False
        lowered = checks.constraint(item, expr, problems, provenance.text_of(Target.CONSTRAINT, item.name))
        if lowered is not None:
            constraints.append(lowered)
    if not problems.errors:
        spans = {c.name: c.name_span or c.span for c in doc.constraints}
        checks.check_constraints_leave_scenarios(tuple(constraints), decls.facts, problems, spans)
    checks.check_definition_cycles(conditions.refs, problems)
    checks.check_override_cycles(lowering.override_edges, problems)
    checks.check_scope_facts(doc, decls, problems)
    default = checks.check_default(doc, problems)
    checks.check_unused_definitions(decls, conditions.refs, problems)
    checks.check_unused_parameters(decls, conditions.refs, problems)
    if problems.errors or default is None:
        raise LawError(problems.errors)
    law = ir.Law(
        name=name,
        title=doc.title,
        jurisdiction=doc.jurisdiction,
        in_force=doc.in_force,
        sources=doc.sources,
        bills=bills,
        facts=tuple(decls.facts.values()),
        default_prohibited=default.prohibited,
        provisions=tuple(provisions),
        constraints=tuple(constraints),
        default_span=default.span,
    )
    return law, sorted(problems.warnings, key=Diagnostic.sort_key)
