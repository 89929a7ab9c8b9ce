"""One scenario evaluated under one version, with the facts and assumptions used.

Stage: engine.  Input: a :class:`lawsim.semantics.Version`, a scenario (fact
name -> value of its domain) and assumption settings.  Output: an
:class:`Explanation`, which :mod:`lawsim.report.explain` renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lawsim.diagnostics import Diagnostic
from lawsim.engine.interpreter import Outcome, Value, evaluate
from lawsim.semantics import Version


@dataclass(frozen=True)
class Explanation:
    version: Version
    facts: dict[str, Value]
    assumptions: dict[str, bool]  # every assumption of the version, as evaluated
    outcome: Outcome
    warnings: tuple[Diagnostic, ...] = ()  # about the scenario file, if one was given


def explain_scenario(version: Version, facts: Mapping[str, Value],
                     assumptions: Mapping[str, bool] | None = None) -> Explanation:
    """Evaluate ``facts`` under ``version``; raises MissingFact if a fact the verdict needs is absent."""
    law = version.law
    assume = dict(assumptions or {})
    outcome = evaluate(law, facts, assume)
    return Explanation(version, dict(facts), {**law.default_assumptions(), **assume}, outcome)
