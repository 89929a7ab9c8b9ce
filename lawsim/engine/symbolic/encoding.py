"""Stage 4, engine: facts and assumptions as decision-diagram variables, and exact counts over them.

Input: a space's axes (:class:`lawsim.engine.space.Axis`, each a fact with
its values grouped into classes), the assumption names and the facts'
constraints.  Output: an :class:`Encoding`: one diagram manager whose
variables are every assumption (one bit each, on top) and every fact's
class index in binary (most significant bit first, each fact's bits
together, facts in the space's order), with

* ``leaf(axis, codes)``: "the fact's class is one of ``codes``";
* ``valid``: every fact's code names a class and no constraint is broken
  (a fact with 3 classes has 2 bits, and code 3 is no class);
* ``count(u)``: the exact number of concrete scenarios in ``u`` - a Python
  integer, each class weighted by how many values it holds;
* ``first(u)``: the smallest point of ``u`` (the witness);
* ``paths(u)``: ``u`` as disjoint products of class sets (the regions).

Why the counting is our own: CUDD's model count is a double, exact only up
to 2^53, and it counts bit assignments, not weighted scenarios.  The count
here walks the diagram one fact at a time, so its cost is the number of
nodes times the classes per fact, whatever the number of scenarios.

A class of a number fact is exact for constraints too: the space's classes
are cut at every threshold a law or a constraint compares with, so every
value of a class breaks the same constraints, and the weight of a possible
point is the product of its classes' sizes.
"""

from __future__ import annotations

from math import prod
from typing import Any, Iterable, Mapping, Sequence

from lawsim.engine.space import Axis
from lawsim.engine.symbolic.backend import new_manager

Node = Any  # a diagram (dd Function)


def _bits(count: int) -> int:
    return max(1, (count - 1).bit_length())


class Encoding:
    """The variables of one comparison's diagrams (see the module docstring)."""

    def __init__(self, axes: Sequence[Axis], assumptions: Iterable[str]):
        self.axes = tuple(axes)
        self.bdd, self.implementation = new_manager()
        self.assumptions = tuple(sorted(set(assumptions)))
        self.assumption_vars = {name: f"a{i}" for i, name in enumerate(self.assumptions)}
        self.bits: list[tuple[str, ...]] = [tuple(f"x{k}_{j}" for j in range(_bits(a.count)))
                                            for k, a in enumerate(self.axes)]
        self.bdd.declare(*self.assumption_vars.values(), *(v for bits in self.bits for v in bits))
        self.fact_vars = [v for bits in self.bits for v in bits]
        self._group = {v: k for k, bits in enumerate(self.bits) for v in bits}
        self.true, self.false = self.bdd.true, self.bdd.false
        self.weights = [tuple(len(c) for c in a.classes) for a in self.axes]
        total = [sum(w) for w in self.weights]
        self._suffix = [prod(total[k:]) for k in range(len(self.axes) + 1)]
        self._leaves: dict[tuple[int, tuple[int, ...]], Node] = {}
        self._codes: dict[tuple[int, int], Node] = {}
        self._counts: dict[tuple[Node, int], int] = {}
        self._paths: dict[tuple[Node, int], list] = {}
        self.valid = self.all(self.leaf(k, range(a.count), exact=True) for k, a in enumerate(self.axes))

    # ------------------------------------------------------------ building
    def var(self, assumption: str) -> Node:
        return self.bdd.var(self.assumption_vars[assumption])

    def code(self, axis: int, code: int) -> Node:
        """The fact of ``axis`` has class ``code``."""
        key = (axis, code)
        if key not in self._codes:
            bits = self.bits[axis]
            self._codes[key] = self.bdd.cube({v: bool(code >> (len(bits) - 1 - j) & 1) for j, v in enumerate(bits)})
        return self._codes[key]

    def leaf(self, axis: int, codes: Iterable[int], exact: bool = False) -> Node:
        """The fact of ``axis`` has one of the classes ``codes``.

        All classes give ``true`` (codes that name no class are excluded by
        :attr:`valid`, which every answer is conjoined with) unless ``exact``.
        """
        key = (axis, tuple(sorted(set(codes))))
        if not exact and len(key[1]) == self.axes[axis].count:
            return self.true
        if key not in self._leaves:
            self._leaves[key] = self.any(self.code(axis, c) for c in key[1])
        return self._leaves[key]

    def all(self, items: Iterable[Node]) -> Node:
        out = self.true
        for x in items:
            out = out & x
            if out == self.false:
                break
        return out

    def any(self, items: Iterable[Node]) -> Node:
        out = self.false
        for x in items:
            out = out | x
            if out == self.true:
                break
        return out

    def reading(self, u: Node, values: Mapping[str, bool]) -> Node:
        """``u`` with the given assumptions set (names without a variable are ignored)."""
        known = {self.assumption_vars[k]: v for k, v in values.items() if k in self.assumption_vars}
        return self.bdd.let(known, u) if known else u

    def forall_facts(self, u: Node) -> Node:
        return self.bdd.forall(self.fact_vars, u)

    def exist_facts(self, u: Node) -> Node:
        return self.bdd.exist(self.fact_vars, u)

    def cube(self, sets: Sequence[Sequence[int]]) -> Node:
        """The points whose class on each axis ``k`` is in ``sets[k]``."""
        return self.all(self.leaf(k, s) for k, s in enumerate(sets))

    # ------------------------------------------------------------ walking
    def _children(self, u: Node) -> tuple[Node, Node]:
        low, high = u.low, u.high
        # dd gives the children of the node a complemented edge points to; complement them back.
        return (~low, ~high) if u.negated else (low, high)

    def _axis_of(self, u: Node) -> int:
        """The first axis ``u`` depends on (the number of axes for a constant)."""
        return len(self.axes) if u == self.true or u == self.false else self._group[u.var]

    def follow(self, u: Node, axis: int, code: int) -> Node:
        """``u`` with the fact of ``axis`` (on which ``u`` may depend first) set to class ``code``."""
        bits = self.bits[axis]
        for j, v in enumerate(bits):
            if u == self.true or u == self.false:
                break
            if u.var == v:
                low, high = self._children(u)
                u = high if code >> (len(bits) - 1 - j) & 1 else low
        return u

    def count(self, u: Node, axis: int = 0) -> int:
        """Concrete scenarios in ``u`` over the facts of ``axes[axis:]`` (``u`` must not read assumptions
        or earlier facts; conjoin it with :attr:`valid` first)."""
        if u == self.false:
            return 0
        first = self._axis_of(u)
        if first == len(self.axes):  # true: every combination of the remaining facts
            return self._suffix[axis]
        if first > axis:  # the facts in between are free
            return self._suffix[axis] // self._suffix[first] * self.count(u, first)
        key = (u, axis)
        found = self._counts.get(key)
        if found is None:
            found = sum(w * self.count(self.follow(u, axis, c), axis + 1)
                        for c, w in enumerate(self.weights[axis]))
            self._counts[key] = found
        return found

    def first(self, u: Node) -> tuple[int, ...]:
        """The smallest point of ``u`` (class codes, axis by axis); ``u`` must hold one."""
        codes = []
        for axis, a in enumerate(self.axes):
            for c in range(a.count):
                v = self.follow(u, axis, c)
                if v != self.false:
                    codes.append(c)
                    u = v
                    break
            else:
                raise ValueError("the diagram holds no point")
        return tuple(codes)

    def paths(self, u: Node, axis: int = 0) -> list[tuple[tuple[int, ...], ...]]:
        """``u`` as disjoint products of class sets over ``axes[axis:]``, in order of first point.

        At each fact the classes are grouped by the diagram they lead to (equal
        diagrams are one node), so classes the law treats alike stay together.
        """
        if u == self.false:
            return []
        if axis == len(self.axes):
            return [()]
        key = (u, axis)
        if key not in self._paths:
            children: dict[Node, list[int]] = {}
            for c in range(self.axes[axis].count):
                v = self.follow(u, axis, c)
                if v != self.false:
                    children.setdefault(v, []).append(c)
            self._paths[key] = [(tuple(codes),) + rest for v, codes in children.items()
                                for rest in self.paths(v, axis + 1)]
        return self._paths[key]

    def size(self, sets: Sequence[Sequence[int]]) -> int:
        """Concrete scenarios in a product of class sets (ignoring constraints)."""
        return prod(sum(self.weights[k][c] for c in s) for k, s in enumerate(sets))

    def node_count(self) -> int:
        return len(self.bdd)
