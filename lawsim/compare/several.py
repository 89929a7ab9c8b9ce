"""Several reforms against one baseline: the input of a multi-bill report.

Stage: compare.  Input: a baseline :class:`lawsim.semantics.Version`, the
reforms, and the documented scenarios.  Output: :class:`Comparisons`, one
:class:`lawsim.compare.Comparison` per reform (in the order given) sharing
the work of judging which bills change anything, and the scenarios read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from lawsim.compare.comparison import Comparison, compare
from lawsim.compare.effects import Variants
from lawsim.compare.semantic import same_everywhere
from lawsim.scenarios import Scenario
from lawsim.semantics import Version


@dataclass(frozen=True)
class Comparisons:
    """The baseline against each reform."""

    baseline: Version
    comparisons: tuple[Comparison, ...]
    scenarios: tuple[Scenario, ...]  # the documented cases, as read


def compare_several(baseline: Version, reforms: Sequence[Version], scenarios: Sequence[Scenario] = (),
                    assumptions: Mapping[str, bool] | None = None, *, scenario_paths: Sequence[str] = (),
                    parameters: Mapping[str, int] | None = None) -> Comparisons:
    """:func:`lawsim.compare.compare` of ``baseline`` with each reform, in order (pure)."""
    variants = Variants(same_everywhere)
    out = []
    for reform in reforms:
        # An assumption or parameter only one reform declares is set only where it exists.
        known = {*baseline.law.assumptions, *reform.law.assumptions}
        named = {*baseline.law.parameters, *reform.law.parameters}
        out.append(compare(baseline, reform, scenarios, {k: v for k, v in (assumptions or {}).items() if k in known},
                           scenario_paths=scenario_paths, variants=variants,
                           parameters={k: v for k, v in (parameters or {}).items() if k in named}))
    return Comparisons(baseline, tuple(out), tuple(scenarios))
