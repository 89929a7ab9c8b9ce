"""The custody pipeline as a directed graph: stages as nodes, moves and contact points as edges.

Stage: pipeline.  Input: an :class:`~lawsim.ir.pipeline.Pipeline`.  Output:
:class:`CustodyGraph`, a networkx multigraph behind domain methods; every
edge keeps the move or contact point (and so the span) that created it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from lawsim.ir.pipeline import Contact, Move, Pipeline


@dataclass(frozen=True)
class Path:
    """One way from the entry stage to ICE: moves through city custody, then one contact point."""

    moves: tuple[Move, ...]
    start: str  # the stage the contact point leaves from
    contact: Contact

    @property
    def stages(self) -> tuple[str, ...]:
        first = self.moves[0].source if self.moves else self.start
        return (first, *(m.target for m in self.moves), self.contact.target)

    @property
    def key(self) -> str:
        """A stable identifier: the stages joined by '>' and the contact point."""
        return ">".join(self.stages[:-1]) + f">{self.contact.name}"


class CustodyGraph:
    """Stages and the edges between them; contact points are edges into ICE stages."""

    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        self._graph = nx.MultiDiGraph()
        for node in pipeline.stages:
            self._graph.add_node(node.name, stage=node)
        for move in pipeline.moves:
            self._graph.add_edge(move.source, move.target, kind="move", item=move, span=move.span)
        for contact in pipeline.contacts:
            for stage in contact.stages:
                self._graph.add_edge(stage, contact.target, key=contact.name, kind="contact", item=contact,
                                     span=contact.span)

    def routes_to(self, stage: str) -> list[tuple[Move, ...]]:
        """Every simple route of moves from the entry stage to ``stage``, in declaration order."""
        entry = self.pipeline.entry.name
        if stage == entry:
            return [()]
        moves = self._move_graph()
        order = {m: i for i, m in enumerate(self.pipeline.moves)}
        found = [tuple(moves.edges[u, v]["item"] for u, v in path)
                 for path in nx.all_simple_edge_paths(moves, entry, stage)]
        return sorted(found, key=lambda route: [order[m] for m in route])

    def paths(self) -> list[Path]:
        """Every path from the entry stage to an ICE stage (each ends with its one contact point)."""
        return [Path(route, stage, contact) for contact in self.pipeline.contacts for stage in contact.stages
                for route in self.routes_to(stage)]

    def reachable(self) -> set[str]:
        """The stages the entry stage reaches through moves."""
        return {self.pipeline.entry.name} | nx.descendants(self._move_graph(), self.pipeline.entry.name)

    def _move_graph(self) -> nx.DiGraph:
        moves = nx.DiGraph()
        moves.add_nodes_from(s.name for s in self.pipeline.stages)
        for move in self.pipeline.moves:
            moves.add_edge(move.source, move.target, item=move)
        return moves

    def edges(self) -> list[tuple[str, str, str, object]]:
        """(source, target, kind, item) for every edge, in insertion order."""
        return [(u, v, d["kind"], d["item"]) for u, v, d in self._graph.edges(data=True)]
