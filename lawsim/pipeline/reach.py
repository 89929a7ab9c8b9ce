"""Reachability under one version and the differential between two, over every person profile.

Stage: pipeline.  Input: a :class:`~lawsim.ir.pipeline.Pipeline`, checked
:class:`~lawsim.semantics.Version` values and person facts the user fixed.
Output: a :class:`Reachability` or a :class:`PipelineDiff`.

A path is a route of moves from the entry stage followed by one contact
point; moves are not governed by city law, so a path is open for a person
exactly when its contact point's conduct is permitted for that person.
Every profile point gets a label (what each version says, and why), and
the labelled grid is covered by exact disjoint cubes
(:func:`lawsim.compare.regions.cover`), so each region is described by a
few conditions on person facts and counted exactly, as in ``lawsim compare``.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

from lawsim import ir
from lawsim.compare.regions import cover
from lawsim.compare.semantic import Condition
from lawsim.engine.space import Space
from lawsim.ir.pipeline import Binding, Pipeline, Value
from lawsim.pipeline.edges import EdgeResult, Reason, assumptions_in_play, evaluate_edges, flipped_open
from lawsim.pipeline.graph import CustodyGraph, Path
from lawsim.pipeline.model import (
    ContactResult,
    PathChange,
    PersonRegion,
    PipelineDiff,
    Reachability,
    RuleRef,
    Side,
    VersionInfo,
)
from lawsim.pipeline.profiles import profile_space
from lawsim.semantics import Version
from lawsim.semantics.lawgraph import LawGraph
from lawsim.semantics.pipeline import bind, binding_warnings, pipeline_warnings


def _rule_ref(law: ir.Law, rule_id: str) -> RuleRef:
    provision = law.provision_map[rule_id.partition(":")[0]]
    return RuleRef(rule_id, provision.id, provision.caption, provision.origin)


def _side(version: Version, reason: Reason) -> Side:
    return Side(version.name, reason.verdict, tuple(_rule_ref(version.law, r) for r in reason.rules))


def _regions(space: Space, weights: np.ndarray, labels: np.ndarray,
             describe: Callable[[int], tuple[tuple[Side, ...], PathChange | None]],
             sensitive: Mapping[str, np.ndarray] | None = None) -> tuple[PersonRegion, ...]:
    """Exact regions of the non-zero labels (possible profiles only), each with its sides and the
    assumptions (of ``sensitive``: name -> profiles whose answer the other reading changes) it relies on."""
    shape = tuple(a.count for a in space.axes)
    grid = np.where(weights > 0, labels, 0).reshape(shape)
    regions = []
    for cube in cover(grid, dont_care=(weights == 0).reshape(shape)):
        inside = cube.mask(shape).reshape(-1) & (labels == cube.label) & (weights > 0)
        conditions = tuple(Condition(axis.fact, tuple(v for c in cube.sets[k] for v in axis.classes[c]))
                           for k, axis in enumerate(space.axes) if len(cube.sets[k]) < axis.count)
        witness = space.scenario(int(np.argmax(inside)))
        sides, change = describe(cube.label)
        relied = tuple(sorted(name for name, mask in (sensitive or {}).items() if (mask & inside).any()))
        regions.append(PersonRegion(conditions, int(weights[inside].sum()),
                                    tuple((a.name, witness[a.name]) for a in space.axes), sides, change, relied))
    return tuple(sorted(regions, key=lambda r: (list(PathChange).index(r.change) if r.change else 0,
                                                -r.count, r.witness)))


def _setup(pipeline: Pipeline, versions: Sequence[Version], given: Mapping[str, Value],
           assumptions: Mapping[str, bool]):
    bindings = [bind(pipeline, v.law) for v in versions]
    profiles = profile_space([v.law for v in versions], bindings, given)
    weights = profiles.weights()
    # Each version reads the assumptions it declares; a setting for another version's assumption is not its own.
    own = [{k: x for k, x in assumptions.items() if k in v.law.assumptions} for v in versions]
    edges = [evaluate_edges(v.law, b, profiles, o) for v, b, o in zip(versions, bindings, own)]
    paths = CustodyGraph(pipeline).paths()
    warnings = (*pipeline_warnings(pipeline), *(w for v in versions for w in binding_warnings(pipeline, v.law)))
    sensitive = _sensitivity(pipeline, versions, bindings, profiles, edges, own)
    return bindings, profiles, weights, edges, paths, warnings, sensitive


def _sensitivity(pipeline, versions, bindings, profiles, edges, own) -> dict[str, dict[str, np.ndarray]]:
    """Per contact point and assumption: the profiles for which reading the assumption the other way
    (in every version that declares it) opens or closes the contact point under some version.

    Only assumptions that the rules in scope of the contact point's conduct rely on (found on the law
    graph) can change it, so only those are evaluated again.
    """
    out: dict[str, dict[str, np.ndarray]] = {c.name: {} for c in pipeline.contacts}
    for version, binding, found, settings in zip(versions, bindings, edges, own):
        in_play = assumptions_in_play(version.law, binding, LawGraph(version.law))
        for contact in pipeline.contacts:
            for name in in_play[contact.name]:
                changed = flipped_open(version.law, binding, profiles, contact.name, name, settings) \
                    != found[contact.name].open
                before = out[contact.name].get(name)
                out[contact.name][name] = changed if before is None else before | changed
    return out


def _paths_of(paths: list[Path], name: str) -> tuple[Path, ...]:
    return tuple(p for p in paths if p.contact.name == name)


def _given(bindings: Sequence[Binding], given: Mapping[str, Value]) -> tuple[tuple[str, Value], ...]:
    return tuple((f.name, given[f.name]) for f in bindings[0].person if f.name in given)


def _info(version: Version) -> VersionInfo:
    return VersionInfo(version.name, version.law.title)


def reachability(pipeline: Pipeline, versions: Sequence[Version], given: Mapping[str, Value] | None = None,
                 assumptions: Mapping[str, bool] | None = None) -> Reachability:
    """Every path to ICE under each version, and for which of the selected profiles it is open.

    ``given`` holds person facts at a value; ``assumptions`` read the versions
    with assumptions set other than by default.
    """
    given = dict(given or {})
    bindings, profiles, weights, edges, paths, warnings, sensitive = _setup(pipeline, versions, given,
                                                                            dict(assumptions or {}))
    results = []
    for contact in pipeline.contacts:
        per = [e[contact.name] for e in edges]
        # One label per combination of (reason under each version).
        stacked = np.stack([r.reason for r in per], axis=1)
        keys, inverse = np.unique(stacked, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1) + 1

        def describe(label: int, keys=keys, per=per) -> tuple[tuple[Side, ...], PathChange | None]:
            row = keys[label - 1]
            return tuple(_side(v, r.reasons[int(i)]) for v, r, i in zip(versions, per, row)), None

        results.append(ContactResult(contact, _paths_of(paths, contact.name),
                                     tuple(int(weights[r.open].sum()) for r in per),
                                     _regions(profiles, weights, inverse, describe, sensitive[contact.name])))
    any_open = [np.logical_or.reduce([e[c.name].open for c in pipeline.contacts]) for e in edges]
    everywhere = tuple(c.name for c in pipeline.contacts
                       if (np.logical_and.reduce([e[c.name].open for e in edges]) & (weights > 0)).any())
    return Reachability(pipeline, tuple(_info(v) for v in versions), _given(bindings, given), profiles.total(),
                        tuple(results), tuple(int(weights[a].sum()) for a in any_open), everywhere, warnings)


def _change(before: bool, after: bool) -> PathChange | None:
    if before and after:
        return PathChange.KEPT
    if before:
        return PathChange.CUT
    if after:
        return PathChange.OPENED
    return None


def _contact_diff(baseline: Version, reform: Version, b: EdgeResult, r: EdgeResult, profiles: Space,
                  weights: np.ndarray, contact, paths, sensitive: Mapping[str, np.ndarray]) -> ContactResult:
    b_open, r_open = b.open, r.open
    stacked = np.stack([b.reason, r.reason], axis=1)
    keys, inverse = np.unique(stacked, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1) + 1
    inverse[~(b_open | r_open)] = 0  # closed under both: nothing to say about this path

    def describe(label: int) -> tuple[tuple[Side, ...], PathChange | None]:
        rb, rr = b.reasons[int(keys[label - 1][0])], r.reasons[int(keys[label - 1][1])]
        return (_side(baseline, rb), _side(reform, rr)), _change(rb.open, rr.open)

    counts = []
    for change, mask in ((PathChange.CUT, b_open & ~r_open), (PathChange.KEPT, b_open & r_open),
                         (PathChange.OPENED, ~b_open & r_open)):
        n = int(weights[mask].sum())
        if n:
            counts.append((change, n))
    return ContactResult(contact, paths, (int(weights[b_open].sum()), int(weights[r_open].sum())),
                         _regions(profiles, weights, inverse, describe, sensitive), tuple(counts))


def differential(pipeline: Pipeline, baseline: Version, reform: Version, given: Mapping[str, Value] | None = None,
                 assumptions: Mapping[str, bool] | None = None) -> PipelineDiff:
    """Which paths ``reform`` cuts, keeps and opens relative to ``baseline``, for which people."""
    given = dict(given or {})
    bindings, profiles, weights, edges, paths, warnings, sensitive = _setup(pipeline, [baseline, reform], given,
                                                                            dict(assumptions or {}))
    results = tuple(_contact_diff(baseline, reform, edges[0][c.name], edges[1][c.name], profiles, weights, c,
                                  _paths_of(paths, c.name), sensitive[c.name]) for c in pipeline.contacts)
    any_b, any_r = (np.logical_or.reduce([e[c.name].open for c in pipeline.contacts]) for e in edges)

    def overall(mask: np.ndarray, change: PathChange) -> tuple[PersonRegion, ...]:
        return _regions(profiles, weights, mask.astype(np.int64), lambda _: ((), change))

    return PipelineDiff(pipeline, _info(baseline), _info(reform), _given(bindings, given), profiles.total(), results,
                        (int(weights[any_b].sum()), int(weights[any_r].sum())),
                        overall(any_b & ~any_r, PathChange.CUT), overall(~any_b & any_r, PathChange.OPENED),
                        warnings)
