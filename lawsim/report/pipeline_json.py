"""``lawsim pipeline --format json``: the result as plain data (schema ``lawsim.pipeline/1``, docs/pipeline.md).

Stage: report.  Input: a :class:`~lawsim.pipeline.Reachability` or
:class:`~lawsim.pipeline.PipelineDiff`.  Output: dicts and lists in a fixed
order, so the JSON text is the same for the same inputs.
"""

from __future__ import annotations

from lawsim.pipeline.graph import Path
from lawsim.pipeline.model import ContactResult, PathChange, PersonRegion, PipelineDiff, Reachability, Side
from lawsim.report.pipeline_view import region_text

SCHEMA = "lawsim.pipeline/1"


def _side(side: Side) -> dict:
    return {"version": side.version, "verdict": str(side.verdict), "open": side.open,
            "rules": [{"id": r.id, "provision": r.provision, "caption": r.caption, "bill": r.origin}
                      for r in side.rules]}


def _region(region: PersonRegion) -> dict:
    out: dict = {"profiles": region.count, "description": region_text(region),
                 "conditions": [{"fact": c.fact.name, "values": list(c.values)} for c in region.conditions],
                 "witness": dict(region.witness)}
    if region.change is not None:
        out["change"] = str(region.change)
    if region.sides:
        out["sides"] = [_side(s) for s in region.sides]
        out["assumptions"] = list(region.assumptions)
    return out


def _path(path: Path) -> dict:
    return {"id": path.key, "stages": list(path.stages), "contact": path.contact.name,
            "moves": [{"from": m.source, "to": m.target, "caption": m.caption, "per": list(m.sources)}
                      for m in path.moves]}


def _contact(result: ContactResult, versions: list[str]) -> dict:
    c = result.contact
    out: dict = {"id": c.name, "caption": c.caption, "kind": str(c.kind), "agency": c.agency, "conduct": c.conduct,
                 "from": list(c.stages), "to": c.target, "settings": dict(c.settings), "cites": list(c.cites),
                 "open_for": dict(zip(versions, result.open_counts)),
                 "paths": [_path(p) for p in result.paths]}
    if result.counts:
        out["changes"] = {str(k): n for k, n in result.counts}
    out["regions"] = [_region(r) for r in result.regions]
    return out


def _pipeline(result: Reachability | PipelineDiff) -> dict:
    p = result.pipeline
    return {"title": p.title, "jurisdiction": p.jurisdiction, "file": p.path, "person_facts": list(p.person_facts),
            "stages": [{"id": s.name, "caption": s.caption, "role": str(s.role), "per": list(s.sources)}
                       for s in p.stages]}


def pipeline_json(result: Reachability | PipelineDiff) -> dict:
    """The whole result as JSON-ready data; both kinds have the same keys, in the same order."""
    if isinstance(result, PipelineDiff):
        infos = [result.baseline, result.reform]
        everywhere = [r.contact.name for r in result.contacts if dict(r.counts).get(PathChange.KEPT)]
        no_path: list | None = [_region(r) for r in result.no_way_left]
        new_way: list | None = [_region(r) for r in result.new_way]
    else:
        infos = list(result.versions)
        everywhere, no_path, new_way = list(result.everywhere), None, None
    versions = [v.name for v in infos]
    return {"schema": SCHEMA, "ok": True,
            "kind": "differential" if isinstance(result, PipelineDiff) else "reachability",
            "versions": [{"name": v.name, "title": v.title} for v in infos],
            "pipeline": _pipeline(result), "readings": list(result.readings), "given": dict(result.given),
            "profiles": result.profiles, "reachable": dict(zip(versions, result.reachable)),
            "contacts": [_contact(r, versions) for r in result.contacts],
            "open_under_every_version": everywhere, "no_path_left": no_path, "new_way_through": new_way,
            "warnings": [w.message for w in result.warnings]}
