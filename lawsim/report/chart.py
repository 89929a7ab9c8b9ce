"""An inline SVG bar chart: the share of each agency's situations a bill changes, by kind of change.

Stage: report.  Input: the reforms of a :class:`lawsim.report.report_view.ReportView`
(their per-agency-and-conduct counts).  Output: SVG text, every string in
it escaped here, for the report to place inline (no script, no external
reference).  Each bar is labelled in words and numbers as well as coloured,
so colour is never the only signal.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

from lawsim.compare.kinds import KINDS, ChangeKind
from lawsim.report.compare_view import SHORT, number

#: Colours that stay apart for the common colour-vision deficiencies (Okabe and Ito's palette).
COLOURS = {
    ChangeKind.LOOPHOLE_CLOSED: "#0072b2", ChangeKind.LOOPHOLE_OPENED: "#d55e00",
    ChangeKind.REMEDY_GAINED: "#009e73", ChangeKind.REMEDY_LOST: "#cc79a7",
}
OTHER = "#999999"

_LABEL, _BAR, _ROW, _WIDTH = 170, 300, 24, 700


def _agencies(pairs) -> list[tuple[str, int, list[int]]]:
    """(agency, situations, changed per kind) in the order the pairs give."""
    out: dict[str, tuple[int, list[int]]] = {}
    for p in pairs:
        total, counts = out.get(p.agency, (0, [0] * len(KINDS)))
        out[p.agency] = (total + p.scenarios, [a + b for a, b in zip(counts, p.counts)])
    return [(agency, total, counts) for agency, (total, counts) in out.items()]


def changed_chart(reforms: Sequence) -> str:
    """The chart for ``reforms`` (each with ``name`` and ``view.pairs``), or '' when nothing changes."""
    groups = [(r.name, _agencies(r.view.pairs)) for r in reforms]
    shares = [sum(c) / total for _, rows in groups for _, total, c in rows if total]
    top = max(shares, default=0.0)
    if top == 0:
        return ""
    used = [k for k in KINDS if any(c[KINDS.index(k)] for _, rows in groups for _, _, c in rows)]
    lines: list[str] = []
    y = 8
    legend_x = 0
    for kind in used:
        colour = COLOURS.get(kind, OTHER)
        label = escape(SHORT[kind])
        lines.append(f'<rect x="{legend_x}" y="{y}" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{legend_x + 20}" y="{y + 12}">{label}</text>')
        legend_x += 30 + 9 * len(SHORT[kind])
    y += 30
    for name, rows in groups:
        lines.append(f'<text x="0" y="{y + 14}" class="group">{escape(name)}</text>')
        y += _ROW
        for agency, total, counts in rows:
            lines.append(f'<text x="12" y="{y + 15}">{escape(agency)}</text>')
            x = float(_LABEL)
            parts = []
            for k, n in zip(KINDS, counts):
                if not n:
                    continue
                w = _BAR * (n / total) / top
                share = 100 * n / total
                title = f"{agency}, {SHORT[k]}: {number(n)} of {number(total)} situations ({share:.1f}%)"
                lines.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="16" '
                             f'fill="{COLOURS.get(k, OTHER)}"><title>{escape(title)}</title></rect>')
                x += w
                parts.append(f"{share:.1f}% {SHORT[k]}")
            text = ", ".join(parts) if parts else "no change"
            lines.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{escape(text)}</text>')
            y += _ROW
        y += 8
    body = "\n".join(lines)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {y}" width="100%" role="img" '
            f'aria-labelledby="chart-title" class="chart">\n<title id="chart-title">Share of each agency\'s '
            f'situations whose outcome changes, by bill and kind of change</title>\n{body}\n</svg>')
