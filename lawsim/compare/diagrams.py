"""Semantic diff from decision diagrams: the symbolic engine's answer, for spaces too large to enumerate.

Stage: compare.  Input: a *baseline* and a *reform* :class:`lawsim.ir.Law`.
Output: the same :class:`~lawsim.compare.semantic.SemanticDiff` the
whole-space engine gives (exact counts, regions with witnesses and
responsible provisions, per agency and conduct, per flipped assumption),
plus, per region, the exact readings of the assumptions under which it holds.

Both versions are compiled to diagrams over one encoding
(:func:`lawsim.engine.symbolic.build_joint`), with assumptions as variables.
A *transition* (baseline outcome, reform outcome) is the conjunction of two
outcome diagrams; its regions are the diagram's paths fact by fact
(:meth:`Encoding.paths`), merged where two differ on one fact, so the cost
follows the diagram's size, never the number of scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from lawsim import ir
from lawsim.compare import lint
from lawsim.compare.kinds import KINDS, ChangeKind, State, classify
from lawsim.compare.regions import Cube, merge
from lawsim.compare.semantic import (
    Condition,
    Omitted,
    PairSummary,
    Readings,
    Region,
    Responsible,
    SemanticDiff,
    Sensitivity,
    Witness,
    _remedies_word,
    _settings,
    _sort_key,
    _verdicts_word,
)
from lawsim.engine.interpreter import evaluate
from lawsim.engine.symbolic import Diagrams, Joint, Node, build_joint

Reading = Mapping[str, bool]

#: Without --max-regions, the symbolic engine describes at most this many regions (the largest).
DEFAULT_MAX_REGIONS = 200
#: When only the largest regions are made, each change still gets up to this many of its own.
PER_CHANGE = 3
#: Diagrams with at most this many paths are covered whole (every path, then merged).
FULL_COVER = 5000


@dataclass(frozen=True)
class Symbolic:
    """Both versions compiled over one encoding, with the flips compare reports on."""

    joint: Joint
    baseline: Diagrams
    reform: Diagrams
    flips: tuple[tuple[str, bool], ...]  # (assumption, value) pairs that differ from a default somewhere

    @property
    def enc(self):
        return self.joint.enc

    @property
    def possible(self) -> Node:
        return self.joint.possible

    @property
    def unconstrained(self) -> bool:
        """No constraint: every valid code is possible, and a cube's size is a product."""
        return self.possible == self.enc.valid

    def readings(self) -> list[dict[str, bool]]:
        """The default reading ({}), then one per flip."""
        return [{}] + [{name: value} for name, value in self.flips]


def evaluate_symbolic(baseline: ir.Law, reform: ir.Law) -> Symbolic:
    joint = build_joint(baseline, reform)
    return Symbolic(joint, joint.laws[0], joint.laws[1], tuple(_settings(baseline, reform)))


def transitions(sym: Symbolic, reading: Reading | None) -> dict[tuple[State, State], Node]:
    """Where each change (baseline state, reform state) happens; ``reading`` None keeps assumptions free.

    The diagrams cover every valid code, possible or not: constraints are left
    out so that a region need not steer round impossible scenarios (they are
    "don't care", as for the whole-space engine's cover).  Conjoin with
    :attr:`Symbolic.possible` to count.  Changes that happen in no possible
    scenario are left out.
    """
    enc = sym.enc
    before = sym.baseline.outcomes(enc, enc.valid, reading)
    after = sym.reform.outcomes(enc, enc.valid, reading)
    out: dict[tuple[State, State], Node] = {}
    for ob, ub in before.items():
        for oa, ua in after.items():
            if ob == oa:
                continue
            t = ub & ua
            if (t & sym.possible) != enc.false:
                out[(State(*ob), State(*oa))] = t
    return out


def _by_kind(enc, found: Mapping[tuple[State, State], Node]) -> dict[ChangeKind, Node]:
    out: dict[ChangeKind, Node] = {}
    for (b, a), t in found.items():
        kind = classify(b, a)
        out[kind] = out.get(kind, enc.false) | t
    return out


def _differs(sym: Symbolic, d: Diagrams, reading: Reading) -> Node:
    """Where ``reading`` gives law ``d`` another outcome than its defaults do."""
    enc = sym.enc
    return enc.any(enc.bdd.apply("xor", d.read(enc, b, {}), d.read(enc, b, reading)) for b in d.bits())


def _tidy(enc, sets: tuple[tuple[int, ...], ...], possible: Node) -> tuple[tuple[int, ...], ...]:
    """Drop a condition when the classes it leaves out hold only impossible scenarios."""
    out = list(sets)
    inside = enc.cube(out)
    for k, s in enumerate(out):
        if len(s) == enc.axes[k].count:
            continue
        wider = out[:k] + [tuple(range(enc.axes[k].count))] + out[k + 1:]
        if (enc.cube(wider) & possible & ~inside) == enc.false:
            out[k] = wider[k]
            inside = enc.cube(out)
    return tuple(out)


def _conditions(sym: Symbolic, sets: tuple[tuple[int, ...], ...]) -> tuple[Condition, ...]:
    out = []
    for axis, allowed in zip(sym.joint.axes, sets):
        if len(allowed) == axis.count:
            continue
        values = {v for c in allowed for v in axis.classes[c]}
        out.append(Condition(axis.fact, tuple(v for v in axis.fact.values if v in values)))
    return tuple(out)


def _deciders(sym: Symbolic) -> list[tuple[str, str, ir.Rule | ir.Remedy, Node]]:
    """(side, kind, item, where it decides or grants under the default reading), for both versions."""
    enc = sym.enc
    out: list[tuple[str, str, ir.Rule | ir.Remedy, Node]] = []
    for side, d in (("baseline", sym.baseline), ("reform", sym.reform)):
        out += [(side, "rule", r, d.read(enc, d.deciding[r.id], {})) for r in d.law.rules]
        out += [(side, "remedy", r, d.read(enc, d.granting[r.id], {})) for r in d.law.remedies]
    return out


def _responsible(sym: Symbolic, inside: Node, deciders) -> tuple[Responsible, ...]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    enc = sym.enc
    for side, kind, item, node in deciders:
        if (node & inside) == enc.false:
            continue
        effect = ("grants" if item.gives else "denies") if isinstance(item, ir.Remedy) else "decides"
        entry = found.setdefault((kind, item.id), {"provision": item.provision, "baseline": None, "reform": None})
        entry[side] = effect
    return tuple(Responsible(kind, key, e["provision"], e["baseline"], e["reform"])
                 for (kind, key), e in sorted(found.items(), key=lambda kv: (kv[0][0] != "rule", kv[0][1])))


def _alternatives(enc, u: Node) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """A diagram over assumption variables as disjoint conjunctions of settings (its paths)."""
    names = {v: k for k, v in enc.assumption_vars.items()}
    out: list[tuple[tuple[str, bool], ...]] = []

    def walk(v: Node, path: tuple[tuple[str, bool], ...]) -> None:
        if v == enc.false:
            return
        if v == enc.true:
            out.append(tuple(sorted(path)))
            return
        low, high = enc._children(v)
        walk(low, path + ((names[v.var], False),))
        walk(high, path + ((names[v.var], True),))

    walk(u, ())
    return tuple(sorted(out))


def _readings(sym: Symbolic, inside: Node, kind_everywhere: Node) -> Readings:
    enc = sym.enc
    holds = ~enc.exist_facts(inside & ~kind_everywhere)
    if holds == enc.true:
        return Readings(True)
    return Readings(False, _alternatives(enc, holds))


def _pairs(sym: Symbolic, found: Mapping[tuple[State, State], Node]) -> tuple[PairSummary, ...]:
    """Per agency and conduct: scenarios, and changes per kind (counted on the diagrams' own sub-nodes)."""
    axes = sym.joint.axes
    if [a.fact.name for a in axes[:2]] != ["agency", "conduct"]:
        return ()
    enc = sym.enc
    parts = [(classify(b, a), t & sym.possible) for (b, a), t in found.items()]

    def count(u: Node, ca: int, cc: int) -> int:
        v = enc.follow(enc.follow(u, 0, ca), 1, cc)
        return enc.weights[0][ca] * enc.weights[1][cc] * enc.count(v, 2)

    out = []
    for ca, agencies in enumerate(axes[0].classes):
        for cc, conducts in enumerate(axes[1].classes):
            counts: dict[ChangeKind, int] = {}
            for kind, t in parts:
                counts[kind] = counts.get(kind, 0) + count(t, ca, cc)
            counts = {k: counts[k] for k in KINDS if counts.get(k)}
            out.append(PairSummary(agencies[0], conducts[0], count(sym.possible, ca, cc), _verdicts_word(counts),
                                   _remedies_word(counts), tuple(counts.items())))
    return tuple(out)


def _at(sym: Symbolic, free: Mapping[tuple[State, State], Node], reading: Reading) -> dict[tuple[State, State], Node]:
    """The changes under one reading (each version's defaults, ``reading`` overriding), from ``free``.

    When both versions agree on the defaults of the assumptions they share, the reading sets
    every assumption variable and each change is a cofactor of its free diagram; otherwise each
    version is read separately.
    """
    enc = sym.enc
    values: dict[str, bool] = {}
    for d in (sym.baseline, sym.reform):
        for name, value in {**d.defaults, **reading}.items():
            if name in d.law.assumptions:
                if values.setdefault(name, value) != value:
                    return transitions(sym, reading)
    out = {}
    for label, t in free.items():
        u = enc.reading(t, values)
        if (u & sym.possible) != enc.false:
            out[label] = u
    return out


def _counts(sym: Symbolic, found: Mapping[tuple[State, State], Node]) -> dict[ChangeKind, int]:
    totals: dict[ChangeKind, int] = {}
    for (b, a), t in found.items():
        kind = classify(b, a)
        totals[kind] = totals.get(kind, 0) + sym.enc.count(t & sym.possible)
    return {k: totals[k] for k in KINDS if totals.get(k)}


def symbolic_diff(baseline: ir.Law, reform: ir.Law, sym: Symbolic, max_regions: int | None = None) -> SemanticDiff:
    """Compare the two versions on every scenario with diagrams (see the module docstring).

    ``max_regions`` caps the regions described (the largest first); the
    rest are counted exactly per kind in :attr:`SemanticDiff.omitted`.
    """
    enc, possible = sym.enc, sym.possible
    free = transitions(sym, None)  # every reading at once; a reading is then a cofactor (the same nodes)
    found = _at(sym, free, {})
    labels = list(found)
    kinds = [classify(b, a) for b, a in labels]
    roots = list(found.values())
    cap = max_regions if max_regions is not None else DEFAULT_MAX_REGIONS
    whole = not enc.more_paths_than(roots, max(cap, FULL_COVER))
    if whole:  # every path, then merged where two differ on one fact
        raw = [(n, p) for n, t in enumerate(roots) for p in enc.paths(t)]
    else:  # only the largest paths; the others are counted, never made
        raw = enc.largest_paths(roots, cap)
        # Every change gets a few regions of its own, however small next to the others.
        for n, t in enumerate(roots):
            raw += [(n, p) for _, p in enc.largest_paths([t], PER_CHANGE) if (n, p) not in raw]
    cubes: list[tuple[int, tuple[tuple[int, ...], ...], int]] = []  # label, sets, scenarios
    for cube in merge([Cube(n, p) for n, p in raw]):
        size = enc.size(cube.sets) if sym.unconstrained else enc.count(enc.cube(cube.sets) & possible)
        if size:
            cubes.append((cube.label, cube.sets, size))
    # Largest first (ties: report order of kinds, then the cube itself), so a cap keeps the largest.
    kept = sorted(cubes, key=lambda c: (-c[2], KINDS.index(kinds[c[0]]), c[1], c[0]))
    if max_regions is not None:
        kept = kept[:max_regions]
    omitted: dict[str, list[int]] = {}
    for n, t in enumerate(roots):
        shown = [c for c in kept if c[0] == n]
        left = enc.count(t & possible) - sum(c[2] for c in shown)
        if left:
            entry = omitted.setdefault(kinds[n], [0, 0])
            # Regions not described are counted when every path was made; otherwise only their scenarios.
            entry[0] = -1 if not whole or entry[0] < 0 else entry[0] + sum(1 for c in cubes if c[0] == n) - len(shown)
            entry[1] += left
    everywhere = _by_kind(enc, free)
    flips = [(name, value, {name: value}) for name, value in sym.flips]
    differ = [_differs(sym, sym.baseline, r) | _differs(sym, sym.reform, r) for _, _, r in flips]
    regions, hits = [], []
    deciders = _deciders(sym)
    for n, sets, size in kept:
        inside = enc.cube(sets) & possible
        before, after = labels[n]
        scenario = sym.joint.scenario(enc.first(inside))
        witness = Witness(tuple(scenario.items()), evaluate(baseline, scenario), evaluate(reform, scenario))
        hits.append([j for j, d in enumerate(differ) if (d & inside) != enc.false])
        relies = sorted({flips[j][0] for j in hits[-1]})
        # Without constraints every valid point is possible: no condition can be dropped.
        tidy = sets if sym.unconstrained else _tidy(enc, sets, possible)
        regions.append(Region(kinds[n], before, after, _conditions(sym, tidy), size, witness,
                              _responsible(sym, inside, deciders), tuple(relies),
                              _readings(sym, inside, everywhere[kinds[n]])))
    order = sorted(range(len(regions)), key=lambda i: _sort_key(regions[i]))
    regions = [regions[i] for i in order]
    sensitivity = []
    for j, (name, value, reading) in enumerate(flips):
        counts = _counts(sym, _at(sym, free, reading))
        hit = tuple(new for new, old in enumerate(order) if j in hits[old])
        sensitivity.append(Sensitivity(name, value, sum(counts.values()), tuple(counts.items()), hit))
    names = sorted(baseline.assumptions.keys() | reform.assumptions.keys())
    return SemanticDiff(sym.joint.total(), sum(enc.count(t & possible) for t in found.values()), tuple(regions),
                        _pairs(sym, found), tuple(names), tuple(sensitivity),
                        tuple(Omitted(k, omitted[k][0] if omitted[k][0] >= 0 else None, omitted[k][1])
                              for k in KINDS if k in omitted), "symbolic")


def same_everywhere_symbolic(baseline: ir.Law, reform: ir.Law) -> bool:
    """True if both versions give every scenario the same outcome under the default reading and each flip.

    Outcomes are equal when every output bit is (verdict, remedy status, each plaintiff and relief
    named by either version, a name one version lacks being off there).
    """
    sym = evaluate_symbolic(baseline, reform)
    enc, b, a = sym.enc, sym.baseline, sym.reform
    pairs = [(b.prohibited, a.prohibited), (b.conflict, a.conflict), (b.granted, a.granted),
             (b.remedy_conflict, a.remedy_conflict)]
    for mine, theirs in ((b.plaintiffs, a.plaintiffs), (b.relief, a.relief)):
        left, right = dict(mine), dict(theirs)
        pairs += [(left.get(name, enc.false), right.get(name, enc.false))
                  for name in sorted(left.keys() | right.keys())]
    for reading in sym.readings():
        for x, y in pairs:
            bx, ay = b.read(enc, x, reading), a.read(enc, y, reading)
            if bx == ay:  # one node: the same function (diagrams are canonical)
                continue
            if (enc.bdd.apply("xor", bx, ay) & sym.possible) != enc.false:
                return False
    return True


def lint_symbolic(sym: Symbolic, d: Diagrams) -> list:
    """W603 (dead rules) and W605 (impossible duties) for one version, from its diagrams.

    The same judgements as :func:`lawsim.compare.lint.dead_rules` and
    :func:`~lawsim.compare.lint.impossible_duties`: a rule is dead if it decides
    no possible scenario under the default reading or any one flip; a duty is
    impossible where, all other facts equal, its omission is decided by it and
    the required conduct is prohibited.
    """
    enc, law = sym.enc, d.law
    out = []
    for rule in law.rules:
        if all((d.read(enc, d.deciding[rule.id], r) & sym.possible) == enc.false for r in sym.readings()):
            out.append(lint.dead_rule(rule))
    conduct = law.fact_map.get("conduct")
    names = [a.fact.name for a in sym.joint.axes]
    if conduct is None or not conduct.omissions or "conduct" not in names:
        return out
    k = names.index("conduct")
    axis = sym.joint.axes[k]
    bits = enc.bits[k]

    def at(u: Node, value: str) -> Node:
        """``u`` with the conduct set to ``value`` (a diagram over the other facts)."""
        code = axis.class_of(value)
        return enc.bdd.let({v: bool(code >> (len(bits) - 1 - j) & 1) for j, v in enumerate(bits)}, u)

    prohibited = d.read(enc, d.prohibited, {}) & sym.possible
    for rule in law.rules:
        if not rule.duty:
            continue
        deciding = d.read(enc, d.deciding[rule.id], {}) & sym.possible
        for omission, omitted in conduct.omissions:
            if omitted not in rule.duty or omitted not in conduct.values:
                continue
            if (at(deciding, omission) & at(prohibited, omitted)) != enc.false:
                out.append(lint.impossible_duty(rule, omitted))
    return out
