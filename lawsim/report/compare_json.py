"""Render a comparison as JSON, schema ``lawsim.compare/1`` (docs/compare-json.md).

Stage: report.  Input: a :class:`lawsim.compare.Comparison`.  Output: a
JSON-ready dict whose key order and list order are fixed, so the same
inputs always dump to the same bytes.  Scenario counts are exact integers.
"""

from __future__ import annotations

from lawsim.compare import Comparison, Modified
from lawsim.compare.kinds import State
from lawsim.compare.structure import Attribution
from lawsim.diagnostics import to_json
from lawsim.report.compare_view import CompareView, ProvisionView, RegionView, build, readings_text
from lawsim.report.outcomes import outcome_json

SCHEMA = "lawsim.compare/1"


def _version(version) -> dict:
    law = version.law
    return {
        "name": version.name,
        "spec": version.spec,
        "title": law.title,
        "files": list(version.paths),
        "bills": [{"number": b.number, "title": b.title, "sponsors": list(b.sponsors), "status": b.status}
                  for b in law.bills],
    }


def _state(state: State) -> dict:
    return {"verdict": state.verdict, "remedy": state.remedy, "plaintiffs": list(state.plaintiffs),
            "relief": list(state.relief)}


def _attribution(att: Attribution | None) -> dict | None:
    return None if att is None else {"bill": att.bill, "side": att.side}


def _provision(change, view: ProvisionView) -> dict:
    items = []
    if view.change == "modified":
        items = [{"kind": i.kind, "key": i.key, "change": i.change, "aspects": list(i.aspects),
                  "attribution": _attribution(i.attribution)} for i in change.items]
    return {
        "id": view.id,
        "change": view.change,
        "caption": view.caption,
        "attribution": _attribution(change.attribution),
        "renumbered_from": change.baseline.id if isinstance(change, Modified) and change.renumbered else None,
        "items": items,
        "redline": [{"kind": s.kind, "text": s.text} for s in view.redline.segments],
    }


def _readings(region) -> dict:
    """The readings key, given only by the symbolic engine (absent otherwise)."""
    if region.readings is None:
        return {}
    readings = region.readings
    return {"readings": {"every": readings.every, "needs": [dict(need) for need in readings.needs],
                         "text": readings_text(readings)}}


def _region(view: RegionView) -> dict:
    region = view.region
    return {
        "number": view.number,
        "kind": region.kind,
        "scenarios": region.count,
        "description": view.description,
        "conditions": [{"fact": c.fact.name, "values": list(c.values), "text": text}
                       for c, text in zip(region.conditions, view.conditions)],
        "before": _state(region.before),
        "after": _state(region.after),
        "responsible": [{"kind": r.kind, "id": r.id, "provision": r.provision, "baseline": r.baseline,
                         "reform": r.reform} for r in region.responsible],
        "assumptions": list(region.assumptions),
        "witness": {
            "scenario": dict(region.witness.scenario),
            "facts_used": [name for name, _ in view.witness.facts],
            "baseline": outcome_json(region.witness.baseline),
            "reform": outcome_json(region.witness.reform),
        },
        **_readings(region),
    }


def report_json(comparison: Comparison, view: CompareView | None = None) -> dict:
    """The JSON document for ``comparison``."""
    view = view or build(comparison)
    structure = comparison.structure
    return {
        "schema": SCHEMA,
        "baseline": _version(comparison.baseline),
        "reform": _version(comparison.reform),
        "changed": comparison.changed,
        "engine": comparison.engine,
        "in_short": list(view.in_short),
        "assumptions_set": {name: value for name, value in comparison.assumptions},
        "parameters_set": {name: value for name, value, _ in comparison.parameters},
        "summary": {
            "scenarios": view.total,
            "changed": view.changed,
            "kinds": {k.kind: {"scenarios": k.count, "regions": len(k.regions),
                               **({"regions_not_described": k.omitted_regions,
                                   "scenarios_not_described": k.omitted_scenarios} if k.omitted_scenarios else {})}
                      for k in view.kinds},
        },
        "structure": {
            "provisions": [_provision(c, v) for c, v in zip(structure.provisions, view.provisions)],
            "facts": [{"name": f.name, "change": f.change} for f in structure.facts],
            "default": {"baseline": comparison.baseline.law.default_verdict,
                        "reform": comparison.reform.law.default_verdict},
        },
        "by_agency_and_conduct": [{"agency": p.agency, "conduct": p.conduct, "scenarios": p.scenarios,
                                   "verdicts": p.verdicts,
                   "remedies": p.remedies, "changes": dict(p.counts)} for p in comparison.semantics.pairs],
        "regions": [_region(r) for k in view.kinds for r in k.regions],
        "assumptions": [{"name": x.assumption, "value": x.value, "changed": x.changed, "changes": dict(x.counts),
                         "regions": [r + 1 for r in x.regions]} for x in comparison.semantics.sensitivity],
        "scenarios": list(comparison.scenarios),
        "cases": [{"id": c.id, "title": c.title, "file": c.path, "before": _state(c.before), "after": _state(c.after),
                   "kind": c.kind, "region": None if c.region is None else c.region + 1,
                   "assumptions": dict(c.assumptions)} for c in comparison.cases],
        "warnings": [to_json(w) for w in comparison.warnings],
    }

