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
        self._counts: dict[Node, tuple[int, int]] = {}
        self._paths: dict[tuple[Node, int], list] = {}
        self._npaths: dict[tuple[Node, int], int] = {}
        self._groups: dict[Node, list] = {}
        self._all = [tuple(range(a.count)) for a in self.axes]
        self._binary = [a.count == 2 for a in self.axes]
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
        var = u.var
        return len(self.axes) if var is None else self._group[var]

    def follow(self, u: Node, axis: int, code: int) -> Node:
        """``u`` with the fact of ``axis`` (on which ``u`` may depend first) set to class ``code``."""
        bits = self.bits[axis]
        for j, v in enumerate(bits):
            var = u.var
            if var is None:  # a constant
                break
            if var == v:
                low, high = self._children(u)
                u = high if code >> (len(bits) - 1 - j) & 1 else low
        return u

    def count(self, u: Node, axis: int = 0) -> int:
        """Concrete scenarios in ``u`` over the facts of ``axes[axis:]`` (``u`` must not read assumptions
        or earlier facts; conjoin it with :attr:`valid` first)."""
        return self._stats(u, axis)[0]

    def _stats(self, u: Node, axis: int) -> tuple[int, int]:
        """(scenarios in ``u``, scenarios in its largest path) over ``axes[axis:]``, ignoring constraints
        for the second.  One walk gives both: the counts and the regions' search need the same nodes."""
        var = u.var
        if var is None:  # a constant: every combination of the remaining facts, or none
            return (self._suffix[axis],) * 2 if u == self.true else (0, 0)
        first = self._group[var]
        found = self._counts.get(u)  # memoised per node, counted from the node's own fact
        if found is None and self._binary[first]:  # a yes/no fact (most facts): the node's two children
            low, high = self._children(u)
            w0, w1 = self.weights[first]
            n0, m0 = self._stats(low, first + 1)
            n1, m1 = self._stats(high, first + 1)
            found = self._counts[u] = (w0 * n0 + w1 * n1, max(w0 * m0, w1 * m1))
        if found is None:
            total = best = 0
            weights = self.weights[first]
            for codes, v in self._children_by_class(u, first):
                weight = weights[codes[0]] if len(codes) == 1 else sum(weights[c] for c in codes)
                n, m = self._stats(v, first + 1)
                total += weight * n
                best = max(best, weight * m)
            found = self._counts[u] = (total, best)
        if first == axis:
            return found
        free = self._suffix[axis] // self._suffix[first]  # the facts between ``axis`` and the node's own
        return (free * found[0], free * found[1])

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
            self._paths[key] = [(codes,) + rest for codes, v in self._children_by_class(u, axis)
                                for rest in self.paths(v, axis + 1)]
        return self._paths[key]

    def _children_by_class(self, u: Node, axis: int) -> list[tuple[tuple[int, ...], Node]]:
        """The classes of ``axis`` grouped by the diagram each leads to (false left out), in class order."""
        var = u.var
        if var is None or self._group[var] != axis:  # u does not read this fact
            return [] if u == self.false else [(self._all[axis], u)]
        found = self._groups.get(u)
        if found is None and self._binary[axis]:  # a yes/no fact: one bit, two classes
            low, high = self._children(u)
            found = [(codes, v) for codes, v in (((0,), low), ((1,), high)) if v != self.false]
            self._groups[u] = found
        if found is None:
            children: dict[Node, list[int]] = {}
            for c in range(self.axes[axis].count):
                v = self.follow(u, axis, c)
                if v != self.false:
                    children.setdefault(v, []).append(c)
            found = self._groups[u] = [(tuple(codes), v) for v, codes in children.items()]
        return found

    def more_paths_than(self, roots: Sequence[Node], budget: int) -> bool:
        """Whether :meth:`paths` of ``roots`` would give more than ``budget`` products in all.

        Stops as soon as the answer is known, so a diagram with astronomically
        many paths costs about ``budget`` steps per fact, not a walk of all of it.
        """
        memo: dict[tuple[Node, int], int] = {}

        def count(u: Node, axis: int, left: int) -> int:  # paths, or anything above ``left``
            if axis == len(self.axes):
                return 1
            key = (u, axis)
            if key in memo:
                return memo[key]
            total = 0
            for _, v in self._children_by_class(u, axis):
                total += count(v, axis + 1, left - total)
                if total > left:
                    return total  # not memoised: a partial count
            memo[key] = total
            return total

        left = budget
        for u in roots:
            if u != self.false:
                left -= count(u, 0, left)
                if left < 0:
                    return True
        return False

    def _largest(self, u: Node, axis: int) -> int:
        """The most scenarios one path from ``u`` at ``axis`` holds (ignoring constraints)."""
        return self._stats(u, axis)[1]

    def largest_paths(self, roots: Sequence[Node], limit: int) -> list[tuple[int, tuple[tuple[int, ...], ...]]]:
        """The ``limit`` largest products (by scenarios, ignoring constraints) among the paths of every
        root, as (root index, class sets), largest first; ties in root, then class order.

        A best-first search whose bound is exact (the largest completion of a
        partial path, :meth:`_largest`), so each product found costs one walk
        down the diagram, however many paths there are.
        """
        import heapq

        heap: list = []
        for r, u in enumerate(roots):
            if self._largest(u, 0):
                heapq.heappush(heap, (-self._largest(u, 0), r, (), u))
        out: list[tuple[int, tuple[tuple[int, ...], ...]]] = []
        while heap and len(out) < limit:
            bound, r, sets, u = heapq.heappop(heap)
            axis = len(sets)
            if axis == len(self.axes):
                out.append((r, sets))
                continue
            weight = -bound // self._largest(u, axis)  # the prefix's own scenarios
            for codes, v in self._children_by_class(u, axis):
                size = weight * sum(self.weights[axis][c] for c in codes)
                heapq.heappush(heap, (-size * self._largest(v, axis + 1), r, sets + (codes,), v))
        return out

    def size(self, sets: Sequence[Sequence[int]]) -> int:
        """Concrete scenarios in a product of class sets (ignoring constraints)."""
        return prod(sum(self.weights[k][c] for c in s) for k, s in enumerate(sets))

    def node_count(self) -> int:
        return len(self.bdd)
