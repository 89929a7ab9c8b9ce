"""``lawsim pipeline`` as text: the paths to ICE, for whom they are open, and which a reform cuts.

Stage: report.  Input: a :class:`~lawsim.pipeline.Reachability` or
:class:`~lawsim.pipeline.PipelineDiff`.  Output: plain text, the same
bytes for the same inputs.  Regions are listed largest first; ``limit``
caps them per contact point (0: all).
"""

from __future__ import annotations

from lawsim.pipeline.model import ContactResult, PathChange, PipelineDiff, Reachability
from lawsim.report.pipeline_view import (
    conduct_words,
    kind_words,
    path_text,
    profiles,
    region_text,
    side_text,
    witness_text,
)

_CHANGE_WORDS = {PathChange.CUT: "cut", PathChange.KEPT: "still open", PathChange.OPENED: "opened"}


def number_of(n: int) -> str:
    return f"{n:,}"


def _header(result: Reachability | PipelineDiff) -> list[str]:
    p = result.pipeline
    lines = [f"Custody pipeline: {p.title}", f"  from {p.path}" if p.path else ""]
    lines = [line for line in lines if line]
    if isinstance(result, PipelineDiff):
        lines += [f"Baseline: {result.baseline.name}  ({result.baseline.title})",
                  f"Reform:   {result.reform.name}  ({result.reform.title})"]
    else:
        lines += [f"Version: {v.name}  ({v.title})" for v in result.versions]
    if result.readings:
        lines.append(f"Read with: {', '.join(result.readings)} (set other than by default)")
    given = ", ".join(f"{k}={v}" for k, v in result.given) or "none (every person)"
    lines += [f"Person facts held: {given}",
              f"Counted: {profiles(result.profiles)}: combinations of the person facts "
              f"({', '.join(p.person_facts)}) that can happen, not numbers of people.", ""]
    return lines


def _contact_head(result: ContactResult) -> list[str]:
    c = result.contact
    lines = [f"  {c.caption}", f"    contact point {c.name}: {kind_words(c)}, {conduct_words(c)}; "
             f"governed by {', '.join('§ ' + x for x in c.cites)}"]
    lines.append(f"    {len(result.paths)} path{'' if len(result.paths) == 1 else 's'}:")
    lines += [f"      {path_text(path)}" for path in result.paths]
    return lines


def _regions(result: ContactResult, names: list[str], limit: int, only=None) -> list[str]:
    regions = [r for r in result.regions if only is None or r.change in only]
    lines = []
    for region in regions[: limit or None]:
        label = f"{_CHANGE_WORDS[region.change]} for" if region.change else (
            "open for" if all(s.open for s in region.sides) else "closed for" if not any(s.open for s in region.sides)
            else "for")
        lines.append(f"    {label} {profiles(region.count)}: {region_text(region)}")
        for name, side in zip(names, region.sides):
            lines.append(f"      {name}: {side_text(side)}")
        lines.append("      assumptions relied on: " + (", ".join(region.assumptions) or "none"))
        lines.append(f"      e.g. {witness_text(region)}")
    if limit and len(regions) > limit:
        lines.append(f"    ... and {len(regions) - limit} more regions (--regions 0 shows all)")
    return lines


def render_reachability(result: Reachability, limit: int = 10) -> str:
    names = [v.name for v in result.versions]
    lines = _header(result)
    lines.append("In short")
    for v, n in zip(result.versions, result.reachable):
        lines.append(f"  Under {v.name}, {number_of(n)} of {profiles(result.profiles)} "
                     f"{'has' if result.profiles == 1 else 'have'} at least one open path to ICE.")
    if len(names) > 1:
        caps = [result.pipeline.contact_map[c].caption for c in result.everywhere]
        whom = "" if result.profiles == 1 else ", for some of the people counted"
        lines.append(f"  Open under every version{whom}: {len(caps)} contact point"
                     f"{'' if len(caps) == 1 else 's'}" + (":" if caps else "."))
        lines += [f"    - {cap}" for cap in caps]
    lines.append("")
    groups = (("Open paths", lambda r: any(r.open_counts)), ("Closed for everyone", lambda r: not any(r.open_counts)))
    for title, test in groups:
        chosen = [r for r in result.contacts if test(r)]
        if not chosen:
            continue
        lines.append(title)
        for r in chosen:
            lines += _contact_head(r)
            counts = ", ".join(f"{n}: open for {profiles(k)}" for n, k in zip(names, r.open_counts))
            lines.append(f"    {counts}")
            lines += _regions(r, names, limit)
            lines.append("")
    lines += [f"warning: {w.message}" for w in result.warnings]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_diff(result: PipelineDiff, limit: int = 10) -> str:
    names = [result.baseline.name, result.reform.name]
    lines = _header(result)
    cut = [r for r in result.contacts if dict(r.counts).get(PathChange.CUT)]
    opened = [r for r in result.contacts if dict(r.counts).get(PathChange.OPENED)]
    kept = [r for r in result.contacts if dict(r.counts).get(PathChange.KEPT)]
    n = len(result.contacts)
    everyone = [r for r in result.contacts if r.open_counts[1] == result.profiles]
    lines += ["In short",
              f"  {result.reform.name} cuts {len(cut)} of {n} contact points for some people, leaves {len(kept)} "
              f"open for some people, and opens {len(opened)}.",
              *(f"  {what}: " + "; ".join(r.contact.caption for r in chosen)
                for what, chosen in (("Cut for some people", cut), ("Opened for some people", opened)) if chosen),
              f"  People with at least one open path to ICE: {profiles(result.reachable[0])} under "
              f"{result.baseline.name}, {profiles(result.reachable[1])} under {result.reform.name} "
              f"(of {number_of(result.profiles)}).",
              f"  No path left for {profiles(sum(r.count for r in result.no_way_left))}; "
              f"a new way through for {profiles(sum(r.count for r in result.new_way))}.",
              *([f"  Open for everyone under {result.reform.name}: "
                 + "; ".join(r.contact.caption for r in everyone)] if everyone else []), ""]
    sections = (("Cut by the reform", cut, {PathChange.CUT}),
                ("Opened by the reform", opened, {PathChange.OPENED}),
                ("Still open under the reform", kept, {PathChange.KEPT}))
    for title, chosen, changes in sections:
        if not chosen:
            continue
        lines.append(title)
        for r in chosen:
            lines += _contact_head(r)
            counts = dict(r.counts)
            lines.append("    " + ", ".join(f"{_CHANGE_WORDS[c]} for {profiles(counts[c])}" for c in PathChange
                                            if c in counts))
            lines += _regions(r, names, limit, changes)
            lines.append("")
    closed = [r for r in result.contacts if not r.counts]
    if closed:
        lines.append("Closed for everyone under both versions")
        lines += [f"  {r.contact.caption} ({r.contact.name})" for r in closed]
        lines.append("")
    for title, regions in (("No path to ICE left", result.no_way_left), ("A new way through", result.new_way)):
        if regions:
            lines.append(title)
            lines += [f"  {profiles(r.count)}: {region_text(r)}" for r in regions]
            lines.append("")
    lines += [f"warning: {w.message}" for w in result.warnings]
    return "\n".join(lines).rstrip("\n") + "\n"
