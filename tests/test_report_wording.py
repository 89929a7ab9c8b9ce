"""Findings are worded in the law's own terms, and the wording means exactly its region.

A wording replaces fact conditions by definitions only where the result
picks out the same possible scenarios.  Checked against the reference
interpreter, scenario by scenario: on random laws (every concrete
scenario) and on the corpus (a sample, plus every witness).
"""

from __future__ import annotations

import random

from conftest import examples
from hypothesis import given, settings

from lawsim import api, ir
from lawsim.compare import compare
from lawsim.engine.interpreter import _Evaluator
from lawsim.engine.space import build_space
from lawsim.report.compare_view import build
from lawsim.report.findings import findings
from lawsim.report.wording import Wording, wordings
from tests.compare_oracle import matches, scenarios
from tests.strategies_law import version_pairs


def holds(wording: Wording, laws: tuple[ir.Law, ...], scenario: dict) -> bool:
    """Whether every part of the wording holds in ``scenario``, by the reference interpreter."""
    if wording.agencies and scenario["agency"] not in wording.agencies:
        return False
    if wording.conducts and scenario["conduct"] not in wording.conducts:
        return False
    for term in wording.terms:
        if term.condition is not None:
            if scenario[term.condition.fact.name] not in term.condition.values:
                return False
            continue
        law = next(law for law in laws if term.definition in law.definitions)
        value = _Evaluator(law, scenario, {}).eval(ir.DefRef(term.definition or ""))
        if value != term.positive:
            return False
    return True


@settings(max_examples=examples(30))
@given(version_pairs())
def test_wordings_mean_exactly_their_regions_on_random_laws(pair):
    baseline, reform = pair
    comparison = compare(baseline, reform)
    laws = (reform.law, baseline.law)
    found = wordings(comparison)
    assert len(found) == len(comparison.semantics.regions)
    for scenario in scenarios(baseline.law, reform.law):
        for region, wording in zip(comparison.semantics.regions, found):
            assert holds(wording, laws, scenario) == matches(region, scenario)


def test_corpus_wordings_are_exact_and_use_definitions():
    comparison = api.compare("current", "powers", [])
    laws = (comparison.reform.law, comparison.baseline.law)
    regions = comparison.semantics.regions
    found = wordings(comparison)
    space = build_space(comparison.baseline.law, comparison.reform.law)
    weights = space.weights()
    rng = random.Random(8)
    points = [i for i in rng.sample(range(space.size), 4000) if weights[i] > 0]
    samples = [space.scenario(i) for i in points] + [dict(r.witness.scenario) for r in regions]
    for scenario in samples:
        for region, wording in zip(regions, found):
            assert holds(wording, laws, scenario) == matches(region, scenario)
    # Definitions stand in for their facts: no region says 'federal agent: ice civil' in its sentence.
    assert all(any(t.definition == "federal_immigration_authority" for t in w.terms) for w in found)


def test_a_powers_finding_reads_as_a_sentence_in_the_laws_terms():
    comparison = api.compare("current", "powers", [])
    found = findings(comparison, build(comparison))
    doc = next(f for f in found if "9-131(h)(2)" in f.provisions)
    assert doc.kind == "loophole_closed" and doc.bills == ("Int 0185-2022",)
    sentence = doc.regions[0].sentence
    assert sentence.startswith("DOC may no longer tell federal agents when the person will be released, ")
    assert "when the agents are ICE or DHS personnel enforcing civil immigration law" in sentence
    assert "unless the agents presented a warrant signed by a federal judge" in sentence
    assert sentence.endswith("(Int 0185-2022, § 9-131(h)(2)).")
    for raw in ("federal agent:", "ice_civil", "_", "·", "no required by law"):
        assert raw not in sentence
    # Counts say what they count: a share of the situations for that agency and conduct.
    assert "situations:" in doc.share and "% of the" in doc.share and "in which DOC might" in doc.share


def test_a_space_too_large_for_the_grid_is_worded_by_its_facts(monkeypatch):
    from lawsim.report import wording

    comparison = api.compare("current", "powers", [])
    monkeypatch.setattr(wording, "MAX_GRID", 0)
    found = wording.wordings(comparison)
    laws = (comparison.reform.law, comparison.baseline.law)
    assert found and all(t.definition is None for w in found for t in w.terms)
    for region, w in zip(comparison.semantics.regions, found):
        assert holds(w, laws, dict(region.witness.scenario))
