"""An interpreter outcome in words and as JSON, the same in every report.

Stage: report.  Input: a :class:`lawsim.engine.interpreter.Outcome` (or
its remedy).  Output: a one-line remedy summary, compact trace lines and the
JSON form of an outcome, shared by explain, simulate, test and compare.
"""

from __future__ import annotations

from typing import assert_never

from lawsim.engine.interpreter import Outcome, RemedyResult
from lawsim.ir.vocab import RemedyStatus, StepStatus


def cites(ids) -> str:
    """'§ 9-131(b), § 10-178(c)'."""
    return ", ".join(f"§ {i}" for i in ids)


def remedy_text(remedy: RemedyResult) -> str:
    """A one-line summary of a remedy result."""
    match remedy.status:
        case RemedyStatus.NOT_A_VIOLATION:
            return "not a violation, so no remedy question"
        case RemedyStatus.NONE:
            why = f" ({cites(remedy.denied_by)})" if remedy.denied_by else ""
            return f"no private remedy{why}"
        case RemedyStatus.AVAILABLE:
            return (f"{', '.join(remedy.plaintiffs)} may sue for {', '.join(remedy.relief)} "
                    f"({cites(remedy.provisions)})")
        case RemedyStatus.CONFLICT:
            return (f"conflict: {cites(remedy.provisions)} gives a remedy but "
                    f"{cites(remedy.denied_by)} denies one")
        case _:
            assert_never(remedy.status)


_STATUS = {
    StepStatus.DECIDES: "applies and decides",
    StepStatus.DEFEATED: "applies but is overridden by",
    StepStatus.EXCEPTED: "does not apply: exception {n} (unless ...) holds",
    StepStatus.NOT_MET: "does not apply: its 'when' condition is not met",
}


def trace_lines(outcome: Outcome, indent: str = "  ") -> list[str]:
    """The trace as compact lines, without quoting conditions (shared by simulate and test)."""
    t = outcome.trace
    lines = []
    for step in t.rules:
        status = _STATUS[step.status].format(n=step.exception)
        if step.status == StepStatus.DEFEATED:
            status += " " + ", ".join(step.defeated_by)
        lines.append(f"{indent}§ {step.provision} {step.caption!r}: rule {step.rule} ({step.verdict}) {status}")
    if not t.rules:
        lines.append(f"{indent}no rule governs this agency and conduct")
    for name, provision, value in t.definitions:
        lines.append(f"{indent}definition {name} (§ {provision}) is {'true' if value else 'false'}")
    for name, provision, value in t.assumptions:
        lines.append(f"{indent}assumption {name} (§ {provision}) is {'on' if value else 'off'}")
    lines.append(f"{indent}=> {t.decision}")
    return lines


def outcome_json(outcome: Outcome) -> dict:
    t = outcome.trace
    r = outcome.remedy
    return {
        "verdict": outcome.verdict,
        "remedy": {"status": r.status, "plaintiffs": list(r.plaintiffs), "relief": list(r.relief),
                   "provisions": list(r.provisions), "denied_by": list(r.denied_by)},
        "deciding_rules": list(outcome.deciding),
        "trace": {
            "rules": [{"rule": s.rule, "provision": s.provision, "caption": s.caption, "verdict": s.verdict,
                       "status": s.status, "exception": s.exception, "defeated_by": list(s.defeated_by)}
                      for s in t.rules],
            "definitions": [{"name": n, "provision": p, "value": v} for n, p, v in t.definitions],
            "assumptions": [{"name": n, "provision": p, "value": v} for n, p, v in t.assumptions],
            "facts_used": list(t.facts),
            "decision": t.decision,
        },
    }

