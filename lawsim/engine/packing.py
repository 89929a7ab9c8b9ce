"""Per-point codes from packed bit planes, for the whole-space engine.

Stage: engine, part of :mod:`lawsim.engine.fast`.  A chunk's outputs are
bit planes (one bit per point, 64 points per uint64 word); these helpers
turn up to 32 planes into one small integer code per point without
expanding each plane to bytes first, and number the distinct remedy keys
(status, plaintiffs, relief) those codes stand for.
"""

from __future__ import annotations

import numpy as np

from lawsim.engine.circuit import Circuit
from lawsim.ir.vocab import REMEDY_STATUSES

# Remedy keys are found through a lookup table while the plaintiff and
# relief names are few; beyond that, by sorting the bit rows.
_TABLE_PLANES = 12


def _spread_tables() -> np.ndarray:
    """``T[j][b]``: a uint64 whose byte ``i`` is ``1 << j`` when bit ``i`` of byte ``b`` is set.

    Looking up each byte of a packed plane turns 8 points' bits into 8
    points' code bytes at once; OR-ing the lookups of up to 8 planes gives
    every point's code.
    """
    bits = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little")
    # Built as bytes and viewed as words, so the layout is right on any byte order.
    return np.stack([(bits << j).view(np.uint64).ravel() for j in range(8)])


_SPREAD = _spread_tables()


def codes8(planes: list, chunk: int) -> np.ndarray:
    """uint8 per point: bit ``j`` is plane ``j`` (a python bool or packed words), for up to 8 planes."""
    acc = None
    constant = 0
    for j, plane in enumerate(planes):
        if isinstance(plane, bool):
            constant |= plane << j
            continue
        looked = _SPREAD[j][plane.view(np.uint8)]
        acc = looked if acc is None else np.bitwise_or(acc, looked, out=acc)
    if acc is None:
        return np.full(chunk, constant, dtype=np.uint8)
    out = acc.view(np.uint8)[:chunk]
    return out | np.uint8(constant) if constant else out


def codes(planes: list, chunk: int) -> np.ndarray:
    """Per-point codes from any number of planes (uint8 up to 8 planes, else uint32 up to 32)."""
    if len(planes) <= 8:
        return codes8(planes, chunk)
    assert len(planes) <= 32
    out = np.zeros(chunk, dtype=np.uint32)
    for start in range(0, len(planes), 8):
        out |= codes8(planes[start:start + 8], chunk).astype(np.uint32) << np.uint32(start)
    return out


class Keys:
    """Remedy keys: per-point provisional numbers, then the sorted distinct keys.

    A point's remedy code has the status in its two low bits and one bit
    per plaintiff and relief name above them.  While there are few names
    the code itself is the provisional number (looked up in a table);
    otherwise codes are numbered as their distinct rows are first met.
    """

    def __init__(self, circuit: Circuit):
        self.names = [p for p, _ in circuit.plaintiffs] + [r for r, _ in circuit.relief]
        self.n_plaintiffs = len(circuit.plaintiffs)
        self.keys: dict[int, tuple] = {}  # provisional number -> key
        self.tabled = len(self.names) <= _TABLE_PLANES
        self.rows: dict[bytes, int] = {}

    def _key(self, status: int, bits) -> tuple:
        chosen = [n for n, b in zip(self.names, bits) if b]
        k = sum(bits[: self.n_plaintiffs])
        return (REMEDY_STATUSES[status], tuple(chosen[:k]), tuple(chosen[k:]))

    def provisional(self, planes: list, chunk: int) -> np.ndarray:
        """Provisional key numbers of a chunk's points; ``planes`` are the status bits then the names."""
        n = len(self.names)
        if self.tabled:
            code = codes(planes, chunk)
            present = np.flatnonzero(np.bincount(code, minlength=4 << n)) if len(code) > 256 else np.unique(code)
            for c in present.tolist():
                if c not in self.keys:
                    self.keys[c] = self._key(c & 3, [(c >> (2 + i)) & 1 for i in range(n)])
            return code
        matrix = np.stack([np.broadcast_to(np.unpackbits(p.view(np.uint8), count=chunk, bitorder="little")
                                           if not isinstance(p, bool) else np.uint8(p), (chunk,))
                           for p in planes], axis=1)
        rows, inverse = np.unique(matrix, axis=0, return_inverse=True)
        ids = np.empty(len(rows), dtype=np.int64)
        for i, row in enumerate(rows):
            number = ids[i] = self.rows.setdefault(row.tobytes(), len(self.rows))
            if number not in self.keys:
                bits = [int(b) for b in row]
                self.keys[number] = self._key(bits[0] | bits[1] << 1, bits[2:])
        return ids[inverse.reshape(-1)]

    def finish(self) -> tuple[tuple, np.ndarray]:
        """The sorted distinct keys, and a table from provisional numbers to their index."""
        ordered = sorted(set(self.keys.values()))
        index = {key: i for i, key in enumerate(ordered)}
        size = (4 << len(self.names)) if self.tabled else len(self.rows)
        table = np.zeros(max(size, 1), dtype=np.uint8 if len(ordered) <= 256 else np.int32)
        for number, key in self.keys.items():
            table[number] = index[key]
        return tuple(ordered), table


def xor3(a, b, c):
    """XOR of three values that are python bools or packed words."""
    out = a
    for x in (b, c):
        if isinstance(out, bool) and isinstance(x, bool):
            out = out != x
        elif isinstance(x, bool):
            out = ~out if x else out
        elif isinstance(out, bool):
            out = ~x if out else x
        else:
            out = out ^ x
    return out
