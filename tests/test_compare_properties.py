"""Properties of compare on random laws (tests/strategies_law.py), checked by brute force.

* compare(a, a) finds nothing;
* compare(a, b) mirrors compare(b, a): closed <-> opened, gained <-> lost, same counts;
* every region's description is exact: the concrete scenarios matching it are
  exactly the region, with the region's baseline and reform states;
* region counts add up to the number of changed scenarios;
* every witness evaluates, under the interpreter, as its region says;
* a region relies on an assumption exactly when flipping it changes one of its scenarios.
"""

from collections import Counter

from conftest import examples
from hypothesis import given, settings

from lawsim.compare import compare, semantic_diff
from lawsim.compare.kinds import MIRROR
from tests.compare_oracle import matches, state, transitions
from tests.strategies_law import version_pairs, versions

SETTINGS = settings(max_examples=examples(25))


def by_kind(sem) -> Counter:
    return Counter({k: sem.count(k) for k in MIRROR if sem.count(k)})


@SETTINGS
@given(versions())
def test_a_law_compared_with_itself_is_equivalent_everywhere(version):
    result = compare(version, version)
    assert not result.changed and result.structure.empty
    assert result.semantics.regions == () and result.semantics.changed == 0
    assert all(p.verdicts == "equivalent" and p.remedies == "unchanged" for p in result.semantics.pairs)
    assert all(s.changed == 0 for s in result.semantics.sensitivity)


def check_mirror(a, b, forward) -> None:
    backward = semantic_diff(b, a)
    assert forward.changed == backward.changed
    assert by_kind(backward) == Counter({MIRROR[k]: n for k, n in by_kind(forward).items()})
    swapped = {"stricter": "looser", "looser": "stricter", "more": "fewer", "fewer": "more"}
    for p, q in zip(forward.pairs, backward.pairs, strict=True):
        assert (p.agency, p.conduct) == (q.agency, q.conduct)
        assert swapped.get(p.verdicts, p.verdicts) == q.verdicts
        assert swapped.get(p.remedies, p.remedies) == q.remedies


def check_regions(a, b, sem) -> None:
    counts = [0] * len(sem.regions)
    changed = 0
    for scenario, before, after in transitions(a, b):
        inside = [i for i, r in enumerate(sem.regions) if matches(r, scenario)]
        if before == after:
            assert not inside
            continue
        changed += 1
        assert len(inside) == 1
        region = sem.regions[inside[0]]
        assert (region.before, region.after) == (before, after)
        counts[inside[0]] += 1
    assert counts == [r.count for r in sem.regions]
    assert sem.changed == changed == sum(counts)
    for region in sem.regions:
        w = region.witness
        assert matches(region, dict(w.scenario))
        assert (state(w.baseline), state(w.reform)) == (region.before, region.after)
        assert state(w.baseline) != state(w.reform)


def check_reliance(a, b, sem) -> None:
    relied = {i: set() for i in range(len(sem.regions))}
    for flip in sem.sensitivity:
        for scenario, before, after in transitions(a, b, {flip.assumption: flip.value}):
            for i, region in enumerate(sem.regions):
                if matches(region, scenario) and (before, after) != (region.before, region.after):
                    relied[i].add(flip.assumption)
    assert [set(r.assumptions) for r in sem.regions] == [relied[i] for i in range(len(sem.regions))]


# One test draws the pairs (drawing and checking random laws is the slow part) and checks each property.
@settings(max_examples=examples(40))
@given(version_pairs())
def test_compare_is_exact_mirrored_witnessed_and_honest_about_assumptions(pair):
    va, vb = pair
    sem = compare(va, vb).semantics
    a, b = va.law, vb.law
    check_regions(a, b, sem)
    check_mirror(a, b, sem)
    check_reliance(a, b, sem)
