"""The law graph: edges with their spans, definitions behind rules, and compare's 'through' definitions."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import ROOT

from lawsim import api
from lawsim.cli import cli
from lawsim.compare.flows import changed_definitions
from lawsim.semantics import load_version
from lawsim.semantics.lawgraph import LawGraph

BILLS = ROOT / "bills"


def test_every_edge_points_at_the_item_that_made_it():
    graph = LawGraph(load_version(str(BILLS / "current.law")).law)
    edges = graph.edges()
    assert {e.kind for e in edges} == {"contains", "uses", "overrides", "covers"}
    overrides = [e for e in edges if e.kind == "overrides" and e.source == "rule:9-131(h)(2):communication_allowed"]
    assert [e.target for e in overrides] == ["provision:10-178(c)"]
    assert overrides[0].span.text.startswith("rule communication_allowed")
    assert all(e.span is not None for e in edges)


def test_definitions_behind_a_rule_are_followed_through_other_definitions():
    graph = LawGraph(load_version(str(BILLS / "current.law")).law)
    behind = graph.definitions_behind("9-131(b):honour_limit")
    assert {"doc_may_honour", "covered_person", "qualifying_conviction", "within_lookback"} <= set(behind)
    assert "definition:federal_immigration_authority" in graph.refers_to("rule:9-131(b):honour_limit")


def test_int_1412_changes_flow_through_the_definition_it_rewrites():
    baseline, reform = (load_version(str(BILLS / f"{n}.law")) for n in ("current", "int-1412"))
    assert changed_definitions(baseline.law, reform.law) == {"federal_immigration_authority"}
    comparison = api.compare(str(BILLS / "current.law"), str(BILLS / "int-1412.law"), scenarios=[])
    through = {r.through for r in comparison.semantics.regions}
    assert ("federal_immigration_authority",) in through
    # A region whose deciding rules do not use the definition does not claim it.
    assert all(set(t) <= {"federal_immigration_authority"} for t in through)


def test_a_removed_definition_is_named_only_where_its_rule_decided():
    # The NYPD bill replaces § 14-154(b)(2), and its definition of the warrantless hold goes with it.
    comparison = api.compare(str(BILLS / "current.law"), str(BILLS / "powers.law"), scenarios=[])
    for region in comparison.semantics.regions:
        doc_only = {c.values for c in region.conditions if c.fact.name == "agency"} == {("doc",)}
        assert region.through in ((), ("nypd_warrantless_hold",))
        assert not (doc_only and region.through)
    assert any(r.through == ("nypd_warrantless_hold",) for r in comparison.semantics.regions)


def test_graph_command_json_and_dot():
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["graph", str(BILLS / "current.law"), "--format", "json"]).output)
    assert data["schema"] == "lawsim.graph/1"
    edge = next(e for e in data["edges"] if e["kind"] == "covers")
    assert edge["at"]["file"].endswith("current.law") and edge["at"]["line"] > 0
    dot = runner.invoke(cli, ["graph", str(BILLS / "powers.law")]).output
    assert dot.startswith('digraph "powers"') and '"rule:9-131(h)(2):communication_limit"' in dot
