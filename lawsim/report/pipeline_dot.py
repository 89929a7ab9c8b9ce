"""``lawsim pipeline --format dot``: the pipeline as a Graphviz digraph with open and cut edges.

Stage: report.  Input: a pipeline result.  Output: dot text (render it
with ``dot -Tsvg``); open contact points are solid, cut ones red and
dashed with the provisions that cut them, closed ones grey and dotted.
"""

from __future__ import annotations

from lawsim.pipeline.model import PipelineDiff, Reachability
from lawsim.report.pipeline_edges import drawn_edges

_STYLE = {"move": 'color="#555555"', "open": 'color="#1f5fbf", penwidth=2',
          "opened": 'color="#b36b00", penwidth=2', "cut": 'color="#c0392b", style=dashed, penwidth=2',
          "closed": 'color="#aaaaaa", style=dotted'}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pipeline_dot(result: Reachability | PipelineDiff) -> str:
    p = result.pipeline
    lines = [f"digraph {_q(p.title)} {{", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for s in p.stages:
        shape = ', style=filled, fillcolor="#fde2e1"' if s.role.is_ice else ""
        lines.append(f"  {_q(s.name)} [label={_q(s.caption)}{shape}];")
    for e in drawn_edges(result):
        label = e.label if not e.note else f"{e.label} (cut by {e.note})"
        lines.append(f"  {_q(e.source)} -> {_q(e.target)} [label={_q(label)}, {_STYLE[e.state]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
