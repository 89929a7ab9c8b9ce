"""Stage 4, engine: evaluate a law on every point of a space at once.

Input: a :class:`lawsim.ir.Law`, a :class:`lawsim.engine.space.Space` and
an assumption setting.  Output: a :class:`SpaceResult` with the verdict,
remedy, deciding rules and granting remedies of every point, in exact
agreement with :func:`lawsim.engine.interpreter.evaluate` on the point's
scenarios (checked by property tests).

Method (see docs/performance.md):

1. The law is compiled once into a boolean circuit over class leaves
   (:mod:`lawsim.engine.circuit`): definitions shared, assumptions folded.
2. The space's axes are split into *outer* axes (agency, conduct, ...) and
   *inner* axes whose product, the chunk, holds up to ``CHUNK_POINTS``
   points.  Within a chunk the outer axes are constant.
3. Nodes that depend only on outer axes are evaluated for every outer
   combination at once as numpy bool vectors.  Outer combinations that give
   the same values to the outer nodes the rest of the circuit reads are one
   *group*: their chunks are identical, so each group is evaluated once.
4. Nodes that depend only on inner axes are evaluated once, as bitsets of
   the chunk packed 64 points per uint64 word; their patterns repeat in
   every chunk.
5. For each group the remaining nodes are constant-folded with the group's
   outer values and evaluated with numpy bitwise operations on the words.
6. Per-point arrays are assembled from the group results with one gather.

numpy is imported here, not by :mod:`lawsim.engine`, so commands that never
evaluate a space do not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import numpy as np

from lawsim import ir
from lawsim.engine.circuit import AND, CONST, LEAF, NOT, OR, Circuit, compile_law
from lawsim.engine.space import Space

VERDICTS = ("permitted", "prohibited", "conflict")
REMEDY_STATUSES = ("not a violation", "none", "available", "conflict")

# Points per chunk: 2**18 bits is 32 KiB per bitset, so the few dozen live
# bitsets of a typical law stay in the L2 cache.
CHUNK_POINTS = 1 << 18
# Remedy keys are found through a lookup table while the plaintiff and
# relief names are few; beyond that, by sorting the bit rows.
_TABLE_PLANES = 16

_C, _O, _I, _M = range(4)  # node depends on: nothing, outer axes only, inner axes only, both


class PackedMasks(Mapping[str, np.ndarray]):
    """Bool-per-point arrays stored as bits per group; unpacked on each access.

    Keeps a whole-space result small (one bit per point per rule or remedy
    at most, usually far less) while reading like a dict of bool arrays.
    """

    def __init__(self, packed: Mapping[str, np.ndarray], inverse: np.ndarray, chunk: int):
        self._packed = dict(packed)  # name -> (groups, bytes) uint8
        self._inverse = inverse
        self._chunk = chunk

    def __getitem__(self, name: str) -> np.ndarray:
        rows = self._packed[name][self._inverse]
        bits = np.unpackbits(rows, axis=1, count=self._chunk, bitorder="little")
        return bits.reshape(-1).view(bool)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"PackedMasks({list(self._packed)})"


@dataclass(frozen=True)
class SpaceResult:
    """What a law says on every point of a space (arrays indexed by point).

    ``verdict``: 0 permitted, 1 prohibited, 2 conflict (:data:`VERDICTS`).
    ``remedy``: 0 not a violation, 1 none, 2 available, 3 conflict
    (:data:`REMEDY_STATUSES`).  ``remedy_key`` indexes ``remedy_keys``,
    the sorted distinct :attr:`RemedyResult.key` tuples that occur.
    ``deciding``/``granting``: rule id / remedy id -> bool per point.
    """

    verdict: np.ndarray
    remedy: np.ndarray
    remedy_key: np.ndarray
    remedy_keys: tuple
    deciding: Mapping[str, np.ndarray]
    granting: Mapping[str, np.ndarray]

    @property
    def size(self) -> int:
        return len(self.verdict)


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Layout:
    split: int  # axes[:split] are outer
    chunk: int  # points per chunk (product of inner class counts)
    outer: int  # number of outer combinations
    words: int  # uint64 words per chunk bitset

    @staticmethod
    def of(space: Space, chunk_points: int) -> "_Layout":
        split, chunk = len(space.axes), 1
        while split > 0 and chunk * space.axes[split - 1].count <= max(chunk_points, 1):
            split -= 1
            chunk *= space.axes[split].count
        if split > 0 and chunk == 1:  # an axis larger than a chunk: it becomes the chunk
            split -= 1
            chunk = space.axes[split].count
        return _Layout(split, chunk, space.size // chunk, (chunk + 63) // 64)


def _axis_codes(space: Space, k: int, first: int, last: int, n: int) -> np.ndarray:
    """Class codes on axis ``k`` over the combinations of axes[first:last] (n of them)."""
    stride = 1
    for axis in space.axes[k + 1:last]:
        stride *= axis.count
    return (np.arange(n, dtype=np.int64) // stride) % space.axes[k].count


# ---------------------------------------------------------------- evaluation


class _Run:
    def __init__(self, circuit: Circuit, space: Space, layout: _Layout, share: bool):
        self.c = circuit
        self.space = space
        self.lay = layout
        self.share = share
        self.kind = self._classify()

    def _classify(self) -> list[int]:
        kind: list[int] = []
        for op, payload in self.c.nodes:
            if op == CONST:
                kind.append(_C)
            elif op == LEAF:
                kind.append(_O if payload[0] < self.lay.split else _I)
            elif op == NOT:
                kind.append(kind[payload])
            else:
                seen = {kind[x] for x in payload} - {_C}
                kind.append(_M if _M in seen or seen == {_O, _I} else (seen.pop() if seen else _C))
        return kind

    def outputs(self) -> list[int]:
        c = self.c
        return ([c.prohibited, c.conflict, c.granted, c.remedy_conflict]
                + [n for _, n in c.deciding + c.granting + c.plaintiffs + c.relief])

    # ------------------------------------------------------------ outer nodes, all combinations at once
    def outer_values(self) -> dict[int, np.ndarray]:
        lay, n = self.lay, self.lay.outer
        codes: dict[int, np.ndarray] = {}
        vals: dict[int, np.ndarray] = {}
        for i, (op, payload) in enumerate(self.c.nodes):
            if self.kind[i] == _C:
                vals[i] = np.full(n, payload, dtype=bool) if op == CONST else None
            if self.kind[i] != _O:
                continue
            if op == LEAF:
                k, true_codes = payload
                if k not in codes:
                    codes[k] = _axis_codes(self.space, k, 0, lay.split, n)
                table = np.zeros(self.space.axes[k].count, dtype=bool)
                table[list(true_codes)] = True
                vals[i] = table[codes[k]]
            elif op == NOT:
                vals[i] = ~vals[payload]
            else:
                parts = [vals[x] for x in payload]
                vals[i] = (np.logical_and if op == AND else np.logical_or).reduce(parts)
        return vals

    def groups(self, outer: dict[int, np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Representative outer combination of each group, the group of every combination,
        and the outer nodes that the rest of the circuit reads (the group key)."""
        boundary = set()
        for i, (op, payload) in enumerate(self.c.nodes):
            if self.kind[i] == _M:
                children = [payload] if op == NOT else payload
                boundary.update(x for x in children if self.kind[x] == _O)
        boundary.update(x for x in self.outputs() if self.kind[x] == _O)
        keys = sorted(boundary)
        n = self.lay.outer
        if not self.share:
            return np.arange(n), np.arange(n), keys
        if not keys:
            return np.zeros(1, dtype=np.int64), np.zeros(n, dtype=np.int64), keys
        matrix = np.packbits(np.stack([outer[x] for x in keys], axis=1), axis=1)
        rows = np.ascontiguousarray(matrix).view(np.dtype((np.void, matrix.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        return first, inverse.reshape(-1), keys

    # ------------------------------------------------------------ inner nodes, once
    def inner_values(self) -> dict[int, np.ndarray]:
        lay, space = self.lay, self.space
        vals: dict[int, np.ndarray] = {}
        nbytes = lay.words * 8
        for i, (op, payload) in enumerate(self.c.nodes):
            if self.kind[i] != _I:
                continue
            if op == LEAF:
                k, true_codes = payload
                table = np.zeros(space.axes[k].count, dtype=bool)
                table[list(true_codes)] = True
                bits = table[_axis_codes(space, k, lay.split, len(space.axes), lay.chunk)]
                packed = np.zeros(nbytes, dtype=np.uint8)
                packed[: (lay.chunk + 7) // 8] = np.packbits(bits, bitorder="little")
                vals[i] = packed.view(np.uint64)
            else:
                vals[i] = self._combine(op, payload, vals.get)
        return vals

    def _combine(self, op: int, payload, value):
        """One node from its children's values (python bools or word arrays), folding constants."""
        if op == NOT:
            v = value(payload)
            return (not v) if isinstance(v, bool) else ~v
        absorbing = op == OR  # OR is decided by a true child, AND by a false one
        arrays = []
        for x in payload:
            v = value(x)
            if isinstance(v, bool):
                if v == absorbing:
                    return absorbing
                continue
            arrays.append(v)
        if not arrays:
            return not absorbing
        if len(arrays) == 1:
            return arrays[0]
        ufunc = np.bitwise_or if absorbing else np.bitwise_and
        out = ufunc(arrays[0], arrays[1])
        for a in arrays[2:]:
            ufunc(out, a, out=out)
        return out

    def evaluate_group(self, outer: dict[int, np.ndarray], at: int, inner: dict[int, np.ndarray]):
        """Every node's value in the chunk of outer combination ``at``."""
        nodes, kind = self.c.nodes, self.kind
        vals: dict[int, object] = {}

        def value(x: int):
            if x in vals:
                return vals[x]
            k = kind[x]
            if k == _I:
                v = inner[x]
            elif k == _M:
                op, payload = nodes[x]
                v = self._combine(op, payload, value)
            elif k == _O:
                v = bool(outer[x][at])
            else:
                v = bool(nodes[x][1])
            vals[x] = v
            return v

        # Children have smaller ids, so evaluating mixed nodes in id order never recurses deeply.
        for i in range(len(nodes)):
            if kind[i] == _M:
                value(i)
        return value


# ---------------------------------------------------------------- results


class _Keys:
    """Distinct remedy keys, numbered as they are first met."""

    def __init__(self, circuit: Circuit):
        self.names = [p for p, _ in circuit.plaintiffs] + [r for r, _ in circuit.relief]
        self.n_plaintiffs = len(circuit.plaintiffs)
        self.ids: dict[tuple, int] = {}
        self.table = np.full(4 << len(self.names), -1, dtype=np.int64) if len(self.names) <= _TABLE_PLANES else None

    def key(self, status: int, bits) -> int:
        names = [n for n, b in zip(self.names, bits) if b]
        key = (REMEDY_STATUSES[status], tuple(names[: sum(bits[: self.n_plaintiffs])]),
               tuple(names[sum(bits[: self.n_plaintiffs]):]))
        return self.ids.setdefault(key, len(self.ids))

    def assign(self, remedy: np.ndarray, planes: list[np.ndarray]) -> np.ndarray:
        """Key id per point from the remedy status and the plaintiff/relief bit planes."""
        if self.table is not None:
            code = remedy.astype(np.int64)
            for i, plane in enumerate(planes):
                code += plane.astype(np.int64) << (2 + i)
            present = np.flatnonzero(np.bincount(code, minlength=len(self.table)))
            for c in present:
                if self.table[c] < 0:
                    self.table[c] = self.key(int(c) & 3, [(int(c) >> (2 + i)) & 1 for i in range(len(planes))])
            return self.table[code]
        matrix = np.stack([remedy] + planes, axis=1)
        rows, inverse = np.unique(matrix, axis=0, return_inverse=True)
        ids = np.array([self.key(int(r[0]), [int(b) for b in r[1:]]) for r in rows], dtype=np.int64)
        return ids[inverse.reshape(-1)]


def _unpack(v, chunk: int):
    if isinstance(v, bool):
        return np.uint8(v)
    return np.unpackbits(v.view(np.uint8), count=chunk, bitorder="little")


def evaluate_space(law: ir.Law, space: Space, assumptions: Mapping[str, bool] | None = None, *,
                   share: bool = True, chunk_points: int = CHUNK_POINTS) -> SpaceResult:
    """Evaluate ``law`` on every point of ``space`` (built for it, e.g. by ``build_space(law, other)``).

    ``assumptions`` override the law's defaults, as for the interpreter.
    ``share=False`` evaluates every chunk even when another chunk is known
    to be identical (used to measure the raw bit-parallel speed).
    """
    circuit = compile_law(law, space, assumptions)
    lay = _Layout.of(space, chunk_points)
    run = _Run(circuit, space, lay, share)
    outer = run.outer_values()
    first, inverse, _ = run.groups(outer)
    inner = run.inner_values()
    n_groups, chunk, nbytes = len(first), lay.chunk, lay.words * 8

    verdict_g = np.empty((n_groups, chunk), dtype=np.uint8)
    remedy_g = np.empty((n_groups, chunk), dtype=np.uint8)
    key_g = np.empty((n_groups, chunk), dtype=np.int64)
    masks = {name: np.empty((n_groups, nbytes), dtype=np.uint8) for name, _ in circuit.deciding + circuit.granting}
    keys = _Keys(circuit)
    pr_nodes = [n for _, n in circuit.plaintiffs + circuit.relief]
    for g, at in enumerate(first):
        value = run.evaluate_group(outer, int(at), inner)
        for name, node in circuit.deciding + circuit.granting:
            v = value(node)
            masks[name][g] = (0xFF if v else 0) if isinstance(v, bool) else v.view(np.uint8)
        prohibited = _unpack(value(circuit.prohibited), chunk)
        verdict_g[g] = prohibited + 2 * _unpack(value(circuit.conflict), chunk)
        remedy_g[g] = prohibited + _unpack(value(circuit.granted), chunk) + _unpack(value(circuit.remedy_conflict), chunk)
        planes = [np.broadcast_to(_unpack(value(n), chunk), (chunk,)) for n in pr_nodes]
        key_g[g] = keys.assign(remedy_g[g], planes)

    # Number the keys in sorted order, so results do not depend on evaluation order.
    ordered = sorted(keys.ids)
    remap = np.empty(len(ordered), dtype=np.int64)
    for new, key in enumerate(ordered):
        remap[keys.ids[key]] = new
    dtype = np.uint8 if len(ordered) <= 256 else np.uint16 if len(ordered) <= 65536 else np.int32
    key_g = remap[key_g].astype(dtype)

    def gather(per_group: np.ndarray) -> np.ndarray:
        return np.take(per_group, inverse, axis=0).reshape(-1)

    return SpaceResult(
        verdict=gather(verdict_g),
        remedy=gather(remedy_g),
        remedy_key=gather(key_g),
        remedy_keys=tuple(ordered),
        deciding=PackedMasks({n: masks[n] for n, _ in circuit.deciding}, inverse, chunk),
        granting=PackedMasks({n: masks[n] for n, _ in circuit.granting}, inverse, chunk),
    )
