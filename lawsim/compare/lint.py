"""Warnings a comparison can give about either version: dead rules.

Stage: compare.  Input: a law version and its whole-space evaluation (under
the default assumptions and with each assumption flipped).  Output:
:class:`lawsim.diagnostics.Diagnostic` warnings:

* W603 - a rule that decides no scenario at all, under any of those
  assumption settings: it never applies, or is always overridden;
* W605 - a duty whose conduct another rule prohibits in some situation.

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
        out.append(dead_rule(rule))
    return out


def dead_rule(rule: ir.Rule) -> Diagnostic:
    """W603 for ``rule`` (whichever engine found it)."""
    return Diagnostic(
        "W603", f"rule {rule.id} decides no scenario", rule.span, severity=Severity.WARNING,
        notes=("in no scenario is it in scope with its conditions met and not overridden, "
               "under the default assumptions or with any one assumption flipped",))


def impossible_duty(rule: ir.Rule, omitted: str) -> Diagnostic:
    """W605 for a duty ``rule`` whose conduct ``omitted`` is also prohibited somewhere."""
    return Diagnostic(
        "W605", f"rule {rule.id} requires {omitted}, but in some situations the law also prohibits it",
        rule.span, severity=Severity.WARNING,
        notes=(f"there the agency breaks the law whether it does {omitted} or not; "
               "one of the two rules needs an exception",))


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


def impossible_duties(law: ir.Law, ev, result) -> list[Diagnostic]:
    """W605: a situation where a duty requires a conduct that another rule prohibits.

    A duty ``must X`` is broken by X's omission; when, in the same situation
    (every fact but the conduct equal), X itself is prohibited, the agency
    breaks the law whatever it does.  ``ev`` is the comparison's
    :class:`~lawsim.compare.semantic.Evaluated` and ``result`` the version's
    whole-space result under the default reading.
    """
    conduct = law.fact_map.get("conduct")
    names = [a.fact.name for a in ev.axes]
    if conduct is None or not conduct.omissions or "conduct" not in names:
        return []
    k = names.index("conduct")
    axis = ev.axes[k]
    possible = ev.grid(ev.possible)
    prohibited = ev.grid(result.verdict == 1) & possible  # Verdict.PROHIBITED's code
    out = []
    for rule in law.rules:
        if not rule.duty:
            continue
        deciding = ev.grid(result.deciding[rule.id]) & possible
        for omission, omitted in conduct.omissions:
            if omitted not in rule.duty or omitted not in conduct.values:
                continue
            at_omission = np.take(deciding, axis.class_of(omission), axis=k)
            at_conduct = np.take(prohibited, axis.class_of(omitted), axis=k)
            if np.any(at_omission & at_conduct):
                out.append(impossible_duty(rule, omitted))
    return out
