"""compare on the bundled corpus (bills/): what the Powers and Hanif bills change."""

import os
from pathlib import Path

import pytest

from lawsim import api
from lawsim.compare import compare
from lawsim.semantics import load_version
from tests.compare_oracle import matches

BILLS = Path(__file__).resolve().parent.parent / "bills"

# April 2017: DOC tells ICE that a person with a recent listed conviction will be released; ICE
# presented a detainer but no judicial warrant.
NOTIFY_WITHOUT_WARRANT = {
    "agency": "doc", "conduct": "notify_release", "federal_agent": "ice_civil", "presented": "detainer",
    "record": "violent_or_serious", "years_since_conviction": 2, "years_since_release": 2, "tsdb_match": "no",
    "removed_reentered": "no", "hours_past_release": 0, "unrelated_purpose": "no",
    "criminal_entry_enforcement": "no", "required_by_law": "no",
    "mayoral_order": "no", "ice_detention_resulted": "no",
}


@pytest.fixture(scope="module")
def laws():
    return {name: load_version(str(BILLS / f"{name}.law")) for name in ("current", "powers", "hanif", "int-1412")}


def test_powers_closes_the_notification_loophole_and_opens_none(laws):
    sem = compare(laws["current"], laws["powers"]).semantics
    assert sem.count("loophole_closed") > 0
    assert sem.count("loophole_opened") == 0 and sem.count("conflict_introduced") == 0
    (region,) = [r for r in sem.regions if matches(r, NOTIFY_WITHOUT_WARRANT)]
    assert region.kind == "loophole_closed"
    conditions = {c.fact.name: set(c.values) for c in region.conditions}
    assert conditions["agency"] == {"doc"} and "notify_release" in conditions["conduct"]
    assert "judicial_warrant" not in conditions["presented"]
    assert conditions["record"] == {"violent_or_serious"}
    assert {r.provision for r in region.responsible if r.kind == "rule"} >= {"9-131(h)(2)"}
    assert {p.verdicts for p in sem.pairs if p.agency == "probation"} == {"equivalent"}


def test_hanif_changes_no_verdict_but_gains_remedies_at_all_three_agencies(laws):
    sem = compare(laws["current"], laws["hanif"]).semantics
    assert sem.changed == sem.count("remedy_gained") > 0
    assert {p.verdicts for p in sem.pairs} == {"equivalent"}
    assert {p.agency for p in sem.pairs if p.remedies == "more"} == {"doc", "nypd", "probation"}
    assert "int158_fee_shifting" in {s.assumption for s in sem.sensitivity}


@pytest.mark.parametrize("name", ["current", "powers", "hanif", "int-1412"])
def test_every_bundled_law_is_equivalent_to_itself(laws, name):
    result = compare(laws[name], laws[name])
    assert not result.changed and result.semantics.regions == ()


def test_the_documented_cases_that_powers_changes():
    report = api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"))
    changed = {c.id: c for c in report.cases if c.kind is not None}
    assert changed["apr-2017-pickup-coordination"].kind == "loophole_closed"
    assert changed["apr-2017-pickup-coordination"].region is not None
    assert all(c.kind == "loophole_closed" for c in changed.values())
    assert not [w for w in report.warnings if w.code in ("W601", "W602")]


def test_in_short_states_the_findings_a_council_member_needs_first():
    from lawsim.report.compare_view import build

    powers = build(api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"))).in_short
    assert "No loophole is opened." in powers
    (closed,) = [line for line in powers if line.startswith("Loopholes closed:")]
    assert "DOC: notify release" in closed and "NYPD: hold past release" in closed
    assert "probation" not in closed
    assert any(line.startswith("Documented cases that change") and
               "April 2017: DOC tells ICE of a release and asks when ICE will arrive (loophole closed)" in line
               for line in powers)
    hanif = build(api.compare(str(BILLS / "current.law"), str(BILLS / "hanif.law"))).in_short
    assert "No loophole is closed." in hanif and "No loophole is opened." in hanif
    (gained,) = [line for line in hanif if line.startswith("Remedies gained:")]
    assert "DOC: every conduct; NYPD: every conduct; probation: every conduct" in gained
    same = build(api.compare(str(BILLS / "current.law"), str(BILLS / "current.law"))).in_short
    assert same[0].startswith("No custody situation gets a different outcome")


def test_up_to_five_conducts_are_named_outright_in_descriptions():
    from lawsim.report.compare_view import build

    view = build(api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law")))
    descriptions = [r.description for k in view.kinds for r in k.regions]
    assert not any("none of" in d for d in descriptions)
    assert any(d.startswith("DOC · notify release, share custody info, answer inquiry or coordinate pickup · ")
               for d in descriptions)


def test_compare_under_an_assumption_matches_the_sensitivity_of_the_default_reading():
    default = api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"), scenarios=())
    (sens,) = [s for s in default.semantics.sensitivity if s.assumption == "specific_sections_prevail"]
    assert sens.value is False
    read_off = api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"), scenarios=(),
                           assumptions={"specific_sections_prevail": "off"})
    assert read_off.assumptions == (("specific_sections_prevail", False),)
    assert read_off.semantics.changed == sens.changed
    # Flipping it back from the set reading gives the default comparison's count.
    (back,) = [s for s in read_off.semantics.sensitivity if s.assumption == "specific_sections_prevail"]
    assert back.value is True and back.changed == default.semantics.changed


def test_compare_rejects_an_assumption_neither_version_declares():
    with pytest.raises(api.UsageError, match="unknown assumption 'specific_section_prevail'"):
        api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"), scenarios=(),
                    assumptions={"specific_section_prevail": "off"})


def test_compare_reads_and_parses_each_input_file_once(monkeypatch):
    """current.law is both the baseline and the base of powers.law; the scenario files are read too."""
    import lawsim.files as files_module
    import lawsim.scenarios.load as load_module
    import lawsim.semantics.version as version_module
    from lawsim.compare import effects

    reads, parses, builds = [], [], []
    read_source, parse_source, build_law = files_module.read_source, version_module.parse_source, effects.build_law

    def counting_read(path):
        reads.append(os.path.realpath(path))
        return read_source(path)

    def counting_parse(source):
        parses.append(os.path.realpath(source.name))
        return parse_source(source)

    def counting_build(base, bills, name="law"):
        builds.append(tuple(b.number for b in bills))
        return build_law(base, bills, name)

    monkeypatch.setattr(version_module, "read_source", counting_read)
    monkeypatch.setattr(load_module, "read_source", counting_read)
    monkeypatch.setattr(version_module, "parse_source", counting_parse)
    monkeypatch.setattr(effects, "build_law", counting_build)
    comparison = api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"))
    laws = {os.path.realpath(BILLS / "current.law"), os.path.realpath(BILLS / "powers.law")}
    assert sorted(reads) == sorted(set(reads)) and laws <= set(reads)
    assert len(reads) == 2 + len(comparison.cases)  # the two laws and each scenario file
    assert sorted(parses) == sorted(laws)
    # The effect checks build variants from the Version's ASTs: one per bill left out, one per amendment
    # of a bill with several (Powers' two bills have one amendment each), never by reading a file.
    assert len(builds) == len(set(builds)) == 2
