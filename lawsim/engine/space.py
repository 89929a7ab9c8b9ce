"""Stage 4, engine: the scenario space of one or more law versions.

Input: checked laws (:class:`lawsim.ir.Law`).  Output: a :class:`Space`,
every combination of the laws' fact values, laid out as a mixed-radix grid
of *points* (the first axis varies slowest).  A point is one class per
axis; a class is a group of a fact's values that every given law treats
alike, so the space can stand for billions of concrete scenarios with a few
thousand points.

Compression is exact by construction: every condition in the IR tests a
fact through a leaf (``In`` for yes/no and one-of facts, ``Cmp`` for
numbers), and two values that no leaf of any given law tells apart give
the same result for every leaf, hence the same verdict, remedy and trace
under every assumption setting.  Yes/no and one-of facts keep one value per
class (reports name the values); a number fact is cut only where some law
compares it with a threshold.

Axes are ordered ``agency``, ``conduct`` (the facts that decide which rules
are in scope), then the other facts by name, so the layout does not depend
on the order in which the laws are given.  numpy is imported lazily to keep
CLI start-up fast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from math import prod
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, assert_never

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError
from lawsim.ir.constraints import MAX_COMBINATIONS, Component, broken_by, components, union
from lawsim.ir.values import domain_text
from lawsim.ir.vocab import CmpOp, FactKind
from lawsim.ir.walk import subexpressions

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np

SCOPE_FACTS = ("agency", "conduct")

#: Most memory the whole-space engine may plan to use for one command (docs/limits.md).
MAX_EVALUATION_BYTES = 4 * 1024**3
#: Peak bytes per point of comparing two versions under their default assumptions, and the extra for
#: each further assumption setting, as measured (``python benchmarks/memory.py``), rounded up.
BYTES_PER_POINT = 160
BYTES_PER_SETTING = 48
#: The code of the diagnostic for a space too large to evaluate whole; another engine that gives
#: up on a space for its size may use it too.
TOO_LARGE = "E501"


@dataclass(frozen=True)
class Axis:
    """One fact's dimension: its values grouped into classes.

    ``classes`` partitions ``fact.values`` (in domain order, classes in
    order of their first value); every value of a class is treated alike by
    every law the space was built for.
    """

    fact: ir.Fact
    classes: tuple[tuple[Any, ...], ...]
    _index: Mapping[object, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "_index", {v: i for i, c in enumerate(self.classes) for v in c})

    @property
    def name(self) -> str:
        return self.fact.name

    @property
    def count(self) -> int:
        """Number of classes on this axis."""
        return len(self.classes)

    def class_of(self, value) -> int:
        """The class index holding ``value`` (KeyError if not in the domain)."""
        return self._index[value]

    def label(self, code: int) -> str:
        """A short description of a class: ``doc``, ``yes``, ``7`` or ``0..5``."""
        values = self.classes[code]
        if self.fact.kind == FactKind.INT and len(values) > 1:
            return f"{values[0]}..{values[-1]}"
        return str(values[0])


@dataclass(frozen=True)
class Space:
    """Every scenario of some laws, as a grid of points (see module docstring).

    Point ``i`` has class ``(i // stride[k]) % axes[k].count`` on axis ``k``.
    """

    axes: tuple[Axis, ...]
    size: int
    compressed: bool = True
    #: The facts' constraints: only scenarios that break none of them are in the space.
    constraints: tuple[ir.Constraint, ...] = ()
    strides: tuple[int, ...] = field(init=False, compare=False, repr=False)
    _axis_map: Mapping[str, int] = field(init=False, compare=False, repr=False)
    _tables: tuple["_Table", ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        strides = []
        step = 1
        for axis in reversed(self.axes):
            strides.append(step)
            step *= axis.count
        assert step == self.size, "size must be the product of the class counts"
        object.__setattr__(self, "strides", tuple(reversed(strides)))
        object.__setattr__(self, "_axis_map", {a.name: k for k, a in enumerate(self.axes)})
        object.__setattr__(self, "_tables", tuple(_Table.of(self, c) for c in components(self.constraints,
                                                                                            self.facts)))

    # ------------------------------------------------------------ lookups
    @property
    def facts(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.axes)

    def __contains__(self, fact: str) -> bool:
        return fact in self._axis_map

    def axis(self, fact: str) -> Axis:
        return self.axes[self._axis_map[fact]]

    def position(self, fact: str) -> int:
        """The index of ``fact``'s axis in :attr:`axes`."""
        return self._axis_map[fact]

    # ------------------------------------------------------------ counts
    def total(self) -> int:
        """The exact number of possible concrete scenarios (those that break no constraint)."""
        constrained = {k for t in self._tables for k in t.axes}
        free = prod(a.fact.size for k, a in enumerate(self.axes) if k not in constrained)
        return free * prod(t.total for t in self._tables)

    def weights(self) -> "np.ndarray":
        """int64 per point: how many possible concrete scenarios the point stands for (0: none)."""
        import numpy as np

        constrained = {k for t in self._tables for k in t.axes}
        w = np.ones((1,) * len(self.axes), dtype=np.int64)
        for k, axis in enumerate(self.axes):
            shape = [1] * len(self.axes)
            shape[k] = axis.count
            sizes = [len(c) for c in axis.classes] if k not in constrained else [1] * axis.count
            w = w * np.array(sizes, dtype=np.int64).reshape(shape)
        for table in self._tables:
            shape = [1] * len(self.axes)
            for k in table.axes:
                shape[k] = self.axes[k].count
            w = w * table.counts(np.int64).reshape(shape)
        return np.ascontiguousarray(np.broadcast_to(w, tuple(a.count for a in self.axes))).reshape(-1)

    def possible(self, index: int) -> bool:
        """Whether point ``index`` holds at least one scenario that breaks no constraint."""
        codes = self.classes_at(index)
        return all(t.count_at(codes) for t in self._tables)

    def codes(self, fact: str) -> "np.ndarray":
        """The class index on ``fact``'s axis of every point (smallest unsigned dtype)."""
        import numpy as np

        k = self._axis_map[fact]
        axis = self.axes[k]
        dtype = np.uint8 if axis.count <= 256 else np.uint16
        inner = np.repeat(np.arange(axis.count, dtype=dtype), self.strides[k])
        return np.tile(inner, self.size // (axis.count * self.strides[k]))

    # ------------------------------------------------------------ points and scenarios
    def point(self, classes: Mapping[str, int]) -> int:
        """The point with the given class index on every axis."""
        return sum(classes[a.name] * s for a, s in zip(self.axes, self.strides))

    def point_of(self, scenario: Mapping[str, object]) -> int:
        """The point whose classes hold a concrete scenario's values (every fact must be given)."""
        return sum(a.class_of(scenario[a.name]) * s for a, s in zip(self.axes, self.strides))

    def classes_at(self, index: int) -> dict[str, int]:
        """The class index on every axis of point ``index``."""
        if not 0 <= index < self.size:
            raise IndexError(f"point {index} is outside a space of {self.size} points")
        return {a.name: (index // s) % a.count for a, s in zip(self.axes, self.strides)}

    def scenario(self, index: int) -> dict[str, str | int]:
        """A concrete representative of point ``index``: the first value of each class, or, for
        constrained facts, the first combination in the point that breaks no constraint."""
        codes = self.classes_at(index)
        out = {name: self.axis(name).classes[code][0] for name, code in codes.items()}
        for table in self._tables:
            first = table.first_at(codes)
            if first is not None:
                out.update(zip((self.axes[k].name for k in table.axes), first))
        return out

    def members(self, index: int) -> Iterator[dict[str, str | int]]:
        """Every possible concrete scenario that point ``index`` stands for (may be many)."""
        from itertools import product

        codes = self.classes_at(index)
        names = list(codes)
        for values in product(*(self.axis(n).classes[codes[n]] for n in names)):
            scenario = dict(zip(names, values))
            if not broken_by(self.constraints, scenario):
                yield scenario


# ---------------------------------------------------------------- building


def _fact_leaves(law: ir.Law) -> Iterator[ir.Expr]:
    """Every leaf condition of a law (rules, exceptions, remedies, definitions)."""

    def walk(expr: ir.Expr) -> Iterator[ir.Expr]:
        return (node for node in subexpressions(expr) if isinstance(node, (ir.In, ir.Cmp)))

    for definition in law.definitions.values():
        yield from walk(definition.expr)
    for rule in law.rules:
        yield from walk(rule.when)
        for exc in rule.exceptions:
            yield from walk(exc)
    for remedy in law.remedies:
        yield from walk(remedy.when)


def int_cuts(op: CmpOp, value: int) -> tuple[int, ...]:
    """Values ``c`` where ``x op value`` can change between ``c - 1`` and ``c``."""
    match op:
        case CmpOp.LT | CmpOp.GE:
            return (value,)
        case CmpOp.LE | CmpOp.GT:
            return (value + 1,)
        case CmpOp.EQ | CmpOp.NE:
            return (value, value + 1)
        case _:
            assert_never(op)


def _classes(fact: ir.Fact, cuts: set[int], compress: bool) -> tuple[tuple[Any, ...], ...]:
    if not compress or fact.kind != FactKind.INT:
        return tuple((v,) for v in fact.values)
    groups: list[list[Any]] = []
    for v in fact.values:
        if not groups or v in cuts:
            groups.append([])
        groups[-1].append(v)
    return tuple(tuple(g) for g in groups)


def _union_facts(laws: Iterable[ir.Law]) -> dict[str, ir.Fact]:
    facts: dict[str, ir.Fact] = {}
    errors: list[Diagnostic] = []
    for law in laws:
        for fact in law.facts:
            first = facts.setdefault(fact.name, fact)
            if (first.kind, first.values) != (fact.kind, fact.values):
                labels = (Label(first.span, f"declared as {domain_text(first)} here"),) if first.span else ()
                errors.append(Diagnostic(
                    "E307", f"fact '{fact.name}' has different values in the versions being compared: "
                    f"{domain_text(first)} and {domain_text(fact)}", fact.span, labels,
                    ("scenarios can only be compared when every shared fact has one set of values; "
                     "give the new values a new fact name",), file=None if fact.span else law.name))
    if errors:
        raise LawError(errors)
    return facts


@dataclass(frozen=True)
class _Table:
    """One component of constraints over a space: per combination of its axes' classes, how many
    combinations of values break none of its constraints, and the first that does not."""

    axes: tuple[int, ...]  # positions in Space.axes, in axis order
    names: tuple[str, ...]  # the facts of those axes
    shape: tuple[int, ...]  # class counts of those axes
    count: Mapping[tuple[int, ...], int]  # class combination -> possible value combinations
    first: Mapping[tuple[int, ...], tuple]  # class combination -> its first possible value combination

    @staticmethod
    def of(space: Space, component: Component) -> "_Table":
        axes = tuple(sorted(space.position(f) for f in component.facts))
        return _table(component, axes, tuple(space.axes[k] for k in axes))

    @property
    def total(self) -> int:
        return sum(self.count.values())

    def count_at(self, codes: Mapping[str, int]) -> int:
        return self.count.get(tuple(codes[n] for n in self.names), 0)

    def first_at(self, codes: Mapping[str, int]) -> tuple | None:
        return self.first.get(tuple(codes[n] for n in self.names))

    def counts(self, dtype) -> "np.ndarray":
        import numpy as np

        out = np.zeros(self.shape, dtype=dtype)
        for key, n in self.count.items():
            out[key] = n
        return out


@functools.lru_cache(maxsize=64)
def _table(component: Component, axes: tuple[int, ...], of_axes: tuple[Axis, ...]) -> _Table:
    """The table of ``component`` over the axes at ``axes`` (``of_axes``).

    Cached: compare builds the same space's tables for both versions and for
    every assumption setting, and enumerating a component's value
    combinations was a third of the bundled comparison's time.
    """
    names = tuple(a.name for a in of_axes)
    if component.combinations({a.name: a.fact for a in of_axes}) > MAX_COMBINATIONS:
        raise ValueError(f"constraints over {', '.join(names)} test too many combinations")
    ordered = Component(component.constraints, names)
    count: dict[tuple[int, ...], int] = {}
    first: dict[tuple[int, ...], tuple] = {}
    for values in ordered.possible({a.name: a.fact for a in of_axes}):
        key = tuple(a.class_of(v) for a, v in zip(of_axes, values))
        count[key] = count.get(key, 0) + 1
        first.setdefault(key, values)
    return _Table(axes, names, tuple(a.count for a in of_axes), count, first)


def build_axes(*laws: ir.Law, compress: bool = True, constraint_cuts: bool = False) -> tuple[Axis, ...]:
    """The axes of the joint space of ``laws`` (see :func:`build_space`).

    With ``constraint_cuts`` number facts are also cut where a constraint
    compares them, so that each class is uniform for the constraints too
    (the symbolic engine needs this; the whole-space engine weighs classes
    by its constraint tables instead).
    """
    facts = _union_facts(laws)
    cuts: dict[str, set[int]] = {name: set() for name in facts}
    for law in laws:
        leaves = list(_fact_leaves(law))
        if constraint_cuts:
            leaves += [n for c in law.constraints for n in subexpressions(c.impossible)]
        for leaf in leaves:
            if isinstance(leaf, ir.Cmp):
                cuts[leaf.fact].update(int_cuts(leaf.op, leaf.value))
    order = [n for n in SCOPE_FACTS if n in facts] + sorted(n for n in facts if n not in SCOPE_FACTS)
    return tuple(Axis(facts[n], _classes(facts[n], cuts[n], compress)) for n in order)


def build_space(*laws: ir.Law, compress: bool = True) -> Space:
    """The joint scenario space of ``laws`` (their facts' union).

    With ``compress`` a number fact's values are grouped into ranges that
    no law's comparisons tell apart; without it every value is its own
    class.  Raises :class:`LawError` (E307) when two laws declare the same
    fact with different values.
    """
    axes = build_axes(*laws, compress=compress)
    return Space(axes, prod(a.count for a in axes), compress, union(*(law.constraints for law in laws)))


# ---------------------------------------------------------------- memory budget


def evaluation_bytes(space: Space, settings: int = 1) -> int:
    """About how many bytes evaluating ``space`` whole takes, before anything is allocated.

    For a comparison of two versions under ``settings`` assumption
    settings (the defaults, then each flipped assumption); one version's
    evaluation takes less.  The figure is a measured upper bound per point,
    so it grows with :attr:`Space.size`, the product of the class counts.
    """
    return space.size * (BYTES_PER_POINT + BYTES_PER_SETTING * max(settings - 1, 0))


def _amount(n: int) -> str:
    """A byte count in binary units: '3.5 GiB', '512 TiB'."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if n < 1024 or unit == "EiB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}".replace(".0 ", " ")
        n /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


def too_large(space: Space, needed: int, limit: int = MAX_EVALUATION_BYTES, law_name: str = "") -> Diagnostic:
    """The diagnostic (:data:`TOO_LARGE`) for a space that would need ``needed`` bytes, over ``limit``.

    It points at the fact with the most classes, labels the next ones, and
    says how the size comes about, so the author knows what to change.
    """
    biggest = sorted(space.axes, key=lambda a: (-a.count, a.name))
    shown = ", ".join(f"{a.name} ({a.count})" for a in biggest[:5])
    located = [a for a in biggest if a.fact.span is not None]
    labels = tuple(Label(a.fact.span, f"'{a.name}' splits the scenarios {a.count} ways")
                   for a in located[1:4] if a.fact.span is not None and a.count > 2)
    first = located[0].fact.span if located else None
    return Diagnostic(
        TOO_LARGE,
        f"the scenarios are too many to evaluate whole: the cases of the {len(space.axes)} facts combine in "
        f"{space.size:,} ways, which would need about {_amount(needed)} of memory, over lawsim's limit of "
        f"{_amount(limit)}",
        first, labels,
        (f"the facts with the most cases: {shown} (a yes/no fact has 2, a one-of fact one per value, a "
         "number fact one per range between the thresholds a law compares it with); the count is their product",
         "fewer facts, fewer values or fewer distinct thresholds make the space smaller; see docs/limits.md"),
        file=None if first else (law_name or None))


def check_budget(space: Space, settings: int = 1, limit: int = MAX_EVALUATION_BYTES, law_name: str = "") -> None:
    """Raise :class:`LawError` (:data:`TOO_LARGE`) if evaluating ``space`` whole would exceed ``limit`` bytes.

    Call it before allocating anything per point; see :func:`evaluation_bytes`.
    """
    needed = evaluation_bytes(space, settings)
    if needed > limit:
        raise LawError([too_large(space, needed, limit, law_name)])
