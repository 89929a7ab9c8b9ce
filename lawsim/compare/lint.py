"""Warnings a comparison can give about either version: dead rules, unused definitions.

Stage: compare.  Input: a law version and its whole-space evaluation (under
the default assumptions and with each assumption flipped).  Output:
:class:`lawsim.diagnostics.Diagnostic` warnings:

* W603 - a rule that decides no scenario at all, under any of those
  assumption settings: it never applies, or is always overridden;
* W604 - a definition that no rule or remedy uses, directly or through
  other definitions.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np

from lawsim import ir
from lawsim.diagnostics import Diagnostic
from lawsim.ir.walk import subexpressions


def _refs(expr: ir.Expr) -> Iterable[str]:
    return (node.name for node in subexpressions(expr) if isinstance(node, ir.DefRef))


def used_definitions(law: ir.Law) -> set[str]:
    """Definitions reachable from a rule or a remedy."""
    todo = [name for rule in law.rules for e in (rule.when, *rule.exceptions) for name in _refs(e)]
    todo += [name for remedy in law.remedies for name in _refs(remedy.when)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in law.definitions:
            continue
        seen.add(name)
        todo += _refs(law.definitions[name].expr)
    return seen


def unused_definitions(law: ir.Law) -> list[Diagnostic]:
    used = used_definitions(law)
    return [Diagnostic("W604", f"definition '{d.name}' (§ {d.provision}) is used by no rule or remedy",
                       d.span, severity="warning",
                       notes=("it cannot change any verdict; remove it or refer to it from a rule",))
            for name, d in sorted(law.definitions.items()) if name not in used]


def dead_rules(law: ir.Law, results: Iterable) -> list[Diagnostic]:
    """Rules whose ``deciding`` array is false everywhere in every result."""
    results = list(results)
    out = []
    for rule in law.rules:
        if any(np.any(r.deciding[rule.id]) for r in results):
            continue
        out.append(Diagnostic(
            "W603", f"rule {rule.id} decides no scenario", rule.span, severity="warning",
            notes=("in no scenario is it in scope with its conditions met and not overridden, "
                   "under the default assumptions or with any one assumption flipped",)))
    return out


def by_version(found: Mapping[str, list[Diagnostic]]) -> list[Diagnostic]:
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
