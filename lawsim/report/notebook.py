"""Notebook views of a comparison: an HTML fragment of its findings and its regions as records.

Stage: report.  Input: a :class:`~lawsim.report.compare_view.CompareView`
(the view model every compare report renders).  Output: an HTML fragment
(no page, no scripts; inline styles only, so a notebook, a saved
notebook's HTML and GitHub's notebook viewer all show it the same) made by
``templates/notebook.html.j2``, and a list of plain dicts, one per region,
that ``pandas.DataFrame`` takes as it is.
"""

from __future__ import annotations

from lawsim.report.compare_html import _environment
from lawsim.report.compare_view import CompareView

#: The largest number of regions the fragment lists; the records always hold them all.
SHOWN_REGIONS = 12


def comparison_fragment(view: CompareView) -> str:
    """The findings of a comparison (in short, counts by kind, the largest regions) as HTML."""
    regions = sorted((r for k in view.kinds for r in k.regions), key=lambda r: (-r.count, r.number))
    share = f"{100 * view.changed / view.total:.2f}%" if view.total else "0%"
    return _environment().get_template("notebook.html.j2").render(
        view=view, regions=regions[:SHOWN_REGIONS], hidden=max(0, len(regions) - SHOWN_REGIONS), share=share)


def region_records(view: CompareView) -> list[dict]:
    """One flat record per region, in report order: what changes, for how many scenarios, and a witness."""
    records = []
    for kind in view.kinds:
        for r in kind.regions:
            records.append({
                "region": r.number,
                "kind": str(r.kind),
                "scenarios": r.count,
                "description": r.description,
                "baseline": r.before,
                "reform": r.after,
                "responsible": "; ".join(r.responsible),
                "assumptions": ", ".join(r.assumptions),
                "witness": ", ".join(f"{name}={value}" for name, value in r.witness.facts),
            })
    return records


def case_records(view: CompareView) -> list[dict]:
    """One record per documented case (scenario file): its outcome under each version and what changed."""
    return [{"case": c.id, "title": c.title, "file": c.path, "baseline": c.before, "reform": c.after,
             "change": c.change or "the same under both versions"} for c in view.cases]
