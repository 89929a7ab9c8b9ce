"""A dependency graph whose edges remember where they were written, for cycle checks.

Definitions that use each other and provisions that override each other
must not go round in a circle.  Both checks build a :class:`DependencyGraph`
and ask it for its :meth:`~DependencyGraph.cycles`, each explained edge by
edge with the span that created the edge.

Whether there is a cycle at all is decided with the standard library's
``graphlib`` (cheap to import); networkx, which finds and lays out the
cycles, is imported only when there is one to explain (it costs a fifth of
lawsim's start-up time).
"""

from __future__ import annotations

import graphlib
from dataclasses import dataclass
from typing import Any, Callable

from lawsim.source import Span


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    span: Span | None


@dataclass(frozen=True)
class Cycle:
    """A circle of edges: ``edges[0].source == edges[-1].target``."""

    edges: tuple[Edge, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.edges[0].source,) + tuple(e.target for e in self.edges)


class DependencyGraph:
    """A directed graph of named nodes; the first edge written between two nodes is kept."""

    def __init__(self) -> None:
        self._edges: dict[tuple[str, str], Edge] = {}

    def add(self, source: str, target: str, span: Span | None) -> None:
        self._edges.setdefault((source, target), Edge(source, target, span))

    def __len__(self) -> int:
        return len(self._edges)

    def has_cycle(self) -> bool:
        graph: dict[str, set[str]] = {}
        for source, target in self._edges:
            graph.setdefault(source, set()).add(target)
        try:
            tuple(graphlib.TopologicalSorter(graph).static_order())
        except graphlib.CycleError:
            return True
        return False

    def cycles(self, order: Callable[[str], Any] = str) -> list[Cycle]:
        """One cycle per group of nodes that reach each other, groups in ``order`` of their first node.

        Each cycle starts at its group's first node in ``order``; a node with
        an edge to itself is a cycle of one edge.
        """
        if not self.has_cycle():
            return []
        import networkx as nx

        graph = nx.DiGraph()
        for (source, target), edge in self._edges.items():
            graph.add_edge(source, target, edge=edge)
        found = []
        for component in sorted(nx.strongly_connected_components(graph), key=lambda c: sorted(c, key=order)):
            nodes = sorted(component, key=order)
            if len(nodes) == 1 and not graph.has_edge(nodes[0], nodes[0]):
                continue
            path = nx.find_cycle(graph.subgraph(nodes), source=nodes[0])
            found.append(Cycle(tuple(graph.edges[e]["edge"] for e in path)))
        return found
