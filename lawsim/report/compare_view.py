"""The view model of a comparison: sorted, pre-formatted data for every renderer.

Stage: report.  Input: a :class:`lawsim.compare.Comparison`.  Output: a
:class:`CompareView` whose fields are plain strings, numbers and tuples,
so the text, JSON and HTML renderers only lay them out.  Everything here
is deterministic: the same report always gives the same view.

How conditions read (see docs/compare.md): a yes/no fact is its name or
"no <name>"; an agency or conduct is its value alone (agency names of up to
four letters are acronyms and are shown in capitals: DOC, NYPD); another
one-of fact is "<fact>: <value>"; several values read "A, B or C", and
when most values are allowed the excluded ones are named instead ("not A",
"neither A nor B", "none of A, B and C"), except that up to five agencies or
conducts are always named outright; a number is a comparison or a range
("years since conviction ≤ 5", "age 16–17").  Underscores read as spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from lawsim import ir
from lawsim.compare import Added, Comparison, Modified, Removed
from lawsim.compare.kinds import KINDS, TITLES, State
from lawsim.compare.redline import Redline
from lawsim.compare.semantic import Condition, Readings, Region, Responsible
from lawsim.compare.structure import Attribution, ItemChange
from lawsim.diagnostics import render_text
from lawsim.ir.values import runs
from lawsim.ir.vocab import FactKind, outcome_words
from lawsim.report.outcomes import remedy_text, trace_lines

# The kinds a summary always shows, even when nothing changed that way.
MAIN_KINDS = ("loophole_closed", "loophole_opened", "remedy_gained", "remedy_lost")
SHORT = {
    "loophole_closed": "closed", "loophole_opened": "opened", "remedy_gained": "gained", "remedy_lost": "lost",
    "remedy_changed": "remedy changed", "conflict_introduced": "conflict in",
    "conflict_resolved": "conflict out", "remedy_conflict_introduced": "remedy conflict in",
    "remedy_conflict_resolved": "remedy conflict out",
}


def number(n: int) -> str:
    return f"{n:,}"


def scenarios(n: int) -> str:
    return f"{number(n)} scenario{'' if n == 1 else 's'}"


def words(name: str) -> str:
    return str(name).replace("_", " ")


# ---------------------------------------------------------------- conditions


def value_label(fact: ir.Fact, value) -> str:
    if fact.name == "agency" and isinstance(value, str) and len(value) <= 4:
        return value.upper()
    return words(value)


def _join(labels: list[str], last: str = "or") -> str:
    """'A', 'A or B', 'A, B or C'; with ' / ' when a label itself says 'or' or 'nor'."""
    if any(f" {last} " in f" {label} " for label in labels):
        return " / ".join(labels)
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" {last} " + labels[-1]


def _runs(fact: ir.Fact, values: tuple) -> str:
    lo, hi = fact.values[0], fact.values[-1]
    parts = []
    for a, b in runs(values):
        if a == b:
            parts.append(f"= {a}")
        elif a == lo:
            parts.append(f"≤ {b}")
        elif b == hi:
            parts.append(f"≥ {a}")
        else:
            parts.append(f"{a}–{b}")
    return " or ".join(parts)


def condition_text(cond: Condition) -> str:
    """One condition as a short phrase (see the module docstring)."""
    fact, values = cond.fact, cond.values
    match fact.kind:
        case FactKind.BOOL:
            return words(fact.name) if values == ("yes",) else f"no {words(fact.name)}"
        case FactKind.INT:
            return f"{words(fact.name)} {_runs(fact, values)}"
        case FactKind.ENUM:
            pass
        case _:
            assert_never(fact.kind)
    rest = [value_label(fact, v) for v in fact.values if v not in values]
    # The agency and conduct are what a reader scans for, so up to five of them are named outright;
    # otherwise, when most values are allowed, it is shorter to say what is excluded.
    positive = fact.name in ("agency", "conduct") and len(values) <= 5
    if len(values) > 1 and len(rest) < len(values) and not positive:
        text = (f"not {rest[0]}" if len(rest) == 1 else f"neither {_join(rest, 'nor')}" if len(rest) == 2
                else f"none of {_join(rest, 'and')}")
    else:
        text = _join([value_label(fact, v) for v in values])
    return text if fact.name in ("agency", "conduct") else f"{words(fact.name)}: {text}"


def description(conditions: tuple[Condition, ...]) -> str:
    return " · ".join(condition_text(c) for c in conditions) or "every scenario"


# ---------------------------------------------------------------- states and provisions


def state_text(state: State) -> str:
    return outcome_words(state.verdict, state.remedy, state.plaintiffs, state.relief)


def item_label(kind: str, key: str) -> str:
    """'§ 9-131(b) rule honour_limit', '§ 14-154(b)(2) rule 1', '§ 9-131(e) remedy 2'."""
    provision, _, name = key.partition(":")
    for word in ("rule", "remedy"):
        if name.startswith(word) and name[len(word):].isdigit():
            return f"§ {provision} {word} {name[len(word):]}"
    return f"§ {provision} {kind} {name}"


def responsible_text(r: Responsible) -> str:
    if r.baseline == r.reform:
        where = f"{r.baseline} in both versions"
    else:
        where = "; ".join(f"{effect} in the {side}" for side, effect in (("baseline", r.baseline),
                                                                          ("reform", r.reform)) if effect)
    return f"{item_label(r.kind, r.id)} ({where})"


def bill_label(number_: str, laws: tuple[ir.Law, ...]) -> str:
    for law in laws:
        for bill in law.bills:
            if bill.number == number_ and bill.sponsors:
                return f"{number_} ({', '.join(bill.sponsors)})"
    return number_


def attribution_text(att: Attribution | None, laws: tuple[ir.Law, ...]) -> str:
    if att is None:
        return ""
    if att.side == "reform":
        return f"by {bill_label(att.bill, laws)}"
    return f"undoing the baseline's {bill_label(att.bill, laws)}"


# ---------------------------------------------------------------- view records


@dataclass(frozen=True)
class ProvisionView:
    id: str
    change: str  # 'added' | 'removed' | 'modified'
    caption: str
    attribution: str
    items: tuple[str, ...]
    redline: Redline


@dataclass(frozen=True)
class SideView:
    verdict: str
    remedy: str
    decision: str  # the trace's last step, e.g. 'prohibited by § 9-131(h)(2)'
    trace: tuple[str, ...]


@dataclass(frozen=True)
class WitnessView:
    facts: tuple[tuple[str, str], ...]  # the facts either trace used
    scenario: tuple[tuple[str, object], ...]  # every fact
    baseline: SideView
    reform: SideView


@dataclass(frozen=True)
class RegionView:
    number: int
    kind: str
    description: str
    conditions: tuple[str, ...]
    count: int
    before: str
    after: str
    responsible: tuple[str, ...]
    assumptions: tuple[str, ...]
    witness: WitnessView
    region: Region
    #: Under which readings of the assumptions the change holds ('' when the engine did not say).
    readings: str = ""
    through: tuple[str, ...] = ()  # the changed definitions the verdict flows through, in words


@dataclass(frozen=True)
class KindView:
    kind: str
    title: str
    count: int  # every changed scenario of the kind, described by a region or not
    regions: tuple[RegionView, ...]
    omitted_regions: int | None = 0  # regions left out by --max-regions (None: many, not counted)
    omitted_scenarios: int = 0


@dataclass(frozen=True)
class PairView:
    agency: str
    conduct: str
    scenarios: int
    verdicts: str
    remedies: str
    counts: tuple[int, ...]  # per kind, in KINDS order


@dataclass(frozen=True)
class CaseView:
    id: str
    title: str
    path: str
    before: str
    after: str
    change: str  # e.g. 'loophole closed, region [7]', or '' when unchanged
    kind: str | None
    region: int | None  # region number (1-based), if the case lies in one


@dataclass(frozen=True)
class VersionView:
    name: str
    spec: str
    title: str
    bills: tuple[str, ...]


@dataclass(frozen=True)
class CompareView:
    baseline: VersionView
    reform: VersionView
    total: int
    changed: int
    kinds: tuple[KindView, ...]  # every kind, in KINDS order
    provisions: tuple[ProvisionView, ...]
    facts: tuple[str, ...]
    default_change: str
    pairs: tuple[PairView, ...]
    assumptions: tuple[str, ...]
    sensitivity: tuple[str, ...]  # one line per flipped assumption
    scenarios: tuple[str, ...]  # scenario files or folders read
    cases: tuple[CaseView, ...]  # changed cases first
    warnings: tuple[str, ...]
    any_change: bool
    in_short: tuple[str, ...] = ()  # plain-language findings for the top of a report
    reading: str = ""  # assumptions set other than by default, e.g. 'x off (default on)'; '' for none
    engine: str = ""  # which engine computed the semantic diff, in words


# ---------------------------------------------------------------- building


def _item_text(change: ItemChange, provision_att: Attribution | None, laws) -> str:
    if change.kind in ("rule", "remedy"):
        text = item_label(change.kind, change.key).split(" ", 2)[2]  # without the '§ <provision>' prefix
    else:
        text = f"{change.kind} {change.key}"
    text += f" {change.change}"
    if change.aspects:
        text += ": " + ", ".join(change.aspects)
    if change.attribution is not None and change.attribution != provision_att:
        text += f" ({attribution_text(change.attribution, laws)})"
    return text


def _provision_view(change, red: Redline, laws) -> ProvisionView:
    match change:
        case Added(provision=p, attribution=att):
            return ProvisionView(p.id, "added", p.caption, attribution_text(att, laws), (), red)
        case Removed(provision=p, attribution=att):
            return ProvisionView(p.id, "removed", p.caption, attribution_text(att, laws), (), red)
        case Modified(baseline=a, reform=b, attribution=att):
            items = tuple(_item_text(i, att, laws) for i in change.items)
            if change.caption_changed:
                items = (f'caption changed from "{a.caption}"',) + items
            if change.renumbered:
                items = (f"renumbered from § {a.id}",) + items
            if not red.changed:
                items += ("its text is unchanged: what its citations reach has changed",)
            return ProvisionView(b.id, "modified", b.caption, attribution_text(att, laws), items, red)
    raise AssertionError(change)


def _side(outcome) -> SideView:
    return SideView(outcome.verdict, remedy_text(outcome.remedy), outcome.trace.decision,
                    tuple(trace_lines(outcome, indent="")))


def _witness(region: Region) -> WitnessView:
    w = region.witness
    used = set(w.baseline.trace.facts) | set(w.reform.trace.facts)
    facts = tuple((name, str(value)) for name, value in w.scenario if name in used)
    return WitnessView(facts, w.scenario, _side(w.baseline), _side(w.reform))


def _case(case) -> CaseView:
    change = ""
    if case.kind is not None:
        change = TITLES[case.kind].split(" (")[0].lower().replace("loopholes", "loophole").replace(
            "remedies", "remedy").replace("conflicts", "conflict")
        change += f", region [{case.region + 1}]" if case.region is not None else ""
    if case.assumptions:
        change += ("; " if change else "") + "with " + ", ".join(
            f"{name} {'on' if value else 'off'}" for name, value in case.assumptions)
    return CaseView(case.id, case.title, case.path, state_text(case.before), state_text(case.after), change,
                    case.kind, None if case.region is None else case.region + 1)


def _version(version) -> VersionView:
    law = version.law
    bills = tuple(f"{b.number}" + (f" ({', '.join(b.sponsors)})" if b.sponsors else "") + f": {b.title}"
                  for b in law.bills)
    return VersionView(version.name, version.spec, law.title, bills)


def build(comparison: Comparison) -> CompareView:
    """The view of a comparison."""
    laws = (comparison.reform.law, comparison.baseline.law)
    sem = comparison.semantics
    by_kind: dict[str, list[RegionView]] = {k: [] for k in KINDS}
    for n, region in enumerate(sem.regions, 1):
        by_kind[region.kind].append(RegionView(
            n, region.kind, description(region.conditions), tuple(condition_text(c) for c in region.conditions),
            region.count, state_text(region.before), state_text(region.after),
            tuple(responsible_text(r) for r in region.responsible), region.assumptions, _witness(region), region,
            readings_text(region.readings), tuple(words(d) for d in region.through)))
    omitted = {o.kind: o for o in sem.omitted}
    kinds = tuple(KindView(k, TITLES[k], sem.count(k), tuple(by_kind[k]),
                           omitted[k].regions if k in omitted else 0, omitted[k].scenarios if k in omitted else 0)
                  for k in KINDS)
    structure = comparison.structure
    facts = []
    for f in structure.facts:
        match f.change:
            case "added":
                assert f.reform is not None
                facts.append(f"fact {f.name} added: {f.reform.description}")
            case "removed":
                facts.append(f"fact {f.name} removed")
            case _:
                facts.append(f"fact {f.name}: its values changed")
    default = ""
    if structure.default_changed:
        default = (f"default changed from {comparison.baseline.law.default_verdict} to "
                   f"{comparison.reform.law.default_verdict}")
    pairs = tuple(PairView(value_label(_fact(comparison, "agency"), p.agency), words(p.conduct), p.scenarios,
                           p.verdicts, p.remedies, tuple(dict(p.counts).get(k, 0) for k in KINDS))
                  for p in sem.pairs)
    view = CompareView(_version(comparison.baseline), _version(comparison.reform), sem.total, sem.changed, kinds,
                       tuple(_provision_view(c, r, laws) for c, r in zip(structure.provisions, comparison.redlines)),
                       tuple(facts), default, pairs,
                       sem.assumptions, tuple(sensitivity_text(x, {i: i + 1 for i in range(len(sem.regions))})
                                              for x in sem.sensitivity),
                       comparison.scenarios, tuple(_case(c) for c in comparison.cases),
                       tuple(render_text(w) for w in comparison.warnings), comparison.changed)
    reading = "; ".join([f"{name} {'on' if value else 'off'} (default {'off' if value else 'on'})"
                         for name, value in comparison.assumptions]
                        + [f"{name} = {value} (default {default})" for name, value, default in comparison.parameters])
    view = replace(view, reading=reading, engine=ENGINES[sem.engine])
    return replace(view, in_short=in_short(view))


_NONE = {
    "loophole_closed": "No loophole is closed.",
    "loophole_opened": "No loophole is opened.",
    "remedy_gained": "No violation gains a remedy.",
    "remedy_lost": "No violation loses a remedy.",
}


def in_short(view: CompareView) -> tuple[str, ...]:
    """The findings a reader needs first, in plain words, from the rest of the view."""
    if not view.total:
        return ("Neither version has a scenario to compare.",)
    lines = [f"Both versions are read with {view.reading}."] if view.reading else []
    if not view.changed:
        lines.append(f"No custody situation gets a different outcome: all {number(view.total)} are the same.")
    else:
        share = f"{100 * view.changed / view.total:.2f}%"
        lines.append(f"{number(view.changed)} of {number(view.total)} possible custody situations ({share}) get a "
                     "different outcome (a situation is one combination of the facts the law looks at, not a "
                     "person).")
    for i, kind in enumerate(view.kinds):
        if not kind.count:
            if kind.kind in _NONE and view.changed:
                lines.append(_NONE[kind.kind])
            continue
        where: dict[str, list[str]] = {}
        every: dict[str, int] = {}
        for pair in view.pairs:
            every[pair.agency] = every.get(pair.agency, 0) + 1
            if pair.counts[i]:
                where.setdefault(pair.agency, []).append(pair.conduct)
        places = "; ".join(f"{agency}: {'every conduct' if len(c) == every[agency] else ', '.join(c)}"
                           for agency, c in where.items())
        title = kind.title.split(" (")[0]
        lines.append(f"{title}: {number(kind.count)} situations ({places}).")
    changed_cases = [c for c in view.cases if c.change]
    if view.cases:
        if changed_cases:
            lines.append(f"Documented cases that change ({len(changed_cases)} of {len(view.cases)}): "
                         + "; ".join(f"{c.title} ({c.change.split(',')[0]})" for c in changed_cases) + ".")
        else:
            lines.append(f"None of the {len(view.cases)} documented cases changes.")
    relied = sorted({a for kind in view.kinds for r in kind.regions for a in r.assumptions})
    if relied:
        lines.append("These findings rely on the assumptions " + ", ".join(relied)
                     + " (see Assumptions for what each one decides).")
    return tuple(lines)


ENGINES = {
    "space": "whole-space (every class of scenarios evaluated)",
    "symbolic": "symbolic (decision diagrams; no scenario enumerated)",
}


def readings_text(readings: Readings | None) -> str:
    """'every reading of the assumptions', or the exact readings a region needs, in words."""
    if readings is None:
        return ""
    if readings.every:
        return "holds under every reading of the assumptions"
    if not readings.needs:
        return "holds under no single reading everywhere in the region"
    ways = ["; ".join(f"{words(name)} {'on' if value else 'off'}" for name, value in need) or "any reading"
            for need in readings.needs]
    return "holds only with " + " — or with ".join(ways)


def sensitivity_text(sens, numbers: dict[int, int]) -> str:
    """'if X were off instead of on: N scenarios would change (closed 3, ...); regions ... rely on it'."""
    counts = ", ".join(f"{SHORT[k]} {number(n)}" for k, n in sens.counts)
    setting = f"{'on' if sens.value else 'off'} instead of {'off' if sens.value else 'on'}"
    text = f"if {sens.assumption} were {setting}: {scenarios(sens.changed)} would change"
    text += f" ({counts})" if counts else ""
    relying = ", ".join(f"[{numbers[r]}]" for r in sens.regions)
    return text + (f"; regions {relying} rely on it" if relying else "; no region relies on it")


def _fact(comparison: Comparison, name: str) -> ir.Fact:
    return comparison.reform.law.fact_map.get(name) or comparison.baseline.law.fact_map[name]
