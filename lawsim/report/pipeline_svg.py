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

import re
import textwrap
from html import escape

from lawsim.pipeline.model import PipelineDiff, Reachability
from lawsim.report.pipeline_edges import DrawnEdge, drawn_edges

W, H, COL, ROW, PAD, LANE = 180, 64, 110, 28, 20, 7
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


def _positions(result, top: int) -> dict[str, tuple[int, int]]:
    depth = _depths(result)
    rows: dict[int, int] = {}
    pos = {}
    for s in result.pipeline.stages:
        col = depth[s.name]
        row = rows.get(col, 0)
        rows[col] = row + 1
        drop = 40 if s.role.is_ice else 0  # ICE stages sit a little lower, beside the city stages they follow
        pos[s.name] = (PAD + 40 + col * (W + COL), top + row * (H + ROW) + drop)
    return pos


def _bezier(p0, p1, p2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
            u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1])


def _route(source: tuple[int, int], target: tuple[int, int], index: int, move: bool, top: int, low: float
           ) -> tuple[str, tuple[float, float]]:
    """An edge's SVG path and where its label goes; no edge crosses a stage box.

    Forward to the next column: one curve through the gap.  Within a column:
    round the left side, bowing out further for longer jumps.  Skipping
    columns: up to a band above the drawing, along it, and down into the
    target from its right.  Backwards (to an earlier column): out to the
    right, down to a band below the drawing (``low``), along it, and up the
    gap left of the target.  Edges in a band each take a lane of their own.
    """
    (sx, sy), (tx, ty) = source, target
    if tx < sx:
        lane, out, back = low + LANE * index, sx + W + 12 + LANE * index, tx - 12 - LANE * index
        points = ((sx + W, sy + H / 2), (out, sy + H / 2), (out, lane), (back, lane), (back, ty + H / 2),
                  (tx, ty + H / 2))
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        return d, ((out + back) / 2, lane)
    if tx == sx:
        p0, p3 = (sx, sy + H / 2), (tx, ty + H / 2)
        bow = 30 + 12 * abs(ty - sy) / (H + ROW) + 6 * index
        p1, p2 = (sx - bow, p0[1]), (tx - bow, p3[1])
    elif tx - sx <= W + COL:
        p0, p3 = (sx + W, sy + H / 2), (tx, ty + H / 2)
        mid, bend = (p0[0] + p3[0]) / 2, 0 if move else (index - 1) * 12
        p1, p2 = (mid, p0[1] + bend), (mid, p3[1] + bend)
    else:
        lane = top - 40 - LANE * index
        start, turn, end = (sx + W, sy + H / 2), (tx + W + 24 + LANE * index, ty + H / 2), (tx + W, ty + H / 2)
        d = (f"M{start[0]:.1f},{start[1]:.1f} C{start[0] + COL / 2:.1f},{start[1]:.1f} {start[0] + COL / 2:.1f},"
             f"{lane:.1f} {start[0] + COL:.1f},{lane:.1f} L{turn[0]:.1f},{lane:.1f} L{turn[0]:.1f},{turn[1]:.1f} "
             f"L{end[0]:.1f},{end[1]:.1f}")
        return d, (start[0] + COL + 40 + 24 * index, lane)
    d = f"M{p0[0]:.1f},{p0[1]:.1f} C{p1[0]:.1f},{p1[1]:.1f} {p2[0]:.1f},{p2[1]:.1f} {p3[0]:.1f},{p3[1]:.1f}"
    return d, _bezier(p0, p1, p2, p3, min(0.3 + 0.12 * index, 0.85))


def _heading(result: Reachability | PipelineDiff) -> str:
    if isinstance(result, PipelineDiff):
        return f"Paths to ICE: {result.baseline.name} against {result.reform.name}"
    return f"Paths to ICE under {', '.join(v.name for v in result.versions)}"


def pipeline_svg(result: Reachability | PipelineDiff) -> str:
    """The drawing as one ``<svg>`` element (no XML declaration, so it can sit inside HTML)."""
    edges = drawn_edges(result)
    # Room above the stages for one lane per edge that skips a column (at least the heading's).
    first = _positions(result, 0)
    band = sum(1 for e in edges if first[e.target][0] - first[e.source][0] > W + COL)
    top = max(110, 70 + LANE * band)
    pos = _positions(result, top)
    backward = sum(1 for e in edges if pos[e.target][0] < pos[e.source][0])
    low = max(y for _, y in pos.values()) + H + 16
    numbers: dict[str, int] = {}
    for e in edges:
        if e.kind != "move":
            numbers.setdefault(e.label, len(numbers) + 1)
    width = max(x for x, _ in pos.values()) + W + PAD + 24 + LANE * band
    body_height = low + LANE * backward + PAD if backward else max(y for _, y in pos.values()) + H + PAD
    height = body_height + PAD + LEGEND_LINE * (len(numbers) + 1)
    # Several drawings may sit in one HTML page, so the arrowhead's id is made from the heading.
    arrow = "lawsim-arrow-" + re.sub(r"[^a-z0-9]+", "-", _heading(result).lower()).strip("-")
    label = escape(f"{result.pipeline.title}: {_heading(result)}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" style="max-width:100%;height:auto" role="img" aria-label="{label}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f"<title>{escape(_heading(result))}</title>",
           f'<text x="{PAD}" y="18" font-size="13" font-weight="bold">{escape(_heading(result))}</text>',
           f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/>'
           "</marker></defs>"]
    fan: dict[tuple[str, str], int] = {}
    starts: dict[str, int] = {}
    labels = []
    for e in edges:
        # Edges in a band (over the top, or below for backward moves) each take a lane of their own,
        # so they are counted together.
        skips = pos[e.target][0] - pos[e.source][0] > W + COL
        back = pos[e.target][0] < pos[e.source][0]
        key = ("", "top") if skips else ("", "low") if back else (e.source, e.target)
        index = fan.get(key, 0)
        fan[key] = index + 1
        path, mid = _route(pos[e.source], pos[e.target], index, e.kind == "move", top, low)
        if e.kind != "move" and not skips:
            # Labels of the contact points leaving one stage sit in a small grid beside it, in order,
            # rather than along the curves, where those of neighbouring stages would collide.
            k = starts.get(e.source, 0)
            starts[e.source] = k + 1
            sx, sy = pos[e.source]
            mid = (sx + W + 12 + (k % 2) * 18, sy + 6 + (k // 2) * 18)
        color = _COLOR[e.state]
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="{1 if e.kind == "move" else 2}"'
                   f'{_DASH.get(e.state, "")} marker-end="url(#{arrow})"><title>{escape(e.label)}'
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
        first_line = y + H / 2 - (len(lines) - 1) * 6.5 + 4
        for i, line in enumerate(lines):
            out.append(f'<text x="{x + W / 2:.1f}" y="{first_line + i * 13:.1f}" text-anchor="middle">'
                       f"{escape(line)}</text>")
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


def pipeline_svgs(results) -> str:
    """Several drawings, one after the other (for a report of several bills against one baseline)."""
    return "\n".join(pipeline_svg(r) for r in results)


__all__ = ["DrawnEdge", "pipeline_svg", "pipeline_svgs"]
