"""Render an explanation (one scenario, one version) as text or JSON."""

from __future__ import annotations

from lawsim.api import Explanation
from lawsim.engine.interpreter import Outcome, RemedyResult


def remedy_text(remedy: RemedyResult) -> str:
    match remedy.status:
        case "not a violation":
            return "not a violation, so no remedy question"
        case "none":
            why = f" (§ {', § '.join(remedy.denied_by)})" if remedy.denied_by else ""
            return f"no private remedy{why}"
        case "available":
            return (f"{', '.join(remedy.plaintiffs)} may sue for {', '.join(remedy.relief)} "
                    f"(§ {', § '.join(remedy.provisions)})")
        case _:
            return (f"conflict: § {', § '.join(remedy.provisions)} gives a remedy but "
                    f"§ {', § '.join(remedy.denied_by)} denies one")


_STATUS = {
    "decides": "applies and decides",
    "defeated": "applies but is overridden by",
    "excepted": "does not apply: exception {n} (unless ...) holds",
    "not met": "does not apply: its 'when' condition is not met",
}


def trace_lines(outcome: Outcome, indent: str = "  ") -> list[str]:
    """The trace as readable lines (shared by explain, simulate and test)."""
    t = outcome.trace
    lines = []
    for step in t.rules:
        status = _STATUS[step.status].format(n=step.exception)
        if step.status == "defeated":
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


def explanation_text(exp: Explanation) -> str:
    law = exp.version.law
    out = [f"{law.title}", f"version: {exp.version.name}"]
    if law.bills:
        out.append("bills applied: " + "; ".join(f"{b.number} ({b.title})" for b in law.bills))
    out.append("facts: " + ", ".join(f"{k}={v}" for k, v in exp.facts.items()))
    out.append("")
    out.append(f"verdict: {exp.outcome.verdict}")
    out.append(f"remedy:  {remedy_text(exp.outcome.remedy)}")
    out.append("")
    out.append("why:")
    out += trace_lines(exp.outcome)
    return "\n".join(out) + "\n"


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


def explanation_json(exp: Explanation) -> dict:
    return {
        "schema": "lawsim.explain/1",
        "version": exp.version.name,
        "facts": exp.facts,
        "assumptions": exp.assumptions,
        **outcome_json(exp.outcome),
    }
