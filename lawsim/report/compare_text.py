"""Render a comparison view as terminal text, with or without colour.

Stage: report.  Input: a :class:`lawsim.report.compare_view.CompareView`
and its findings (:mod:`lawsim.report.findings`, the same the HTML report
leads with).  Output: text, one line per item, for
:mod:`lawsim.report.terminal` to wrap and colour for the terminal at hand.
With colour, added redline text is underlined and removed text is red;
without colour the marks are plain characters that survive copying and
piping: ``{+added text+}`` and ``[removed text]`` (the brackets are the NYC
Council's own mark for deleted text).
"""

from __future__ import annotations

from typing import Sequence

from lawsim.compare.kinds import KINDS, TITLES, ChangeKind
from lawsim.compare.redline import Redline
from lawsim.report.compare_view import (
    MAIN_KINDS,
    SHORT,
    CompareView,
    KindView,
    ProvisionView,
    RegionView,
    number,
    scenarios,
)
from lawsim.report.findings import MEASURE, Finding
from lawsim.report.terminal import Style


def redline_text(red: Redline, style: Style, indent: str = "") -> str:
    parts = []
    for seg in red.segments:
        match seg.kind:
            case "same":
                parts.append(seg.text)
            case "added":
                parts.append(style(seg.text, "underline", "green") if style.color else "{+" + seg.text + "+}")
            case "removed":
                parts.append(style("[" + seg.text + "]", "red"))
    return "\n".join(indent + line for line in "".join(parts).split("\n"))


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def _summary(view: CompareView, style: Style) -> list[str]:
    share = f" ({100 * view.changed / view.total:.2f}%)" if view.total else ""
    out = [style("Summary", "bold"),
           f"  {scenarios(view.total)} in all; {number(view.changed)} change{share}"]
    rows = []
    for kind in view.kinds:
        if kind.count or kind.kind in MAIN_KINDS:
            regions = len(kind.regions) + (kind.omitted_regions or 0)
            detail = f"{scenarios(kind.count)} in {regions} region{'' if regions == 1 else 's'}" if kind.count \
                else "none"
            if kind.omitted_regions is None:  # too many regions to count: say how many are described
                shown = len(kind.regions)
                detail = f"{scenarios(kind.count)}: {shown} region{'' if shown == 1 else 's'} described, more not"
            rows.append(["  " + kind.title.split(" (")[0].lower(), detail])
    out += _table(rows, set())
    return out


def _provision(p: ProvisionView, style: Style) -> list[str]:
    mark = {"added": ("+", "green"), "removed": ("-", "red"), "modified": ("~", "yellow")}[p.change]
    head = f"  {style(mark[0], mark[1], 'bold')} § {p.id} \"{p.caption}\" {p.change}"
    if p.attribution:
        head += f" {p.attribution}"
    out = [head]
    out += [f"      {item}" for item in p.items]
    out.append(redline_text(p.redline, style, "      | "))
    return out


def _pairs(view: CompareView, style: Style) -> list[str]:
    used = [i for i, k in enumerate(KINDS) if any(p.counts[i] for p in view.pairs) or k in MAIN_KINDS]
    rows = [["agency", "conduct", "scenarios", "verdicts", "remedies"] + [SHORT[KINDS[i]] for i in used]]
    # The pairs nothing changes for are counted, not listed (JSON lists them all).
    same = [p for p in view.pairs if not any(p.counts)]
    for p in view.pairs:
        if not any(p.counts):
            continue
        rows.append([p.agency, p.conduct, number(p.scenarios), p.verdicts, p.remedies]
                    + [number(p.counts[i]) if p.counts[i] else "-" for i in used])
    lines = _table(rows, {2} | set(range(5, 5 + len(used))))
    out = [style("By agency and conduct", "bold"), "  " + style(lines[0], "dim")] + ["  " + line for line in lines[1:]]
    if same:
        out.append(f"  the other {len(same)} agency-and-conduct pairs: equivalent, remedies unchanged")
    return out


def _cases(view: CompareView, style: Style) -> list[str]:
    changed = [c for c in view.cases if c.kind is not None]
    out = [style(f"Documented cases: {len(changed)} of {len(view.cases)} change", "bold"),
           f"  from {', '.join(view.scenarios)}"]
    for c in changed:
        out.append(f"  {style(c.id, 'bold')}: {c.change}")
        out.append(f"      {c.title}")
        out.append(f"      baseline: {c.before} → reform: {c.after}")
    same = [c for c in view.cases if c.kind is None]
    if same:
        out.append("  the same under both versions:")
        out += [f"    {c.id}: {c.before}" for c in same]
    return out


def _region(r: RegionView, style: Style, traces: bool) -> list[str]:
    out = [f"  [{r.number}] {style(r.description, 'bold')}",
           f"      {scenarios(r.count)} · baseline: {r.before} → reform: {r.after}"]
    out += [f"      {line}" for line in (["responsible: " + "; ".join(r.responsible)] if r.responsible else [])]
    if r.through:
        out.append("      through the changed definition of: " + ", ".join(r.through))
    out.append("      assumptions relied on: " + (", ".join(r.assumptions) if r.assumptions else "none"))
    if r.readings:
        out.append(f"      readings: {r.readings}")
    w = r.witness
    out.append("      witness: " + (", ".join(f"{k}={v}" for k, v in w.facts) or "any scenario")
               + (" (no other fact was needed)" if len(w.facts) < len(w.scenario) else ""))
    for name, side in (("baseline", w.baseline), ("reform", w.reform)):
        remedy = f"; {side.remedy}" if side.verdict == "prohibited" else ""
        out.append(f"        {name + ':':<9} {side.decision}{remedy}")
        if traces:
            out += [f"            {line}" for line in side.trace]
    return out


def _kind(kind: KindView, style: Style, limit: int, traces: bool) -> list[str]:
    out = [style(f"{kind.title}: {scenarios(kind.count)}", "bold")]
    shown = kind.regions if limit <= 0 else kind.regions[:limit]
    for r in shown:
        out += _region(r, style, traces)
    rest = kind.regions[len(shown):]
    if rest:
        n = sum(r.count for r in rest)
        out.append(f"  ... and {len(rest)} smaller region{'' if len(rest) == 1 else 's'} with {scenarios(n)} "
                   f"(--regions 0 shows every region; --format json lists them all)")
    if kind.omitted_scenarios:
        omitted = kind.omitted_regions
        more = "more regions" if omitted is None else f"{number(omitted)} more region{'' if omitted == 1 else 's'}"
        out.append(f"  ... and {more} with {scenarios(kind.omitted_scenarios)}, not described "
                   f"(the largest are shown; --max-regions N shows more)")
    return out


def _findings(found: Sequence[Finding], style: Style, limit: int) -> list[str]:
    out = [style(f"Findings ({len(found)})", "bold"), f"  {MEASURE}"]
    for f in found:
        tag = TITLES[ChangeKind(f.kind)].split(" (")[0]
        out.append(f"  {f.number}. {style(tag + ':', 'bold')} {f.headline}")
        out.append(f"     {f.share}.")
        if len(f.regions) > 1:
            shown = f.regions if limit <= 0 else f.regions[:limit]
            out += [f"     - {r.sentence} [{r.view.number}: {r.share}]" for r in shown]
            if len(shown) < len(f.regions):
                out.append(f"     - ... and {len(f.regions) - len(shown)} more (--regions 0 shows all)")
        else:
            out.append(f"     (region [{f.regions[0].view.number}] below)")
    return out


def render(view: CompareView, found: Sequence[Finding] = (), color: bool = False, limit: int = 0,
           traces: bool = False) -> str:
    """The whole report as text: the findings first, then the detail.

    ``color`` adds styles; ``limit`` caps the regions shown per kind
    (0: all, largest first); ``traces`` adds each witness's full trace.
    """
    style = Style(color)
    out = [style(f"lawsim compare: {view.baseline.name} -> {view.reform.name}", "bold")]
    for label, v in (("baseline", view.baseline), ("reform", view.reform)):
        out.append(f"  {label}: {v.spec} ({v.title})")
        out += [f"    bill {b}" for b in v.bills]
    if view.reading:
        out.append(f"  read with: {view.reading}")
    if view.engine:
        out.append(f"  engine: {view.engine}")
    out.append("")
    out.append(style("In short", "bold"))
    out += [f"  - {line}" for line in view.in_short]
    out.append("")
    if found:
        out += _findings(found, style, limit)
        out.append("")
    out += _summary(view, style)
    out.append("")
    out.append(style("Provisions", "bold"))
    if not (view.provisions or view.facts or view.default_change):
        out.append("  no provision, fact or default differs")
    out += [f"  {line}" for line in (*view.facts, *([view.default_change] if view.default_change else []))]
    for p in view.provisions:
        out += _provision(p, style)
    if view.pairs:
        out.append("")
        out += _pairs(view, style)
    for kind in view.kinds:
        if kind.regions or kind.omitted_scenarios:
            out.append("")
            out += _kind(kind, style, limit, traces)
    out.append("")
    if view.scenarios:
        out += _cases(view, style)
        out.append("")
    out.append(style("Assumptions", "bold"))
    if not view.sensitivity:
        out.append("  neither version has an assumption")
    out += [f"  {line}" for line in view.sensitivity]
    if view.warnings:
        out.append("")
        out.append(style("Warnings", "bold"))
        out += [line for w in view.warnings for line in ("  " + w.replace("\n", "\n  ")).split("\n")]
    return "\n".join(out) + "\n"
