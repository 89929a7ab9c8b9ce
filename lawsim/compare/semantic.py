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
from lawsim.compare.kinds import KINDS, ChangeKind, State, classify
from lawsim.compare.regions import Cube, cover
from lawsim.engine.fast import SpaceResult, evaluate_space
from lawsim.engine.interpreter import Outcome, evaluate
from lawsim.engine.space import Axis, Space, build_space, check_budget
from lawsim.ir.vocab import VERDICTS, RemedyStatus

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
    """A rule that decides, or a remedy that grants or denies, somewhere in a region.

    ``baseline`` and ``reform`` say what it does there in each version:
    'decides', 'grants', 'denies', or None when it does nothing there.
    """

    kind: str  # 'rule' | 'remedy'
    id: str
    provision: str
    baseline: str | None
    reform: str | None


@dataclass(frozen=True, slots=True)
class Readings:
    """Under which readings of the assumptions a region's change holds, for every scenario in it.

    A *reading* sets every assumption of either version on or off.  ``every``:
    the region changes in the same way under every reading (the finding is
    robust).  Otherwise ``needs`` lists the readings it holds under, exactly, as
    alternatives: each is a conjunction of (assumption, on/off) settings, and
    an assumption it does not name may be read either way.  (``needs`` is
    empty only when no reading at all gives the change everywhere in the region.)
    """

    every: bool
    needs: tuple[tuple[tuple[str, bool], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Omitted:
    """Regions left out by a cap on how many are described (``--max-regions``): per kind, exact totals."""

    kind: str
    regions: int | None  # None: more regions than were made, not counted (the scenarios are)
    scenarios: int


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
    #: Under which readings the change holds (given by the symbolic engine; None when not computed).
    readings: Readings | None = None


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
class Sensitivity:
    """How the comparison looks with one assumption set to ``value`` in both versions."""

    assumption: str
    value: bool
    changed: int  # scenarios whose outcome differs between the versions under this setting
    counts: tuple[tuple[str, int], ...]  # (kind, scenarios), kinds with changes only
    regions: tuple[int, ...]  # indexes into SemanticDiff.regions of the regions that rely on it


@dataclass(frozen=True, slots=True)
class SemanticDiff:
    total: int
    changed: int
    regions: tuple[Region, ...]
    pairs: tuple[PairSummary, ...]
    assumptions: tuple[str, ...]  # every assumption of either version, each flipped to test dependence
    sensitivity: tuple[Sensitivity, ...]
    #: Changed scenarios not described by a region because of a cap on regions, per kind.
    omitted: tuple[Omitted, ...] = ()
    #: The engine that computed this diff: 'space' (every point enumerated) or 'symbolic' (decision diagrams).
    engine: str = "space"

    def count(self, kind: str) -> int:
        """Changed scenarios of ``kind``, described by a region or not."""
        return (sum(r.count for r in self.regions if r.kind == kind)
                + sum(o.scenarios for o in self.omitted if o.kind == kind))


# ---------------------------------------------------------------- evaluation


class _States:
    """Numbers every distinct State seen, in first-seen order."""

    def __init__(self) -> None:
        self.ids: dict[State, int] = {}
        self.list: list[State] = []

    def _id(self, state: State) -> int:
        if state not in self.ids:
            self.ids[state] = len(self.list)
            self.list.append(state)
        return self.ids[state]

    def of(self, result: SpaceResult) -> np.ndarray:
        """The State id of every point of a SpaceResult."""
        n = max(1, len(result.remedy_keys))
        # int32 indices: half the memory traffic of int64 over every point, and the
        # codes fit (a few verdicts times a few remedy keys).
        combo = result.verdict.astype(np.int32) * np.int32(n) + result.remedy_key.astype(np.int32)
        present = np.flatnonzero(np.bincount(combo, minlength=len(VERDICTS) * n))
        table = np.zeros(len(VERDICTS) * n, dtype=np.int32)
        for code in present.tolist():
            status, plaintiffs, relief = result.remedy_keys[code % n]
            table[code] = self._id(State(VERDICTS[code // n], RemedyStatus(status), tuple(plaintiffs), tuple(relief)))
        return table[combo]


@dataclass(frozen=True)
class Flip:
    """Both versions evaluated with one assumption set to ``value``."""

    assumption: str
    value: bool
    before: np.ndarray  # State id per point
    after: np.ndarray
    baseline: SpaceResult
    reform: SpaceResult


@dataclass(frozen=True)
class Evaluated:
    """Both versions evaluated on one space, under defaults and each flipped assumption."""

    space: Space
    axes: tuple[Axis, ...]  # the space's axes, agency and conduct first
    shape: tuple[int, ...]  # classes per axis
    flat: np.ndarray  # per point, its index in the C-ordered grid of ``shape``
    codes: tuple[np.ndarray, ...]  # per axis, the class of every point
    weights: np.ndarray  # possible concrete scenarios per point (0: the point breaks a constraint)
    baseline: SpaceResult  # under the default assumptions
    reform: SpaceResult
    before: np.ndarray  # State id per point
    after: np.ndarray
    flips: tuple[Flip, ...]
    states: list[State]

    @property
    def possible(self) -> np.ndarray:
        """Per point, whether it holds any scenario that can happen."""
        return self.weights > 0

    def grid(self, per_point: np.ndarray, fill=0) -> np.ndarray:
        """A per-point array laid out on the grid of :attr:`shape` (agency and conduct first)."""
        out = np.full(int(np.prod(self.shape, dtype=np.int64)), fill, dtype=per_point.dtype)
        out[self.flat] = per_point
        return out.reshape(self.shape)


def _known(law: ir.Law, assumptions: Mapping[str, bool]) -> dict[str, bool]:
    return {k: v for k, v in assumptions.items() if k in law.assumptions}


def _flips(law: ir.Law, name: str, value: bool) -> bool:
    return name in law.assumptions and law.assumptions[name].default != value


def _settings(baseline: ir.Law, reform: ir.Law) -> list[tuple[str, bool]]:
    """(assumption, value) pairs that differ from a default in at least one version."""
    out = []
    for name in sorted(baseline.assumptions.keys() | reform.assumptions.keys()):
        defaults = {law.assumptions[name].default for law in (baseline, reform) if name in law.assumptions}
        for value in (False, True):
            if defaults != {value}:
                out.append((name, value))
    return out


def evaluate_both(baseline: ir.Law, reform: ir.Law) -> Evaluated:
    """Evaluate both versions on their common space (defaults, then each flip)."""
    space = build_space(baseline, reform)
    check_budget(space, 1 + len(_settings(baseline, reform)), law_name=baseline.name)
    first = {"agency": 0, "conduct": 1}
    axes = tuple(sorted(space.axes, key=lambda a: first.get(a.fact.name, 2)))
    shape = tuple(len(a.classes) for a in axes)
    codes = tuple(np.asarray(space.codes(a.fact.name)) for a in axes)
    flat = np.ravel_multi_index(codes, shape) if axes else np.zeros(1, dtype=np.int64)
    states = _States()
    rb, ra = evaluate_space(baseline, space), evaluate_space(reform, space)
    before, after = states.of(rb), states.of(ra)
    flips = []
    for name, value in _settings(baseline, reform):
        # A version without the assumption (or already at ``value``) gives its default result.
        fb = evaluate_space(baseline, space, {name: value}) if _flips(baseline, name, value) else rb
        fa = evaluate_space(reform, space, {name: value}) if _flips(reform, name, value) else ra
        flips.append(Flip(name, value, before if fb is rb else states.of(fb), after if fa is ra else states.of(fa),
                          fb, fa))
    return Evaluated(space, axes, shape, flat, codes, np.asarray(space.weights(), dtype=np.int64), rb, ra,
                     before, after, tuple(flips), states.list)


def same_everywhere(baseline: ir.Law, reform: ir.Law) -> bool:
    """True if both versions give every scenario the same verdict and remedy,
    under the default assumptions and with each assumption flipped.

    Stops at the first setting that shows a difference (usually the first).
    """
    space = build_space(baseline, reform)
    check_budget(space, law_name=baseline.name)
    possible = space.weights() > 0
    states = _States()
    settings = [None, *_settings(baseline, reform)]
    for setting in settings:
        assume = {} if setting is None else {setting[0]: setting[1]}
        before = states.of(evaluate_space(baseline, space, _known(baseline, assume)))
        after = states.of(evaluate_space(reform, space, _known(reform, assume)))
        if not np.array_equal(before[possible], after[possible]):
            return False
    return True


# ---------------------------------------------------------------- regions


def _transitions(states: list[State], before: np.ndarray, after: np.ndarray, possible: np.ndarray):
    """A label per point (0: unchanged or impossible), the (before, after) state ids of each label, and each
    label's kind."""
    changed = (before != after) & possible
    code = before[changed] * len(states) + after[changed]
    uniq, inverse = np.unique(code, return_inverse=True)
    labels = np.zeros(len(before), dtype=np.int64)
    labels[changed] = inverse.reshape(-1) + 1
    pairs = [(int(c) // len(states), int(c) % len(states)) for c in uniq.tolist()]
    kinds = [classify(states[b], states[a]) for b, a in pairs]
    return labels, pairs, kinds


def _count(weights: np.ndarray, cube: Cube) -> int:
    """Possible concrete scenarios in ``cube`` (``weights`` on the grid)."""
    return int(weights[np.ix_(*cube.sets)].sum())


def _conditions(ev: Evaluated, cube: Cube) -> tuple[Condition, ...]:
    out = []
    for axis, allowed in zip(ev.axes, cube.sets):
        if len(allowed) == len(axis.classes):
            continue  # any value: no condition
        values = {v for c in allowed for v in axis.classes[c]}
        out.append(Condition(axis.fact, tuple(v for v in axis.fact.values if v in values)))
    return tuple(out)


def _hits(region_of: np.ndarray, mask) -> list[int]:
    """The regions that contain at least one point of ``mask``."""
    found = np.unique(region_of[np.asarray(mask, dtype=bool)])
    return [int(r) for r in found.tolist() if r >= 0]


def _responsible(baseline: ir.Law, reform: ir.Law, ev: Evaluated, region_of: np.ndarray, n: int):
    """Per region, the rules deciding and remedies granting or denying somewhere in it, in either version."""
    found: list[dict[tuple[str, str], dict]] = [{} for _ in range(n)]
    for side, law, result in (("baseline", baseline, ev.baseline), ("reform", reform, ev.reform)):
        rules = {r.id: r for r in law.rules}
        remedies = {r.id: r for r in law.remedies}
        for kind, table in (("rule", result.deciding), ("remedy", result.granting)):
            for key in table:
                item: ir.Rule | ir.Remedy = rules[key] if kind == "rule" else remedies[key]
                effect = ("grants" if item.gives else "denies") if isinstance(item, ir.Remedy) else "decides"
                for r in _hits(region_of, table[key] & ev.possible):
                    entry = found[r].setdefault((kind, key), {"provision": item.provision, "baseline": None,
                                                              "reform": None})
                    entry[side] = effect
    return [tuple(Responsible(kind, key, e["provision"], e["baseline"], e["reform"])
                  for (kind, key), e in sorted(f.items(), key=lambda kv: (kv[0][0] != "rule", kv[0][1])))
            for f in found]


def _witness(baseline: ir.Law, reform: ir.Law, ev: Evaluated, index: int) -> Witness:
    scenario = ev.space.scenario(index)
    ordered = tuple((a.fact.name, scenario[a.fact.name]) for a in ev.axes)
    return Witness(ordered, evaluate(baseline, scenario), evaluate(reform, scenario))


def _sort_key(region: Region) -> tuple:
    conditions = tuple((c.fact.name, tuple(c.fact.values.index(v) for v in c.values)) for c in region.conditions)
    return (KINDS.index(region.kind), -region.count, conditions, region.before, region.after)


def _verdicts_word(counts: Mapping[ChangeKind, int]) -> str:
    closed, opened = counts.get(ChangeKind.LOOPHOLE_CLOSED, 0), counts.get(ChangeKind.LOOPHOLE_OPENED, 0)
    conflicts = counts.get(ChangeKind.CONFLICT_INTRODUCED, 0) + counts.get(ChangeKind.CONFLICT_RESOLVED, 0)
    if conflicts or (closed and opened):
        return "incomparable"
    return "stricter" if closed else "looser" if opened else "equivalent"


def _remedies_word(counts: Mapping[ChangeKind, int]) -> str:
    gained, lost = counts.get(ChangeKind.REMEDY_GAINED, 0), counts.get(ChangeKind.REMEDY_LOST, 0)
    other = sum(counts.get(k, 0) for k in (ChangeKind.REMEDY_CHANGED, ChangeKind.REMEDY_CONFLICT_INTRODUCED,
                                           ChangeKind.REMEDY_CONFLICT_RESOLVED))
    if other or (gained and lost):
        return "mixed"
    return "more" if gained else "fewer" if lost else "unchanged"


def _pairs(ev: Evaluated, kind_of: np.ndarray) -> tuple[PairSummary, ...]:
    names = [a.fact.name for a in ev.axes]
    if "agency" not in names or "conduct" not in names:
        return ()
    ia, ic = names.index("agency"), names.index("conduct")
    agency, conduct = ev.axes[ia], ev.axes[ic]
    changed = kind_of >= 0
    table = np.zeros((len(agency.classes), len(conduct.classes), len(KINDS)), dtype=np.int64)
    np.add.at(table, (ev.codes[ia][changed].astype(np.int64), ev.codes[ic][changed].astype(np.int64),
                      kind_of[changed]), ev.weights[changed])
    possible = np.zeros((len(agency.classes), len(conduct.classes)), dtype=np.int64)
    np.add.at(possible, (ev.codes[ia].astype(np.int64), ev.codes[ic].astype(np.int64)), ev.weights)
    out: list[PairSummary] = []
    for ca, agencies in enumerate(agency.classes):
        for cc, conducts in enumerate(conduct.classes):
            share = len(agencies) * len(conducts)  # each value pair gets an equal share of the weight
            counts = {k: int(table[ca, cc, i]) // share for i, k in enumerate(KINDS) if table[ca, cc, i]}
            scenarios = int(possible[ca, cc]) // share
            out.extend(PairSummary(a, c, scenarios, _verdicts_word(counts), _remedies_word(counts),
                                   tuple(counts.items())) for a in agencies for c in conducts)
    order_a = {v: i for i, v in enumerate(agency.fact.values)}
    order_c = {v: i for i, v in enumerate(conduct.fact.values)}
    return tuple(sorted(out, key=lambda p: (order_a[p.agency], order_c[p.conduct])))


def _kind_of(labels: np.ndarray, kinds: list[str]) -> np.ndarray:
    lookup = np.array([-1] + [KINDS.index(k) for k in kinds], dtype=np.int64)
    return lookup[labels]


def _kind_counts(ev: Evaluated, kind_of: np.ndarray) -> dict[str, int]:
    totals = np.zeros(len(KINDS), dtype=np.int64)
    changed = kind_of >= 0
    np.add.at(totals, kind_of[changed], ev.weights[changed])
    return {k: int(totals[i]) for i, k in enumerate(KINDS) if totals[i]}


def semantic_diff(baseline: ir.Law, reform: ir.Law, evaluated: Evaluated | None = None) -> SemanticDiff:
    """Compare the two versions on every scenario (see the module docstring)."""
    ev = evaluated or evaluate_both(baseline, reform)
    possible = ev.possible
    labels, pairs, kinds = _transitions(ev.states, ev.before, ev.after, possible)
    impossible = ev.grid(~possible)
    cubes = cover(ev.grid(labels), dont_care=impossible if impossible.any() else None)
    region_grid = np.full(ev.shape, -1, dtype=np.int64)
    for r, cube in enumerate(cubes):
        region_grid[np.ix_(*cube.sets)] = r  # cubes share only impossible points
    region_of = region_grid.reshape(-1)[ev.flat]
    cared = np.flatnonzero(possible)
    firsts = np.unique(region_of[cared], return_index=True)
    first = dict(zip(firsts[0].tolist(), cared[firsts[1]].tolist()))
    weights = ev.grid(ev.weights)
    responsible = _responsible(baseline, reform, ev, region_of, len(cubes))
    relies: list[set[str]] = [set() for _ in cubes]
    sensitivity = []
    for flip in ev.flips:
        differ = ((flip.before != ev.before) | (flip.after != ev.after)) & possible
        hit = _hits(region_of, differ)
        for r in hit:
            relies[r].add(flip.assumption)
        flip_labels, _, flip_kinds = _transitions(ev.states, flip.before, flip.after, possible)
        flip_kind_of = _kind_of(flip_labels, flip_kinds)
        counts = _kind_counts(ev, flip_kind_of)
        sensitivity.append((flip, sum(counts.values()), counts, hit))
    regions = []
    for r, cube in enumerate(cubes):
        b, a = pairs[cube.label - 1]
        regions.append(Region(kinds[cube.label - 1], ev.states[b], ev.states[a], _conditions(ev, cube),
                              _count(weights, cube), _witness(baseline, reform, ev, first[r]), responsible[r],
                              tuple(sorted(relies[r]))))
    order = sorted(range(len(regions)), key=lambda i: _sort_key(regions[i]))
    position = {old: new for new, old in enumerate(order)}
    sens = tuple(Sensitivity(f.assumption, f.value, n, tuple(counts.items()), tuple(sorted(position[r] for r in hit)))
                 for f, n, counts, hit in sensitivity)
    names = sorted(baseline.assumptions.keys() | reform.assumptions.keys())
    return SemanticDiff(int(ev.space.total()), sum(r.count for r in regions), tuple(regions[i] for i in order),
                        _pairs(ev, _kind_of(labels, kinds)), tuple(names), sens)
