"""Regions described in the law's own terms: definitions where one fits exactly, plain facts elsewhere.

Stage: report.  Input: a :class:`lawsim.compare.Comparison`.  Output: per
region a :class:`Wording`, the region's conditions rewritten as *terms*:
each term is a fact condition or one of the law's definitions, read as
holding (after "when") or not holding (after "unless").  The terms
together mean exactly the region: a definition replaces some of the
region's fact conditions only when, together with the remaining terms, it
picks out exactly the same possible scenarios (:func:`term_mask` lets a
test check this on the whole space).

Why exactness is checked on the grid rather than proved symbolically: the
compare stage already groups every fact's values into classes that both
laws treat alike, so a definition's value is constant on every point of
the class grid.  Evaluating the definition once per point (with numpy,
broadcast along the axes) and comparing masks on the points that can
happen decides equivalence exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, assert_never

from lawsim import ir
from lawsim.compare.semantic import Condition, Region
from lawsim.engine.space import Space, build_space
from lawsim.ir.values import runs
from lawsim.ir.vocab import FactKind

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from lawsim.compare import Comparison


@dataclass(frozen=True)
class Term:
    """One part of a wording: a fact condition or a definition, holding (``positive``) or not."""

    text: str  # as a clause: 'the agents presented a warrant signed by a federal judge'
    positive: bool
    condition: Condition | None = None  # a fact condition, or None for a definition
    definition: str | None = None  # the definition's name
    provision: str | None = None  # where the definition is


@dataclass(frozen=True)
class Wording:
    """A region as a subject, what it does, and the terms under which it does so."""

    agencies: tuple[str, ...]  # agency values; () for any agency
    conducts: tuple[str, ...]  # conduct values; () for any conduct
    terms: tuple[Term, ...]  # every condition other than agency and conduct, as terms

    @property
    def when(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.positive)

    @property
    def unless(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.positive)


# ---------------------------------------------------------------- facts as clauses


def _plain(text: str) -> str:
    """A description without a trailing parenthesis (the detail stays in the fact-level view)."""
    text = text.strip()
    if text.endswith(")") and " (" in text:
        text = text[:text.rindex(" (")]
    return text


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _int_range(fact: ir.Fact, values: tuple) -> str:
    lo, hi = fact.values[0], fact.values[-1]
    parts = []
    for a, b in runs(values):
        parts.append(f"exactly {a}" if a == b else f"at most {b}" if a == lo else f"at least {a}" if b == hi
                     else f"from {a} to {b}")
    return " or ".join(parts)


def condition_term(cond: Condition) -> Term:
    """A fact condition as a clause, positive where that is shorter to say."""
    fact, values = cond.fact, cond.values
    match fact.kind:
        case FactKind.BOOL:
            return Term(_plain(fact.description), values == ("yes",), cond)
        case FactKind.INT:
            return Term(f"{_plain(fact.description)}: {_int_range(fact, values)}", True, cond)
        case FactKind.ENUM:
            rest = [v for v in fact.values if v not in values]
            positive = len(values) <= len(rest)
            shown = values if positive else tuple(rest)
            described = _or([_plain(fact.describe_value(v)) for v in shown])
            return Term(f"{_plain(fact.description)}: {described}", positive, cond)
        case _:
            assert_never(fact.kind)


# ---------------------------------------------------------------- masks on the class grid


class Grid:
    """The class grid of a comparison's space, with masks of conditions and definitions on it."""

    def __init__(self, space: Space, laws: tuple[ir.Law, ...]):
        import numpy as np

        self.space = space
        self.shape = tuple(a.count for a in space.axes)
        self.possible = (space.weights() > 0).reshape(self.shape)
        self.laws = laws
        self._np = np
        self._defs: dict[tuple[int, str], np.ndarray] = {}

    def _along(self, fact: str, per_class) -> "np.ndarray":
        k = self.space.position(fact)
        shape = [1] * len(self.shape)
        shape[k] = self.shape[k]
        return self._np.asarray(per_class, dtype=bool).reshape(shape)

    def condition(self, cond: Condition) -> "np.ndarray":
        """Where ``cond`` holds: its values' classes on its axis (broadcastable to the grid)."""
        axis = self.space.axis(cond.fact.name)
        return self._along(cond.fact.name, [any(v in cond.values for v in c) for c in axis.classes])

    def expr(self, law: ir.Law, e: ir.Expr) -> "np.ndarray":
        """Where ``e`` holds under ``law``'s reading (its assumptions at their defaults)."""
        np = self._np
        match e:
            case ir.Const(value=value):
                return np.full((1,) * len(self.shape), value)
            case ir.In(fact=fact, values=values):
                return self._along(fact, [c[0] in values for c in self.space.axis(fact).classes])
            case ir.Cmp(fact=fact, op=op, value=value):
                return self._along(fact, [op.holds(c[0], value) for c in self.space.axis(fact).classes])
            case ir.DefRef(name=name):
                return self.definition(law, name)
            case ir.AssumeRef(name=name):
                return np.full((1,) * len(self.shape), law.assumptions[name].default)
            case ir.Neg(operand=operand):
                return ~self.expr(law, operand)
            case ir.AllOf(items=items):
                out = np.full((1,) * len(self.shape), True)
                for item in items:
                    out = out & self.expr(law, item)
                return out
            case ir.AnyOf(items=items):
                out = np.full((1,) * len(self.shape), False)
                for item in items:
                    out = out | self.expr(law, item)
                return out
            case _:
                assert_never(e)

    def definition(self, law: ir.Law, name: str) -> "np.ndarray":
        key = (id(law), name)
        if key not in self._defs:
            self._defs[key] = self.expr(law, law.definitions[name].expr)
        return self._defs[key]

    def term(self, term: Term) -> "np.ndarray":
        """Where ``term`` is true as worded (a negative term where its clause does not hold)."""
        if term.condition is not None:
            held = self.condition(term.condition)
            # A condition term is worded positively or by the values it excludes, never both.
            return held
        law = next(law for law in self.laws if term.definition in law.definitions)
        held = self.definition(law, term.definition or "")
        return held if term.positive else ~held

    def region(self, region: Region) -> "np.ndarray":
        out = self._np.full((1,) * len(self.shape), True)
        for cond in region.conditions:
            out = out & self.condition(cond)
        return out

    def same(self, a: "np.ndarray", b: "np.ndarray") -> bool:
        """Whether two masks agree on every point that can happen."""
        return bool(((self._np.broadcast_to(a, self.shape) == self._np.broadcast_to(b, self.shape))
                     | ~self.possible).all())


def term_mask(grid: Grid, wording: Wording) -> "np.ndarray":
    """Where every part of ``wording`` holds: its agency, its conduct and all its terms."""
    out = grid._np.full(grid.shape, True)
    space = grid.space
    for name, values in (("agency", wording.agencies), ("conduct", wording.conducts)):
        if values and name in space:
            fact = space.axis(name).fact
            out = out & grid.condition(Condition(fact, tuple(v for v in fact.values if v in values)))
    for term in wording.terms:
        out = out & grid.term(term)
    return out


# ---------------------------------------------------------------- choosing definitions


def _facts(law: ir.Law, e: ir.Expr, seen: set[str] | None = None) -> set[str]:
    """The facts ``e`` reads, through the definitions it uses."""
    seen = set() if seen is None else seen
    out: set[str] = set()
    stack = [e]
    while stack:
        node = stack.pop()
        match node:
            case ir.In(fact=fact) | ir.Cmp(fact=fact):
                out.add(fact)
            case ir.DefRef(name=name):
                if name not in seen:
                    seen.add(name)
                    stack.append(law.definitions[name].expr)
            case ir.Neg(operand=operand):
                stack.append(operand)
            case ir.AllOf(items=items) | ir.AnyOf(items=items):
                stack.extend(items)
            case ir.Const() | ir.AssumeRef():
                pass
            case _:
                assert_never(node)
    return out


def _candidates(laws: tuple[ir.Law, ...]) -> list[tuple[ir.Law, ir.Definition, frozenset[str]]]:
    """Each definition once (the first law's if several have it), with the facts it reads."""
    out, seen = [], set()
    for law in laws:
        for name, d in law.definitions.items():
            if name not in seen:
                seen.add(name)
                out.append((law, d, frozenset(_facts(law, d.expr))))
    return out


def word(grid: Grid, region: Region, candidates) -> Wording:
    """The region in the law's terms: fact conditions replaced by definitions that fit exactly.

    Greedy: at each step the definition (or its negation) that replaces the
    most remaining fact conditions while keeping the meaning exact is
    taken; ties go to the definition declared first.  All masks are cut to
    the region's agencies and conducts first, since every term is read
    within them.
    """
    xp = grid._np
    scope = {c.fact.name: c for c in region.conditions if c.fact.name in ("agency", "conduct")}
    agencies = tuple(str(v) for v in scope["agency"].values) if "agency" in scope else ()
    conducts = tuple(str(v) for v in scope["conduct"].values) if "conduct" in scope else ()
    raw = [c for c in region.conditions if c.fact.name not in ("agency", "conduct")]
    cut = [tuple(range(n)) for n in grid.shape]
    for name, c in scope.items():
        axis = grid.space.axis(name)
        cut[grid.space.position(name)] = tuple(i for i, cls in enumerate(axis.classes) if cls[0] in c.values)

    def local(mask):
        """``mask`` cut to the region's agencies and conducts, keeping its size-1 axes."""
        return mask[xp.ix_(*(c if n > 1 else (0,) for c, n in zip(cut, mask.shape)))]

    possible_cut = grid.possible[xp.ix_(*cut)]
    projected: dict[frozenset[int], "np.ndarray"] = {}

    def possible(*masks) -> "np.ndarray":
        """Where some possible scenario lies, on the axes the masks depend on (the others collapsed).

        A mask that does not depend on an axis agrees or disagrees along all of it, so two
        masks are equal on every possible point exactly when they are equal on this projection.
        """
        axes = frozenset(k for m in masks for k, n in enumerate(m.shape) if n > 1)
        if axes not in projected:
            other = tuple(k for k in range(len(grid.shape)) if k not in axes)
            projected[axes] = possible_cut.any(axis=other, keepdims=True) if other else possible_cut
        return projected[axes]

    target = local(grid.region(region))
    conds = {c: local(grid.condition(c)) for c in raw}
    # Each definition that could replace a condition, cut to the region's agencies and conducts.
    held_cut = {d.name: local(grid.definition(law, d.name)) for law, d, facts in candidates
                if any(c.fact.name in facts for c in raw)}
    # Classes that every mask here treats alike (and that are alike in what can happen) are one class
    # for this search: it is exact, and it makes the masks far smaller.
    arrays = [possible_cut, target, *conds.values(), *held_cut.values()]
    reps = []
    for k, n in enumerate(possible_cut.shape):
        seen: dict[tuple, int] = {}
        for i in range(n):
            key = tuple(xp.take(a, i, axis=k).tobytes() if a.shape[k] > 1 else b"" for a in arrays)
            seen.setdefault(key, i)
        reps.append(sorted(seen.values()))

    def merged(a):
        for k, kept in enumerate(reps):
            if a.shape[k] > 1 and len(kept) < a.shape[k]:
                a = xp.take(a, kept, axis=k)
        return a

    possible_cut, target = merged(possible_cut), merged(target)
    conds = {c: merged(m) for c, m in conds.items()}
    held_cut = {name: merged(m) for name, m in held_cut.items()}
    chosen: list[tuple[Term, "np.ndarray"]] = []
    while raw:
        best: tuple[int, int, Term, "np.ndarray", tuple[Condition, ...]] | None = None
        done = {t.definition for t, _ in chosen}
        sofar = xp.full((1,) * len(grid.shape), True)
        for _, m in chosen:
            sofar = sofar & m
        for order, (_, d, facts) in enumerate(candidates):
            usable = [c for c in raw if c.fact.name in facts]
            if d.name in done or not usable or (best is not None and len(usable) <= best[0]):
                continue
            held = held_cut[d.name]
            for positive in (True, False):
                mask = held if positive else ~held
                if (~mask & target & possible(mask, target)).any():
                    continue  # the definition does not even cover the region
                found = None
                for size in range(len(usable), 0, -1):
                    if best is not None and size <= best[0]:
                        break
                    for group in combinations(usable, size):
                        rest = mask & sofar
                        for c in raw:
                            if c not in group:
                                rest = rest & conds[c]
                        if not (rest & ~target & possible(rest, target)).any():
                            found = group
                            break
                    if found:
                        break
                if found:
                    term = Term(_plain(d.caption), positive, definition=d.name, provision=d.provision)
                    best = (len(found), order, term, mask, found)
                    break
        if best is None:
            break
        chosen.append((best[2], best[3]))
        raw = [c for c in raw if c not in best[4]]
    terms = tuple(t for t, _ in chosen) + tuple(condition_term(c) for c in raw)
    return Wording(agencies, conducts, terms)


#: The largest class grid on which definitions are fitted (the bundled laws' is 1.4 million points).
#: A comparison too large to enumerate (the symbolic engine's) is worded by its fact conditions alone.
MAX_GRID = 8_000_000


def plain(region: Region) -> Wording:
    """The region by its fact conditions only, no definitions: exact by construction."""
    scope = {c.fact.name: c for c in region.conditions if c.fact.name in ("agency", "conduct")}
    return Wording(tuple(str(v) for v in scope["agency"].values) if "agency" in scope else (),
                   tuple(str(v) for v in scope["conduct"].values) if "conduct" in scope else (),
                   tuple(condition_term(c) for c in region.conditions if c.fact.name not in scope))


def wordings(comparison: "Comparison") -> tuple[Wording, ...]:
    """A wording per region of ``comparison.semantics``, in region order."""
    laws = (comparison.reform.law, comparison.baseline.law)
    regions = comparison.semantics.regions
    if not regions:
        return ()
    space = build_space(comparison.baseline.law, comparison.reform.law)
    if space.size > MAX_GRID:
        return tuple(plain(r) for r in regions)
    grid = Grid(space, laws)
    candidates = _candidates(laws)
    return tuple(word(grid, r, candidates) for r in regions)
