"""The fast engine agrees with the reference interpreter on every scenario.

Properties over random laws (tests/strategies_law.py): for every point of
the uncompressed and the compressed space, under every assumption setting,
the verdict, the remedy (status, plaintiffs, relief), the deciding rules
and the granting remedies are the interpreter's.  Chunk sizes are drawn
small as well as large so that the outer/inner split, the grouping of
identical chunks and the constant folding are all exercised.

``count_space`` (bits popcounted, never expanded) gives the same number of
scenarios per verdict and remedy status as the interpreter on every
scenario and as ``evaluate_space``, with and without sharing, on
compressed and uncompressed spaces.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import numpy as np
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_law import law_docs, law_pairs, lower_doc

from benchmarks.count_kernel import count_space
from lawsim import ir
from lawsim.engine import evaluate
from lawsim.engine.fast import CHUNK_POINTS, evaluate_space
from lawsim.engine.interpreter import _Evaluator
from lawsim.engine.space import build_space
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS
from lawsim.syntax import format_document, parse_text
from tests.compare_oracle import scenarios

CHUNKS = st.sampled_from((1, 7, 64, 300, CHUNK_POINTS))
FAST = settings(max_examples=examples(40))


def unconstrained(law: ir.Law) -> ir.Law:
    """The law without fact constraints: the benchmark's counting kernel counts every point."""
    return replace(law, constraints=())


def assumption_settings(law: ir.Law) -> list[dict[str, bool]]:
    names = sorted(law.assumptions)
    return [dict(zip(names, values)) for values in product((False, True), repeat=len(names))]


def expected_granting(law: ir.Law, scenario, assumptions, outcome) -> set[str]:
    """Remedy ids that grant or deny, restated from the interpreter's own rules."""
    if outcome.verdict != "prohibited":
        return set()
    violated = {r.provision for r in law.rules if r.id in outcome.deciding and r.prohibits}
    ev = _Evaluator(law, scenario, assumptions)
    return {m.id for m in law.remedies if m.covers & violated and ev.eval(m.when)}


def check_against_interpreter(law: ir.Law, space, assumptions, result) -> None:
    deciding = {name: mask for name, mask in result.deciding.items()}
    granting = {name: mask for name, mask in result.granting.items()}
    assert set(deciding) == {r.id for r in law.rules}
    assert set(granting) == {m.id for m in law.remedies}
    assert list(result.remedy_keys) == sorted(set(result.remedy_keys))
    for i in range(space.size):
        scenario = space.scenario(i)
        out = evaluate(law, scenario, assumptions)
        where = f"point {i} {scenario} {assumptions}"
        assert VERDICTS[result.verdict[i]] == out.verdict, where
        assert REMEDY_STATUSES[result.remedy[i]] == out.remedy.status, where
        assert result.remedy_keys[result.remedy_key[i]] == out.remedy.key, where
        assert {n for n, m in deciding.items() if m[i]} == set(out.deciding), where
        granted = expected_granting(law, scenario, assumptions, out)
        assert {n for n, m in granting.items() if m[i]} == granted, where


def compressed_index(full, compressed) -> np.ndarray:
    """For every point of the uncompressed space, the compressed point holding its scenario."""
    index = np.zeros(full.size, dtype=np.int64)
    for axis, stride in zip(compressed.axes, compressed.strides):
        value_to_class = np.array([axis.class_of(v) for v in axis.fact.values], dtype=np.int64)
        index += value_to_class[full.codes(axis.name)] * stride
    return index


def same_results(a, b, index) -> None:
    """Result ``a`` (uncompressed) equals result ``b`` (compressed) read through ``index``."""
    assert np.array_equal(a.verdict, b.verdict[index])
    assert np.array_equal(a.remedy, b.remedy[index])
    assert [a.remedy_keys[k] for k in a.remedy_key] == [b.remedy_keys[k] for k in b.remedy_key[index]]
    for name in a.deciding:
        assert np.array_equal(a.deciding[name], b.deciding[name][index]), name
    for name in a.granting:
        assert np.array_equal(a.granting[name], b.granting[name][index]), name


@FAST
@given(doc=law_docs(), chunk=CHUNKS, share=st.booleans())
def test_fast_engine_equals_interpreter_on_every_scenario(doc, chunk, share):
    law = lower_doc(doc)
    full = build_space(law, compress=False)
    small = build_space(law)
    assert full.total() == small.total() == int(full.weights().sum()) == sum(1 for _ in scenarios(law))
    assert int(small.weights().sum()) == small.total()
    index = compressed_index(full, small)
    for assumptions in assumption_settings(law):
        exact = evaluate_space(law, full, assumptions, share=share, chunk_points=chunk)
        check_against_interpreter(law, full, assumptions, exact)
        packed = evaluate_space(law, small, assumptions, share=not share, chunk_points=chunk)
        same_results(exact, packed, index)


@settings(max_examples=examples(25))
@given(doc=law_docs(), data=st.data())
def test_every_member_of_a_class_evaluates_like_its_representative(doc, data):
    law = lower_doc(doc)
    space = build_space(law)
    result = evaluate_space(law, space)
    weights = space.weights()
    for i in range(space.size):
        members = list(space.members(i))
        assert len(members) == weights[i] and space.possible(i) == bool(members)
        if not members:
            continue
        assert members[0] == space.scenario(i)
        other = data.draw(st.sampled_from(members))
        first, second = evaluate(law, members[0]), evaluate(law, other)
        assert first.verdict == second.verdict and first.deciding == second.deciding
        assert first.remedy.key == second.remedy.key
        assert [s.status for s in first.trace.rules] == [s.status for s in second.trace.rules]
        assert VERDICTS[result.verdict[i]] == second.verdict
        assert space.point_of(other) == i


@settings(max_examples=examples(20))
@given(pair=law_pairs(), chunk=CHUNKS)
def test_a_joint_space_is_exact_for_both_laws(pair, chunk):
    baseline, reform = pair
    full = build_space(baseline, reform, compress=False)
    joint = build_space(baseline, reform)
    assert int(joint.weights().sum()) == joint.total() == int(full.weights().sum())
    index = compressed_index(full, joint)
    for law in pair:
        exact = evaluate_space(law, full, chunk_points=chunk)
        check_against_interpreter(law, full, {}, exact)
        same_results(exact, evaluate_space(law, joint, chunk_points=chunk), index)


@settings(max_examples=examples(25))
@given(doc=law_docs())
def test_generated_laws_are_real_law_text(doc):
    # The strategy only makes laws that a person could write: printing and
    # parsing one gives the same law.
    assert lower_doc(parse_text(format_document(doc))) == lower_doc(doc)


def interpreter_counts(law: ir.Law, space, assumptions) -> tuple[dict, dict]:
    """Scenarios per verdict and per remedy status, one interpreter call per scenario."""
    verdicts, remedies = dict.fromkeys(VERDICTS, 0), dict.fromkeys(REMEDY_STATUSES, 0)
    for i in range(space.size):
        for scenario in space.members(i):
            out = evaluate(law, scenario, assumptions)
            verdicts[out.verdict] += 1
            remedies[out.remedy.status] += 1
    return verdicts, remedies


def result_counts(result, space) -> tuple[dict, dict]:
    """The same counts read off a whole-space result, each point weighted by its scenarios."""
    weights = space.weights()
    verdicts, remedies = np.zeros(len(VERDICTS), dtype=np.int64), np.zeros(len(REMEDY_STATUSES), dtype=np.int64)
    np.add.at(verdicts, result.verdict, weights)
    np.add.at(remedies, result.remedy, weights)
    return dict(zip(VERDICTS, verdicts.tolist())), dict(zip(REMEDY_STATUSES, remedies.tolist()))


@settings(max_examples=examples(20))
@given(doc=law_docs(), chunk=CHUNKS)
def test_count_space_equals_the_interpreter_on_every_scenario(doc, chunk):
    law = unconstrained(lower_doc(doc))
    full = build_space(law, compress=False)
    small = build_space(law)
    for assumptions in assumption_settings(law):
        expected = interpreter_counts(law, full, assumptions)
        for space in (full, small):
            for share in (False, True):
                counts = count_space(law, space, assumptions, share=share, chunk_points=chunk)
                assert (counts.verdicts, counts.remedies) == expected, (share, space.compressed)


@settings(max_examples=examples(150))
@given(doc=law_docs(leaves=12), chunk=CHUNKS)
def test_count_space_equals_evaluate_space(doc, chunk):
    # Cheaper than the interpreter, so more and larger laws: the flat program's buffer
    # reuse and operand order only go wrong on particular shapes of circuit.
    law = unconstrained(lower_doc(doc))
    for space in (build_space(law, compress=False), build_space(law)):
        for assumptions in assumption_settings(law):
            expected = result_counts(evaluate_space(law, space, assumptions), space)
            for share in (False, True):
                counts = count_space(law, space, assumptions, share=share, chunk_points=chunk)
                assert (counts.verdicts, counts.remedies) == expected, (share, space.compressed)
                assert counts.total == space.total() and counts.points == space.size
                if share:
                    assert counts.evaluated <= space.size
                else:  # the raw mode really evaluates every point
                    assert counts.evaluated == space.size


@settings(max_examples=examples(15))
@given(pair=law_pairs(), chunk=CHUNKS, share=st.booleans())
def test_count_space_on_a_joint_space(pair, chunk, share):
    baseline, reform = (unconstrained(law) for law in pair)
    joint = build_space(baseline, reform)
    for law in (baseline, reform):
        expected = result_counts(evaluate_space(law, joint), joint)
        counts = count_space(law, joint, share=share, chunk_points=chunk)
        assert (counts.verdicts, counts.remedies) == expected
