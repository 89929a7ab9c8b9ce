"""Stage 4, engine: a law compiled to decision diagrams, with its assumptions as variables.

Input: checked laws (:class:`lawsim.ir.Law`).  Output: a :class:`Joint`
holding one :class:`Encoding` for the laws' joint space and, per law, a
:class:`Diagrams`: the diagram of every output the whole-space engine
computes (verdict bits, remedy bits, each rule deciding, each remedy
granting, each plaintiff and relief), as functions of the facts *and of
every assumption*, so any reading is one substitution away.

The formulas are the whole-space engine's own (:class:`lawsim.engine.circuit.Compiler`),
built with a builder that makes diagrams instead of circuit nodes; only an
assumption differs: a variable here, a constant there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import prod
from typing import Any, Iterable, Mapping

from lawsim import ir
from lawsim.engine.circuit import Compiler, check_space
from lawsim.engine.space import Axis, Space, build_axes
from lawsim.engine.symbolic.encoding import Encoding, Node
from lawsim.ir.vocab import RemedyStatus, Verdict

#: An outcome as the whole-space engine keys it: verdict, remedy status, plaintiffs, relief.
Outcome = tuple[Verdict, RemedyStatus, tuple[str, ...], tuple[str, ...]]


class _Builder:
    """The circuit compiler's builder interface, making diagrams."""

    def __init__(self, enc: Encoding):
        self.enc = enc
        self.true, self.false = enc.true, enc.false
        self.nodes: list = []

    def const(self, value: bool) -> Node:
        return self.true if value else self.false

    def leaf(self, axis: int, codes) -> Node:
        return self.enc.leaf(axis, codes)

    def neg(self, x: Node) -> Node:
        return ~x

    def all(self, items) -> Node:
        return self.enc.all(items)

    def any(self, items) -> Node:
        return self.enc.any(items)


class _SymbolicCompiler(Compiler):
    def __init__(self, law: ir.Law, space: Space, enc: Encoding):
        super().__init__(law, space, {}, _Builder(enc))
        self.enc = enc

    def assumption(self, name: str) -> Node:
        return self.enc.var(name)


@dataclass(frozen=True)
class Diagrams:
    """One law's outputs as diagrams over facts and assumptions (not yet conjoined with ``valid``)."""

    law: ir.Law
    prohibited: Node
    conflict: Node
    granted: Node
    remedy_conflict: Node
    deciding: Mapping[str, Node]  # rule id -> the rule decides
    granting: Mapping[str, Node]  # remedy id -> the remedy grants or denies
    plaintiffs: tuple[tuple[str, Node], ...]
    relief: tuple[tuple[str, Node], ...]

    @property
    def defaults(self) -> dict[str, bool]:
        return self.law.default_assumptions()

    def read(self, enc: Encoding, u: Node, reading: Mapping[str, bool]) -> Node:
        """``u`` under this law's defaults, overridden by ``reading`` where it names the law's assumptions."""
        values = {**self.defaults, **{k: v for k, v in reading.items() if k in self.law.assumptions}}
        return enc.reading(u, values)

    def bits(self) -> list[Node]:
        """The outputs an outcome is made of, in a fixed order."""
        return [self.prohibited, self.conflict, self.granted, self.remedy_conflict,
                *(n for _, n in self.plaintiffs), *(n for _, n in self.relief)]

    def outcomes(self, enc: Encoding, within: Node, reading: Mapping[str, bool] | None = None) -> dict[Outcome, Node]:
        """Every outcome that occurs in ``within``, and where (disjoint diagrams covering ``within``).

        With ``reading`` the assumptions it names are set (see :meth:`read`);
        without, the diagrams keep every assumption as a variable.
        """
        parts: list[tuple[tuple[bool, ...], Node]] = [((), within)]
        for bit in self.bits():
            if reading is not None:
                bit = self.read(enc, bit, reading)
            split = []
            for key, u in parts:
                for value, v in ((False, u & ~bit), (True, u & bit)):
                    if v != enc.false:
                        split.append((key + (value,), v))
            parts = split
        out: dict[Outcome, Node] = {}
        names = [p for p, _ in self.plaintiffs]
        for key, u in parts:
            out[self._outcome(key, len(names))] = u
        return dict(sorted(out.items()))

    def _outcome(self, key: tuple[bool, ...], n_plaintiffs: int) -> Outcome:
        prohibited, conflict, granted, both = key[:4]
        verdict = Verdict.CONFLICT if conflict else Verdict.PROHIBITED if prohibited else Verdict.PERMITTED
        status = list(RemedyStatus)[int(prohibited) + int(granted) + int(both)]
        plaintiffs = tuple(p for (p, _), b in zip(self.plaintiffs, key[4:4 + n_plaintiffs]) if b)
        relief = tuple(r for (r, _), b in zip(self.relief, key[4 + n_plaintiffs:]) if b)
        return (verdict, status, plaintiffs, relief)


def compile_diagrams(law: ir.Law, space: Space, enc: Encoding) -> Diagrams:
    """``law``'s outputs over ``enc``'s variables (``space`` must carry the law, as for the circuit)."""
    check_space(law, space)
    out = _SymbolicCompiler(law, space, enc).outputs()
    return Diagrams(law, out["prohibited"], out["conflict"], out["granted"], out["remedy_conflict"],
                    dict(out["deciding"]), dict(out["granting"]), out["plaintiffs"], out["relief"])


def _constraint(enc: Encoding, space: Space, law: ir.Law, constraint: ir.Constraint) -> Node:
    return _SymbolicCompiler(law, space, enc).expr(constraint.impossible)


@dataclass(frozen=True)
class Joint:
    """Several laws over one encoding: their joint space, what is possible, and each law's diagrams."""

    space: Space  # the axes (without constraint tables: ``possible`` carries the constraints)
    enc: Encoding
    possible: Node  # valid codes that break no constraint
    laws: tuple[Diagrams, ...]

    @property
    def axes(self) -> tuple[Axis, ...]:
        return self.space.axes

    def total(self) -> int:
        return self.enc.count(self.possible)

    def scenario(self, codes: Iterable[int]) -> dict[str, Any]:
        """The representative scenario of a point: each class's first value."""
        return {a.fact.name: a.classes[c][0] for a, c in zip(self.axes, codes)}


def points(*laws: ir.Law) -> int:
    """How many points the whole-space engine's space of ``laws`` would have (without building it)."""
    return prod(a.count for a in build_axes(*laws))


@dataclass
class _Shared:
    """The last encoding made, and the laws compiled in it (see :func:`build_joint`)."""

    key: tuple | None = None
    space: Space | None = None
    enc: Encoding | None = None
    compiled: dict[int, tuple[ir.Law, Diagrams]] = field(default_factory=dict)
    possible: dict[tuple, Node] = field(default_factory=dict)


_LAST = _Shared()


def build_joint(*laws: ir.Law) -> Joint:
    """Compile ``laws`` over their joint space (see the module docstring).

    The axes are the whole-space engine's, with number facts also cut where
    a constraint compares them, so every class is uniform for constraints too.

    A comparison judges several variants of a version against it (W601, W602),
    usually over the same axes: while the axes and assumptions stay the same,
    the last encoding is reused and each law is compiled into it once.
    """
    axes = build_axes(*laws, constraint_cuts=True)
    names = tuple(sorted({name for law in laws for name in law.assumptions}))
    key = (axes, names)
    if _LAST.key != key:
        _LAST.key, _LAST.space = key, Space(axes, prod(a.count for a in axes))
        _LAST.enc = Encoding(axes, names)
        _LAST.compiled, _LAST.possible = {}, {}
    space, enc = _LAST.space, _LAST.enc
    assert space is not None and enc is not None
    constraints = tuple(c for law in laws for c in law.constraints)
    if constraints not in _LAST.possible:
        impossible = enc.any(_constraint(enc, space, law, c) for law in laws for c in law.constraints)
        _LAST.possible[constraints] = enc.valid & ~impossible
    out = []
    for law in laws:
        if id(law) not in _LAST.compiled or _LAST.compiled[id(law)][0] is not law:
            _LAST.compiled[id(law)] = (law, compile_diagrams(law, space, enc))
        out.append(_LAST.compiled[id(law)][1])
    return Joint(space, enc, _LAST.possible[constraints], tuple(out))
