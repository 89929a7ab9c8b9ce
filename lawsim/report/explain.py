"""Render an explanation (one scenario, one version) as text or JSON.

Input: an :class:`lawsim.engine.explanation.Explanation` (the law version, the scenario and
the interpreter's :class:`~lawsim.engine.interpreter.Outcome`).  Output:
text written for a legislative staffer (the verdict, the remedy, and a
cited trace that quotes every condition the verdict turned on) or JSON.

The text is built in two steps, as for every report: :func:`explanation_view`
prepares sorted, pre-formatted frozen data, and :func:`explanation_text` only
lays it out.  Conditions are quoted in canonical form by
:func:`lawsim.report.law_text.format_condition`, which prints IR the way
``lawsim fmt`` prints the .law text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from lawsim import ir
from lawsim.engine.explanation import Explanation
from lawsim.engine.interpreter import RemedyResult, RuleStep
from lawsim.ir.vocab import FactKind, RemedyStatus, StepStatus, Verdict
from lawsim.report.law_text import format_condition, rule_heading
from lawsim.report.outcomes import cites, outcome_json

# ---------------------------------------------------------------- view model


@dataclass(frozen=True)
class FactLine:
    name: str
    value: str
    description: str  # the value's description for one-of facts, else the fact's
    used: bool


@dataclass(frozen=True)
class Clause:
    keyword: str  # 'when' or 'unless'
    condition: str
    value: str  # 'yes', 'no' or 'not checked'
    decisive: bool  # the clause that settled whether the rule applies


@dataclass(frozen=True)
class RuleView:
    rule: str
    provision: str
    caption: str
    heading: str
    verdict: str
    status: str
    clauses: tuple[Clause, ...]
    overrides: tuple[str, ...]  # provisions this rule says 'notwithstanding'
    defeated_by: tuple[str, ...]  # "§ 10-178 (rule x)" for each overriding rule
    defeats: tuple[str, ...]  # "§ 9-131(b) (rule y)" for each rule this one defeats
    result: str
    origin: str | None  # the bill whose text this rule is, if any


@dataclass(frozen=True)
class NamedValue:
    name: str
    provision: str
    caption: str
    value: str
    detail: str  # a definition's condition, or where an assumption's value came from
    origin: str | None = None  # the bill whose text this is, if any


@dataclass(frozen=True)
class ExplanationView:
    title: str
    version: str
    bills: tuple[str, ...]
    facts: tuple[FactLine, ...]
    verdict: str
    verdict_reason: str
    remedy: str
    remedy_reason: str
    rules: tuple[RuleView, ...]
    conclusion: str
    definitions: tuple[NamedValue, ...]
    assumptions: tuple[NamedValue, ...]


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _rule_ref(rule: ir.Rule) -> str:
    return f"§ {rule.provision} ({'rule ' + rule.name if rule.name else 'unnamed rule'})"


def _clauses(rule: ir.Rule, step: RuleStep, law: ir.Law) -> tuple[Clause, ...]:
    clauses = []
    if not (isinstance(rule.when, ir.Const) and rule.when.value):
        met = step.status != StepStatus.NOT_MET
        clauses.append(Clause("when", format_condition(rule.when, law), _yes(met), not met))
    for i, exc in enumerate(rule.exceptions, 1):
        if step.status == StepStatus.NOT_MET or (step.exception is not None and i > step.exception):
            value, decisive = "not checked", False
        else:
            value, decisive = _yes(i == step.exception), i == step.exception
        clauses.append(Clause("unless", format_condition(exc, law), value, decisive))
    return tuple(clauses)


def _result(step: RuleStep, rule: ir.Rule, defeated_by: tuple[str, ...], defeats: tuple[str, ...],
            conflict: bool) -> str:
    match step.status:
        case StepStatus.NOT_MET:
            return "Does not apply: its 'when' condition does not hold."
        case StepStatus.EXCEPTED:
            which = "its exception" if len(rule.exceptions) == 1 else f"its exception {step.exception}"
            return f"Does not apply: {which} holds."
        case StepStatus.DEFEATED:
            return f"Applies, but is overridden by {' and '.join(defeated_by)}, which prevails notwithstanding it."
        case StepStatus.DECIDES:
            text = f"Applies: {step.verdict}."
            if rule.duty:
                text = (f"Applies: the law requires {' or '.join(w.replace('_', ' ') for w in rule.duty)}, "
                        "so not doing it is prohibited.")
            if defeats:
                text += f" It prevails over {' and '.join(defeats)}."
            if conflict:
                text += " Another applicable rule disagrees (see below)."
            return text
        case _:
            assert_never(step.status)


def _remedy(remedy: RemedyResult, law: ir.Law, violated: tuple[str, ...]) -> tuple[str, str]:
    def say(ids) -> str:
        parts = []
        for pid in ids:
            for item in law.provision_map[pid].items:
                if isinstance(item, ir.Remedy):
                    body = (f"let {', '.join(item.plaintiffs)} sue for {', '.join(item.relief)}" if item.gives
                            else "give no remedy")
                    prov = law.provision_map[pid]
                    origin = f" (text of bill {prov.origin})" if prov.origin else ""
                    parts.append(f"§ {pid} \"{prov.caption}\"{origin}: violations of {cites(item.cited)} {body}")
        return "; ".join(dict.fromkeys(parts))

    match remedy.status:
        case RemedyStatus.NOT_A_VIOLATION:
            return "none needed", "the conduct is not a violation"
        case RemedyStatus.NONE:
            if remedy.denied_by:
                return "none", say(remedy.denied_by)
            return "none", f"no provision gives a remedy for violating {cites(violated)}"
        case RemedyStatus.AVAILABLE:
            return (f"{', '.join(remedy.plaintiffs)} may sue for {', '.join(remedy.relief)}",
                    say(remedy.provisions))
        case RemedyStatus.CONFLICT:
            return "conflict", (f"{cites(remedy.provisions)} gives a remedy but {cites(remedy.denied_by)} "
                                f"denies one: {say(remedy.provisions + remedy.denied_by)}")
        case _:
            assert_never(remedy.status)


def explanation_view(exp: Explanation) -> ExplanationView:
    """Prepare everything :func:`explanation_text` shows, in display order."""
    law, outcome = exp.version.law, exp.outcome
    rules = {r.id: r for r in law.rules}
    steps = outcome.trace.rules
    defeats: dict[str, list[str]] = {}
    for step in steps:
        for winner in step.defeated_by:
            defeats.setdefault(winner, []).append(_rule_ref(rules[step.rule]))
    deciding = [rules[r] for r in outcome.deciding]
    conflict = outcome.verdict == Verdict.CONFLICT

    rule_views = []
    for step in steps:
        rule = rules[step.rule]
        by = tuple(_rule_ref(rules[r]) for r in step.defeated_by)
        beats = tuple(defeats.get(rule.id, ()))
        rule_views.append(RuleView(
            rule=rule.id, provision=rule.provision, caption=step.caption, heading=rule_heading(rule, law),
            verdict=step.verdict, status=step.status, clauses=_clauses(rule, step, law),
            overrides=rule.overrides, defeated_by=by, defeats=beats,
            result=_result(step, rule, by, beats, conflict), origin=rule.origin))

    agency, conduct = exp.facts.get("agency"), exp.facts.get("conduct")
    if not deciding:
        if steps:
            conclusion = f"=> no rule applies, so the law's default decides: {law.default_verdict}."
        else:
            conclusion = (f"=> no rule in this version governs {agency} / {conduct}, so the law's default "
                          f"decides: {law.default_verdict}.")
        verdict_reason = f"the law's default ({'no rule applies' if steps else 'no rule governs this conduct'})"
    elif conflict:
        sides = "; ".join(f"{_rule_ref(r)} says {r.verdict}" for r in deciding)
        conclusion = (f"=> conflict: the applicable rules disagree and neither overrides the other: {sides}. "
                      "lawsim reports a conflict rather than letting the order of the text decide.")
        verdict_reason = "applicable rules disagree: " + sides
    else:
        conclusion = f"=> {outcome.verdict}, by {', '.join(_rule_ref(r) for r in deciding)}."
        verdict_reason = "by " + ", ".join(f"§ {r.provision} \"{law.provision_map[r.provision].caption}\""
                                           for r in deciding)

    violated = tuple(dict.fromkeys(r.provision for r in deciding if r.prohibits))
    if conflict:
        remedy, remedy_reason = "unsettled", "the rules conflict, so it is unsettled whether there is a violation"
    else:
        remedy, remedy_reason = _remedy(outcome.remedy, law, violated)

    used = set(outcome.trace.facts)
    facts = []
    for name, value in exp.facts.items():
        fact = law.fact_map[name]
        desc = fact.describe_value(value) if fact.kind == FactKind.ENUM else fact.description
        facts.append(FactLine(name, str(value), desc, name in used or name in ("agency", "conduct")))

    definitions = tuple(
        NamedValue(name, provision, law.definitions[name].caption, _yes(value),
                   format_condition(law.definitions[name].expr, law), law.definitions[name].origin)
        for name, provision, value in sorted(outcome.trace.definitions))
    assumptions = tuple(
        NamedValue(name, provision, law.assumptions[name].description, "on" if value else "off",
                   "the default" if value == law.assumptions[name].default else "set with --assume")
        for name, provision, value in sorted(outcome.trace.assumptions))

    return ExplanationView(
        title=law.title,
        version=exp.version.name,
        bills=tuple(f"{b.number} \"{b.title}\"" for b in law.bills),
        facts=tuple(facts),
        verdict=outcome.verdict,
        verdict_reason=verdict_reason,
        remedy=remedy,
        remedy_reason=remedy_reason,
        rules=tuple(rule_views),
        conclusion=conclusion,
        definitions=definitions,
        assumptions=assumptions,
    )


# ---------------------------------------------------------------- text


def explanation_text(exp: Explanation) -> str:
    """The explanation as plain text, for a terminal or an email."""
    v = explanation_view(exp)
    out = [v.title, f"Version: {v.version}"]
    out += [f"  with bill {b}" for b in v.bills]
    out += ["", "Scenario"]
    width = max((len(f"{f.name} = {f.value}") for f in v.facts), default=0)
    for f in v.facts:
        note = "" if f.used else "  (not needed for this verdict)"
        out.append(f"  {f'{f.name} = {f.value}':<{width}}  {f.description}{note}")
    out += ["", f"Verdict: {v.verdict.upper()}", f"  {v.verdict_reason}",
            f"Remedy: {v.remedy}", f"  {v.remedy_reason}", "", "Why"]
    for r in v.rules:
        origin = f"   (text of bill {r.origin})" if r.origin else ""
        out.append(f"  § {r.provision} \"{r.caption}\"{origin}")
        out.append(f"    {r.heading}")
        cwidth = max((len(c.keyword) + 1 + len(c.condition) for c in r.clauses), default=0)
        for c in r.clauses:
            mark = ("   <- not met" if c.keyword == "when" else "   <- the exception holds") if c.decisive else ""
            out.append(f"      {f'{c.keyword} {c.condition}':<{cwidth}}   {c.value}{mark}")
        if r.overrides:
            out.append(f"      notwithstanding {cites(r.overrides)}")
        out.append(f"    {r.result}")
    out.append(f"  {v.conclusion}")
    out += ["", "Definitions relied on"]
    if not v.definitions:
        out.append("  none")
    for d in v.definitions:
        origin = f"   (text of bill {d.origin})" if d.origin else ""
        out.append(f"  {d.name} = {d.value}   § {d.provision} \"{d.caption}\"{origin}")
        out.append(f"    {d.detail}")
    out += ["", "Assumptions relied on"]
    if not v.assumptions:
        out.append("  none")
    for a in v.assumptions:
        out.append(f"  {a.name} = {a.value} ({a.detail})   § {a.provision} \"{a.caption}\"")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- JSON


def explanation_json(exp: Explanation) -> dict:
    """The explanation as JSON: the raw outcome plus the quoted, cited view."""
    v = explanation_view(exp)
    return {
        "schema": "lawsim.explain/1",
        "version": exp.version.name,
        "facts": exp.facts,
        "assumptions": exp.assumptions,
        **outcome_json(exp.outcome),
        "explanation": {
            "verdict_reason": v.verdict_reason,
            "remedy": v.remedy,
            "remedy_reason": v.remedy_reason,
            "rules": [{"rule": r.rule, "provision": r.provision, "heading": r.heading, "status": r.status,
                       "clauses": [{"keyword": c.keyword, "condition": c.condition, "value": c.value,
                                    "decisive": c.decisive} for c in r.clauses],
                       "overrides": list(r.overrides), "result": r.result, "bill": r.origin} for r in v.rules],
            "conclusion": v.conclusion,
            "definitions": [{"name": d.name, "provision": d.provision, "caption": d.caption, "value": d.value,
                             "condition": d.detail, "bill": d.origin} for d in v.definitions],
            "assumptions_relied_on": [{"name": a.name, "provision": a.provision, "description": a.caption,
                                       "value": a.value, "source": a.detail} for a in v.assumptions],
        },
    }
