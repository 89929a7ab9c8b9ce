"""The exact cube cover behind region descriptions (lawsim.compare.regions)."""

import numpy as np
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lawsim.compare.regions import Cube, cover, merge, quotient

grids = st.integers(0, 4).flatmap(lambda nd: hnp.arrays(
    np.int64, hnp.array_shapes(min_dims=nd, max_dims=nd, min_side=1, max_side=4), elements=st.integers(0, 3)))


def check_exact(labels, cubes):
    """Cubes are pure, pairwise disjoint, and hold exactly the non-zero points."""
    covered = np.zeros(labels.shape, dtype=int)
    for cube in cubes:
        inside = cube.mask(labels.shape)
        assert inside.any(), "an empty cube"
        assert (labels[inside] == cube.label).all(), "a cube mixes labels"
        covered += inside
    assert covered.max(initial=0) <= 1, "cubes overlap"
    assert ((covered == 1) == (labels != 0)).all(), "cubes miss or add points"


@settings(max_examples=examples(150))
@given(grids, st.sampled_from([0, 5, 1500]))
def test_cover_is_exact_disjoint_and_pure(labels, budget):
    check_exact(labels, cover(labels, budget))


@settings(max_examples=examples(60))
@given(grids)
def test_quotient_keeps_every_distinction(labels):
    small, classes = quotient(labels)
    for axis, groups in enumerate(classes):
        assert sorted(c for g in groups for c in g) == list(range(labels.shape[axis]))
    # Expanding the quotient back gives the original grid.
    index = [np.empty(n, dtype=int) for n in labels.shape]
    for axis, groups in enumerate(classes):
        for position, group in enumerate(groups):
            index[axis][list(group)] = position
    assert (small[np.ix_(*index)] == labels).all()


def test_nothing_to_describe_gives_no_cube():
    assert cover(np.zeros((3, 2), dtype=int)) == []


def test_one_label_everywhere_is_one_cube_with_no_condition():
    assert cover(np.ones((3, 2, 4), dtype=int)) == [Cube(1, ((0, 1, 2), (0, 1), (0, 1, 2, 3)))]


def test_a_range_stays_one_condition():
    # agency x conduct x warrant x years: the change is doc, notify, no warrant, years 0..5.
    labels = np.zeros((3, 2, 2, 21), dtype=int)
    labels[0, 1, 1, :6] = 1
    assert cover(labels) == [Cube(1, ((0,), (1,), (1,), (0, 1, 2, 3, 4, 5)))]


def test_an_or_needs_two_disjoint_cubes_not_three():
    # changed where (record is serious and recent) or tsdb: axes record(2) x recent(2) x tsdb(2).
    labels = np.zeros((2, 2, 2), dtype=int)
    labels[1, 1, :] = 1
    labels[:, :, 1] = 1
    cubes = cover(labels)
    check_exact(labels, cubes)
    assert len(cubes) == 2


def test_merge_joins_cubes_differing_on_one_axis():
    merged = merge([Cube(1, ((0,), (1,))), Cube(1, ((1,), (1,))), Cube(2, ((2,), (1,)))])
    assert sorted(merged, key=lambda c: c.label) == [Cube(1, ((0, 1), (1,))), Cube(2, ((2,), (1,)))]
