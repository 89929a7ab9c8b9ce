"""The law as a directed graph: provisions, rules, definitions and what they use, refer to and override.

Stage: semantics (it reads only the IR).  Input: a checked
:class:`~lawsim.ir.Law`.  Output: a :class:`LawGraph`, networkx behind
domain methods.  Nodes are named ``kind:id`` (``rule:9-131(b):honour_limit``,
``definition:qualifying_conviction``, ``fact:record``, ``provision:9-131(b)``);
every edge records its kind and the span of the item that created it, so a
chain can be explained edge by edge:

* ``contains``: a provision holds a rule, definition, remedy, assumption or parameter;
* ``uses``: a rule, definition or remedy tests a definition, fact, assumption or parameter;
* ``overrides``: a rule prevails over a provision (``notwithstanding``);
* ``covers``: a remedy applies to violations of a provision.

networkx is imported when a graph is built (only ``lawsim graph`` and
``lawsim compare`` build one), not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from lawsim import ir
from lawsim.ir.walk import subexpressions
from lawsim.semantics.cites import cite_sort_key
from lawsim.source import Span

EDGE_KINDS = ("contains", "uses", "overrides", "covers")


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    kind: str  # one of EDGE_KINDS
    span: Span | None  # the item that created the edge


def _uses(expr: ir.Expr) -> Iterator[str]:
    for node in subexpressions(expr):
        match node:
            case ir.DefRef(name=name):
                yield f"definition:{name}"
            case ir.AssumeRef(name=name):
                yield f"assumption:{name}"
            case ir.In(fact=fact):
                yield f"fact:{fact}"
            case ir.Cmp(fact=fact, parameter=parameter):
                yield f"fact:{fact}"
                if parameter is not None:
                    yield f"parameter:{parameter}"
            case ir.Const() | ir.Neg() | ir.AllOf() | ir.AnyOf():
                pass


class LawGraph:
    """Definitions, rules, cross-references and overrides of one law, as a directed graph."""

    def __init__(self, law: ir.Law):
        import networkx as nx

        self.law = law
        self._g = nx.MultiDiGraph()
        self._pending: list[tuple[str, str, str, Span | None]] = []
        for fact in law.facts:
            self._node(f"fact:{fact.name}", "fact", fact.description, fact.span)
        for provision in law.provisions:
            pid = f"provision:{provision.id}"
            self._node(pid, "provision", provision.caption, provision.span)
            for item in provision.items:
                self._item(pid, item)
        # Edges go in once every node is known, so a name used before it is declared keeps its details.
        for source, target, kind, span in self._pending:
            if target not in self._g:  # cannot happen in a checked law; named by its kind so it still shows
                self._node(target, target.partition(":")[0], "", None)
            if not self._g.has_edge(source, target, key=kind):
                self._g.add_edge(source, target, key=kind, kind=kind, span=span)
        del self._pending

    # ------------------------------------------------------------ building
    def _node(self, name: str, kind: str, caption: str, span: Span | None) -> None:
        if name not in self._g:
            self._g.add_node(name, kind=kind, caption=caption, span=span)

    def _edge(self, source: str, target: str, kind: str, span: Span | None) -> None:
        self._pending.append((source, target, kind, span))

    def _item(self, pid: str, item: ir.Item) -> None:
        match item:
            case ir.Rule():
                name = f"rule:{item.id}"
                self._node(name, "rule", f"{'may not' if item.prohibits else 'may'} "
                           f"{', '.join(sorted(item.conducts)) if item.conducts else 'any conduct'}", item.span)
                self._edge(pid, name, "contains", item.span)
                for expr in (item.when, *item.exceptions):
                    for used in _uses(expr):
                        self._edge(name, used, "uses", item.span)
                for scope in ("agency", "conduct"):
                    if scope in self.law.fact_map:
                        self._edge(name, f"fact:{scope}", "uses", item.span)
                for target in item.overrides:
                    self._edge(name, f"provision:{target}", "overrides", item.span)
            case ir.Definition():
                name = f"definition:{item.name}"
                self._node(name, "definition", item.caption, item.span)
                self._edge(pid, name, "contains", item.span)
                for used in _uses(item.expr):
                    self._edge(name, used, "uses", item.span)
            case ir.Remedy():
                name = f"remedy:{item.id}"
                self._node(name, "remedy", "no remedy" if not item.plaintiffs else
                           f"{', '.join(item.plaintiffs)} may sue", item.span)
                self._edge(pid, name, "contains", item.span)
                for used in _uses(item.when):
                    self._edge(name, used, "uses", item.span)
                for target in sorted(item.covers, key=cite_sort_key):
                    self._edge(name, f"provision:{target}", "covers", item.span)
            case ir.Assumption():
                name = f"assumption:{item.name}"
                self._node(name, "assumption", item.description, item.span)
                self._edge(pid, name, "contains", item.span)
            case ir.Parameter():
                name = f"parameter:{item.name}"
                self._node(name, "parameter", item.caption, item.span)
                self._edge(pid, name, "contains", item.span)

    # ------------------------------------------------------------ questions
    def nodes(self) -> list[tuple[str, str, str]]:
        """(name, kind, caption) of every node, in the order they were added."""
        return [(n, d["kind"], d["caption"]) for n, d in self._g.nodes(data=True)]

    def edges(self) -> list[GraphEdge]:
        """Every edge, in the order it was added."""
        return [GraphEdge(u, v, d["kind"], d["span"]) for u, v, d in self._g.edges(data=True)]

    def refers_to(self, node: str) -> list[str]:
        """What ``node`` uses, overrides or covers directly (not what it contains)."""
        return sorted({v for _, v, k in self._g.out_edges(node, keys=True) if k != "contains"})

    def definitions_behind(self, rule_id: str) -> list[str]:
        """The definitions a rule relies on, directly or through other definitions, by name."""
        return self._behind(rule_id, "definition")

    def assumptions_behind(self, rule_id: str) -> list[str]:
        """The assumptions a rule relies on, directly or through definitions, by name."""
        return self._behind(rule_id, "assumption")

    def _behind(self, rule_id: str, kind: str) -> list[str]:
        seen: set[str] = set()
        found: set[str] = set()
        stack = [f"rule:{rule_id}"]
        while stack:
            for target in self.refers_to(stack.pop()):
                if target.startswith(f"{kind}:"):
                    found.add(target)
                if target.startswith("definition:") and target not in seen:
                    seen.add(target)
                    stack.append(target)
        return sorted(name.partition(":")[2] for name in found)

    def affected_by(self, changed: Iterable[str]) -> list[str]:
        """Rules and remedies whose meaning depends on any of the ``changed`` nodes (by use, transitively)."""
        import networkx as nx

        uses = nx.DiGraph((u, v) for u, v, k in self._g.edges(keys=True) if k == "uses")
        found: set[str] = set()
        for node in changed:
            if node in uses:
                found |= {n for n in nx.ancestors(uses, node) if n.startswith(("rule:", "remedy:"))}
        return sorted(found)
