"""Fact constraints: which scenarios can happen at all.

A :class:`lawsim.ir.Constraint` says that the scenarios where its condition
holds are impossible; its condition tests facts only.  Scenarios that break
a constraint are not in the scenario space: no count includes them, no
region or witness describes them, and a scenario file that is one is
refused.

Constraints are grouped into *components*: constraints that share a fact
(directly or through others) are one component.  Each component is small
(a handful of facts), so which of its fact-value combinations are possible
is found by enumerating them; a space's weights and representatives are
built from these tables (:mod:`lawsim.engine.space`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence, assert_never

from lawsim.ir.nodes import AllOf, AnyOf, AssumeRef, Cmp, Const, Constraint, DefRef, Expr, Fact, In, Neg
from lawsim.ir.walk import subexpressions

Value = str | int

#: Most fact-value combinations one component of constraints may have (each is enumerated).
MAX_COMBINATIONS = 2_000_000


class Undecided(Exception):
    """A constraint's condition needs a fact the (partial) scenario does not give."""


def facts_of(expr: Expr) -> tuple[str, ...]:
    """The facts a condition tests, in first-use order."""
    found: dict[str, None] = {}
    for node in subexpressions(expr):
        if isinstance(node, (In, Cmp)):
            found[node.fact] = None
    return tuple(found)


def holds(expr: Expr, scenario: Mapping[str, Value]) -> bool:
    """Whether a facts-only condition holds; Undecided if it needs a missing fact."""
    match expr:
        case Const(value=value):
            return value
        case In(fact=fact, values=values):
            if fact not in scenario:
                raise Undecided(fact)
            return scenario[fact] in values
        case Cmp(fact=fact, op=op, value=value):
            if fact not in scenario:
                raise Undecided(fact)
            found = scenario[fact]
            assert isinstance(found, int)
            return op.holds(found, value)
        case Neg(operand=operand):
            return not holds(operand, scenario)
        case AllOf(items=items):
            return all(holds(i, scenario) for i in items)
        case AnyOf(items=items):
            return any(holds(i, scenario) for i in items)
        case DefRef() | AssumeRef():
            raise ValueError("a constraint tests facts only")  # refused when the law is checked
        case _:
            assert_never(expr)


def broken_by(constraints: Iterable[Constraint], scenario: Mapping[str, Value]) -> tuple[Constraint, ...]:
    """The constraints ``scenario`` breaks (a constraint it lacks facts to decide is not broken)."""
    out = []
    for constraint in constraints:
        try:
            if holds(constraint.impossible, scenario):
                out.append(constraint)
        except Undecided:
            continue
    return tuple(out)


def union(*groups: Iterable[Constraint]) -> tuple[Constraint, ...]:
    """The constraints of several laws, each once (equal constraints are one)."""
    return tuple(dict.fromkeys(c for group in groups for c in group))


@dataclass(frozen=True)
class Component:
    """Constraints that share facts, and the facts they test (in the order given)."""

    constraints: tuple[Constraint, ...]
    facts: tuple[str, ...]

    def combinations(self, domains: Mapping[str, Fact]) -> int:
        n = 1
        for name in self.facts:
            n *= domains[name].size
        return n

    def possible(self, domains: Mapping[str, Fact]) -> Iterator[tuple[Value, ...]]:
        """Every combination of the component's facts' values that breaks none of its constraints."""
        names = self.facts
        for values in itertools.product(*(domains[n].values for n in names)):
            scenario = dict(zip(names, values))
            if not any(holds(c.impossible, scenario) for c in self.constraints):
                yield values


def components(constraints: Sequence[Constraint], order: Sequence[str] = ()) -> tuple[Component, ...]:
    """Constraints grouped by shared facts; each component's facts follow ``order``, then first use."""
    groups: list[tuple[list[Constraint], dict[str, None]]] = []
    for constraint in constraints:
        facts = dict.fromkeys(facts_of(constraint.impossible))
        touching = [g for g in groups if g[1].keys() & facts.keys()]
        merged: tuple[list[Constraint], dict[str, None]] = ([constraint], facts)
        for group in touching:
            groups.remove(group)
            merged = (group[0] + merged[0], {**group[1], **merged[1]})
        groups.append(merged)
    rank = {name: i for i, name in enumerate(order)}
    out = []
    for members, facts in groups:
        names = sorted(facts, key=lambda n: (rank.get(n, len(rank)), list(facts).index(n)))
        kept = tuple(c for c in constraints if c in members)  # declaration order
        out.append(Component(kept, tuple(names)))
    return tuple(out)
