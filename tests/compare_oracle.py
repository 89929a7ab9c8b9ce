"""A brute-force oracle for comparison tests: every concrete scenario, one by one.

Used to check the exact whole-space comparison against the reference
interpreter on small laws.
"""

from __future__ import annotations

import itertools

from lawsim import ir
from lawsim.compare.kinds import State
from lawsim.engine.interpreter import evaluate
from lawsim.ir.constraints import holds


def state(outcome) -> State:
    r = outcome.remedy
    return State(outcome.verdict, r.status, tuple(r.plaintiffs), tuple(r.relief))


def scenarios(*laws: ir.Law):
    """Every assignment of values to the facts of ``laws`` (their union) that breaks none of their constraints."""
    facts: dict[str, ir.Fact] = {}
    for law in laws:
        for fact in law.facts:
            facts.setdefault(fact.name, fact)
    constraints = [c for law in laws for c in law.constraints]
    names = list(facts)
    for values in itertools.product(*(facts[n].values for n in names)):
        scenario = dict(zip(names, values))
        if not any(holds(c.impossible, scenario) for c in constraints):
            yield scenario


def matches(region, scenario) -> bool:
    return all(scenario[c.fact.name] in c.values for c in region.conditions)


def transitions(baseline: ir.Law, reform: ir.Law, assumptions=None):
    """(scenario, baseline state, reform state) for every concrete scenario."""
    assumptions = assumptions or {}
    known_b = {k: v for k, v in assumptions.items() if k in baseline.assumptions}
    known_r = {k: v for k, v in assumptions.items() if k in reform.assumptions}
    for scenario in scenarios(baseline, reform):
        yield scenario, state(evaluate(baseline, scenario, known_b)), state(evaluate(reform, scenario, known_r))
