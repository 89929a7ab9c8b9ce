"""The benchmark's counting kernel: verdicts and remedy statuses over a whole space, bit-parallel.

Why it lives here, not in ``lawsim/engine``: no command needs it.  Compare
needs per-scenario outcomes (for regions and witnesses), which
:func:`lawsim.engine.fast.evaluate_space` gives; this kernel only counts,
and exists to measure raw evaluation throughput honestly
(``benchmarks/engine.py``, docs/performance.md).  The test suite keeps it
exact against the interpreter and the whole-space engine, so the figure it
measures is the figure of a correct evaluation.

Input: a :class:`lawsim.ir.Law`, a :class:`lawsim.engine.space.Space` and
an assumption setting.  Output: :class:`SpaceCounts`, the exact number of
scenarios with each verdict and each remedy status (a compressed point
counts for every scenario it stands for).

The law is compiled by :func:`lawsim.engine.circuit.compile_law`, the
circuit :func:`lawsim.engine.fast.evaluate_space` runs, but the results
stay bits: each chunk's output bitsets are popcounted and never expanded
into one byte per point.  By default (``share=False``) every chunk of the
space is evaluated in full; nothing computed for one chunk is used for
another.  The method, and why it is an honest count of evaluations, is in
docs/performance.md:

1. Counts do not depend on the order of points, so the axes are split
   afresh: *inner* axes (the largest non-scope facts, greedily, up to
   ``chunk_points`` points) form a chunk; the *outer* axes (agency,
   conduct, and what is left) are constant within it.
2. The circuit becomes a flat program: one numpy call per gate input,
   each with ``out=`` into a preallocated uint64 buffer, buffers recycled
   as soon as their node is no longer read (few buffers, so they stay in
   cache).  Gates that read only outer axes are computed for every chunk
   at once as bool vectors; a chunk reads their values as 0-d all-ones or
   all-zeros words, so no gate is skipped because of them.
3. Every chunk runs the whole program over all its words; the output
   bitsets are popcounted with ``np.bitwise_count`` (or, in a compressed
   space, weighted by the scenarios each point stands for).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod
from typing import Mapping

import numpy as np

from lawsim import ir
from lawsim.engine.circuit import AND, CONST, LEAF, NOT, OR, Circuit, compile_law
from lawsim.engine.space import SCOPE_FACTS, Space
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS

# 2**20 points: a bitset is 128 KiB, so the handful of live buffers sits in
# L2/L3 cache while each numpy call is long enough to hide its overhead.
COUNT_CHUNK_POINTS = 1 << 20

_ONES = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
# np.bitwise_count (numpy >= 2.0) popcounts a word in one instruction; older numpy
# looks up each byte's bit count instead.
_BITWISE_COUNT = getattr(np, "bitwise_count", None)
_BYTE_BITS = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).sum(axis=1).astype(np.uint8)
_C, _O, _V = range(3)  # node is constant, reads outer axes only, varies within a chunk


@dataclass(frozen=True)
class SpaceCounts:
    """How many scenarios of a space get each verdict and each remedy status.

    ``verdicts`` maps every verdict of :data:`VERDICTS` and ``remedies``
    every status of :data:`REMEDY_STATUSES` to a number of concrete
    scenarios; each mapping sums to ``total``.  ``points`` is the size of
    the space; ``evaluated`` the points whose bits were computed (all of
    them unless ``share`` was on) in ``chunks`` chunk evaluations, which ran
    ``word_operations`` bitwise operations on uint64 words in all (gates
    times words, popcounts not included).
    """

    verdicts: Mapping[str, int]
    remedies: Mapping[str, int]
    total: int
    points: int
    evaluated: int
    chunks: int
    word_operations: int


# ---------------------------------------------------------------- layout


def _inner_axes(space: Space, chunk_points: int) -> list[int]:
    """The axes that vary within a chunk, in space order.

    Largest axes first (fewest, longest numpy calls), skipping the scope
    axes until last: a rule's scope then reads outer axes only and costs
    one word-wide AND per chunk instead of a gate per leaf.
    """
    scope = [k for k, a in enumerate(space.axes) if a.name in SCOPE_FACTS]
    rest = sorted((k for k in range(len(space.axes)) if k not in scope), key=lambda k: -space.axes[k].count)
    inner, size = [], 1
    for k in rest + scope:
        count = space.axes[k].count
        if size * count <= chunk_points or size == 1:  # an axis larger than a chunk is the chunk
            inner.append(k)
            size *= count
    return sorted(inner)


def _pattern(counts: list[int], j: int, table: np.ndarray) -> np.ndarray:
    """``table[class at position j]`` for every combination of a mixed radix ``counts``, in order."""
    return np.tile(np.repeat(table, prod(counts[j + 1:])), prod(counts[:j]))


def _weights(space: Space, axes: list[int]) -> np.ndarray:
    """Scenarios per combination of ``axes`` (exact: object dtype when int64 could overflow)."""
    big = prod(space.axes[k].fact.size for k in axes) >= 1 << 62
    w = np.ones(1, dtype=object if big else np.int64)
    for k in axes:
        sizes = np.array([len(c) for c in space.axes[k].classes], dtype=w.dtype)
        w = np.multiply.outer(w, sizes).ravel()
    return w


# ---------------------------------------------------------------- the program


class _Program:
    """The circuit's varying gates as a flat list of numpy calls over fixed buffers.

    ``calls`` holds ``(ufunc, a, b, out)`` with the arrays bound in: a chunk
    is evaluated by running ``ufunc(a, b, out=out)`` for each, in order.
    The 0-d views into ``scalars`` are the outer values the program reads,
    refilled for every chunk from :meth:`scalar_table`; ``outs`` holds the
    varying outputs' bitsets (row ``out_row[node]``).
    """

    def __init__(self, circuit: Circuit, kind: list[int], leaves: dict[int, np.ndarray],
                 outer: dict[int, np.ndarray], outputs: list[int], words: int):
        self.words = words
        self.out_row: dict[int, int] = {}
        for node in outputs:
            if kind[node] == _V:
                self.out_row.setdefault(node, len(self.out_row))
        self.outs = np.zeros((len(self.out_row), words), dtype=np.uint64)
        self._columns: list[np.ndarray] = []  # per scalar: its bool value per outer combination
        self._column_ids: dict[bytes, int] = {}
        self._free: list[np.ndarray] = []
        self._scratch: set[int] = set()  # id() of scratch buffers: leaf patterns are never written
        calls = self._compile(circuit, kind, dict(leaves), outer)
        self.scalars = np.zeros(len(self._columns), dtype=np.uint64)
        views = [self.scalars[j:j + 1].reshape(()) for j in range(len(self._columns))]
        ones = np.array(_ONES)
        bind = lambda x: ones if x is _ONES else views[x] if isinstance(x, int) else x  # noqa: E731
        self.calls = [(f, bind(a), bind(b), o) for f, a, b, o in calls]

    def _scalar(self, values: np.ndarray) -> int:
        """The index of the scalar holding ``values`` (equal columns share one)."""
        key = np.packbits(values).tobytes()
        if key not in self._column_ids:
            self._column_ids[key] = len(self._columns)
            self._columns.append(values)
        return self._column_ids[key]

    def _buffer(self) -> np.ndarray:
        if self._free:
            return self._free.pop()
        buf = np.empty(self.words, dtype=np.uint64)
        self._scratch.add(id(buf))
        return buf

    def _compile(self, circuit: Circuit, kind: list[int], slot: dict[int, np.ndarray],
                 outer: dict[int, np.ndarray]) -> list[tuple]:
        nodes = circuit.nodes
        # Only what the outputs read: the circuit also has bits for reports (who may sue, ...).
        needed = set(self.out_row)
        for i in range(len(nodes) - 1, -1, -1):
            op, payload = nodes[i]
            if i in needed and kind[i] == _V and op in (NOT, AND, OR):
                needed.update([payload] if op == NOT else payload)
        last: dict[int, int] = {node: len(nodes) for node in self.out_row}  # outputs live to the end
        for i, (op, payload) in enumerate(nodes):
            if i in needed and kind[i] == _V and op in (NOT, AND, OR):
                for x in [payload] if op == NOT else payload:
                    last[x] = max(last.get(x, i), i)
        calls: list[tuple] = []
        for node, row in self.out_row.items():
            if nodes[node][0] == LEAF:  # an input bitset as an output: copy it into its row
                calls.append((np.bitwise_and, slot[node], _ONES, self.outs[row]))
        for i, (op, payload) in enumerate(nodes):
            if i not in needed or kind[i] != _V or op == LEAF:
                continue
            children = [payload] if op == NOT else list(payload)
            varying = [slot[x] for x in children if kind[x] == _V]
            if op == NOT:  # x XOR all-ones: the same call shape as every other gate
                ufunc, operands = np.bitwise_xor, varying + [_ONES]
            else:
                ufunc = np.bitwise_and if op == AND else np.bitwise_or
                fixed = [outer[x] for x in children if kind[x] != _V]
                operands = list(varying)
                if fixed:  # the outer children, combined for every chunk at once, read as one word
                    combine = np.logical_and if op == AND else np.logical_or
                    operands.append(self._scalar(combine.reduce(fixed, axis=0)))
                if len(operands) == 1:  # the builder folds such nodes away; stay exact anyway
                    operands.append(_ONES if op == AND else operands[0])
            dying = [slot[x] for x in children if kind[x] == _V and last[x] == i]
            if i in self.out_row:
                target = self.outs[self.out_row[i]]
            else:  # overwrite a child read for the last time (elementwise, so in place is safe)
                target = next((b for b in dying if id(b) in self._scratch), None)
                if target is None:
                    target = self._buffer()
            first = next((j for j, x in enumerate(operands) if x is target), 0)
            operands.insert(0, operands.pop(first))  # a reused child is read before it is written
            calls.append((ufunc, operands[0], operands[1], target))
            calls.extend((ufunc, target, x, target) for x in operands[2:])
            slot[i] = target
            for b in dying:
                if b is not target and id(b) in self._scratch and all(b is not f for f in self._free):
                    self._free.append(b)
        return calls

    def scalar_table(self, n_outer: int) -> np.ndarray:
        """(outer combinations, scalars) uint64: each scalar's word in each chunk (all ones or zeros)."""
        if not self._columns:
            return np.zeros((n_outer, 0), dtype=np.uint64)
        return np.where(np.stack(self._columns, axis=1), _ONES, np.uint64(0))


# ---------------------------------------------------------------- counting


def _kinds(circuit: Circuit, inner: set[int]) -> list[int]:
    kind: list[int] = []
    for op, payload in circuit.nodes:
        if op == CONST:
            kind.append(_C)
        elif op == LEAF:
            kind.append(_V if payload[0] in inner else _O)
        elif op == NOT:
            kind.append(kind[payload])
        else:
            seen = {kind[x] for x in payload}
            kind.append(_V if _V in seen else _O if _O in seen else _C)
    return kind


def _tables(space: Space, k: int, codes) -> np.ndarray:
    table = np.zeros(space.axes[k].count, dtype=bool)
    table[list(codes)] = True
    return table


def _popcounts(words: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """Set bits in each row of a 2-d uint64 array (``scratch``: uint8 of the same shape)."""
    if _BITWISE_COUNT is not None:
        _BITWISE_COUNT(words, out=scratch)
        return scratch.sum(axis=1, dtype=np.int64)
    return _BYTE_BITS[words.view(np.uint8)].sum(axis=1, dtype=np.int64)


def count_space(law: ir.Law, space: Space, assumptions: Mapping[str, bool] | None = None, *,
                share: bool = False, chunk_points: int = COUNT_CHUNK_POINTS) -> SpaceCounts:
    """How many scenarios of ``space`` get each verdict and remedy status under ``law``.

    The counts are exactly those of :func:`lawsim.engine.fast.evaluate_space`
    (and of the interpreter on every scenario), weighted by
    :meth:`Space.weights` in a compressed space.  ``share=True`` evaluates
    one chunk of each set of chunks known to be identical and multiplies
    its counts; by default every chunk is evaluated.
    """
    circuit = compile_law(law, space, assumptions)
    inner_axes = _inner_axes(space, chunk_points)
    outer_axes = [k for k in range(len(space.axes)) if k not in inner_axes]
    inner_counts = [space.axes[k].count for k in inner_axes]
    outer_counts = [space.axes[k].count for k in outer_axes]
    chunk, n_outer = prod(inner_counts), prod(outer_counts)
    words = (chunk + 63) // 64
    kind = _kinds(circuit, set(inner_axes))

    # Inputs: a leaf on an inner axis is the same bit pattern in every chunk; every
    # node that reads only outer axes is computed for all chunks at once.
    leaves: dict[int, np.ndarray] = {}
    outer: dict[int, np.ndarray] = {}
    for i, (op, payload) in enumerate(circuit.nodes):
        if kind[i] == _C:
            outer[i] = np.full(n_outer, payload, dtype=bool)
        elif op == LEAF and kind[i] == _V:
            k, codes = payload
            bits = _pattern(inner_counts, inner_axes.index(k), _tables(space, k, codes))
            packed = np.zeros(words * 8, dtype=np.uint8)
            packed[: (chunk + 7) // 8] = np.packbits(bits, bitorder="little")
            leaves[i] = packed.view(np.uint64)
        elif kind[i] == _O:
            if op == LEAF:
                k, codes = payload
                outer[i] = _pattern(outer_counts, outer_axes.index(k), _tables(space, k, codes))
            elif op == NOT:
                outer[i] = ~outer[payload]
            else:
                combine = np.logical_and if op == AND else np.logical_or
                outer[i] = combine.reduce([outer[x] for x in payload], axis=0)

    c = circuit
    outputs = [c.prohibited, c.conflict, c.granted, c.remedy_conflict]
    program = _Program(circuit, kind, leaves, outer, outputs, words)
    table = program.scalar_table(n_outer)
    w_outer = _weights(space, outer_axes)
    w_inner = _weights(space, inner_axes)
    uniform = bool(np.all(w_inner == 1))  # one scenario per point of a chunk: a popcount is a count

    rows = np.arange(n_outer)
    multiplicity = w_outer
    if share and table.shape[1]:  # chunks that read the same outer values are identical
        _, rows, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
        multiplicity = np.zeros(len(rows), dtype=w_outer.dtype)
        np.add.at(multiplicity, inverse.reshape(-1), w_outer)
    elif share:  # the program reads no outer value: every chunk is the first one
        rows, multiplicity = rows[:1], w_outer.sum(keepdims=True)

    tail = chunk % 64
    tail_mask = np.packbits(np.arange(64) < tail, bitorder="little").view(np.uint64)[0] if tail else None
    outs, scalars, calls = program.outs, program.scalars, program.calls
    popcounts = np.empty(outs.shape, dtype=np.uint8)
    varying = np.zeros(len(program.out_row), dtype=object)
    for at, times in zip(rows.tolist(), multiplicity.tolist()):
        scalars[:] = table[at]
        for ufunc, a, b, out in calls:
            ufunc(a, b, out=out)
        if not len(outs):
            continue
        if uniform:
            if tail_mask is not None:  # padding bits past the chunk may have been set by a NOT
                outs[:, -1] &= tail_mask
            per_chunk = _popcounts(outs, popcounts)
        else:
            bits = np.unpackbits(outs.view(np.uint8), axis=1, count=chunk, bitorder="little")
            per_chunk = bits.astype(w_inner.dtype) @ w_inner
        varying += per_chunk.astype(object) * times

    inner_total = int(w_inner.sum())
    counts = []
    for node in outputs:
        if kind[node] == _V:
            counts.append(int(varying[program.out_row[node]]))
        else:  # fixed within every chunk: the chunk counts in full or not at all
            counts.append(inner_total * int((w_outer * outer[node]).sum()))
    prohibited, conflict, granted, remedy_conflict = counts
    total = space.total()
    return SpaceCounts(
        verdicts=dict(zip(VERDICTS, (total - prohibited - conflict, prohibited, conflict))),
        remedies=dict(zip(REMEDY_STATUSES, (total - prohibited, prohibited - granted,
                                            granted - remedy_conflict, remedy_conflict))),
        total=total,
        points=space.size,
        evaluated=len(rows) * chunk,
        chunks=len(rows),
        word_operations=len(rows) * len(calls) * words,
    )
