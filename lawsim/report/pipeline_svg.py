"""An inline SVG drawing of the custody pipeline: stages, moves, and open, cut or closed contact points.

Stage: report.  Input: a :class:`~lawsim.pipeline.Reachability` or
:class:`~lawsim.pipeline.PipelineDiff`.  Output: one ``<svg>`` element as
text, laid out here in Python (no Graphviz, no network), the same bytes for
the same input, safe to embed in an HTML report.

Layout: city stages in columns by their distance from the entry stage
through moves, ICE stages in a last column; each contact point is a
numbered curve from its stage to the ICE stage, and a legend under the
drawing names each number, its state and, for a cut edge, the provisions
that cut it.
"""

from __future__ import annotations

import textwrap
from html import escape

from lawsim.pipeline.model import PipelineDiff, Reachability
from lawsim.report.pipeline_edges import DrawnEdge, drawn_edges

W, H, COL, ROW, PAD = 180, 64, 110, 28, 20
LEGEND_LINE = 16
_COLOR = {"move": "#555555", "open": "#1f5fbf", "opened": "#b36b00", "cut": "#c0392b", "closed": "#aaaaaa"}
_DASH = {"cut": ' stroke-dasharray="6 4"', "closed": ' stroke-dasharray="2 3"'}
_WORDS = {"open": "open", "opened": "opened by the reform", "cut": "cut by the reform for some people",
          "closed": "closed for everyone"}


def _depths(result) -> dict[str, int]:
    p = result.pipeline
    depth = {p.entry.name: 0}
    frontier = [p.entry.name]
    while frontier:  # breadth first: each stage at its shortest distance from the entry
        nxt = []
        for stage in frontier:
            for m in p.moves:
                if m.source == stage and m.target not in depth:
                    depth[m.target] = depth[stage] + 1
                    nxt.append(m.target)
        frontier = nxt
    last = max(depth.values(), default=0) + 1
    for s in p.stages:
        if s.role.is_ice:
            depth[s.name] = last
        depth.setdefault(s.name, last - 1 if last > 1 else 0)
    return depth


def _positions(result) -> dict[str, tuple[int, int]]:
    depth = _depths(result)
    rows: dict[int, int] = {}
    pos = {}
    for s in result.pipeline.stages:
        col = depth[s.name]
        row = rows.get(col, 0)
        rows[col] = row + 1
        drop = 40 if s.role.is_ice else 0  # ICE stages sit a little lower, beside the city stages they follow
        pos[s.name] = (PAD + col * (W + COL), PAD + row * (H + ROW) + drop)
    return pos


def _curve(x1: float, y1: float, x2: float, y2: float, bend: float) -> tuple[str, tuple[float, float]]:
    cx1, cy1, cx2, cy2 = x1 + (x2 - x1) / 2, y1 + bend, x1 + (x2 - x1) / 2, y2 + bend
    mid = (0.125 * x1 + 0.375 * cx1 + 0.375 * cx2 + 0.125 * x2, 0.125 * y1 + 0.375 * cy1 + 0.375 * cy2 + 0.125 * y2)
    return f"M{x1:.1f},{y1:.1f} C{cx1:.1f},{cy1:.1f} {cx2:.1f},{cy2:.1f} {x2:.1f},{y2:.1f}", mid


def pipeline_svg(result: Reachability | PipelineDiff) -> str:
    """The drawing as one ``<svg>`` element (no XML declaration, so it can sit inside HTML)."""
    pos = _positions(result)
    edges = drawn_edges(result)
    numbers: dict[str, int] = {}
    for e in edges:
        if e.kind != "move":
            numbers.setdefault(e.label, len(numbers) + 1)
    width = max(x for x, _ in pos.values()) + W + PAD
    body_height = max(y for _, y in pos.values()) + H + PAD
    height = body_height + PAD + LEGEND_LINE * (len(numbers) + 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="{escape(result.pipeline.title)}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f"<title>{escape(result.pipeline.title)}</title>",
           '<defs><marker id="lawsim-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/>'
           "</marker></defs>"]
    fan: dict[tuple[str, str], int] = {}
    labels = []
    for e in edges:
        (sx, sy), (tx, ty) = pos[e.source], pos[e.target]
        forward = tx > sx
        x1, y1 = (sx + W, sy + H / 2) if forward else (sx + W / 2, sy + H)
        x2, y2 = (tx, ty + H / 2) if forward else (tx + W / 2, ty)
        key = (e.source, e.target)
        index = fan.get(key, 0)
        fan[key] = index + 1
        bend = 0 if e.kind == "move" else (index - 2) * 14
        path, mid = _curve(x1, y1, x2, y2, bend)
        color = _COLOR[e.state]
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="{1 if e.kind == "move" else 2}"'
                   f'{_DASH.get(e.state, "")} marker-end="url(#lawsim-arrow)"><title>{escape(e.label)}'
                   f'{escape(" — cut by " + e.note) if e.note else ""}</title></path>')
        if e.kind != "move":
            n = numbers[e.label]
            labels.append(f'<circle cx="{mid[0]:.1f}" cy="{mid[1]:.1f}" r="8" fill="white" stroke="{color}"/>'
                          f'<text x="{mid[0]:.1f}" y="{mid[1] + 4:.1f}" text-anchor="middle" fill="{color}">{n}</text>')
    for s in result.pipeline.stages:
        x, y = pos[s.name]
        fill = "#fde2e1" if s.role.is_ice else "#f4f4f4"
        out.append(f'<rect x="{x}" y="{y}" width="{W}" height="{H}" rx="8" fill="{fill}" stroke="#333333"/>')
        lines = textwrap.wrap(s.caption, 30)[:4]
        top = y + H / 2 - (len(lines) - 1) * 6.5 + 4
        for i, line in enumerate(lines):
            out.append(f'<text x="{x + W / 2:.1f}" y="{top + i * 13:.1f}" text-anchor="middle">{escape(line)}</text>')
    out += labels
    y = body_height + PAD
    out.append(f'<text x="{PAD}" y="{y}" font-weight="bold">Contact points (numbered on the drawing)</text>')
    states = {e.label: e for e in edges if e.kind != "move"}
    for name, n in numbers.items():
        e = states[name]
        y += LEGEND_LINE
        caption = result.pipeline.contact_map[name].caption
        note = f"; cut by {e.note}" if e.note else ""
        out.append(f'<text x="{PAD}" y="{y}" fill="{_COLOR[e.state]}">{n}. {escape(caption)} ({escape(name)}, '
                   f"{escape(e.kind)}): {escape(_WORDS[e.state] + note)}</text>")
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["DrawnEdge", "pipeline_svg"]
