"""The semantic diff on small laws (tests/data/compare), checked against the interpreter."""

from pathlib import Path

import pytest

from lawsim import api
from lawsim.compare import compare
from lawsim.compare.kinds import KINDS, MIRROR, State, classify
from lawsim.semantics import load_version
from tests.compare_oracle import matches, state, transitions

DATA = Path(__file__).resolve().parent / "data" / "compare" / "bills"


def law(name: str):
    return load_version(str(DATA / f"{name}.law"))


@pytest.fixture(scope="module")
def base():
    return law("base")


def test_classify_covers_each_kind_and_mirrors():
    p, x, c = State("permitted", "not a violation"), State("prohibited", "none"), State("conflict", "not a violation")
    sue = State("prohibited", "available", ("person",), ("damages",))
    more = State("prohibited", "available", ("person",), ("damages", "fees"))
    clash = State("prohibited", "conflict", ("person",), ("damages",))
    cases = {(p, x): "loophole_closed", (x, p): "loophole_opened", (x, sue): "remedy_gained",
             (sue, x): "remedy_lost", (sue, more): "remedy_changed", (p, c): "conflict_introduced",
             (c, x): "conflict_resolved", (sue, clash): "remedy_conflict_introduced",
             (clash, x): "remedy_conflict_resolved"}
    assert sorted(cases.values()) == sorted(KINDS)
    for (before, after), kind in cases.items():
        assert classify(before, after) == kind
        assert classify(after, before) == MIRROR[kind]


def test_closing_the_notification_loophole(base):
    reform = law("close")
    sem = compare(base, reform).semantics
    assert (sem.total, sem.changed) == (704, 28)
    assert {r.kind for r in sem.regions} == {"loophole_closed"}
    assert [r.count for r in sem.regions] == [22, 6]
    first = sem.regions[0]
    assert {c.fact.name: c.values for c in first.conditions} == {
        "agency": ("doc",), "conduct": ("notify_release",), "judicial_warrant": ("no",), "tsdb_match": ("yes",),
        "unrelated_matter": ("no",)}
    assert first.before == State("permitted", "not a violation")
    assert first.after == State("prohibited", "none")
    assert [(r.id, r.baseline, r.reform) for r in first.responsible] == [
        ("9-131(c):notify", None, "decides"), ("9-131(e):remedy1", None, "denies")]
    words = {(p.agency, p.conduct): (p.verdicts, p.remedies) for p in sem.pairs}
    assert words[("doc", "notify_release")] == ("stricter", "unchanged")
    assert words[("nypd", "notify_release")] == ("equivalent", "unchanged")


def test_every_region_matches_the_interpreter_exactly(base):
    for name in ("close", "remedy", "mixed"):
        reform = law(name)
        sem = compare(base, reform).semantics
        counts = [0] * len(sem.regions)
        for scenario, before, after in transitions(base.law, reform.law):
            inside = [i for i, r in enumerate(sem.regions) if matches(r, scenario)]
            if before == after:
                assert inside == [], (name, scenario)
                continue
            assert len(inside) == 1, (name, scenario)
            region = sem.regions[inside[0]]
            assert (region.before, region.after) == (before, after)
            counts[inside[0]] += 1
        assert counts == [r.count for r in sem.regions]
        for region in sem.regions:
            w = region.witness
            assert (state(w.baseline), state(w.reform)) == (region.before, region.after)
            assert matches(region, dict(w.scenario))


def test_a_private_right_of_action_gains_remedies_and_removing_it_loses_them(base):
    reform = law("remedy")
    gained = compare(base, reform).semantics
    lost = compare(reform, base).semantics
    assert gained.count("remedy_gained") == lost.count("remedy_lost") == gained.changed == 152
    assert {p.remedies for p in gained.pairs if p.agency == "doc"} == {"more"}
    assert {p.remedies for p in lost.pairs if p.agency == "doc"} == {"fewer"}
    assert {p.verdicts for p in gained.pairs} == {"equivalent"}
    region = gained.regions[0]
    assert region.after == State("prohibited", "available", ("injured_person",), ("damages", "injunction"))


def test_assumption_sensitivity_and_reliance(base):
    reform = law("close")
    sem = compare(base, reform).semantics
    assert [(s.assumption, s.value) for s in sem.sensitivity] == [("unrelated_exception", False)]
    flipped = sem.sensitivity[0]
    flips = transitions(base.law, reform.law, {"unrelated_exception": False})
    expected = sum(before != after for _, before, after in flips)
    assert flipped.changed == expected == 56
    # Both regions need unrelated_matter=no, where the exception cannot matter.
    assert all(r.assumptions == () for r in sem.regions)
    for index, region in enumerate(sem.regions):
        relies = any(matches(region, s) and (b, a) != (region.before, region.after)
                     for s, b, a in transitions(base.law, reform.law, {"unrelated_exception": False}))
        assert relies == (index in flipped.regions) == ("unrelated_exception" in region.assumptions)


def test_a_law_compared_with_itself_changes_nothing(base):
    result = compare(base, base)
    assert not result.changed
    assert result.semantics.regions == ()
    assert {(p.verdicts, p.remedies) for p in result.semantics.pairs} == {("equivalent", "unchanged")}


def test_warnings_about_dead_rules_unused_definitions_and_idle_bills():
    report = api.compare(str(DATA / "base.law"), str(DATA / "mixed.law"))
    found = {(w.code, w.message) for w in report.warnings}
    assert ("W603", "rule 9-131(d):dormant decides no scenario (the baseline only)") in found
    assert ("W201", "definition 'listed' is used by no rule or remedy (both versions)") in found
    assert ("W601", "bill Int 0004-2023 changes no verdict or remedy in any scenario (the reform only)") in found
    assert ("W602", "the amendment 'repeal § 9-131(d)' of bill Int 0003-2023 changes no verdict or remedy in any "
                    "scenario (the reform only)") in found
    assert len(found) == 4
