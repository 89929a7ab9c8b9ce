"""Semantic checks and bill application: the behaviour behind the diagnostics."""

from __future__ import annotations

import pytest

from lawsim import api
from lawsim.diagnostics import LawError
from lawsim.semantics import Target, apply_bills, load_version, lower
from lawsim.syntax import parse_text

LAW = '''law "x"
facts
  agency "a": doc | nypd
  conduct "c": hold | notify
  warrant "w": yes/no
  years "y": 0..20
default permitted
§ 9-131(a) "Definitions"
  define recent "recent": years <= 5
§ 9-131(b) "Holding"
  rule: doc may not hold unless warrant and recent
§ 9-131(h) "Notifying"
  rule: doc may not notify unless recent
'''


def errors(text: str) -> list[str]:
    try:
        lower(parse_text(text, "t.law"))
    except LawError as err:
        return [d.code for d in err.diagnostics]
    return []


def bill_errors(*amendments: str) -> list[tuple[str, str]]:
    base = parse_text(LAW, "base.law")
    bill = parse_text('bill "Int 1" "t"\namends "base.law"\n' + "\n".join(amendments), "bill.law")
    try:
        law, provenance = apply_bills(base, bill.blocks)
        lower(law, provenance=provenance)
    except LawError as err:
        return [(d.code, d.message) for d in err.diagnostics]
    return []


def test_the_sample_law_is_valid():
    law, warnings = lower(parse_text(LAW))
    assert warnings == [] and [r.id for r in law.rules] == ["9-131(b):rule1", "9-131(h):rule1"]


def test_name_and_type_errors_are_reported_together():
    text = LAW.replace("unless recent", "unless recnt and years is old and warrant > 1 and agency")
    assert errors(text) == ["E104", "E105", "E105", "E105"]


def test_a_broad_citation_may_include_the_rule_itself():
    text = LAW + '§ 9-131(i) "Priority"\n  rule: doc may notify notwithstanding § 9-131\n'
    law, _ = lower(parse_text(text))
    [rule] = [r for r in law.rules if r.provision == "9-131(i)"]
    assert rule.overrides == ("9-131(a)", "9-131(b)", "9-131(h)")


def test_naming_the_own_provision_is_an_error():
    text = LAW.replace("unless recent", "unless recent notwithstanding § 9-131(h)")
    assert errors(text) == ["E205"]


def test_an_override_cycle_is_reported_once():
    text = LAW.replace("unless warrant and recent", "unless warrant notwithstanding § 9-131(h)").replace(
        "unless recent", "unless recent notwithstanding § 9-131(b)")
    assert errors(text) == ["E205"]


def test_scope_facts_must_be_one_of_when_rules_name_values():
    assert errors(LAW.replace('agency "a": doc | nypd', 'agency "a": yes/no')) == ["E207"]
    text = LAW.replace('agency "a": doc | nypd', 'agency "a": yes/no').replace("doc may", "any agency may")
    assert errors(text) == []


def test_rules_for_any_agency_without_scope_facts_only_warn():
    text = 'law "x"\nfacts\n  w "w": yes/no\ndefault permitted\n§ 1-1 "r"\n  rule: any agency may not any conduct\n'
    _, warnings = lower(parse_text(text))
    assert [w.code for w in warnings] == ["W207"]


def test_a_law_without_rules_needs_no_scope_facts():
    assert errors('law "x"\ndefault permitted\n§ 1-1 "c"\n  assumption a "a": on\n') == []


def test_repealing_a_used_definition_says_which_bill():
    [(code, message), _] = bill_errors("repeal definition recent")
    assert code == "E104" and "recent" in message


def test_the_repeal_note_names_the_bill():
    base = parse_text(LAW, "base.law")
    bill = parse_text('bill "Int 1" "t"\nrepeal definition recent\n', "bill.law")
    law, provenance = apply_bills(base, bill.blocks)
    assert provenance.repealed_by(Target.DEFINITION, "recent") == "Int 1"
    with pytest.raises(LawError) as info:
        lower(law, provenance=provenance)
    assert any("repealed by bill Int 1" in n for d in info.value.diagnostics for n in d.notes)


def test_citing_a_repealed_provision_says_which_bill():
    text = LAW + '§ 9-131(e) "No suit"\n  remedy: violations of § 9-131(h) give no remedy\n'
    base = parse_text(text, "base.law")
    bill = parse_text('bill "Int 1" "t"\nrepeal § 9-131(h)\n', "bill.law")
    law, provenance = apply_bills(base, bill.blocks)
    with pytest.raises(LawError) as info:
        lower(law, provenance=provenance)
    [diag] = info.value.diagnostics
    assert diag.code == "E203" and "repealed by bill Int 1" in diag.notes[0]


@pytest.mark.parametrize("order", [0, 1])
def test_a_provision_and_a_definition_inside_it_clash_in_either_order(order):
    amendments = ['replace § 9-131(a) "Definitions"\n  define recent "r": years <= 3\n',
                  'replace definition recent "r":\n  years <= 4\n']
    if order:
        amendments.reverse()
    found = bill_errors(*amendments)
    assert [c for c, _ in found] == ["E303"]
    assert "definition 'recent'" in found[0][1]


def test_replacing_a_definition_elsewhere_is_fine():
    assert bill_errors('replace definition recent "r":\n  years <= 4\n',
                       'replace § 9-131(h) "Notifying"\n  rule: doc may not notify\n') == []


def test_the_base_is_not_modified():
    base = parse_text(LAW, "base.law")
    before = repr(base)
    bill = parse_text('bill "Int 1" "t"\nrepeal § 9-131(h)\nrepeal definition recent\n', "bill.law")
    apply_bills(base, bill.blocks)
    assert repr(base) == before


def test_checking_a_bill_whose_name_contains_a_plus(tmp_path):
    (tmp_path / "base.law").write_text(LAW)
    bill = tmp_path / "a+b.law"
    bill.write_text('bill "Int 1" "t"\namends "base.law"\nrepeal § 9-131(h)\n')
    [result] = api.check([str(bill)])
    assert result.ok, result.diagnostics


def test_a_compound_version_applies_bills_in_order(tmp_path):
    (tmp_path / "base.law").write_text(LAW)
    (tmp_path / "one.law").write_text('bill "Int 1" "t"\namends "base.law"\nrepeal § 9-131(h)\n')
    (tmp_path / "two.law").write_text('bill "Int 2" "t"\namends "base.law"\n'
                                      'insert § 9-131(i) "New"\n  rule: nypd may not hold\n')
    version = load_version(f"{tmp_path / 'one.law'}+{tmp_path / 'two.law'}")
    assert [p.id for p in version.law.provisions] == ["9-131(a)", "9-131(b)", "9-131(i)"]
    assert version.law.provision_map["9-131(i)"].origin == "Int 2"
    assert [b.number for b in version.law.bills] == ["Int 1", "Int 2"]


def test_quoted_conditions_lower_back_to_the_same_ir():
    """explain quotes IR conditions as .law text; that text must mean the same thing."""
    from pathlib import Path

    from lawsim import ir
    from lawsim.report.law_text import format_condition

    path = Path(__file__).parent / "data" / "explain" / "honour.law"
    law = load_version(str(path)).law
    conditions = [d.expr for d in law.definitions.values()]
    conditions += [c for r in law.rules for c in (r.when, *r.exceptions)]
    conditions += [ir.Neg(ir.In("record", frozenset({"none"}))), ir.In("agency", frozenset({"nypd", "doc"})),
                   ir.Neg(ir.In("tsdb_match", frozenset({"yes"}))), ir.In("tsdb_match", frozenset({"no"})),
                   ir.Neg(ir.AllOf((ir.Const(True), ir.Neg(ir.Const(False)))))]
    extra = "".join(f"  define quoted_{i} \"q\": {format_condition(c, law)}\n" for i, c in enumerate(conditions))
    text = path.read_text(encoding="utf-8") + '\n§ 99-1 "Quoted"\n' + extra
    again, _ = lower(parse_text(text))
    for i, condition in enumerate(conditions):
        assert again.definitions[f"quoted_{i}"].expr == condition, format_condition(condition, law)
    assert format_condition(conditions[-4], law) == "agency is one of (doc, nypd)"
    assert format_condition(conditions[-3], law) == "not tsdb_match"


@pytest.mark.parametrize("spec, message", [
    ("{d}/one.law+", "is not a version"),
    ("{d}/one.law+{d}/base.law", "is a law, not a bill"),
    ("{d}/one.law+{d}/other.law", "but this version is built on"),
])
def test_bad_version_specs_are_e306(tmp_path, spec, message):
    (tmp_path / "base.law").write_text(LAW)
    (tmp_path / "base2.law").write_text(LAW)
    (tmp_path / "one.law").write_text('bill "Int 1" "t"\namends "base.law"\nrepeal § 9-131(h)\n')
    (tmp_path / "other.law").write_text('bill "Int 2" "t"\namends "base2.law"\nrepeal § 9-131(b)\n')
    with pytest.raises(LawError) as info:
        load_version(spec.format(d=tmp_path))
    [diag] = info.value.diagnostics
    assert diag.code == "E306" and message in diag.message
