"""Warnings a comparison can give about either version: dead rules.

Stage: compare.  Input: a law version and its whole-space evaluation (under
the default assumptions and with each assumption flipped).  Output:
:class:`lawsim.diagnostics.Diagnostic` warnings:

* W603 - a rule that decides no scenario at all, under any of those
  assumption settings: it never applies, or is always overridden.

(A definition that no rule or remedy uses is W201, found when the version
is checked; :func:`by_version` reports it with the comparison's own.)
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Severity


def dead_rules(law: ir.Law, results: Iterable, possible: np.ndarray | None = None) -> list[Diagnostic]:
    """Rules whose ``deciding`` array is false at every possible point of every result."""
    results = list(results)
    out = []
    for rule in law.rules:
        if any(np.any(r.deciding[rule.id] if possible is None else r.deciding[rule.id] & possible) for r in results):
            continue
        out.append(Diagnostic(
            "W603", f"rule {rule.id} decides no scenario", rule.span, severity=Severity.WARNING,
            notes=("in no scenario is it in scope with its conditions met and not overridden, "
                   "under the default assumptions or with any one assumption flipped",)))
    return out


def by_version(found: Mapping[str, Sequence[Diagnostic]]) -> list[Diagnostic]:
    """Say which version each warning is about: the baseline, the reform, or both.

    ``found`` maps 'baseline' and 'reform' to their warnings; a warning both
    versions give at the same place is reported once.
    """
    def key(d: Diagnostic) -> tuple:
        return d.code, d.message, d.span.location() if d.span else ""

    sides: dict[tuple, tuple[Diagnostic, list[str]]] = {}
    for side in ("baseline", "reform"):
        for d in found.get(side, []):
            sides.setdefault(key(d), (d, []))[1].append(side)
    out = []
    for d, where in sides.values():
        suffix = "both versions" if len(where) == 2 else f"the {where[0]} only"
        out.append(Diagnostic(d.code, f"{d.message} ({suffix})", d.span, d.labels, d.notes, d.severity))
    return sorted(out, key=Diagnostic.sort_key)
