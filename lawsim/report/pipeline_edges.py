"""The drawing's edges: each move and contact point with its state, for the dot and SVG renderers.

Stage: report.  Input: a :class:`~lawsim.pipeline.Reachability` or
:class:`~lawsim.pipeline.PipelineDiff`.  Output: :class:`DrawnEdge` records
in the pipeline's declaration order.  A contact point's state is *open*
(for someone, under the last version), *cut* (open under the baseline for
someone and closed under the reform for them), or *closed* (for everyone);
a cut edge carries the provisions that cut it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawsim.pipeline.model import ContactResult, PathChange, PipelineDiff, Reachability
from lawsim.report.compare_view import item_label


@dataclass(frozen=True)
class DrawnEdge:
    source: str
    target: str
    label: str
    state: str  # 'move' | 'open' | 'cut' | 'closed' | 'opened'
    kind: str  # 'move' | 'information' | 'handoff'
    note: str  # for a cut edge: the provisions that cut it; else ''


def _cut_by(result: ContactResult) -> str:
    rules = sorted({item_label("rule", r.id) for region in result.regions if region.change == PathChange.CUT
                    for r in region.sides[1].rules})
    return ", ".join(rules)


def _state(result: ContactResult, diff: bool) -> str:
    if diff:
        counts = dict(result.counts)
        if counts.get(PathChange.CUT):
            return "cut"
        if counts.get(PathChange.OPENED):
            return "opened"
        return "open" if counts.get(PathChange.KEPT) else "closed"
    return "open" if result.open_counts[-1] else "closed"


def drawn_edges(result: Reachability | PipelineDiff) -> list[DrawnEdge]:
    diff = isinstance(result, PipelineDiff)
    out = [DrawnEdge(m.source, m.target, m.caption, "move", "move", "") for m in result.pipeline.moves]
    for r in result.contacts:
        state = _state(r, diff)
        note = _cut_by(r) if state == "cut" else ""
        for stage in r.contact.stages:
            out.append(DrawnEdge(stage, r.contact.target, r.contact.name, state, str(r.contact.kind), note))
    return out
