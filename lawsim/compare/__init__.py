"""Stage 5, compare: what changes between a baseline and a reform version.

Input: two :class:`lawsim.ir.Law` values, *baseline* and *reform*.  Output:
a :class:`Comparison`, computed by the pure function :func:`compare`:

* :mod:`lawsim.compare.structure` - provisions added, removed and modified
  (matched by citation), with the bill behind each change;
* :mod:`lawsim.compare.redline` - word-level redlines of provision text;
* :mod:`lawsim.compare.semantic` - the exact semantic diff over every
  scenario: regions of changed scenarios with counts, descriptions,
  witnesses, responsible provisions and the assumptions relied on;
* :mod:`lawsim.compare.regions` - the exact cube cover behind the region
  descriptions;
* :mod:`lawsim.compare.lint` and :mod:`lawsim.compare.effects` - warnings
  (dead rules, unused definitions, bills that change nothing);
* :mod:`lawsim.compare.cases` - how documented scenario files fare.

See docs/compare.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lawsim import ir
from lawsim.compare import lint
from lawsim.compare.kinds import KINDS, MIRROR, State, classify
from lawsim.compare.semantic import SemanticDiff, evaluate_both, semantic_diff
from lawsim.compare.structure import Added, Modified, Removed, StructuralDiff, structural_diff
from lawsim.diagnostics import Diagnostic


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`compare` finds between ``baseline`` and ``reform``."""

    baseline: ir.Law
    reform: ir.Law
    structure: StructuralDiff
    semantics: SemanticDiff
    warnings: tuple[Diagnostic, ...]

    @property
    def changed(self) -> bool:
        """True if any provision, fact, default or outcome differs."""
        return not self.structure.empty or self.semantics.changed > 0


def compare(baseline: ir.Law, reform: ir.Law, baseline_amendments: Mapping[str, str] | None = None,
            reform_amendments: Mapping[str, str] | None = None) -> Comparison:
    """Compare two law versions structurally and over every scenario.

    Pure: neither law is modified, and equal inputs give equal outputs.
    The amendment maps ('provision:<id>' / 'definition:<name>' -> bill
    number, see :func:`lawsim.compare.effects.amendment_map`) let repeals
    be attributed to the bill that made them.
    """
    evaluated = evaluate_both(baseline, reform)
    found = {
        "baseline": lint.dead_rules(baseline, [evaluated.baseline, *(f.baseline for f in evaluated.flips)])
        + lint.unused_definitions(baseline),
        "reform": lint.dead_rules(reform, [evaluated.reform, *(f.reform for f in evaluated.flips)])
        + lint.unused_definitions(reform),
    }
    return Comparison(baseline, reform, structural_diff(baseline, reform, baseline_amendments, reform_amendments),
                      semantic_diff(baseline, reform, evaluated), tuple(lint.by_version(found)))


__all__ = ["Added", "Comparison", "KINDS", "MIRROR", "Modified", "Removed", "State", "StructuralDiff",
           "SemanticDiff", "classify", "compare", "structural_diff"]
