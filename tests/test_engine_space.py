"""Scenario spaces and whole-space evaluation on hand-written laws."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from benchmarks.count_kernel import count_space
from lawsim.diagnostics import LawError, render_text
from lawsim.engine import MissingFact, evaluate, fast, packing
from lawsim.engine.fast import evaluate_space
from lawsim.engine.space import Space, build_space
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS
from lawsim.resources import data_dir
from lawsim.semantics import load_version, lower
from lawsim.syntax import parse_text

BASE = '''
law "Base"
facts
  years "years since conviction": 0..20
  agency "a": doc | nypd
  warrant "w": yes/no
  conduct "c": hold | notify
default permitted
§ 1-1 "Hold"
  rule: doc may not hold unless warrant and years <= 5
  rule: nypd may not any conduct when years > 10 and years != 15
§ 1-2 "Suits"
  remedy: violations of § 1-1 let person sue for damages when warrant
'''


def law_of(text: str, name: str = "base"):
    return lower(parse_text(text, f"{name}.law"), name=name)[0]


def test_axes_put_agency_and_conduct_first_then_facts_by_name():
    space = build_space(law_of(BASE))
    assert space.facts == ("agency", "conduct", "warrant", "years")


def test_number_facts_are_cut_only_at_thresholds():
    space = build_space(law_of(BASE))
    years = space.axis("years")
    # <= 5 cuts before 6; > 10 before 11; != 15 before 15 and 16.
    assert years.classes == (tuple(range(0, 6)), tuple(range(6, 11)), tuple(range(11, 15)), (15,),
                             tuple(range(16, 21)))
    assert [years.label(c) for c in range(years.count)] == ["0..5", "6..10", "11..14", "15", "16..20"]
    assert space.axis("agency").classes == (("doc",), ("nypd",))
    assert space.size == 2 * 2 * 2 * 5
    assert space.total() == 2 * 2 * 2 * 21


def test_uncompressed_space_has_one_class_per_value():
    space = build_space(law_of(BASE), compress=False)
    assert space.size == space.total() == 168
    assert np.all(space.weights() == 1)


def test_weights_codes_and_scenarios_agree():
    space = build_space(law_of(BASE))
    weights = space.weights()
    assert weights.dtype == np.int64 and int(weights.sum()) == space.total()
    for i in range(space.size):
        scenario = space.scenario(i)
        assert space.point_of(scenario) == i
        classes = space.classes_at(i)
        assert all(space.codes(name)[i] == code for name, code in classes.items())
        assert weights[i] == np.prod([len(space.axis(n).classes[c]) for n, c in classes.items()])
        assert sum(1 for _ in space.members(i)) == weights[i]
    with pytest.raises(IndexError):
        space.scenario(space.size)


def test_a_fact_with_other_values_in_another_version_is_an_error_with_both_places():
    other = BASE.replace("years \"years since conviction\": 0..20", "years \"years since conviction\": 0..30")
    with pytest.raises(LawError) as err:
        build_space(law_of(BASE), law_of(other, "reform"))
    (diag,) = err.value.diagnostics
    assert diag.code == "E307"
    assert "0..20" in diag.message and "0..30" in diag.message
    assert diag.span.source.name == "reform.law" and diag.labels[0].span.source.name == "base.law"
    assert render_text(diag).startswith("reform.law:4:")


def test_joint_space_cuts_at_every_law_s_thresholds():
    reform = law_of(BASE.replace("years <= 5", "years <= 8"), "reform")
    joint = build_space(law_of(BASE), reform)
    assert (6, 7, 8) in joint.axis("years").classes


def counts_of(result, space) -> tuple[dict, dict]:
    """Scenarios per verdict and remedy status in a whole-space result (exact Python ints)."""
    verdicts, remedies = dict.fromkeys(VERDICTS, 0), dict.fromkeys(REMEDY_STATUSES, 0)
    weights = space.weights()
    for code, name in enumerate(VERDICTS):
        verdicts[name] = int(weights[result.verdict == code].sum())
    for code, name in enumerate(REMEDY_STATUSES):
        remedies[name] = int(weights[result.remedy == code].sum())
    return verdicts, remedies


def check_counts(law, space, result, assumptions=None, chunks=None) -> None:
    """count_space, raw and shared, at several chunk sizes, agrees with a whole-space result.

    The benchmark's counting kernel counts every point, so it is checked against the
    space without the law's fact constraints.
    """
    law, space = replace(law, constraints=()), Space(space.axes, space.size, space.compressed)
    expected = counts_of(result, space)
    for chunk in chunks or (1, 5, 64, 1000, fast.CHUNK_POINTS):
        for share in (False, True):
            counts = count_space(law, space, assumptions, share=share, chunk_points=chunk)
            assert (counts.verdicts, counts.remedies) == expected, (chunk, share)
            assert counts.total == space.total()
            assert counts.evaluated == space.size or share


def check_all(law, space, assumptions=None, points=None):
    """Fast engine == interpreter on every point (or on ``points``); counts agree too."""
    result = evaluate_space(law, space, assumptions)
    check_counts(law, space, result, assumptions, None if space.size <= 100_000 else (4096, 1 << 20))
    for i in range(space.size) if points is None else points:
        out = evaluate(law, space.scenario(i), assumptions)
        assert VERDICTS[result.verdict[i]] == out.verdict
        assert REMEDY_STATUSES[result.remedy[i]] == out.remedy.status
        assert result.remedy_keys[result.remedy_key[i]] == out.remedy.key
        assert {n for n, m in result.deciding.items() if m[i]} == set(out.deciding)
    return result


@pytest.mark.parametrize("spec", ["current.law", "powers.law", "hanif.law", "int-1412.law",
                                  "powers.law+hanif.law"])
def test_bundled_versions_match_the_interpreter(spec):
    # The bundled space has ~2.8e9 scenarios (~7e5 compressed points): check a spread of
    # points chosen by a stride coprime with the axis sizes, so every axis value is visited.
    bills = data_dir("bills")
    law = load_version("+".join(str(bills / part) for part in spec.split("+"))).law
    space = build_space(law)
    result = check_all(law, space, points=range(0, space.size, 997))
    if spec == "current.law":
        assert set(result.remedy_keys) == {("none", (), ()), ("not a violation", (), ())}


def test_masks_read_like_bool_arrays():
    law = law_of(BASE)
    space = build_space(law)
    result = evaluate_space(law, space)
    assert list(result.deciding) == [r.id for r in law.rules]
    assert list(result.granting) == [m.id for m in law.remedies]
    mask = result.deciding["1-1:rule1"]
    assert mask.dtype == bool and mask.shape == (space.size,)
    assert len(result.deciding) == 2


@pytest.mark.parametrize("table_planes", [0, packing._TABLE_PLANES])
def test_many_plaintiff_and_relief_names(monkeypatch, table_planes):
    # Nine names: more than one byte of code bits, and (with no table) the row-numbering path.
    text = BASE.replace("let person sue for damages", "let person, relative, union, city sue for damages, "
                        "costs, fees, injunction, declaration")
    law = law_of(text)
    monkeypatch.setattr(packing, "_TABLE_PLANES", table_planes)
    result = check_all(law, build_space(law, compress=False))
    assert ("available", ("city", "person", "relative", "union"),
            ("costs", "damages", "declaration", "fees", "injunction")) in result.remedy_keys


def test_rules_without_an_agency_fact_need_one_like_the_interpreter():
    law = law_of('''
law "No agency"
facts
  warrant "w": yes/no
default permitted
§ 1-1 "Rule"
  rule: any agency may not any conduct unless warrant
''')
    space = build_space(law)
    with pytest.raises(MissingFact):
        evaluate(law, space.scenario(0))
    with pytest.raises(MissingFact):
        evaluate_space(law, space)


def test_a_space_compressed_for_other_laws_is_refused():
    base = law_of(BASE)
    reform = law_of(BASE.replace("years <= 5", "years <= 8"), "reform")
    with pytest.raises(ValueError, match="not built for"):
        evaluate_space(reform, build_space(base))


def test_assumptions_change_the_whole_space_result():
    law = law_of(BASE.replace('§ 1-2 "Suits"', '§ 1-2 "Suits"\n  assumption strict "s": off').replace(
        "when warrant", "when warrant or strict"))
    space = build_space(law)
    off, on = check_all(law, space), check_all(law, space, {"strict": True})
    assert not np.array_equal(off.remedy, on.remedy)


def test_verdict_and_remedy_conflicts():
    law = law_of(BASE + '''
§ 1-3 "Clashes"
  rule: nypd may hold when warrant
  remedy: violations of § 1-1 give no remedy when years > 15
''')
    result = check_all(law, build_space(law))
    assert 2 in result.verdict  # nypd holding with a warrant, years 11..14 or 16..20
    assert 3 in result.remedy  # a grant and a denial, years 16..20
    assert [k[0] for k in result.remedy_keys] == ["available", "conflict", "none", "not a violation"]


def test_a_law_without_facts_has_one_scenario():
    law = law_of('law "Empty"\ndefault prohibited\n')
    space = build_space(law)
    assert (space.size, space.total(), space.scenario(0)) == (1, 1, {})
    result = check_all(law, space)
    assert result.remedy_keys == (("none", (), ()),)


def test_spaces_and_circuits_do_not_import_numpy():
    # numpy is only for evaluating whole spaces; CLI start-up must not pay for it.
    code = ("import sys, lawsim.cli, lawsim.engine.space, lawsim.engine.circuit; "
            "sys.exit('numpy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_counts_with_more_scenarios_than_int64_holds():
    # 25 number facts of 10,001 values each: about 1e100 scenarios in a handful of points.
    facts = "\n".join(f'  n{i} "n{i}": 0..10000' for i in range(25))
    law = law_of(BASE.replace('facts\n', 'facts\n' + facts + '\n').replace(
        "when warrant", "when warrant and n3 > 7 and n17 <= 9000"))
    space = build_space(law)
    assert space.total() == 21 * 2 * 2 * 2 * 10001 ** 25
    result = evaluate_space(law, space)
    sizes = [[len(c) for c in axis.classes] for axis in space.axes]
    exact = dict.fromkeys(REMEDY_STATUSES, 0)
    for i in range(space.size):
        scenarios = 1
        for axis, code in zip(sizes, space.classes_at(i).values()):
            scenarios *= axis[code]
        exact[REMEDY_STATUSES[result.remedy[i]]] += scenarios
    for share in (False, True):
        for chunk in (1, 64, fast.CHUNK_POINTS):
            counts = count_space(law, space, share=share, chunk_points=chunk)
            assert counts.remedies == exact and sum(counts.verdicts.values()) == space.total()


def test_raw_counting_evaluates_every_chunk_and_sharing_fewer():
    law = law_of(BASE)
    space = build_space(law, compress=False)
    raw = count_space(law, space, chunk_points=21)
    shared = count_space(law, space, share=True, chunk_points=21)
    assert raw.evaluated == space.size and raw.chunks == space.size // 21
    assert shared.chunks < raw.chunks and shared.evaluated == shared.chunks * 21
    assert (raw.verdicts, raw.remedies) == (shared.verdicts, shared.remedies)


def test_counting_without_np_bitwise_count(monkeypatch):
    # numpy before 2.0 has no bitwise_count: bits are then counted a byte at a time.
    import benchmarks.count_kernel as count

    law = law_of(BASE)
    space = build_space(law, compress=False)
    expected = count_space(law, space, chunk_points=100)
    monkeypatch.setattr(count, "_BITWISE_COUNT", None)
    assert count_space(law, space, chunk_points=100) == expected
    assert (expected.verdicts, expected.remedies) == counts_of(evaluate_space(law, space), space)


def test_counts_when_only_outer_points_stand_for_many_scenarios():
    # The chunk is the four-value record (one scenario per point); the number fact, two
    # classes of 6 and 15 values, is outside it, so whole chunks carry the weights.
    law = law_of('''
law "Weights outside the chunk"
facts
  agency "a": doc
  conduct "c": hold
  record "r": none | minor | major | violent
  years "y": 0..20
default permitted
§ 1-1 "Hold"
  rule: doc may not hold unless record is violent and years <= 5
''')
    space = build_space(law)
    assert [a.count for a in space.axes] == [1, 1, 4, 2]
    expected = counts_of(evaluate_space(law, space), space)
    assert expected[0]["prohibited"] == 3 * 21 + 15
    for share in (False, True):
        counts = count_space(law, space, share=share, chunk_points=4)
        assert counts.chunks == 2 and (counts.verdicts, counts.remedies) == expected
