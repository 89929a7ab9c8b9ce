"""Citation shapes of other codes: they parse, match across a bill and its base, and cover what is under them."""

from __future__ import annotations

import pytest

from lawsim.semantics import from_document
from lawsim.semantics.cites import cite_sort_key, covered
from lawsim.syntax import parse_text

LAW = '''law "Welcoming City (Chicago-style citations)"
facts
  agency "who": police
  conduct "what": hold | share
default permitted
§ 2-173-042(a) "No holds on detainers"
  rule hold_ban: police may not hold
§ 2-173-042(b)(1) "An exception"
  rule: police may hold notwithstanding § 2-173-042(a)
§ 805/15 "Illinois-style"
  rule: police may not share
§ 7284.6(a)(1)(C) "California-style"
  remedy: violations of § 2-173 give no remedy
'''


@pytest.mark.parametrize("cite", ["2-173-042(a)", "§ 2-173-042(a)", "805/15", "7284.6(a)(1)(C)", "3", "12.3",
                                  "9-131(h)(1)", "14-154"])
def test_common_shapes_parse(cite):
    doc = parse_text(f'law "x"\nfacts\n  agency "a": doc\n  conduct "c": hold\ndefault permitted\n'
                     f'{cite} "A"\n  rule: doc may not hold\n')
    assert doc.provisions[0].cite.id == cite.removeprefix("§ ")


def test_a_chicago_style_law_checks_and_a_bill_amends_it_by_the_same_citation():
    base = parse_text(LAW, "base.law")
    bill = parse_text('bill "O2021-1" "Removes the exception"\namends "base.law"\nrepeal § 2-173-042(b)(1)\n')
    version = from_document(base, "amended", bill.blocks)
    assert "2-173-042(b)(1)" not in version.law.provision_map
    remedy = version.law.remedies[0]
    assert remedy.covers == {"2-173-042(a)"}


def test_a_citation_covers_only_what_extends_it_at_a_separator():
    ids = ["2-173-042(a)", "2-173-042(b)(1)", "10-178(c)", "10-17", "7284.6(a)", "805/15"]
    assert covered("2-173", ids) == ["2-173-042(a)", "2-173-042(b)(1)"]
    assert covered("10-17", ids) == ["10-17"]
    assert covered("7284", ids) == ["7284.6(a)"]
    assert covered("805", ids) == ["805/15"]
    assert sorted(["9-205", "10-178", "9-131(b)", "2-173-042(a)"], key=cite_sort_key) == [
        "2-173-042(a)", "9-131(b)", "9-205", "10-178"]
