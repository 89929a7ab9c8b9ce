"""with_assumptions: a reading of a law with assumptions set, leaving the law itself alone."""

from conftest import ROOT

from lawsim.semantics import load_version
from lawsim.semantics.assume import with_assumptions


def test_only_the_named_defaults_change_and_the_input_is_untouched():
    law = load_version(str(ROOT / "bills" / "current.law")).law
    read = with_assumptions(law, {"specific_sections_prevail": False, "not_declared_here": True})
    assert read.assumptions["specific_sections_prevail"].default is False
    assert law.assumptions["specific_sections_prevail"].default is True
    others = {n: a for n, a in read.assumptions.items() if n != "specific_sections_prevail"}
    assert others == {n: a for n, a in law.assumptions.items() if n != "specific_sections_prevail"}
    assert read.rules == law.rules and read.facts == law.facts
    assert with_assumptions(law, {"specific_sections_prevail": True}) is law
