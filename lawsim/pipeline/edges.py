"""Which contact points a law version leaves open, for every person profile.

Stage: pipeline.  Input: a version's law and binding, and the profile
space.  Output: one :class:`EdgeResult` per contact point: per profile,
whether the law permits the contact point's conduct (the edge is open) and
why (the verdict and the rules that decide it).  The whole-space engine
(:func:`lawsim.engine.fast.evaluate_space`) does the work; property tests
check it against the reference interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from lawsim import ir
from lawsim.engine.fast import evaluate_space
from lawsim.engine.space import Space
from lawsim.ir.pipeline import Binding
from lawsim.ir.vocab import Verdict
from lawsim.pipeline.profiles import contact_space


@dataclass(frozen=True)
class Reason:
    """Why a contact point is open or closed: the verdict and the rules that decide it (none: the default)."""

    verdict: Verdict
    rules: tuple[str, ...]  # rule ids, e.g. '9-131(h)(2):communication_allowed'

    @property
    def open(self) -> bool:
        return self.verdict == Verdict.PERMITTED


@dataclass(frozen=True)
class EdgeResult:
    """One contact point under one version: ``reasons[reason[i]]`` holds for profile point ``i``."""

    reason: np.ndarray  # int per profile point
    reasons: tuple[Reason, ...]

    @property
    def open(self) -> np.ndarray:
        table = np.array([r.open for r in self.reasons], dtype=bool)
        return table[self.reason]


def evaluate_edges(law: ir.Law, binding: Binding, profiles: Space,
                   assumptions: Mapping[str, bool] | None = None) -> dict[str, EdgeResult]:
    """Every contact point of ``binding`` under ``law``, on every point of ``profiles``."""
    out = {}
    verdicts = tuple(Verdict)
    for contact in binding.pipeline.contacts:
        space = contact_space(profiles, binding.fixed[contact.name], law)
        result = evaluate_space(law, space, assumptions)
        names = sorted(result.deciding)
        columns = [result.verdict.astype(np.int64)] + [np.asarray(result.deciding[n], dtype=np.int64) for n in names]
        keys, inverse = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)
        reasons = tuple(Reason(verdicts[int(row[0])], tuple(n for n, bit in zip(names, row[1:]) if bit))
                        for row in keys)
        out[contact.name] = EdgeResult(inverse.reshape(-1).astype(np.int64), reasons)
    return out


def assumptions_in_play(law: ir.Law, binding: Binding, graph) -> dict[str, tuple[str, ...]]:
    """Per contact point, the assumptions that the rules in scope of its conduct rely on."""
    out = {}
    for contact in binding.pipeline.contacts:
        fixed = binding.fixed[contact.name]
        rules = [r for r in law.rules if r.in_scope(str(fixed["agency"]), str(fixed["conduct"]))]
        out[contact.name] = tuple(sorted({a for r in rules for a in graph.assumptions_behind(r.id)}))
    return out


def flipped_open(law: ir.Law, binding: Binding, profiles: Space, contact: str, name: str,
                 assumptions: Mapping[str, bool]) -> np.ndarray:
    """Whether the contact point is open on every profile with assumption ``name`` read the other way
    (against the reading ``assumptions`` or, without one, the law's default)."""
    space = contact_space(profiles, binding.fixed[contact], law)
    setting = {**assumptions, name: not assumptions.get(name, law.assumptions[name].default)}
    return evaluate_space(law, space, setting).verdict == Verdict.PERMITTED.code
