"""Render a comparison as one self-contained HTML page (inline CSS, no scripts).

Stage: report.  Input: a :class:`lawsim.compare.Comparison`.  Output: HTML
text made from the prepared view model by ``templates/compare.html.j2``;
the template only loops and displays.  Redlines are .law text, highlighted
by :mod:`lawsim.report.law_highlight` (its stylesheet goes in the page's
one ``<style>``).  The page can be saved and emailed
as a single file.
"""

from __future__ import annotations

from pathlib import Path

from lawsim.compare import Comparison
from lawsim.compare.kinds import KINDS
from lawsim.report.compare_view import MAIN_KINDS, SHORT, build
from lawsim.report.law_highlight import highlight_segments, stylesheet

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True)


def render_html(comparison: Comparison) -> str:
    """The comparison as an HTML page."""
    view = build(comparison)
    used = [i for i, k in enumerate(KINDS) if any(p.counts[i] for p in view.pairs) or k in MAIN_KINDS]
    columns = [SHORT[KINDS[i]] for i in used]
    pairs = [(p, [f"{p.counts[i]:,}" if p.counts[i] else "-" for i in used]) for p in view.pairs]
    share = f"{100 * view.changed / view.total:.2f}%" if view.total else "0%"
    # Each provision with its redline as highlighted .law text: (segment kind, HTML) pairs.
    provisions = [(p, highlight_segments(p.redline.segments)) for p in view.provisions]
    return _environment().get_template("compare.html.j2").render(
        view=view, columns=columns, pairs=pairs, share=share, main_kinds=MAIN_KINDS, provisions=provisions,
        law_css=stylesheet(".law"))
