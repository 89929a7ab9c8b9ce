"""Describe labelled points of a grid as a small set of disjoint, exact cubes.

Stage: compare.  Input: an N-dimensional integer array ``labels`` over a grid
of classes (one axis per fact, one index per class of values), where 0 means
"nothing to describe" and every other number is a class of change.  Output:
a list of :class:`Cube` values, each a product of class sets (one set per
axis) whose points all carry the same non-zero label, such that the cubes
are pairwise disjoint and together hold exactly the non-zero points.

Exactness holds by construction:

1. Classes whose slices are identical everywhere are merged first (the
   labels never tell them apart), which shrinks the grid a lot.
2. A decision tree splits the grid until every leaf is *pure* (one label).
   At each node it picks one axis and groups that axis's classes whose
   slices are identical inside the node, so classes the law treats alike
   stay together (this is what turns "years 0, 1, 2, 3, 4, 5" into one
   range).  Leaves are disjoint because siblings take disjoint class sets.
   The axis is chosen by information gain (:func:`_score`); a second tree
   is searched for the fewest leaves within a budget, and the better of
   the two is kept.
3. Pure leaves with the same label that differ on exactly one axis are
   merged (their union is again a product set, and still pure and disjoint
   from everything else).  This repairs splits the tree made too early.

The result is small but not guaranteed minimal: finding the fewest cubes is
NP-hard, the trees only split along whole groups of alike classes, and a
disjoint cover may need more cubes than an overlapping one would.
``tests/test_compare_regions.py`` checks exactness and disjointness on
random grids.
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
        out = np.zeros(shape, dtype=bool)
        out[np.ix_(*self.sets)] = True
        return out


def _rows(block: np.ndarray, axis: int) -> np.ndarray:
    """The block as one row per class of ``axis`` (a 2-D view when possible)."""
    return np.moveaxis(block, axis, 0).reshape(block.shape[axis], -1)


def _groups(rows: np.ndarray, index: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Classes of ``index`` (one per row) grouped by identical rows, in order of first class."""
    seen: dict[bytes, list[int]] = {}
    for position, cls in enumerate(index):
        seen.setdefault(rows[position].tobytes(), []).append(cls)
    return sorted((tuple(g) for g in seen.values()), key=lambda g: g[0])


def _distinct_nonzero(block: np.ndarray, n_labels: int) -> int:
    """Distinct non-zero labels of ``block`` (label ``n_labels - 1`` is "don't care" and does not count)."""
    return int(np.count_nonzero(np.bincount(block.reshape(-1), minlength=n_labels)[1:-1]))


def _score(rows: np.ndarray, axis: int, groups: list[tuple[int, ...]], index: tuple[int, ...],
           n_labels: int) -> tuple:
    """How promising a split is: the entropy of the labels left in its groups, weighted by size.

    A split whose groups are nearly pure leaves little to split further (this
    is the information-gain rule of decision-tree learning); it gives far
    fewer cubes than counting labels per group.  Ties go to the lower bound
    on cubes (distinct non-zero labels per group), to fewer groups, then to
    the earlier axis (callers put agency and conduct first, so descriptions
    lead with who does what).  The entropy is rounded so that ties do not
    hang on the last bits of floating-point sums.
    """
    position = {cls: i for i, cls in enumerate(index)}
    entropy, bound = 0.0, 0
    for group in groups:
        counts = np.bincount(rows[[position[c] for c in group]].reshape(-1), minlength=n_labels)[:-1]
        bound += int(np.count_nonzero(counts[1:]))
        if not counts.sum():
            continue
        p = counts[counts > 0] / counts.sum()
        entropy += float(counts.sum() * -(p * np.log2(p)).sum())
    return (round(entropy, 6), bound, len(groups), axis)


def quotient(labels: np.ndarray) -> tuple[np.ndarray, list[list[tuple[int, ...]]]]:
    """Collapse, on every axis, the classes whose slices are identical everywhere.

    Returns the smaller grid and, per axis, the original classes behind each
    of its positions.  Two slices along one axis stay equal (or unequal)
    when duplicates are removed on another axis, so one pass is enough.
    """
    groups_per_axis = []
    for axis in range(labels.ndim):
        groups = _groups(_rows(labels, axis), tuple(range(labels.shape[axis])))
        labels = np.take(labels, [g[0] for g in groups], axis=axis)
        groups_per_axis.append(groups)
    return labels, groups_per_axis


def _tree(small: np.ndarray, n_labels: int, budget: int) -> list[Cube]:
    """Leaves of a decision tree over ``small``, searched for the fewest non-zero leaves.

    Every axis is tried at a node (best-scored first, pruning branches that
    cannot beat the best so far) until ``budget`` nodes have been visited;
    after that each node takes its best-scored axis only.  With a budget of
    0 this is the plain greedy tree.
    """
    memo: dict[tuple, tuple[int, tuple[Cube, ...]]] = {}
    visited = 0
    dont_care = n_labels - 1

    def solve(sets: tuple[tuple[int, ...], ...], block: np.ndarray) -> tuple[int, tuple[Cube, ...]]:
        """Best (leaf count, leaves) for the sub-grid ``sets``, whose labels are ``block``."""
        nonlocal visited
        if sets in memo:
            return memo[sets]
        visited += 1
        cared = block[block != dont_care]
        low, high = (int(cared.min()), int(cared.max())) if cared.size else (0, 0)
        if low == high:  # pure, apart from points that do not matter
            result = (0, ()) if low == 0 else (1, (Cube(low, sets),))
            memo[sets] = result
            return result
        lower = _distinct_nonzero(block, n_labels)  # every label needs a leaf of its own
        candidates = []
        for axis, index in enumerate(sets):
            if len(index) < 2:
                continue
            rows = _rows(block, axis)
            groups = _groups(rows, index)
            if len(groups) > 1:  # otherwise the labels do not depend on this axis here
                candidates.append((_score(rows, axis, groups, index, n_labels), axis, groups))
        assert candidates, "an impure block must vary along some axis"
        best: tuple[int, tuple[Cube, ...]] | None = None
        for n, (_, axis, groups) in enumerate(sorted(candidates)):
            if n and visited > budget:
                break
            total, leaves = 0, list[Cube]()
            position = {cls: i for i, cls in enumerate(sets[axis])}
            for group in groups:
                part = np.take(block, [position[c] for c in group], axis=axis)
                cost, found = solve(sets[:axis] + (group,) + sets[axis + 1:], part)
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

    return list(solve(tuple(tuple(range(n)) for n in small.shape), small)[1])


def cover(labels: np.ndarray, budget: int = 100, dont_care: np.ndarray | None = None) -> list[Cube]:
    """Pure cubes holding exactly the non-zero points of ``labels``, disjoint but for "don't care" points.

    ``dont_care`` marks points whose label does not matter (scenarios that
    cannot happen): a cube may include them, and two cubes may share them,
    so descriptions need not steer round them.  Classes that the labels
    never tell apart are merged first (:func:`quotient`).  Two decision trees
    are grown, the greedy one and one searched within ``budget`` nodes
    (:func:`_tree`); their leaves are merged (:func:`merge`) and the result
    with fewer cubes (then fewer conditions) is kept; cubes are then made as
    plain as the don't-care points allow (:func:`tidy`).  Cubes come
    sorted by label, then by their class sets.
    """
    labels = np.asarray(labels)
    n_labels = int(labels.max(initial=0)) + 2  # the last label stands for "don't care"
    dtype = np.uint8 if n_labels <= 1 << 8 else np.uint16 if n_labels <= 1 << 16 else np.int64
    labels = labels.astype(dtype)
    if dont_care is not None:
        labels = np.where(dont_care, np.array(n_labels - 1, dtype=dtype), labels)
    small, classes = quotient(labels)

    def size(cubes: list[Cube]) -> tuple[int, int]:
        conditions = sum(len(s) < n for cube in cubes for s, n in zip(cube.sets, small.shape))
        return len(cubes), conditions

    # The greedy tree often merges better than the tree with the fewest leaves.
    trees = [merge(_tree(small, n_labels, 0))] + ([merge(_tree(small, n_labels, budget))] if budget else [])
    best = min(trees, key=size)
    # Back from the quotient grid to the original classes.
    full = [Cube(c.label, tuple(tuple(sorted(k for g in group for k in classes[axis][g]))
                                for axis, group in enumerate(c.sets))) for c in best]
    if dont_care is not None and dont_care.any():
        full = merge(tidy(full, labels == n_labels - 1))
    return sorted(full, key=lambda c: (c.label, c.sets))


def tidy(cubes: list[Cube], dont_care: np.ndarray) -> list[Cube]:
    """Each cube's sets made as plain as don't-care points allow, its cared-for points unchanged.

    Per axis, a cube keeps only the classes whose slab holds a point that
    matters; then, if every class it leaves out holds only don't-care points,
    it takes the whole axis, so the condition disappears (a communication
    region need not say 'hours past release <= 48' when only holds have
    hours).  The cube stays pure and exact; it may then share don't-care
    points with another cube.
    """
    out = []
    for cube in cubes:
        sets = [tuple(s) for s in cube.sets]
        changed = True
        while changed:  # shrinking one axis can empty another's slabs
            changed = False
            for axis in range(len(sets)):
                kept = tuple(c for c in sets[axis]
                             if not dont_care[np.ix_(*(sets[:axis] + [(c,)] + sets[axis + 1:]))].all())
                if kept and kept != sets[axis]:
                    sets[axis], changed = kept, True
        for axis in range(len(sets)):
            rest = [c for c in range(dont_care.shape[axis]) if c not in sets[axis]]
            if rest and all(dont_care[np.ix_(*(sets[:axis] + [(c,)] + sets[axis + 1:]))].all() for c in rest):
                sets[axis] = tuple(range(dont_care.shape[axis]))
        out.append(Cube(cube.label, tuple(sets)))
    return out


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
