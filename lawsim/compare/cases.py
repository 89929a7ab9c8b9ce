"""Documented cases: how each scenario file fares under the baseline and the reform.

Stage: compare.  Input: scenarios (:mod:`lawsim.scenarios`), both versions
and their semantic diff.  Output: one :class:`Case` per scenario, with its
state under each version (each scenario's own assumptions apply), the kind
of change if any, and the region of the diff that holds it.

A scenario file may leave out facts its verdict does not depend on, so it
is evaluated by the reference interpreter, not placed on the grid; it is
placed in a region only when it gives every fact the region's conditions
test and it is evaluated under the default assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lawsim.compare.kinds import ChangeKind, State, classify
from lawsim.compare.semantic import SemanticDiff
from lawsim.diagnostics import Diagnostic
from lawsim.engine.interpreter import Outcome
from lawsim.scenarios import Scenario, simulate
from lawsim.semantics import Version


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str
    path: str
    before: State
    after: State
    kind: ChangeKind | None  # None: the outcome is the same under both versions
    region: int | None  # index into SemanticDiff.regions
    baseline: Outcome
    reform: Outcome
    assumptions: tuple[tuple[str, bool], ...]  # the scenario's own, where they differ from a default


def _state(outcome: Outcome) -> State:
    r = outcome.remedy
    return State(outcome.verdict, r.status, tuple(r.plaintiffs), tuple(r.relief))


def _region(semantics: SemanticDiff, facts: dict, before: State, after: State) -> int | None:
    for index, region in enumerate(semantics.regions):
        if (region.before, region.after) != (before, after):
            continue
        if all(c.fact.name in facts and facts[c.fact.name] in c.values for c in region.conditions):
            return index
    return None


def document_cases(scenarios: Sequence[Scenario], baseline: Version, reform: Version,
                   semantics: SemanticDiff) -> tuple[tuple[Case, ...], tuple[Diagnostic, ...]]:
    """Every scenario under both versions, changed ones first, and warnings about the files.

    Raises LawError for problems in the files (as ``lawsim simulate`` does).
    """
    run = simulate(scenarios, [baseline, reform])
    cases = []
    for sc, (b, r) in zip(run.scenarios, run.rows):
        before, after = _state(b.outcome), _state(r.outcome)
        changed = before != after
        own = tuple(sorted((k, v) for k, v in {**b.assumptions, **r.assumptions}.items()
                           if any(law.assumptions[k].default != v for law in (baseline.law, reform.law)
                                  if k in law.assumptions)))
        region = _region(semantics, {**b.facts, **r.facts}, before, after) if changed and not own else None
        cases.append(Case(sc.id, sc.title, sc.path, before, after, classify(before, after) if changed else None,
                          region, b.outcome, r.outcome, own))
    return tuple(sorted(cases, key=lambda c: (c.kind is None, c.id))), run.warnings
