"""Check a scenario against one version of the law.

Input: a :class:`~lawsim.scenarios.model.Scenario` and an
:class:`lawsim.ir.Law`.  Output: the scenario's facts and assumptions in the
law's terms (``{'judicial_warrant': 'no', 'years_since_conviction': 3}``),
ready for :func:`lawsim.engine.interpreter.evaluate`.  Errors (codes E41x
facts, E43x assumptions, E422 parties) point into the scenario file.
"""

from __future__ import annotations

from typing import Collection, Iterable, Mapping

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean
from lawsim.ir.constraints import broken_by, facts_of
from lawsim.ir.values import parse_fact_value
from lawsim.ir.vocab import FactKind
from lawsim.scenarios.model import Expectation, Scenario


def scenario_facts(scenario: Scenario, law: ir.Law, also_known: Collection[str] = (),
                   check_constraints: bool = True) -> dict[str, str | int]:
    """The scenario's facts as values of ``law``'s fact domains.

    A fact the law does not declare is an error (with a "did you mean"),
    unless it is in ``also_known``: facts that another version being
    evaluated declares (a bill may add facts), which this version simply
    does not look at.  A scenario that breaks one of the law's constraints
    is an error (E414) unless ``check_constraints`` is off (the caller adds
    facts first and checks the whole).  Raises :class:`LawError` with every
    problem found.
    """
    errors: list[Diagnostic] = []
    out: dict[str, str | int] = {}
    for name, raw in scenario.facts.items():
        fact = law.fact_map.get(name)
        if fact is None:
            if name not in also_known:
                known = sorted({*law.fact_map, *also_known})
                errors.append(Diagnostic(
                    "E410", f"unknown fact '{name}': {law.name} declares no such fact",
                    scenario.fact_name_spans.get(name),
                    notes=(*did_you_mean(name, known), f"the facts are: {', '.join(known)}"),
                    file=scenario.path))
            continue
        try:
            out[name] = _value(fact, raw)
        except ValueError as exc:
            errors.append(Diagnostic("E411", str(exc), scenario.fact_spans.get(name), notes=_domain_notes(fact, raw),
                                     file=scenario.path))
    if errors:
        raise LawError(errors)
    broken = [impossible(scenario, c) for c in broken_by(law.constraints, out)] if check_constraints else []
    if broken:
        raise LawError(broken)
    return out


def impossible(scenario: Scenario, constraint: ir.Constraint) -> Diagnostic:
    """E414: the scenario is one that cannot happen, by one of the law's constraints."""
    tested = [f for f in facts_of(constraint.impossible) if f in scenario.facts]
    spans = [span for f in tested if (span := scenario.fact_spans.get(f)) is not None]
    return Diagnostic(
        "E414", f"this situation cannot happen: it breaks the constraint '{constraint.name}' ({constraint.caption})",
        spans[0] if spans else scenario.facts_span,
        labels=tuple(Label(span, "and this value") for span in spans[1:]),
        notes=(f"change {', '.join(repr(f) for f in tested) or 'the facts'} so that the situation is possible",),
        file=scenario.path)


def _value(fact: ir.Fact, raw: object) -> str | int:
    # YAML turns unquoted yes/no/on/off/true/false into booleans: fine for a
    # yes/no fact, but for any other fact it is almost surely a slip.
    if isinstance(raw, bool) and fact.kind != FactKind.BOOL:
        what = "a whole number" if fact.kind == FactKind.INT else "one of its values"
        raise ValueError(f"'{fact.name}' takes {what}, not a yes/no answer")
    return parse_fact_value(fact, raw)


def _domain_notes(fact: ir.Fact, raw: object) -> tuple[str, ...]:
    if fact.kind == FactKind.INT:
        return (f"'{fact.name}' ({fact.description}) is a whole number from {fact.values[0]} to {fact.values[-1]}",)
    if fact.kind == FactKind.BOOL:
        return (f"'{fact.name}' ({fact.description}) is yes or no",)
    notes = [f"'{fact.name}' ({fact.description}) is one of: {', '.join(fact.values)}"]
    if isinstance(raw, str) and raw.strip().lower() in fact.values and raw.strip() not in fact.values:
        notes.append(f"values are written in lower case: '{raw.strip().lower()}'")
    if isinstance(raw, bool):
        notes.append("YAML reads unquoted yes, no, on, off, true and false as yes/no answers")
    return tuple(notes)


def missing_fact(scenario: Scenario, law: ir.Law, version: str, fact_name: str, needed_by: str) -> Diagnostic:
    """The diagnostic for a fact that evaluation needed but the scenario lacks.

    ``version`` names the version (or versions, comma-separated) where it
    was needed; ``law`` is one of them, for the fact's description.
    """
    fact = law.fact_map[fact_name]
    if fact.kind == FactKind.INT:
        values = f"a whole number from {fact.values[0]} to {fact.values[-1]}"
    else:
        values = "one of: " + ", ".join(str(v) for v in fact.values)
    return Diagnostic(
        "E412", f"the verdict under {version} depends on fact '{fact_name}', needed by {needed_by}",
        scenario.facts_span,
        notes=(f"add '{fact_name}: ...' under facts: {fact.description}; {values}",),
        file=scenario.path)


def resolve_assumptions(scenario: Scenario, law: ir.Law, expectation: Expectation | None = None,
                        extra: Mapping[str, bool] | None = None) -> dict[str, bool]:
    """The assumptions to evaluate with: the scenario's, then the expectation's, then ``extra``.

    Names in the scenario's own ``assume`` (and in ``extra``) that this
    version does not declare are left out: a bill may replace the provision
    that declared them.  :func:`check_assumption_names` makes sure each name
    is declared by at least one version.  An expectation's own assumptions
    must be declared by its version.
    """
    out = {n: v for n, v in scenario.assumptions.items() if n in law.assumptions}
    if expectation is not None:
        errors = [Diagnostic("E431", f"unknown assumption '{name}': {law.name} declares no such assumption",
                             expectation.spans.get(f"assume:{name}"),
                             notes=did_you_mean(name, law.assumptions), file=scenario.path)
                  for name in expectation.assumptions if name not in law.assumptions]
        if errors:
            raise LawError(errors)
        out.update(expectation.assumptions)
    out.update({n: v for n, v in (extra or {}).items() if n in law.assumptions})
    return dict(sorted(out.items()))


def check_assumption_names(scenario: Scenario, laws: Iterable[ir.Law]) -> None:
    """Every assumption the scenario sets must be declared by one of ``laws``."""
    known = {name for law in laws for name in law.assumptions}
    errors = [Diagnostic("E431", f"unknown assumption '{name}': no version evaluated declares it",
                         scenario.assumption_spans.get(name), notes=did_you_mean(name, known), file=scenario.path)
              for name in scenario.assumptions if name not in known]
    if errors:
        raise LawError(errors)


def check_parties(scenario: Scenario, expectation: Expectation, law: ir.Law) -> None:
    """Plaintiff and relief names an expectation checks must occur in some remedy of ``law``.

    Catches a misspelt name, which would otherwise only show up as a
    failing expectation.
    """
    errors = []
    for kind, names, known in (
        ("plaintiff", expectation.plaintiffs, {p for r in law.remedies for p in r.plaintiffs}),
        ("relief", expectation.relief, {x for r in law.remedies for x in r.relief}),
    ):
        for name in names or ():
            if name not in known:
                shown = ", ".join(sorted(known)) or "(none: no remedy in it lets anyone sue)"
                errors.append(Diagnostic(
                    "E422", f"no remedy in {law.name} names the {kind} '{name}'",
                    expectation.spans.get(f"{kind}:{name}"),
                    notes=(*did_you_mean(name, known), f"{kind} names in {law.name}: {shown}"), file=scenario.path))
    if errors:
        raise LawError(errors)
