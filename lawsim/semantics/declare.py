"""Pass 1 of checking a law: its declarations.

Input: a :class:`lawsim.syntax.ast.LawDoc` and its provenance.  Output: the
law's :class:`Declarations` (facts as :class:`lawsim.ir.Fact` values, the
definitions, assumptions and provisions by name), with duplicate names,
empty or huge ranges and repeated enum values reported (E101-E103, E107,
E202).  Later passes resolve names against these tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never

from lawsim import ir
from lawsim.diagnostics import Label
from lawsim.semantics.problems import Problems
from lawsim.semantics.provenance import Provenance, Target
from lawsim.source import Span
from lawsim.syntax import ast

#: Most values a number fact may have (every value can be a scenario).
MAX_RANGE = 10_000


@dataclass
class Declarations:
    facts: dict[str, ir.Fact] = field(default_factory=dict)
    definitions: dict[str, ast.Definition] = field(default_factory=dict)
    def_provision: dict[str, str] = field(default_factory=dict)
    assumptions: dict[str, ast.Assumption] = field(default_factory=dict)
    parameters: dict[str, ast.Parameter] = field(default_factory=dict)
    constraints: dict[str, ast.Constraint] = field(default_factory=dict)
    provision_ids: list[str] = field(default_factory=list)
    # Span of each declared name, for 'first declared here' labels.
    name_spans: dict[str, Span | None] = field(default_factory=dict)

    def known_names(self) -> list[str]:
        return list(self.facts) + list(self.definitions) + list(self.assumptions) + list(self.parameters)


def _fact(decl: ast.FactDecl, problems: Problems) -> ir.Fact | None:
    match decl.type:
        case ast.BoolType():
            return ir.Fact(decl.name, decl.description, ir.FactKind.BOOL, ("yes", "no"), (None, None))
        case ast.IntType(low=low, high=high):
            if low > high:
                problems.error("E107", f"the range {low}..{high} of '{decl.name}' is empty", decl.type.span,
                               notes=["write the smaller bound first"])
                return None
            if high - low > MAX_RANGE:
                problems.error("E107", f"the range {low}..{high} of '{decl.name}' is too large", decl.type.span,
                               notes=[f"lawsim enumerates every value: keep ranges to {MAX_RANGE:,} values"])
                return None
            return ir.Fact(decl.name, decl.description, ir.FactKind.INT, tuple(range(low, high + 1)))
        case ast.EnumType(values=values):
            seen: dict[str, ast.EnumValue] = {}
            for v in values:
                if v.name in seen:
                    first = seen[v.name].span
                    problems.error("E101", f"'{decl.name}' lists the value '{v.name}' twice", v.span,
                                   [Label(first, "first listed here")] if first else [])
                seen[v.name] = v
            return ir.Fact(decl.name, decl.description, ir.FactKind.ENUM, tuple(seen),
                           tuple(v.description for v in seen.values()),
                           omissions=_omissions(decl.name, tuple(seen.values()), problems))
        case _:
            assert_never(decl.type)


def _omissions(fact: str, values: tuple[ast.EnumValue, ...], problems: Problems) -> tuple[tuple[str, str], ...]:
    """The (omission, omitted) pairs of a one-of fact: ``skip_record omits record_request``."""
    names = {v.name for v in values}
    out: list[tuple[str, str]] = []
    omitted: dict[str, ast.EnumValue] = {}
    for v in values:
        if v.omits is None:
            continue
        where = v.omits_span or v.span
        if v.omits not in names or v.omits == v.name:
            why = "itself" if v.omits == v.name else f"'{v.omits}', which '{fact}' does not list"
            problems.error("E110", f"'{v.name}' says it omits {why}", where,
                           notes=[f"write '{v.name} omits X' where X is another value of '{fact}': the conduct "
                                  "that not doing is"])
            continue
        if v.omits in omitted:
            first = omitted[v.omits].span
            problems.error("E110", f"'{v.omits}' has two omissions: '{omitted[v.omits].name}' and '{v.name}'", where,
                           [Label(first, "the first one")] if first else [],
                           ["a conduct has at most one value that stands for not doing it"])
            continue
        omitted[v.omits] = v
        out.append((v.name, v.omits))
    return tuple(out)


def _declare_facts(doc: ast.LawDoc, provenance: Provenance, d: Declarations, problems: Problems) -> None:
    for decl in doc.facts:
        if decl.name in d.facts:
            bill = provenance.text_of(Target.FACT, decl.name)
            problems.error("E101", f"fact '{decl.name}' is declared twice", decl.name_span or decl.span,
                           [Label(span, "first declared here")] if (span := d.name_spans.get(decl.name)) else [],
                           [f"it was added by bill {bill}"] if bill else [])
            continue
        fact = _fact(decl, problems)
        if fact is None:
            continue
        d.name_spans[decl.name] = decl.name_span or decl.span
        d.facts[decl.name] = ir.Fact(fact.name, fact.description, fact.kind, fact.values, fact.value_descriptions,
                                     decl.span, provenance.text_of(Target.FACT, decl.name), fact.omissions)


def _declare_name(name: str, span: Span | None, kind: str, d: Declarations, problems: Problems) -> bool:
    """Record a definition or assumption name; False (and an error) if it is taken."""
    previous = ("fact" if name in d.facts else "definition" if name in d.definitions
                else "assumption" if name in d.assumptions else "parameter" if name in d.parameters
                else "constraint" if name in d.constraints else None)
    if previous is None:
        d.name_spans[name] = span
        return True
    code = "E102" if previous == kind else "E103"
    what = (f"{kind} '{name}' is declared twice" if previous == kind
            else f"{kind} '{name}' has the same name as a {previous}")
    first = d.name_spans.get(name)
    problems.error(code, what, span, [Label(first, f"the {previous} is declared here")] if first else [],
                   ["every fact, definition, assumption, parameter and constraint needs its own name"])
    return False


def declare(doc: ast.LawDoc, provenance: Provenance, problems: Problems) -> Declarations:
    """Every name the law declares (see the module docstring)."""
    d = Declarations()
    _declare_facts(doc, provenance, d, problems)
    seen: dict[str, ast.Provision] = {}
    for prov in doc.provisions:
        pid = prov.cite.id
        if pid in seen:
            first = seen[pid].cite.span
            problems.error("E202", f"provision § {pid} appears twice", prov.cite.span,
                           [Label(first, "first appears here")] if first else [],
                           ["each citation names one provision; renumber one of them"])
            continue
        seen[pid] = prov
        d.provision_ids.append(pid)
        for item in prov.items:
            if isinstance(item, ast.Definition):
                if _declare_name(item.name, item.name_span or item.span, "definition", d, problems):
                    d.definitions[item.name] = item
                    d.def_provision[item.name] = pid
            elif isinstance(item, ast.Assumption):
                if _declare_name(item.name, item.name_span or item.span, "assumption", d, problems):
                    d.assumptions[item.name] = item
            elif isinstance(item, ast.Parameter):
                if _declare_name(item.name, item.name_span or item.span, "parameter", d, problems):
                    d.parameters[item.name] = item
    for constraint in doc.constraints:
        if _declare_name(constraint.name, constraint.name_span or constraint.span, "constraint", d, problems):
            d.constraints[constraint.name] = constraint
    return d
