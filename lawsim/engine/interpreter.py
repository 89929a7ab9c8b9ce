"""The reference interpreter: one law version, one scenario, a traced verdict.

Semantics (see docs/language.md, "How a verdict is reached"):

1. A rule is *in scope* when the scenario's agency and conduct are among
   those it names.
2. An in-scope rule *applies* when its ``when`` condition holds and none of
   its ``unless`` exceptions holds (the first exception that holds is named
   in the trace).
3. An applicable rule is *defeated* when another applicable rule says
   ``notwithstanding`` its provision.
4. The remaining rules decide: if they agree, that is the verdict; if they
   disagree, the verdict is ``conflict`` and the trace names both sides.  If
   none remain, the law's declared default decides.
5. A prohibited verdict is a violation of the provisions of the deciding
   prohibiting rules; a remedy provision covering one of them (and whose
   ``when`` holds) grants or denies a remedy.  A grant and a denial that
   both apply are a remedy conflict.

Evaluation is lazy and left to right, so a scenario only needs the facts
that the verdict actually depends on; a missing one raises
:class:`MissingFact`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, assert_never

from lawsim import ir
from lawsim.ir.vocab import RemedyStatus, StepStatus, Verdict

Value = str | int


class MissingFact(Exception):
    """The scenario lacks a fact that evaluation needed."""

    def __init__(self, fact: str, needed_by: str):
        super().__init__(f"fact '{fact}' is needed by {needed_by}")
        self.fact = fact
        self.needed_by = needed_by


@dataclass(frozen=True, slots=True)
class RuleStep:
    """What happened to one in-scope rule (``exception``: which 'unless' held, 1-based)."""

    rule: str
    provision: str
    caption: str
    verdict: Verdict
    status: StepStatus
    exception: int | None = None
    defeated_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemedyResult:
    """Whether a violation has a remedy, who may sue, for what, and which provisions say so."""

    status: RemedyStatus
    plaintiffs: tuple[str, ...] = ()
    relief: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()

    @property
    def key(self) -> tuple:
        """What comparisons look at: the status and who may sue for what."""
        return (self.status, self.plaintiffs, self.relief)


@dataclass(frozen=True, slots=True)
class Trace:
    rules: tuple[RuleStep, ...]
    definitions: tuple[tuple[str, str, bool], ...]  # (name, provision, value)
    assumptions: tuple[tuple[str, str, bool], ...]  # (name, provision, value)
    facts: tuple[str, ...]
    decision: str


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    remedy: RemedyResult
    trace: Trace
    deciding: tuple[str, ...]  # rule ids that decided (empty: the default)


class _Evaluator:
    def __init__(self, law: ir.Law, scenario: Mapping[str, Value], assumptions: Mapping[str, bool]):
        self.law = law
        self.scenario = scenario
        self.assume = {**law.default_assumptions(), **assumptions}
        self.defs: dict[str, bool] = {}
        self.used_facts: dict[str, None] = {}
        self.used_assumptions: dict[str, None] = {}
        self.context = "the law"

    def fact(self, name: str) -> Value:
        if name not in self.scenario:
            raise MissingFact(name, self.context)
        self.used_facts[name] = None
        return self.scenario[name]

    def eval(self, expr: ir.Expr) -> bool:
        """The value of ``expr``, lazily and left to right.

        Iterative, with an explicit stack of (node, step) frames, so that a
        chain of thousands of definitions, each using the one before, needs
        no Python recursion.  A definition's value is recorded when it is
        first complete, so the trace lists definitions in the order a
        recursive evaluation would finish them.
        """
        stack: list[list] = [[expr, 0]]
        result = False
        while stack:
            frame = stack[-1]
            node, step = frame
            match node:
                case ir.Const(value=value):
                    result = value
                case ir.In(fact=fact, values=values):
                    result = self.fact(fact) in values
                case ir.Cmp(fact=fact, op=op, value=value):
                    found = self.fact(fact)
                    assert isinstance(found, int), f"fact '{fact}' is a number"
                    result = op.holds(found, value)
                case ir.AssumeRef(name=name):
                    self.used_assumptions[name] = None
                    result = self.assume[name]
                case ir.DefRef(name=name):
                    if name in self.defs:
                        result = self.defs[name]
                    elif step == 0:
                        frame[1] = 1
                        stack.append([self.law.definitions[name].expr, 0])
                        continue
                    else:
                        self.defs[name] = result
                case ir.Neg(operand=operand):
                    if step == 0:
                        frame[1] = 1
                        stack.append([operand, 0])
                        continue
                    result = not result
                case ir.AllOf(items=items) | ir.AnyOf(items=items):
                    # Stop at the first item that decides (false for all, true for any).
                    decides = isinstance(node, ir.AnyOf)
                    if step > 0 and result == decides:
                        pass  # ``result`` is the answer
                    elif step < len(items):
                        frame[1] = step + 1
                        stack.append([items[step], 0])
                        continue
                    else:
                        result = not decides
                case _:
                    assert_never(node)
            stack.pop()
        return result


def evaluate(law: ir.Law, scenario: Mapping[str, Value], assumptions: Mapping[str, bool] | None = None) -> Outcome:
    """The verdict, remedy and trace for one scenario.

    ``scenario`` maps fact names to values ('yes'/'no' for yes/no facts);
    ``assumptions`` overrides the law's assumption defaults.
    """
    ev = _Evaluator(law, scenario, assumptions or {})
    captions = {p.id: p.caption for p in law.provisions}
    steps: dict[str, RuleStep] = {}
    applicable: list[ir.Rule] = []
    if law.rules:
        ev.context = "every rule (to know whom it governs)"
        agency, conduct = str(ev.fact("agency")), str(ev.fact("conduct"))
        for rule in law.rules:
            if not rule.in_scope(agency, conduct):
                continue
            ev.context = f"§ {rule.provision}"
            caption = captions[rule.provision]
            if not ev.eval(rule.when):
                steps[rule.id] = RuleStep(rule.id, rule.provision, caption, rule.verdict, StepStatus.NOT_MET)
                continue
            held = next((i for i, e in enumerate(rule.exceptions, 1) if ev.eval(e)), None)
            if held is not None:
                steps[rule.id] = RuleStep(rule.id, rule.provision, caption, rule.verdict, StepStatus.EXCEPTED, held)
                continue
            applicable.append(rule)
            steps[rule.id] = RuleStep(rule.id, rule.provision, caption, rule.verdict, StepStatus.DECIDES)
    deciding: list[ir.Rule] = []
    for rule in applicable:
        by = tuple(o.id for o in applicable if o is not rule and rule.provision in o.overrides)
        if by:
            s = steps[rule.id]
            steps[rule.id] = RuleStep(s.rule, s.provision, s.caption, s.verdict, StepStatus.DEFEATED, None, by)
        else:
            deciding.append(rule)
    verdicts = {r.verdict for r in deciding}
    if not deciding:
        verdict = law.default_verdict
        decision = f"no rule applies, so the law's default holds: {verdict}"
    elif len(verdicts) == 1:
        verdict = verdicts.pop()
        cites = ", ".join(f"§ {r.provision}" for r in deciding)
        decision = f"{verdict} by {cites}"
    else:
        verdict = Verdict.CONFLICT
        sides = "; ".join(f"§ {r.provision} says {r.verdict}" for r in deciding)
        decision = f"the applicable rules disagree and neither overrides the other: {sides}"
    remedy = _remedy(law, ev, verdict, deciding)
    definitions = tuple((n, law.definitions[n].provision, v) for n, v in ev.defs.items())
    used_assumptions = tuple((n, law.assumptions[n].provision, ev.assume[n]) for n in ev.used_assumptions)
    trace = Trace(tuple(steps.values()), definitions, used_assumptions, tuple(ev.used_facts), decision)
    return Outcome(verdict, remedy, trace, tuple(r.id for r in deciding))


def _remedy(law: ir.Law, ev: _Evaluator, verdict: str, deciding: list[ir.Rule]) -> RemedyResult:
    if verdict != Verdict.PROHIBITED:
        return RemedyResult(RemedyStatus.NOT_A_VIOLATION)
    violated = {r.provision for r in deciding if r.prohibits}
    grants: list[ir.Remedy] = []
    denials: list[ir.Remedy] = []
    for remedy in law.remedies:
        if not (remedy.covers & violated):
            continue
        ev.context = f"§ {remedy.provision}"
        if ev.eval(remedy.when):
            (grants if remedy.gives else denials).append(remedy)
    if grants:
        plaintiffs = tuple(sorted({p for g in grants for p in g.plaintiffs}))
        relief = tuple(sorted({r for g in grants for r in g.relief}))
        status = RemedyStatus.CONFLICT if denials else RemedyStatus.AVAILABLE
        return RemedyResult(status, plaintiffs, relief, tuple(g.provision for g in grants),
                            tuple(d.provision for d in denials))
    return RemedyResult(RemedyStatus.NONE, denied_by=tuple(d.provision for d in denials))
