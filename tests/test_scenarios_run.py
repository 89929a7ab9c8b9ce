"""Checking scenarios against law versions and evaluating them (lawsim.scenarios.check / run)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from lawsim import api
from lawsim.diagnostics import LawError
from lawsim.engine import evaluate
from lawsim.locate import laws_folder
from lawsim.scenarios import (
    Scenario,
    load_scenarios,
    parse_scenario,
    resolve_assumptions,
    run_expectations,
    scenario_facts,
    simulate,
)
from lawsim.semantics import load_version
from lawsim.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/scenarios"
BILLS = f"{DATA}/bills"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def version(spec: str):
    return load_version("+".join(str(ROOT / BILLS / f"{p}.law") for p in spec.split("+")))


def scenario(text: str, name: str = f"{DATA}/cases/inline.yaml") -> Scenario:
    return parse_scenario(SourceFile(name, text))


def codes(err: pytest.ExceptionInfo) -> list[str]:
    return [f"{d.code} {d.location}" for d in err.value.diagnostics]


# ---------------------------------------------------------------- facts


def test_facts_are_converted_to_the_law_domains():
    sc = scenario("title: t\nfacts: {agency: doc, judicial_warrant: no, years_since_conviction: 3}\n")
    assert scenario_facts(sc, version("current").law) == {
        "agency": "doc", "judicial_warrant": "no", "years_since_conviction": 3}


def test_a_fact_only_another_version_declares_is_skipped_not_an_error():
    sc = scenario("title: t\nfacts: {agency: doc, topic: release}\n")
    current = version("current").law
    with pytest.raises(LawError) as err:
        scenario_facts(sc, current)
    assert codes(err) == [f"E410 {DATA}/cases/inline.yaml:2:22"]
    assert scenario_facts(sc, current, also_known={"topic"}) == {"agency": "doc"}
    assert scenario_facts(sc, version("powers").law) == {"agency": "doc", "topic": "release"}


def test_every_bad_value_is_reported_together():
    sc = scenario("title: t\nfacts:\n  agency: DOC\n  record: yes\n  years_since_conviction: 4.5\n"
                  "  judicial_warrant: 1\n")
    with pytest.raises(LawError) as err:
        scenario_facts(sc, version("current").law)
    assert err.value.diagnostics[0].notes[-1] == "values are written in lower case: 'doc'"
    assert [d.message for d in err.value.diagnostics] == [
        "'agency' has no value 'DOC' (values: doc, nypd)",
        "'record' takes one of its values, not a yes/no answer",
        "'years_since_conviction' is a whole number, not '4.5'",
        "'judicial_warrant' is yes or no, not '1'",
    ]


def test_assumptions_layer_scenario_then_expectation_then_extra():
    sc = scenario("title: t\nfacts: {agency: doc}\nassume: {pending_counts: on}\n"
                  "expect: {current: {verdict: permitted, assume: {pending_counts: off}}}\n")
    law = version("current").law
    assert resolve_assumptions(sc, law) == {"pending_counts": True}
    assert resolve_assumptions(sc, law, sc.expectations[0]) == {"pending_counts": False}
    assert resolve_assumptions(sc, law, sc.expectations[0], {"pending_counts": True}) == {"pending_counts": True}


# ---------------------------------------------------------------- running


def test_all_case_expectations_pass_and_match_the_interpreter():
    run = run_expectations(load_scenarios([f"{DATA}/cases"]))
    assert (run.passed, run.failed) == (16, 0)
    for r in run.results:
        assert r.outcome == evaluate(r.version.law, r.facts, r.assumptions)


def test_failures_name_what_differs():
    run = run_expectations(load_scenarios([f"{DATA}/failing"]))
    assert [(r.expectation.version, r.mismatches) for r in run.results] == [
        ("current", ("verdict",)), ("powers", ()), ("hanif", ("remedy",)), ("powers+hanif", ("plaintiffs",))]
    assert (run.passed, run.failed) == (1, 3)


def test_each_version_is_built_once_and_each_file_read_once(monkeypatch):
    import lawsim.semantics.version as version_module

    built, read = [], []
    build, read_source = version_module.Loader._build, version_module.read_source

    def counting_build(self, spec, parts):
        built.append(spec)
        return build(self, spec, parts)

    def counting_read(path):
        read.append(os.path.abspath(path))
        return read_source(path)

    monkeypatch.setattr(version_module.Loader, "_build", counting_build)
    monkeypatch.setattr(version_module, "read_source", counting_read)
    run_expectations(load_scenarios([f"{DATA}/cases"]))
    assert sorted(built) == sorted(set(built)) and len(built) == 4
    assert sorted(read) == sorted(set(read)) and len(read) == 3  # current, powers and hanif


def test_a_missing_fact_is_reported_at_the_facts_line():
    sc = scenario("title: t\nfacts: {agency: doc, conduct: notify_release}\nexpect: {current: permitted}\n")
    with pytest.raises(LawError) as err:
        run_expectations([sc])
    [d] = err.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E412", 2, 1)
    assert d.message == "the verdict under current depends on fact 'record', needed by § 9-131(c)"


def test_a_fact_missing_under_several_versions_is_one_diagnostic():
    sc = scenario("title: t\nfacts: {conduct: notify_release}\n")
    with pytest.raises(LawError) as err:
        simulate([sc], [version("current"), version("hanif")])
    [d] = err.value.diagnostics
    assert d.message == ("the verdict under current, hanif depends on fact 'agency', "
                         "needed by every rule (to know whom it governs)")


def test_laws_folder_can_be_given():
    sc = scenario("title: t\nfacts: {agency: nypd, conduct: notify_release}\nexpect: {current: permitted}\n",
                  name="elsewhere/x.yaml")
    with pytest.raises(LawError):  # elsewhere/../bills is ./bills, whose law has no notify_release
        run_expectations([sc])
    assert run_expectations([sc], BILLS).passed == 1


def test_default_laws_folder():
    assert laws_folder(None, f"{DATA}/cases/x.yaml") == BILLS
    assert laws_folder(None, "nowhere/x.yaml") == "bills"


def test_scenarios_without_expectations_warn_in_test_runs():
    run = run_expectations([scenario("title: t\nfacts: {agency: doc}\n")])
    assert run.results == () and [w.code for w in run.warnings] == ["W401"]


# ---------------------------------------------------------------- simulate


def test_simulate_fills_the_grid_in_order():
    versions = [version(v) for v in ("current", "powers", "powers+hanif")]
    sim = simulate(load_scenarios([f"{DATA}/cases"]), versions)
    grid = [[c.outcome.verdict + "/" + c.outcome.remedy.status for c in row] for row in sim.rows]
    assert grid[0] == ["permitted/not a violation", "prohibited/none", "prohibited/available"]
    assert [c.version.name for c in sim.rows[0]] == ["current", "powers", "powers+hanif"]
    assert [s.id for s in sim.scenarios] == sorted(s.id for s in sim.scenarios)


def test_api_simulate_resolves_names_and_checks_assumptions():
    sim = api.simulate(["current", f"{BILLS}/powers.law"], [f"{DATA}/cases/pending-charge.yaml"],
                       {"pending_counts": "on"})
    assert [c.outcome.verdict for c in sim.rows[0]] == ["permitted", "prohibited"]
    with pytest.raises(api.UsageError, match="unknown assumption 'pending'"):
        api.simulate(["current"], [f"{DATA}/cases"], {"pending": "on"})
    with pytest.raises(api.UsageError, match="both named 'current'"):
        api.simulate(["current", f"{BILLS}/current.law"], [f"{DATA}/cases"])


_FACTS = {
    "agency": st.sampled_from(["doc", "nypd"]),
    "conduct": st.sampled_from(["hold_past_release", "notify_release"]),
    "judicial_warrant": st.sampled_from([True, False, "yes", "no"]),
    "record": st.sampled_from(["none", "pending", "violent_or_serious"]),
    "years_since_conviction": st.integers(0, 10),
    "topic": st.sampled_from(["release", "unrelated"]),
}
_VERSIONS = [version(v) for v in ("current", "powers", "hanif", "powers+hanif")]


@settings(max_examples=examples(60))
@given(st.fixed_dictionaries({}, optional=_FACTS), st.booleans())
def test_simulate_agrees_with_the_interpreter_or_names_the_missing_fact(facts, pending):
    """Any subset of facts either evaluates exactly as the interpreter does, or names a missing fact."""
    lines = "".join(f"  {k}: {'yes' if v is True else 'no' if v is False else v}\n" for k, v in facts.items())
    sc = scenario(f"title: t\nfacts:\n{lines or '  {}'}\nassume: {{pending_counts: {'on' if pending else 'off'}}}\n")
    try:
        sim = simulate([sc], _VERSIONS)
    except LawError as err:
        assert {d.code for d in err.diagnostics} == {"E412"}
        return
    for cell in sim.rows[0]:
        assert cell.outcome == evaluate(cell.version.law, cell.facts, cell.assumptions)
        assert set(cell.facts) <= set(cell.version.law.fact_map)
        assert cell.assumptions == {"pending_counts": pending}
