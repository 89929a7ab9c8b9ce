"""Constraints, parameters, renumbering and duties: written, checked and used by every engine."""

from __future__ import annotations

import pytest

from lawsim.compare import compare
from lawsim.compare.structure import Modified
from lawsim.diagnostics import LawError
from lawsim.engine.fast import evaluate_space
from lawsim.engine.interpreter import evaluate
from lawsim.engine.space import build_space
from lawsim.ir.constraints import broken_by
from lawsim.semantics import from_document
from lawsim.semantics.assume import with_parameters
from lawsim.syntax import format_document, parse_text
from tests.compare_oracle import scenarios

LAW = '''law "A small ordinance"
facts
  agency "who": police
  conduct "what":
    hold "keep the person past release"
    | notify "tell ICE of the release"
    | record_request "record ICE's request"
    | skip_record "do not record ICE's request" omits record_request
  hours "hours past release": 0..10
  years "years since the conviction": 0..10
  released "years since release from the sentence": 0..10
  convicted "the person has a conviction": yes/no

constraint hours_only_for_holds "only a hold has hours past release":
  impossible when conduct is not hold and hours > 0
constraint release_after_conviction "release comes after the conviction":
  requires released <= years
constraint years_need_a_conviction "no conviction, no years":
  impossible when not convicted and years > 0

default permitted

§ 1-1(a) "Holds"
  rule: police may not hold when hours > max_hours
  parameter max_hours "the longest hold allowed": 4
§ 1-1(b) "Notices"
  rule: police may not notify unless convicted and years <= lookback
  parameter lookback "the look-back in years": 5
§ 1-2 "Records"
  rule record_duty: police must record_request
'''


def version(text=LAW, name="law"):
    return from_document(parse_text(text, f"{name}.law"), name)


def test_the_features_round_trip_through_fmt():
    doc = parse_text(LAW)
    assert parse_text(format_document(doc)) == doc


def test_constraints_leave_out_impossible_scenarios_from_every_count():
    law = version().law
    space = build_space(law)
    possible = list(scenarios(law))
    assert space.total() == len(possible) == int(space.weights().sum())
    assert all(not broken_by(law.constraints, s) for s in possible)
    assert not any(s["conduct"] != "hold" and s["hours"] > 0 for s in possible)
    assert not any(s["released"] > s["years"] for s in possible)
    result = evaluate_space(law, space)
    weights = space.weights()
    for i in range(space.size):
        if weights[i]:
            witness = space.scenario(i)
            assert not broken_by(law.constraints, witness)
            assert result.verdict[i] == evaluate(law, witness).verdict.code


def test_a_parameter_is_a_named_threshold_that_a_run_may_change():
    law = version().law
    hold = {"agency": "police", "conduct": "hold", "hours": 5}
    assert evaluate(law, hold).verdict == "prohibited"
    assert evaluate(with_parameters(law, {"max_hours": 6}), hold).verdict == "permitted"
    assert law.parameters["max_hours"].value == 4


def test_a_duty_is_broken_by_its_omission():
    law = version().law
    assert evaluate(law, {"agency": "police", "conduct": "skip_record"}).verdict == "prohibited"
    assert evaluate(law, {"agency": "police", "conduct": "record_request"}).verdict == "permitted"
    (rule,) = [r for r in law.rules if r.duty]
    assert rule.duty == ("record_request",) and rule.conducts == {"skip_record"}


@pytest.mark.parametrize("text, code", [
    (LAW.replace("impossible when not convicted and years > 0", "impossible when always"), "E208"),
    (LAW.replace("requires released <= years", "requires released <= convicted"), "E111"),
    (LAW + "§ 1-3 \"More\"\n  rule: police must notify\n", "E109"),
    (LAW.replace("omits record_request", "omits nothing_here"), "E110"),
    (LAW.replace("  rule: police may not hold when hours > max_hours",
                 "  rule: police may not hold when hours > years"), "E111"),
])
def test_misused_features_are_located_errors(text, code):
    with pytest.raises(LawError) as err:
        version(text)
    assert code in {d.code for d in err.value.diagnostics}
    assert all(d.span is not None for d in err.value.diagnostics)


def test_a_constraint_tests_facts_only():
    text = LAW.replace("requires released <= years", "requires released <= years and lookback_ok").replace(
        '§ 1-2 "Records"', '§ 1-2 "Records"\n  assumption lookback_ok "x": on')
    with pytest.raises(LawError) as err:
        version(text)
    assert [d.code for d in err.value.diagnostics] == ["E108"]


def test_renumbering_is_a_move_in_the_structural_diff_and_redline():
    base = parse_text(LAW, "base.law")
    bill = parse_text('bill "O-1" "Moves the notice rule"\namends "base.law"\nrenumber § 1-1(b) as § 1-3\n',
                      "bill.law")
    baseline, reform = from_document(base, "base"), from_document(base, "moved", bill.blocks)
    assert "1-3" in reform.law.provision_map and "1-1(b)" not in reform.law.provision_map
    result = compare(baseline, reform)
    (change,) = result.structure.provisions
    assert isinstance(change, Modified) and change.renumbered and change.baseline.id == "1-1(b)"
    assert change.items == () and change.attribution is not None and change.attribution.bill == "O-1"
    assert result.semantics.changed == 0  # moving a provision changes no verdict
    text = "".join(seg.text for seg in result.redline(change).segments)
    assert "1-1(b)" in text and "1-3" in text
    backward = compare(reform, baseline).structure.provisions
    assert len(backward) == 1 and backward[0].renumbered


def test_renumbering_onto_a_citation_in_use_and_stale_citations_are_errors():
    base = parse_text(LAW, "base.law")
    onto = parse_text('bill "O-2" "x"\namends "base.law"\nrenumber § 1-1(b) as § 1-2\n', "bill.law")
    with pytest.raises(LawError) as err:
        from_document(base, "x", onto.blocks)
    assert [d.code for d in err.value.diagnostics] == ["E302"]
    cited = LAW + '§ 1-4 "Priority"\n  rule: police may notify notwithstanding § 1-1(b)\n'
    move = parse_text('bill "O-3" "x"\namends "base.law"\nrenumber § 1-1(b) as § 1-3\n', "bill.law")
    with pytest.raises(LawError) as err:
        from_document(parse_text(cited, "base.law"), "x", move.blocks)
    (diag,) = err.value.diagnostics
    assert diag.code == "E203" and "renumbered as § 1-3 by bill O-3" in diag.notes[0]


def test_compare_warns_about_a_duty_another_rule_forbids():
    text = LAW + '§ 1-3 "No records of secrets"\n  rule: police may not record_request when years > 5\n'
    warned = {w.code for w in compare(version(text), version(text)).warnings}
    assert "W605" in warned
