"""Render a multi-bill report as one self-contained HTML page.

Stage: report.  Input: :class:`lawsim.compare.several.Comparisons`.
Output: HTML text from ``templates/report.html.j2`` over the prepared view
(:mod:`lawsim.report.report_view`), with the stylesheet, the SVG chart and
the scenario explorer's JavaScript inline: the file opens from disk, makes
no network request (its Content-Security-Policy forbids any) and can be
emailed.  jinja2 autoescapes every string; the only unescaped pieces are
the chart (escaped where it is drawn, :mod:`lawsim.report.chart`) and the
scripts (law text in them is written by :func:`lawsim.report.explorer.js_value`).
The same inputs give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawsim import ir
from lawsim.compare.kinds import TITLES
from lawsim.compare.several import Comparisons
from lawsim.engine.space import build_space
from lawsim.ir.vocab import FactKind
from lawsim.report.chart import changed_chart
from lawsim.report.explorer import compile_versions
from lawsim.report.law_highlight import highlight_segments, stylesheet
from lawsim.report.report_view import ReportView, build_report

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class FactControl:
    name: str
    kind: str
    description: str
    values: tuple
    options: tuple[tuple[str, str], ...]  # (value, words) for a dropdown
    initial: object


@dataclass(frozen=True)
class AssumptionControl:
    name: str
    description: str
    default: str


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True)


def _initial(comparisons: Comparisons) -> tuple[dict, str]:
    """A situation to open the explorer on: the largest finding's example, else any possible one."""
    for comparison in comparisons.comparisons:
        if comparison.semantics.regions:
            return dict(comparison.semantics.regions[0].witness.scenario), (
                f"it opens on the example of the first finding for {comparison.reform.name}")
    law = comparisons.baseline.law
    space = build_space(law)
    weights = space.weights()
    first = int(weights.nonzero()[0][0]) if weights.any() else 0
    return space.scenario(first), ""


def _controls(laws: list[ir.Law], initial: dict) -> tuple[FactControl, ...]:
    seen: dict[str, ir.Fact] = {}
    for law in laws:
        for fact in law.facts:
            seen.setdefault(fact.name, fact)
    out = []
    for fact in seen.values():
        value = initial.get(fact.name, fact.values[0])
        options = tuple((str(v), fact.describe_value(v) if fact.kind == FactKind.ENUM else str(v))
                        for v in fact.values) if fact.kind != FactKind.INT else ()
        out.append(FactControl(fact.name, str(fact.kind), fact.description, fact.values, options,
                               value if fact.kind == FactKind.INT else str(value)))
    return tuple(out)


def render_report(comparisons: Comparisons, date: str | None = None, pipeline: str = "") -> str:
    """The report as an HTML page.

    ``pipeline`` is an inline SVG drawing of the custody pipeline, when one is available (it is
    placed after the chart).
    """
    view: ReportView = build_report(comparisons, date)
    versions = [comparisons.baseline, *(c.reform for c in comparisons.comparisons)]
    laws = [c.baseline.law for c in comparisons.comparisons[:1]] + [c.reform.law for c in comparisons.comparisons]
    initial, note = _initial(comparisons)
    assumption_controls: dict[str, AssumptionControl] = {}
    for law in laws:
        for a in law.assumptions.values():
            assumption_controls.setdefault(a.name, AssumptionControl(a.name, a.description,
                                                                     "on" if a.default else "off"))
    script = compile_versions([(v.name, law) for v, law in zip(versions, laws)])
    # Each redline as highlighted .law text: (segment kind, HTML) pairs, per reform and provision.
    highlighted = {r.key: [highlight_segments(red.provision.redline.segments) for red in r.redlines]
                   for r in view.reforms}
    return _environment().get_template("report.html.j2").render(
        view=view, css=(_TEMPLATES / "report.css").read_text(encoding="utf-8") + "\n" + stylesheet(".law"),
        highlighted=highlighted,
        chart=changed_chart(view.reforms), pipeline=pipeline, kind_titles={k: TITLES[k].split(" (")[0] for k in TITLES},
        facts=_controls(laws, initial), initial_note=note,
        assumption_controls=sorted(assumption_controls.values(), key=lambda a: a.name),
        explorer_versions=[v.name for v in versions], explorer_script=script,
        page_script=(_TEMPLATES / "report.js").read_text(encoding="utf-8"))
