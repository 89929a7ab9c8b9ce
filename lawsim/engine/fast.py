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
from typing import Any, Iterator, Mapping

import numpy as np

from lawsim import ir
from lawsim.engine.circuit import AND, CONST, LEAF, NOT, OR, Circuit, compile_law
from lawsim.engine.packing import Keys, codes8, xor3
from lawsim.engine.space import Space, check_budget

# Points per chunk: 2**18 bits is 32 KiB per bitset, so the few dozen live
# bitsets of a typical law stay in the L2 cache.
CHUNK_POINTS = 1 << 18

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

    ``verdict`` and ``remedy`` hold the codes of :class:`lawsim.ir.Verdict`
    and :class:`lawsim.ir.RemedyStatus` (their order of declaration).  ``remedy_key`` indexes ``remedy_keys``,
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


def _axis_pattern(space: Space, k: int, first: int, last: int, table: np.ndarray) -> np.ndarray:
    """``table[class on axis k]`` for every combination of axes[first:last], in order.

    Built by repeating and tiling the table, never by computing each
    combination's class.
    """
    stride = 1
    for axis in space.axes[k + 1:last]:
        stride *= axis.count
    reps = 1
    for axis in space.axes[first:k]:
        reps *= axis.count
    return np.tile(np.repeat(table, stride), reps)


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
        vals: dict[int, Any] = {}
        for i, (op, payload) in enumerate(self.c.nodes):
            if self.kind[i] == _C:
                vals[i] = np.full(n, payload, dtype=bool) if op == CONST else None
            if self.kind[i] != _O:
                continue
            if op == LEAF:
                k, true_codes = payload
                table = np.zeros(self.space.axes[k].count, dtype=bool)
                table[list(true_codes)] = True
                vals[i] = _axis_pattern(self.space, k, 0, lay.split, table)
            elif op == NOT:
                vals[i] = ~vals[payload]
            else:
                parts = [vals[x] for x in payload]
                vals[i] = (np.logical_and if op == AND else np.logical_or).reduce(parts)
        return vals

    def groups(self, outer: dict[int, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """A representative outer combination of each group, and the group of every combination.

        The group key is the values of the outer nodes that mixed nodes or
        outputs read: combinations that agree on them have identical chunks.
        """
        boundary: set[int] = set()
        for i, (op, payload) in enumerate(self.c.nodes):
            if self.kind[i] == _M:
                children = [payload] if op == NOT else payload
                boundary.update(x for x in children if self.kind[x] == _O)
        boundary.update(x for x in self.outputs() if self.kind[x] == _O)
        keys = sorted(boundary)
        n = self.lay.outer
        if not self.share:
            return np.arange(n), np.arange(n)
        if not keys:
            return np.zeros(1, dtype=np.int64), np.zeros(n, dtype=np.int64)
        matrix = np.packbits(np.stack([outer[x] for x in keys], axis=1), axis=1)
        rows = np.ascontiguousarray(matrix).view(np.dtype((np.void, matrix.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        return first, inverse.reshape(-1)

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
                bits = _axis_pattern(space, k, lay.split, len(space.axes), table)
                packed = np.zeros(nbytes, dtype=np.uint8)
                packed[: (lay.chunk + 7) // 8] = np.packbits(bits, bitorder="little")
                vals[i] = packed.view(np.uint64)
            else:
                # (The builder folds constants away, but a constant child would still read right.)
                read = lambda x: vals[x] if x in vals else bool(self.c.nodes[x][1])  # noqa: E731
                vals[i] = self._combine(op, payload, read)
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
        vals: dict[int, Any] = {}

        def value(x: int):
            if x in vals:
                return vals[x]
            k = kind[x]
            v: Any
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


def evaluate_space(law: ir.Law, space: Space, assumptions: Mapping[str, bool] | None = None, *,
                   share: bool = True, chunk_points: int = CHUNK_POINTS) -> SpaceResult:
    """Evaluate ``law`` on every point of ``space`` (built for it, e.g. by ``build_space(law, other)``).

    ``assumptions`` override the law's defaults, as for the interpreter.
    Raises :class:`lawsim.diagnostics.LawError` (E501) when the space is
    too large for :data:`lawsim.engine.space.MAX_EVALUATION_BYTES`.
    ``share=False`` evaluates every chunk even when another chunk is known
    to be identical (for checking; :func:`lawsim.engine.count.count_space`
    is the raw counting mode that the benchmark times).
    """
    check_budget(space, law_name=law.name)  # before anything per point is allocated
    circuit = compile_law(law, space, assumptions)
    lay = _Layout.of(space, chunk_points)
    run = _Run(circuit, space, lay, share)
    outer = run.outer_values()
    first, inverse = run.groups(outer)
    inner = run.inner_values()
    n_groups, chunk, words = len(first), lay.chunk, lay.words

    keys = Keys(circuit)
    verdict_g = np.empty((n_groups, chunk), dtype=np.uint8)
    remedy_g = np.empty((n_groups, chunk), dtype=np.uint8)
    key_g = np.empty((n_groups, chunk), dtype=np.uint32 if keys.tabled and len(keys.names) > 6 else
                     np.uint8 if keys.tabled else np.int64)
    masks = {name: np.empty((n_groups, words * 8), dtype=np.uint8)
             for name, _ in circuit.deciding + circuit.granting}
    names = [n for _, n in circuit.plaintiffs + circuit.relief]
    for g, at in enumerate(first.tolist()):
        value = run.evaluate_group(outer, at, inner)
        for name, node in circuit.deciding + circuit.granting:
            v = value(node)
            masks[name][g] = (0xFF if v else 0) if isinstance(v, bool) else v.view(np.uint8)
        prohibited, granted = value(circuit.prohibited), value(circuit.granted)
        both = value(circuit.remedy_conflict)
        verdict_g[g] = codes8([prohibited, value(circuit.conflict)], chunk)
        # The remedy status 0..3 is prohibited + granted + both (each implies the one
        # before), so its two bits are: low = prohibited ^ granted ^ both, high = granted.
        status = [xor3(prohibited, granted, both), granted]
        key_g[g] = keys.provisional(status + [value(n) for n in names], chunk)
        remedy_g[g] = key_g[g] & 3 if keys.tabled else codes8(status, chunk)
    remedy_keys, table = keys.finish()
    key_g = table[key_g]

    def gather(per_group: np.ndarray) -> np.ndarray:
        if not share:  # one group per outer combination, in order
            return per_group.reshape(-1)
        return per_group[inverse].reshape(-1)

    return SpaceResult(
        verdict=gather(verdict_g),
        remedy=gather(remedy_g),
        remedy_key=gather(key_g),
        remedy_keys=remedy_keys,
        deciding=PackedMasks({n: masks[n] for n, _ in circuit.deciding}, inverse, chunk),
        granting=PackedMasks({n: masks[n] for n, _ in circuit.granting}, inverse, chunk),
    )
