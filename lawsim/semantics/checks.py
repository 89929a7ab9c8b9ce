"""Pass 4 of checking a law: whole-law checks once every provision is lowered.

* definitions that use each other in a circle (E204) and provisions that
  override each other in a circle (E205), from one :class:`DependencyGraph`
  kind of check;
* rules naming agencies or conducts without a one-of fact to name them from
  (E207; W207 when the law has rules but no such fact at all);
* the law's default verdict (E206 missing, E201 given twice);
* definitions that no rule or remedy uses, directly or through other
  definitions (W201): they cannot change any verdict;
* constraints that test anything but facts (E108), and constraints that
  together rule out every scenario (E208).
"""

from __future__ import annotations

from lawsim import ir
from lawsim.diagnostics import Label
from lawsim.ir.constraints import MAX_COMBINATIONS, components
from lawsim.ir.walk import subexpressions
from lawsim.semantics.cites import cite_sort_key
from lawsim.semantics.conditions import References
from lawsim.semantics.declare import Declarations
from lawsim.semantics.graph import DependencyGraph
from lawsim.semantics.problems import Problems
from lawsim.source import Span
from lawsim.syntax import ast


def check_definition_cycles(refs: References, problems: Problems) -> None:
    graph = DependencyGraph()
    for owner, uses in refs.between.items():
        for target, span in uses:
            graph.add(owner, target, span)
    for cycle in graph.cycles():
        path = " -> ".join(cycle.nodes)
        labels = [Label(e.span, f"'{e.source}' uses '{e.target}' here") for e in cycle.edges[1:] if e.span]
        problems.error("E204", f"definitions refer to each other in a circle: {path}", cycle.edges[0].span, labels,
                       ["a definition cannot depend on itself, directly or through others"])


def check_override_cycles(edges: list[tuple[str, str, Span | None]], problems: Problems) -> None:
    graph = DependencyGraph()
    for source, target, span in edges:
        graph.add(source, target, span)
    # One report per group of provisions that override each other.
    for cycle in graph.cycles(order=cite_sort_key):
        if len(cycle.edges) < 2:
            continue  # a provision naming itself is reported where it is written (E205 in provisions)
        path = " -> ".join(f"§ {n}" for n in cycle.nodes)
        labels = [Label(e.span, f"§ {e.source} overrides § {e.target} here") for e in cycle.edges[1:] if e.span]
        problems.error("E205", f"provisions override each other in a circle: {path}", cycle.edges[0].span, labels,
                       ["priority must be a strict order: remove one 'notwithstanding'"])


_EXAMPLES = {"agency": "doc | nypd | probation", "conduct": "hold_past_release | notify_release"}


def _advice(missing: list[str]) -> list[str]:
    return ["every rule says which agencies and conducts it governs; declare them as one-of facts, e.g.\n"
            + "\n".join(f'{m} "...": {_EXAMPLES[m]}' for m in missing)]


def check_scope_facts(doc: ast.LawDoc, d: Declarations, problems: Problems) -> None:
    """Rules are scoped by the one-of facts 'agency' and 'conduct'.

    Naming agencies (or conducts) without a one-of fact to name them from
    is an error.  Rules that only say 'any agency'/'any conduct' still make
    every scenario supply both facts, so a law that lacks them draws a
    warning: it can be checked, but not evaluated.
    """
    rules = [i for p in doc.provisions for i in p.items if isinstance(i, ast.Rule)]
    if not rules:
        return
    named = {"agency": [r for r in rules if r.agents is not None],
             "conduct": [r for r in rules if r.conducts is not None]}
    errors: list[str] = []
    warnings: list[str] = []
    for name in _EXAMPLES:
        fact = d.facts.get(name)
        if fact is None:
            (errors if named[name] else warnings).append(name)
        elif fact.kind != ir.FactKind.ENUM and named[name]:
            problems.error("E207", f"the '{name}' fact must be one-of (a list of names), because rules name "
                           f"{'agencies' if name == 'agency' else 'conducts'} from it",
                           d.name_spans.get(name) or fact.span,
                           notes=[f"for example: {name} \"...\": {_EXAMPLES[name]}"])
    if errors:
        first = min((r for m in errors for r in named[m]), key=lambda r: r.span.start if r.span else 0)
        what = " or ".join(repr(m) for m in errors)
        kinds = " and ".join("agencies" if m == "agency" else "conducts" for m in errors)
        problems.error("E207", f"rules name {kinds}, but the law has no {what} fact", first.name_span or first.span,
                       notes=_advice(errors))
    if warnings:
        what = " or ".join(repr(m) for m in warnings)
        problems.warn("W207", f"the law has rules but no {what} fact, so no scenario can be evaluated",
                      rules[0].name_span or rules[0].span, notes=_advice(warnings))


def check_default(doc: ast.LawDoc, problems: Problems) -> ast.DefaultDecl | None:
    """The law's one ``default`` declaration (None, and an error, when there is none)."""
    defaults = [i for i in doc.items if isinstance(i, ast.DefaultDecl)]
    if not defaults:
        where = doc.span and Span.at(doc.span.source, doc.span.start, doc.span.start + 3)
        problems.error("E206", "the law does not say what holds when no rule applies", where,
                       notes=["add a line 'default permitted' or 'default prohibited'"])
        return None
    for extra in defaults[1:]:
        first = defaults[0].span
        problems.error("E201", "'default' is given twice", extra.span,
                       [Label(first, "first given here")] if first else [])
    return defaults[0]


def used_definitions(refs: References) -> set[str]:
    """Definitions reachable from a rule or a remedy, through any chain of definitions."""
    seen: set[str] = set()
    todo = list(refs.roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [target for target, _ in refs.between.get(name, [])]
    return seen


def check_unused_definitions(d: Declarations, refs: References, problems: Problems) -> None:
    used = used_definitions(refs)
    for name, definition in d.definitions.items():
        if name not in used:
            problems.warn("W201", f"definition '{name}' is used by no rule or remedy",
                          definition.name_span or definition.span,
                          notes=["it cannot change any verdict; remove it or refer to it from a rule or remedy"])


def constraint(item: ast.Constraint, expr: ir.Expr, problems: Problems, origin: str | None) -> ir.Constraint | None:
    """The IR of one constraint, or None (and E108) when it tests a definition or an assumption."""
    others = [n for n in subexpressions(expr) if isinstance(n, (ir.DefRef, ir.AssumeRef))]
    for node in others:
        kind = "definition" if isinstance(node, ir.DefRef) else "assumption"
        problems.error("E108", f"constraint '{item.name}' uses the {kind} '{node.name}': a constraint tests facts only",
                       node.span or item.name_span or item.span,
                       notes=["a constraint says which situations cannot happen, whatever the law or its reading; "
                              "write it with facts"])
    if others:
        return None
    impossible = expr if item.impossible else ir.Neg(expr, expr.span)
    return ir.Constraint(item.name, item.caption, impossible, item.span, origin)


def check_constraints_leave_scenarios(constraints: tuple[ir.Constraint, ...], facts: dict[str, ir.Fact],
                                      problems: Problems, spans: dict[str, Span | None]) -> None:
    """E208 when the constraints (of one group of facts) rule out every scenario."""
    for component in components(constraints):
        if component.combinations(facts) > MAX_COMBINATIONS:
            problems.error("E208", f"the constraints {', '.join(c.name for c in component.constraints)} together "
                           f"test more than {MAX_COMBINATIONS:,} combinations of values", component.constraints[0].span,
                           notes=["split them into constraints over fewer facts, or narrow the facts' ranges"])
            continue
        if next(component.possible(facts), None) is not None:
            continue
        alone = [c for c in component.constraints
                 if next(type(component)((c,), component.facts).possible(facts), None) is None]
        culprits = alone[:1] or list(component.constraints)
        names = " and ".join(f"'{c.name}'" for c in culprits)
        labels = [Label(s, "with this one") for c in culprits[1:] if (s := spans.get(c.name))]
        verb = "rule" if len(culprits) > 1 else "rules"
        where = spans.get(culprits[0].name) or culprits[0].span
        problems.error("E208", f"constraint{'s' if len(culprits) > 1 else ''} {names} {verb} out every scenario",
                       where, labels,
                       ["no situation would be left to evaluate; check the condition (did you mean 'requires'?)"])


def check_unused_parameters(d: Declarations, refs: References, problems: Problems) -> None:
    for name, parameter in d.parameters.items():
        if name not in refs.parameters:
            problems.warn("W202", f"parameter '{name}' is compared with by no condition",
                          parameter.name_span or parameter.span,
                          notes=["it cannot change any verdict; remove it or compare a fact with it"])
