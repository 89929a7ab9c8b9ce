"""Semantic diff: how the verdicts of two law versions differ over every scenario.

Stage: compare.  Input: a *baseline* and a *reform* :class:`lawsim.ir.Law`.
Output: a :class:`SemanticDiff` holding exact scenario counts, the changed
scenarios partitioned into :class:`Region` values (each described by a few
conditions over facts, with a witness and its traces), and a summary per
agency and conduct.

How it works: the engine builds one scenario space for both versions (the
union of their facts, with each fact's values grouped into classes that
both laws treat alike) and evaluates each version on all of it at once.
Every point of the space gets a *transition* (baseline state, reform
state); the changed points are covered by disjoint exact cubes
(:func:`lawsim.compare.regions.cover`), one region per cube.  Counts are
exact: a cube holds the product, over facts, of the number of concrete
values its classes contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from lawsim import ir
from lawsim.compare._interim_engine import build_space, evaluate_space
from lawsim.compare.kinds import KINDS, VERDICTS, State, classify
from lawsim.compare.regions import Cube, cover
from lawsim.engine.interpreter import Outcome, evaluate

Value = str | int


@dataclass(frozen=True, slots=True)
class Condition:
    """The scenario's value of ``fact`` is one of ``values`` (in domain order)."""

    fact: ir.Fact
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Witness:
    """One concrete scenario of a region, evaluated by the reference interpreter."""

    scenario: tuple[tuple[str, Value], ...]
    baseline: Outcome
    reform: Outcome


@dataclass(frozen=True, slots=True)
class Responsible:
    """A rule that decides, or a remedy that grants, somewhere in a region."""

    kind: str  # 'rule' | 'remedy'
    id: str
    provision: str
    baseline: bool
    reform: bool


@dataclass(frozen=True, slots=True)
class Region:
    """Changed scenarios of one kind, with one baseline and one reform state.

    The scenarios in the region are exactly those meeting every condition
    (facts without a condition may take any value); ``count`` is how many
    concrete scenarios that is.
    """

    kind: str
    before: State
    after: State
    conditions: tuple[Condition, ...]
    count: int
    witness: Witness
    responsible: tuple[Responsible, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairSummary:
    """Baseline vs reform for one agency and one conduct.

    ``verdicts`` is 'equivalent', 'stricter' (only loopholes closed),
    'looser' (only loopholes opened) or 'incomparable' (both, or a change
    to or from a conflict).  ``remedies`` is 'unchanged', 'more' (only
    remedies gained), 'fewer' (only lost) or 'mixed'.
    """

    agency: str
    conduct: str
    scenarios: int
    verdicts: str
    remedies: str
    counts: tuple[tuple[str, int], ...]  # (kind, scenarios), kinds with changes only


@dataclass(frozen=True, slots=True)
class SemanticDiff:
    total: int
    changed: int
    regions: tuple[Region, ...]
    pairs: tuple[PairSummary, ...]
    assumptions: tuple[str, ...]  # every assumption flipped to test dependence

    def count(self, kind: str) -> int:
        return sum(r.count for r in self.regions if r.kind == kind)


# ---------------------------------------------------------------- evaluation


class _States:
    """Numbers every distinct State seen, in first-seen order."""

    def __init__(self) -> None:
        self.ids: dict[State, int] = {}

    def of(self, result) -> np.ndarray:
        n = max(1, len(result.remedy_keys))
        combo = result.verdict.astype(np.int64) * n + result.remedy_key.astype(np.int64)
        uniq, inverse = np.unique(combo, return_inverse=True)
        local = []
        for code in uniq.tolist():
            verdict = VERDICTS[code // n]
            status, plaintiffs, relief = result.remedy_keys[code % n] if result.remedy_keys else ("not a violation", (), ())
            local.append(self.ids.setdefault(State(verdict, status, tuple(plaintiffs), tuple(relief)), len(self.ids)))
        return np.asarray(local, dtype=np.int64)[inverse.reshape(-1)]

    def state(self, i: int) -> State:
        return next(s for s, n in self.ids.items() if n == i)


def _known(law: ir.Law, assumptions: Mapping[str, bool]) -> dict[str, bool]:
    return {k: v for k, v in assumptions.items() if k in law.assumptions}


def _settings(baseline: ir.Law, reform: ir.Law) -> list[tuple[str, bool]]:
    """(assumption, value) pairs that differ from a default in at least one version."""
    out = []
    for name in sorted(baseline.assumptions.keys() | reform.assumptions.keys()):
        defaults = {law.assumptions[name].default for law in (baseline, reform) if name in law.assumptions}
        for value in (False, True):
            if defaults != {value}:
                out.append((name, value))
    return out


@dataclass(frozen=True)
class Evaluated:
    """Both versions evaluated on one space, under defaults and each flipped assumption."""

    space: object
    axes: tuple  # the space's axes, agency and conduct first
    codes: tuple[np.ndarray, ...]  # per axis, the class of every point
    weights: np.ndarray
    baseline: object  # SpaceResult under default assumptions
    reform: object
    before: np.ndarray  # State id per point
    after: np.ndarray
    flipped: tuple  # ((name, value), before ids, after ids, baseline result, reform result)
    states: _States


def evaluate_both(baseline: ir.Law, reform: ir.Law) -> Evaluated:
    """Evaluate both versions on their common space (defaults, then each flip)."""
    space = build_space(baseline, reform)
    first = {"agency": 0, "conduct": 1}
    axes = tuple(sorted(space.axes, key=lambda a: first.get(a.fact.name, 2)))
    codes = tuple(np.asarray(space.codes(a.fact)) for a in axes)
    states = _States()
    rb, ra = evaluate_space(baseline, space), evaluate_space(reform, space)
    flipped = []
    for name, value in _settings(baseline, reform):
        fb = evaluate_space(baseline, space, _known(baseline, {name: value}))
        fa = evaluate_space(reform, space, _known(reform, {name: value}))
        flipped.append(((name, value), states.of(fb), states.of(fa), fb, fa))
    return Evaluated(space, axes, codes, np.asarray(space.weights()), rb, ra, states.of(rb), states.of(ra),
                     tuple(flipped), states)


# ---------------------------------------------------------------- regions


def _cube_mask(ev: Evaluated, cube: Cube) -> np.ndarray:
    mask = np.ones(len(ev.weights), dtype=bool)
    for codes, allowed, axis in zip(ev.codes, cube.sets, ev.axes):
        if len(allowed) != len(axis.classes):
            mask &= np.isin(codes, allowed)
    return mask


def _count(ev: Evaluated, cube: Cube) -> int:
    n = 1
    for axis, allowed in zip(ev.axes, cube.sets):
        n *= sum(len(axis.classes[c]) for c in allowed)
    return n


def _conditions(ev: Evaluated, cube: Cube) -> tuple[Condition, ...]:
    out = []
    for axis, allowed in zip(ev.axes, cube.sets):
        if len(allowed) == len(axis.classes):
            continue  # any value: no condition
        values = {v for c in allowed for v in axis.classes[c]}
        out.append(Condition(axis.fact, tuple(v for v in axis.fact.values if v in values)))
    return tuple(out)


def _responsible(baseline: ir.Law, reform: ir.Law, ev: Evaluated, mask: np.ndarray) -> tuple[Responsible, ...]:
    found: dict[tuple[str, str], dict] = {}
    for side, law, result in (("baseline", baseline, ev.baseline), ("reform", reform, ev.reform)):
        provision = {r.id: r.provision for r in law.rules} | {r.id: r.provision for r in law.remedies}
        for kind, table in (("rule", result.deciding), ("remedy", result.granting)):
            for key, hits in table.items():
                if np.any(np.asarray(hits)[mask]):
                    entry = found.setdefault((kind, key), {"provision": provision[key], "baseline": False,
                                                           "reform": False})
                    entry[side] = True
    return tuple(Responsible(kind, key, e["provision"], e["baseline"], e["reform"])
                 for (kind, key), e in sorted(found.items(), key=lambda kv: (kv[0][0] != "rule", kv[0][1])))


def _witness(baseline: ir.Law, reform: ir.Law, ev: Evaluated, mask: np.ndarray) -> Witness:
    index = int(np.flatnonzero(mask)[0])
    scenario = ev.space.scenario(index)
    ordered = tuple((a.fact.name, scenario[a.fact.name]) for a in ev.axes)
    return Witness(ordered, evaluate(baseline, scenario), evaluate(reform, scenario))


def _transitions(ev: Evaluated) -> tuple[np.ndarray, np.ndarray]:
    """A label per point (0: unchanged) and the (before, after) state ids of each label."""
    changed = ev.before != ev.after
    pairs = np.stack([ev.before, ev.after], axis=1)
    uniq, inverse = np.unique(pairs[changed], axis=0, return_inverse=True)
    labels = np.zeros(len(ev.weights), dtype=np.int64)
    labels[changed] = inverse.reshape(-1) + 1
    return labels, uniq.reshape(-1, 2)


def _regions(baseline: ir.Law, reform: ir.Law, ev: Evaluated, labels: np.ndarray, uniq: np.ndarray) -> list[Region]:
    grid = np.zeros(tuple(len(a.classes) for a in ev.axes), dtype=np.int64)
    grid[tuple(ev.codes)] = labels
    regions = []
    for cube in cover(grid):
        before_id, after_id = (int(x) for x in uniq[cube.label - 1])
        before, after = ev.states.state(before_id), ev.states.state(after_id)
        mask = _cube_mask(ev, cube)
        depends = sorted({name for (name, _), fb, fa, *_ in ev.flipped
                          if np.any(fb[mask] != before_id) or np.any(fa[mask] != after_id)})
        regions.append(Region(classify(before, after), before, after, _conditions(ev, cube), _count(ev, cube),
                              _witness(baseline, reform, ev, mask), _responsible(baseline, reform, ev, mask),
                              tuple(depends)))
    kind_order = {k: i for i, k in enumerate(KINDS)}
    return sorted(regions, key=lambda r: (kind_order[r.kind], -r.count, _sort_conditions(r.conditions),
                                          r.before, r.after))


def _sort_conditions(conditions: tuple[Condition, ...]) -> tuple:
    return tuple((c.fact.name, tuple(c.fact.values.index(v) for v in c.values)) for c in conditions)


# ---------------------------------------------------------------- per agency and conduct


def _verdicts_word(counts: Mapping[str, int]) -> str:
    closed, opened = counts.get("loophole_closed", 0), counts.get("loophole_opened", 0)
    conflicts = counts.get("conflict_introduced", 0) + counts.get("conflict_resolved", 0)
    if conflicts or (closed and opened):
        return "incomparable"
    return "stricter" if closed else "looser" if opened else "equivalent"


def _remedies_word(counts: Mapping[str, int]) -> str:
    gained, lost = counts.get("remedy_gained", 0), counts.get("remedy_lost", 0)
    other = sum(counts.get(k, 0) for k in ("remedy_changed", "remedy_conflict_introduced",
                                           "remedy_conflict_resolved"))
    if other or (gained and lost):
        return "mixed"
    return "more" if gained else "fewer" if lost else "unchanged"


def _pairs(ev: Evaluated, kinds: np.ndarray) -> tuple[PairSummary, ...]:
    names = [a.fact.name for a in ev.axes]
    if "agency" not in names or "conduct" not in names:
        return ()
    ia, ic = names.index("agency"), names.index("conduct")
    agency, conduct = ev.axes[ia], ev.axes[ic]
    total = int(ev.space.total())
    out = []
    for ca, agencies in enumerate(agency.classes):
        for cc, conducts in enumerate(conduct.classes):
            here = (ev.codes[ia] == ca) & (ev.codes[ic] == cc)
            share = len(agencies) * len(conducts)  # each value pair gets an equal share of the weight
            counts = {}
            for k, kind in enumerate(KINDS):
                n = int(ev.weights[here & (kinds == k)].sum()) // share
                if n:
                    counts[kind] = n
            scenarios = total // (agency.fact.size * conduct.fact.size)
            for a in agencies:
                for c in conducts:
                    out.append(PairSummary(a, c, scenarios, _verdicts_word(counts), _remedies_word(counts),
                                           tuple(counts.items())))
    order_a = {v: i for i, v in enumerate(agency.fact.values)}
    order_c = {v: i for i, v in enumerate(conduct.fact.values)}
    return tuple(sorted(out, key=lambda p: (order_a[p.agency], order_c[p.conduct])))


def semantic_diff(baseline: ir.Law, reform: ir.Law, evaluated: Evaluated | None = None) -> SemanticDiff:
    """Compare the two versions on every scenario (see the module docstring)."""
    ev = evaluated or evaluate_both(baseline, reform)
    labels, uniq = _transitions(ev)
    regions = _regions(baseline, reform, ev, labels, uniq)
    kind_index = {k: i for i, k in enumerate(KINDS)}
    lookup = np.array([-1] + [kind_index[classify(ev.states.state(int(b)), ev.states.state(int(a)))]
                              for b, a in uniq.tolist()], dtype=np.int64)
    names = sorted(baseline.assumptions.keys() | reform.assumptions.keys())
    return SemanticDiff(int(ev.space.total()), sum(r.count for r in regions), tuple(regions),
                        _pairs(ev, lookup[labels]), tuple(names))


def same_outcomes(ev: Evaluated) -> bool:
    """True if both versions give every scenario the same verdict and remedy,
    under the default assumptions and with each assumption flipped."""
    return bool(np.array_equal(ev.before, ev.after)
                and all(np.array_equal(fb, fa) for _, fb, fa, *_ in ev.flipped))
