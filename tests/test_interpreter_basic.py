"""The § 9-131(b) honouring rule, evaluated by the reference interpreter."""

from lawsim.engine import evaluate
from lawsim.semantics import lower
from lawsim.syntax import parse_text

SMALL = '''
law "Sample"
facts
  agency "a": doc | nypd
  conduct "c": hold_past_release | notify_release
  judicial_warrant "w": yes/no
  record "r": none | violent_or_serious
  years "y": 0..20
default permitted
§ 9-131(a) "Definitions"
  define qualifying "q": record is violent_or_serious and years <= 5
§ 9-131(b) "Holding"
  rule: doc may not hold_past_release unless judicial_warrant and qualifying
§ 9-131(e) "No suit"
  remedy: violations of § 9-131 give no remedy
'''


def law():
    return lower(parse_text(SMALL))[0]


def test_hold_without_warrant_is_prohibited_without_remedy():
    out = evaluate(law(), {"agency": "doc", "conduct": "hold_past_release", "judicial_warrant": "no"})
    assert out.verdict == "prohibited"
    assert out.remedy.status == "none"
    assert out.remedy.denied_by == ("9-131(e)",)
    assert out.deciding == ("9-131(b):rule1",)


def test_warrant_and_qualifying_conviction_lifts_the_prohibition():
    facts = {"agency": "doc", "conduct": "hold_past_release", "judicial_warrant": "yes",
             "record": "violent_or_serious", "years": 5}
    out = evaluate(law(), facts)
    assert out.verdict == "permitted"
    assert out.trace.rules[0].status == "excepted"
    assert ("qualifying", "9-131(a)", True) in out.trace.definitions


def test_conviction_outside_lookback_does_not_qualify():
    facts = {"agency": "doc", "conduct": "hold_past_release", "judicial_warrant": "yes",
             "record": "violent_or_serious", "years": 6}
    assert evaluate(law(), facts).verdict == "prohibited"


def test_out_of_scope_agency_falls_to_default():
    out = evaluate(law(), {"agency": "nypd", "conduct": "hold_past_release"})
    assert out.verdict == "permitted"
    assert out.trace.rules == ()
