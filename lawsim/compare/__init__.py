"""Stage 5, compare: what changes between a baseline and a reform version.

Input: two :class:`lawsim.semantics.Version` values, *baseline* and
*reform*, and the documented scenarios.  Output: a :class:`Comparison`,
computed by the pure function :func:`compare`
(:mod:`lawsim.compare.comparison`), from these parts:

* :mod:`lawsim.compare.structure` - provisions added, removed and modified
  (matched by citation), with the bill behind each change;
* :mod:`lawsim.compare.redline` - word-level redlines of provision text;
* :mod:`lawsim.compare.semantic` - the exact semantic diff over every
  scenario: regions of changed scenarios with counts, descriptions,
  witnesses, responsible provisions and the assumptions relied on;
* :mod:`lawsim.compare.regions` - the exact cube cover behind the region
  descriptions;
* :mod:`lawsim.compare.diagrams` - the same semantic diff from decision
  diagrams (the symbolic engine), with the readings each region holds under;
  :mod:`lawsim.compare.engines` chooses between the two by size;
* :mod:`lawsim.compare.lint` and :mod:`lawsim.compare.effects` - warnings
  (dead rules, bills and amendments that change nothing);
* :mod:`lawsim.compare.cases` - how documented scenario files fare.

See docs/compare.md.
"""

from lawsim.compare.comparison import Comparison, compare
from lawsim.compare.engines import Engine
from lawsim.compare.kinds import KINDS, MIRROR, ChangeKind, State, classify
from lawsim.compare.semantic import SemanticDiff, semantic_diff
from lawsim.compare.structure import Added, Modified, Removed, StructuralDiff, structural_diff

__all__ = ["Added", "ChangeKind", "Comparison", "Engine", "KINDS", "MIRROR", "Modified", "Removed", "SemanticDiff",
           "State", "StructuralDiff", "classify", "compare", "semantic_diff", "structural_diff"]
