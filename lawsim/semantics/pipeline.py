"""Pipeline files: checked on their own (:func:`lower_pipeline`) and against a law (:func:`bind`).

Stage: semantics.  Input: a :class:`~lawsim.syntax.ast.PipelineDoc` and,
for binding, a checked :class:`~lawsim.ir.Law`.  Output: an
:class:`~lawsim.ir.pipeline.Pipeline`, then a
:class:`~lawsim.ir.pipeline.Binding`.  Errors are collected and raised
together as one :class:`LawError` (codes E240-E248, documented in
docs/language.md).

A pipeline is written once per jurisdiction and read against every law
version of it, so its own checks (one entry stage, stages that exist, ICE
stages reached only through contact points) are separate from the checks
that need a law (facts and values that exist, every fact either about the
person or fixed by each contact point, constraints that do not tie the two
kinds of fact together).
"""

from __future__ import annotations

from typing import Iterable

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError, Severity, did_you_mean
from lawsim.ir.constraints import broken_by, facts_of
from lawsim.ir.pipeline import Binding, Contact, Move, Pipeline, Stage, Value
from lawsim.ir.values import parse_fact_value
from lawsim.ir.vocab import ContactKind, StageRole
from lawsim.semantics.cites import covered
from lawsim.syntax import ast

_ROLES = {None: StageRole.CITY, "entry": StageRole.ENTRY, "ice_knowledge": StageRole.ICE_KNOWLEDGE,
          "ice_custody": StageRole.ICE_CUSTODY}


def _unknown_stage(name: str, span, stages: Iterable[str], what: str) -> Diagnostic:
    return Diagnostic("E242", f"{what} names the stage '{name}', which this pipeline does not declare", span,
                      notes=did_you_mean(name, stages) or ("declare it with: stage NAME \"caption\" per \"...\"",))


def _structure(doc: ast.PipelineDoc) -> list[Diagnostic]:
    errors: list[Diagnostic] = []
    stages = [i for i in doc.items if isinstance(i, ast.StageDecl)]
    contacts = [i for i in doc.items if isinstance(i, ast.ContactDecl)]
    seen: dict[str, ast.StageDecl | ast.ContactDecl] = {}
    named: list[ast.StageDecl | ast.ContactDecl] = [*stages, *contacts]
    for item in named:
        if item.name in seen:
            errors.append(Diagnostic("E241", f"'{item.name}' is declared twice in this pipeline", item.name_span,
                                     labels=tuple(Label(s, "first declared here")
                                                  for s in (seen[item.name].name_span,) if s)))
        seen.setdefault(item.name, item)
    roles = {s.name: _ROLES[s.role] for s in stages}
    entries = [s for s in stages if s.role == "entry"]
    if len(entries) != 1:
        errors.append(Diagnostic(
            "E240", "a pipeline has exactly one entry stage, where every path starts"
            + (f"; this one has {len(entries)}" if entries else ""),
            entries[1].span if len(entries) > 1 else doc.span,
            notes=("mark the stage of arrest: stage arrest \"...\" entry",)))
    if not any(r.is_ice for r in roles.values()):
        errors.append(Diagnostic("E240", "a pipeline needs a stage marked 'ice knowledge' or 'ice custody'",
                                 doc.span, notes=("the paths lawsim finds end at such a stage",)))
    for move in (i for i in doc.items if isinstance(i, ast.MoveDecl)):
        for name, span in ((move.source, move.source_span), (move.target, move.target_span)):
            if name not in roles:
                errors.append(_unknown_stage(name, span, roles, "this move"))
            elif roles[name].is_ice:
                errors.append(Diagnostic(
                    "E243", f"a move cannot go to or from '{name}', a stage of federal immigration custody "
                    "or knowledge", span, notes=("the person reaches ICE only through a contact point",)))
        if move.target in roles and roles[move.target] == StageRole.ENTRY:
            errors.append(Diagnostic("E243", f"a move cannot lead back to the entry stage '{move.target}'",
                                     move.target_span))
    for contact in contacts:
        for name, span in zip(contact.stages, contact.stage_spans or (contact.span,) * len(contact.stages)):
            if name not in roles:
                errors.append(_unknown_stage(name, span, roles, "this contact point"))
            elif roles[name].is_ice:
                errors.append(Diagnostic("E243", f"a contact point starts at a stage of city custody, not '{name}'",
                                         span))
        if contact.target not in roles:
            errors.append(_unknown_stage(contact.target, contact.target_span, roles, "this contact point"))
        elif not roles[contact.target].is_ice:
            errors.append(Diagnostic(
                "E243", f"a contact point leads to ICE, but '{contact.target}' is not marked 'ice knowledge' "
                "or 'ice custody'", contact.target_span))
    person = [i for i in doc.items if isinstance(i, ast.PersonFacts)]
    defaults = [i for i in doc.items if isinstance(i, ast.ConductFacts)]
    for kind, found in (("person facts", person), ("conduct facts", defaults)):
        if len(found) > 1:
            errors.append(Diagnostic("E244", f"'{kind}' is given twice in this pipeline", found[1].span,
                                     labels=(Label(found[0].span, "first given here"),) if found[0].span else ()))
    if not person:
        errors.append(Diagnostic("E244", "a pipeline says which facts describe the person", doc.span,
                                 notes=("add a line: person facts record, ...",)))
    for listed in person[:1]:
        for i, name in enumerate(listed.names):
            if name in listed.names[:i]:
                errors.append(Diagnostic("E244", f"the person fact '{name}' is listed twice",
                                         listed.name_spans[i] if listed.name_spans else listed.span))
    for settings, span in [(d.settings, d.span) for d in defaults] + [(c.settings, c.span) for c in contacts]:
        facts = [x.fact for x in settings]
        for i, x in enumerate(settings):
            if x.fact in facts[:i]:
                errors.append(Diagnostic("E244", f"'{x.fact}' is given twice here", x.span or span))
    return errors


def lower_pipeline(doc: ast.PipelineDoc, path: str = "") -> Pipeline:
    """Check a pipeline on its own and build its IR (raises LawError)."""
    errors = _structure(doc)
    if errors:
        raise LawError(errors)
    person = next(i for i in doc.items if isinstance(i, ast.PersonFacts))
    defaults = next((i for i in doc.items if isinstance(i, ast.ConductFacts)), None)
    return Pipeline(
        title=doc.title, jurisdiction=doc.jurisdiction, sources=doc.sources, person_facts=person.names,
        conduct_defaults=tuple((s.fact, s.value) for s in defaults.settings) if defaults else (),
        stages=tuple(Stage(s.name, s.caption, _ROLES[s.role], s.sources, s.span)
                     for s in doc.items if isinstance(s, ast.StageDecl)),
        moves=tuple(Move(m.source, m.target, m.caption, m.sources, m.span)
                    for m in doc.items if isinstance(m, ast.MoveDecl)),
        contacts=tuple(Contact(c.name, c.caption, c.stages, c.target,
                               ContactKind.HANDOFF if c.handoff else ContactKind.INFORMATION, c.agency, c.conduct,
                               tuple((s.fact, s.value) for s in c.settings), tuple(x.id for x in c.cites), c.span,
                               c.agency_span, c.conduct_span)
                       for c in doc.items if isinstance(c, ast.ContactDecl)),
        path=path, person_span=person.span, defaults_span=defaults.span if defaults else None)


def _value(law: ir.Law, fact: str, raw: str, span, errors: list[Diagnostic], where: str) -> Value | None:
    if fact not in law.fact_map:
        errors.append(Diagnostic("E245", f"{where} names the fact '{fact}', which {law.name} does not declare", span,
                                 notes=did_you_mean(fact, law.fact_map)))
        return None
    try:
        return parse_fact_value(law.fact_map[fact], raw)
    except ValueError as exc:
        errors.append(Diagnostic("E245", f"{where}: {exc}", span))
        return None


def bind(pipeline: Pipeline, law: ir.Law) -> Binding:
    """Read ``pipeline`` against ``law``: person facts and every contact point's facts (raises LawError).

    Returns the binding; its warnings (a cited provision the law lacks) are
    left to :func:`binding_warnings`.
    """
    errors: list[Diagnostic] = []
    person = set(pipeline.person_facts)
    for name in pipeline.person_facts:
        if name not in law.fact_map:
            errors.append(Diagnostic("E245", f"the person fact '{name}' is not a fact of {law.name}",
                                     pipeline.person_span, notes=did_you_mean(name, law.fact_map)))
    for name in ("agency", "conduct"):
        if name in person:
            errors.append(Diagnostic("E245", f"'{name}' describes what an agency does, so it cannot be a person fact",
                                     pipeline.person_span))
    defaults: dict[str, Value] = {}
    for fact, raw in pipeline.conduct_defaults:
        value = _value(law, fact, raw, pipeline.defaults_span, errors, "the conduct facts")
        if value is not None:
            defaults[fact] = value
    for constraint in law.constraints:
        tested = set(facts_of(constraint.impossible))
        if tested & person and tested - person:
            errors.append(Diagnostic(
                "E248", f"the constraint '{constraint.name}' ties person facts ({', '.join(sorted(tested & person))}) "
                f"to facts a contact point fixes ({', '.join(sorted(tested - person))})", pipeline.person_span,
                labels=(Label(constraint.span, "the constraint"),) if constraint.span else (),
                notes=("make every fact the constraint tests a person fact, or none of them",)))
    fixed: dict[str, dict[str, Value]] = {}
    for contact in pipeline.contacts:
        where = f"the contact point '{contact.name}'"
        values = dict(defaults)
        before = len(errors)
        for fact, raw, span in (("agency", contact.agency, contact.agency_span),
                                ("conduct", contact.conduct, contact.conduct_span),
                                *((f, v, contact.span) for f, v in contact.settings)):
            if fact in person:
                errors.append(Diagnostic("E245", f"{where} fixes '{fact}', a person fact", span or contact.span))
                continue
            value = _value(law, fact, raw, span or contact.span, errors, where)
            if value is not None:
                values[fact] = value
        if len(errors) > before:  # the facts it names are wrong: what is missing would only repeat that
            continue
        missing = [f.name for f in law.facts if f.name not in person and f.name not in values]
        if missing:
            errors.append(Diagnostic(
                "E247", f"{where} does not say the value of {', '.join(repr(m) for m in missing)}", contact.span,
                notes=("give it with 'with FACT is VALUE', in 'conduct facts', or list it in 'person facts'",)))
            continue
        broken = broken_by(law.constraints, values)
        if broken:
            errors.append(Diagnostic("E248", f"{where} describes conduct that cannot happen: it breaks the "
                                     f"constraint '{broken[0].name}' ({broken[0].caption})", contact.span))
        fixed[contact.name] = {f.name: values[f.name] for f in law.facts if f.name not in person}
    if errors:
        raise LawError(errors)
    return Binding(pipeline, tuple(law.fact_map[n] for n in pipeline.person_facts), fixed)


def binding_warnings(pipeline: Pipeline, law: ir.Law) -> list[Diagnostic]:
    """W240 for each contact point citation that designates no provision of ``law``."""
    ids = [p.id for p in law.provisions]
    return [Diagnostic("W240", f"the contact point '{c.name}' cites § {cite}, which {law.name} does not have",
                       c.span, severity=Severity.WARNING)
            for c in pipeline.contacts for cite in c.cites if not covered(cite, ids)]


def pipeline_warnings(pipeline: Pipeline) -> list[Diagnostic]:
    """W241 for each city stage that no route of moves from the entry stage reaches."""
    reached = {pipeline.entry.name}
    frontier = [pipeline.entry.name]
    while frontier:
        stage = frontier.pop()
        for move in pipeline.moves:
            if move.source == stage and move.target not in reached:
                reached.add(move.target)
                frontier.append(move.target)
    return [Diagnostic("W241", f"no move leads from the entry stage to '{s.name}', so no path passes through it",
                       s.span, notes=("add a move to it, or remove it",), severity=Severity.WARNING)
            for s in pipeline.stages if not s.role.is_ice and s.name not in reached]
