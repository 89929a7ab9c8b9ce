"""Through which definitions a changed verdict flows.

Stage: compare.  Input: the two laws and the semantic diff's regions.
Output: the regions with :attr:`~lawsim.compare.semantic.Region.through`
filled in: the definitions that a region's responsible rules rely on, in
either version (found on each law's :class:`~lawsim.semantics.lawgraph.LawGraph`),
and whose condition the reform changes, adds or removes.  A bill that
rewrites one definition (Int 1412's *federal immigration authorities*)
changes every rule that uses it; this names the definition behind each
such change.
"""

from __future__ import annotations

from dataclasses import replace

from lawsim import ir
from lawsim.compare.semantic import SemanticDiff
from lawsim.semantics.lawgraph import LawGraph


def changed_definitions(baseline: ir.Law, reform: ir.Law) -> set[str]:
    """Definitions whose condition differs between the versions, or that only one version has."""
    names = set(baseline.definitions) | set(reform.definitions)
    return {n for n in names if n not in baseline.definitions or n not in reform.definitions
            or baseline.definitions[n].expr != reform.definitions[n].expr}


def with_flows(baseline: ir.Law, reform: ir.Law, semantics: SemanticDiff) -> SemanticDiff:
    """``semantics`` with each region's ``through`` (unchanged when no definition changed)."""
    changed = changed_definitions(baseline, reform)
    if not changed or not semantics.regions:
        return semantics
    graphs = [(law, LawGraph(law)) for law in (baseline, reform)]
    regions = []
    for region in semantics.regions:
        behind: set[str] = set()
        for r in region.responsible:
            if r.kind == "rule":
                for law, graph in graphs:
                    if any(rule.id == r.id for rule in law.rules):
                        behind |= set(graph.definitions_behind(r.id))
        regions.append(replace(region, through=tuple(sorted(behind & changed))))
    return replace(semantics, regions=tuple(regions))
