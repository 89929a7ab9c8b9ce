"""``lawsim graph``: a law's graph as JSON or Graphviz dot.

Stage: report.  Input: a :class:`~lawsim.semantics.lawgraph.LawGraph`.
Output: data or text in the graph's own order (provisions in the law's
order, then their items), so the same law gives the same bytes.  Each
edge carries the file, line and column of the item that created it.
"""

from __future__ import annotations

from lawsim.semantics.lawgraph import LawGraph

SCHEMA = "lawsim.graph/1"
_SHAPES = {"provision": "folder", "rule": "box", "definition": "ellipse", "remedy": "octagon", "fact": "note",
           "assumption": "diamond", "parameter": "hexagon"}
_EDGE_STYLE = {"contains": 'color="#999999", arrowhead=none', "uses": 'color="#1f5fbf"',
               "overrides": 'color="#c0392b", style=bold', "covers": 'color="#2e8b57", style=dashed'}


def _where(span) -> dict | None:
    if span is None:
        return None
    return {"file": span.source.name, "line": span.line, "column": span.column}


def graph_json(graph: LawGraph) -> dict:
    return {"schema": SCHEMA, "law": graph.law.name, "title": graph.law.title,
            "nodes": [{"id": n, "kind": k, "caption": c} for n, k, c in graph.nodes()],
            "edges": [{"from": e.source, "to": e.target, "kind": e.kind, "at": _where(e.span)}
                      for e in graph.edges()]}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def graph_dot(graph: LawGraph) -> str:
    lines = [f"digraph {_q(graph.law.name)} {{", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    for name, kind, caption in graph.nodes():
        label = name.partition(":")[2] + (f"\\n{caption}" if caption and kind in ("provision", "rule") else "")
        lines.append(f"  {_q(name)} [label={_q(label)}, shape={_SHAPES.get(kind, 'box')}];")
    for e in graph.edges():
        lines.append(f"  {_q(e.source)} -> {_q(e.target)} [label={_q(e.kind)}, {_EDGE_STYLE[e.kind]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
