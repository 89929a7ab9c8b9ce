"""Describe labelled points of a grid as a small set of disjoint, exact cubes.

Stage: compare.  Input: an N-dimensional integer array ``labels`` over a grid
of classes (one axis per fact, one index per class of values), where 0 means
"nothing to describe" and every other number is a class of change.  Output:
a list of :class:`Cube` values, each a product of class sets (one set per
axis) whose points all carry the same non-zero label, such that the cubes
are pairwise disjoint and together hold exactly the non-zero points.

Exactness holds by construction:

1. A decision tree splits the grid until every leaf is *pure* (one label);
   the tree with the fewest non-zero leaves is searched for, within a
   budget of visited nodes.
   At each node it picks one axis and groups that axis's classes whose
   slices are identical inside the node, so classes the law treats alike
   stay together (this is what turns "years 0, 1, 2, 3, 4, 5" into one
   range).  Leaves are disjoint because siblings take disjoint class sets.
2. Pure leaves with the same label that differ on exactly one axis are
   merged (their union is again a product set, and still pure and disjoint
   from everything else).  This repairs splits the greedy tree made too
   early.

The result is small but not guaranteed minimal: the search is limited to
trees whose splits group identical slices, a disjoint cover may need more
cubes than an overlapping one, and past the budget each node takes the
axis with the best cheap lower bound (see :func:`_score`).  ``tests/test_compare_regions.py`` checks exactness
and disjointness on random grids.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Cube:
    """A product set: ``sets[k]`` holds the class indices allowed on axis ``k``."""

    label: int
    sets: tuple[tuple[int, ...], ...]

    def mask(self, shape: tuple[int, ...]) -> np.ndarray:
        """The grid points inside this cube, as a boolean array of ``shape``."""
        out = np.ones(shape, dtype=bool)
        for axis, allowed in enumerate(self.sets):
            keep = np.zeros(shape[axis], dtype=bool)
            keep[list(allowed)] = True
            view = [1] * len(shape)
            view[axis] = shape[axis]
            out &= keep.reshape(view)
        return out


def _groups(block: np.ndarray, axis: int, index: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Classes of ``index`` (positions along ``axis``) grouped by identical slices."""
    seen: dict[bytes, list[int]] = {}
    moved = np.moveaxis(block, axis, 0)
    for position, cls in enumerate(index):
        key = np.ascontiguousarray(moved[position]).tobytes()
        seen.setdefault(key, []).append(cls)
    # Order groups by their first class so the tree (and the output) is deterministic.
    return sorted((tuple(g) for g in seen.values()), key=lambda g: g[0])


def _score(block: np.ndarray, axis: int, groups: list[tuple[int, ...]], index: tuple[int, ...]) -> tuple:
    """A lower bound on the cubes a split produces: distinct non-zero labels per group.

    Ties go to fewer groups, then to the earlier axis (callers put agency and
    conduct first, so descriptions lead with who does what).
    """
    position = {cls: i for i, cls in enumerate(index)}
    moved = np.moveaxis(block, axis, 0)
    bound = 0
    for group in groups:
        part = moved[[position[c] for c in group]]
        labels = np.unique(part)
        bound += int(np.count_nonzero(labels))
    return (bound, len(groups), axis)


def cover(labels: np.ndarray, budget: int = 4000) -> list[Cube]:
    """Disjoint pure cubes holding exactly the non-zero points of ``labels``.

    The decision tree is searched for the fewest non-zero leaves: every
    axis is tried at a node (best-scored first, pruning branches that
    cannot beat the best so far) until ``budget`` nodes have been visited;
    after that each node takes the best-scored axis only.  Cubes come
    sorted by label, then by their class sets.
    """
    labels = np.asarray(labels)
    memo: dict[tuple, tuple[int, tuple[Cube, ...]]] = {}
    visited = 0

    def solve(sets: tuple[tuple[int, ...], ...]) -> tuple[int, tuple[Cube, ...]]:
        nonlocal visited
        if sets in memo:
            return memo[sets]
        visited += 1
        block = labels[np.ix_(*sets)] if sets else labels
        present = np.unique(block)
        if len(present) == 1:
            result = (0, ()) if present[0] == 0 else (1, (Cube(int(present[0]), sets),))
            memo[sets] = result
            return result
        lower = int(np.count_nonzero(present))  # every label needs a leaf of its own
        candidates = []
        for axis, index in enumerate(sets):
            if len(index) < 2:
                continue
            groups = _groups(block, axis, index)
            if len(groups) > 1:  # otherwise the labels do not depend on this axis here
                candidates.append((_score(block, axis, groups, index), axis, groups))
        assert candidates, "an impure block must vary along some axis"
        best: tuple[int, tuple[Cube, ...]] | None = None
        for n, (_, axis, groups) in enumerate(sorted(candidates)):
            if n and visited > budget:
                break
            total, leaves = 0, []
            for group in groups:
                cost, found = solve(sets[:axis] + (group,) + sets[axis + 1:])
                total += cost
                leaves += found
                if best is not None and total >= best[0]:
                    break
            else:
                if best is None or total < best[0]:
                    best = (total, tuple(leaves))
            if best is not None and best[0] == lower:
                break
        assert best is not None
        memo[sets] = best
        return best

    _, leaves = solve(tuple(tuple(range(n)) for n in labels.shape))
    return sorted(merge(list(leaves)), key=lambda c: (c.label, c.sets))


def merge(cubes: list[Cube]) -> list[Cube]:
    """Merge same-label cubes that differ on exactly one axis, until none do.

    Cubes that agree on every axis but ``k`` are merged all at once by
    taking the union of their sets on ``k``; the axes are swept until a full
    sweep merges nothing.
    """
    current = list(cubes)
    ndim = len(current[0].sets) if current else 0
    changed = True
    while changed:
        changed = False
        for k in range(ndim):
            buckets: dict[tuple, list[Cube]] = {}
            for cube in current:
                buckets.setdefault((cube.label, cube.sets[:k], cube.sets[k + 1:]), []).append(cube)
            if len(buckets) == len(current):
                continue
            changed = True
            current = []
            for (label, before, after), group in buckets.items():
                joined = tuple(sorted({c for cube in group for c in cube.sets[k]}))
                current.append(Cube(label, before + (joined,) + after))
    return current
