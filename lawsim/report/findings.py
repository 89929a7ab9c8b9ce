"""Findings: a comparison's regions grouped by the provision change that causes them, worded for a reader.

Stage: report.  Input: a :class:`lawsim.compare.Comparison` and its view
(:mod:`lawsim.report.compare_view`).  Output: :class:`Finding` values, each
a sentence a staffer can say aloud ("DOC may no longer tell federal agents
when the person will be released when ..., unless ... (Int 0185-2022,
§ 9-131(h)(2))") over the regions it groups, each region with its own
sentence (:mod:`lawsim.report.wording`), its count as a share of the
situations for its agencies and conducts, and the exact fact-level
description one click away.

A finding groups the regions of one kind whose responsible rules and
remedies in *changed* provisions are the same: those provisions are the
change that causes them.  A region reached only through unchanged
provisions (a cross-reference that now reaches further) is grouped by all
its responsible provisions instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawsim import ir
from lawsim.compare import Added, Comparison, Modified, Removed
from lawsim.compare.kinds import KINDS, ChangeKind, State
from lawsim.compare.semantic import Region
from lawsim.ir.vocab import RemedyStatus
from lawsim.report.compare_view import CompareView, RegionView, number, readings_text, value_label
from lawsim.report.wording import Term, Wording, wordings

#: One sentence that says what every count in a report counts.
MEASURE = ("A situation is one combination of the facts these laws look at (agency, conduct, what was "
           "presented, the person's record, ...); each possible combination is counted once, so the counts "
           "measure how much of the law changes, not how many people are affected.")


@dataclass(frozen=True)
class RegionFinding:
    """One region of a finding, worded in the law's terms."""

    sentence: str
    count: int
    share: str  # '8.2% of the situations in which DOC tells federal agents ...'
    view: RegionView  # the fact-level description, witness and traces
    wording: Wording
    readings: str = ""  # under which readings of the assumptions it holds (symbolic engine only)


@dataclass(frozen=True)
class Finding:
    number: int
    kind: str
    headline: str
    provisions: tuple[str, ...]  # the changed provisions that cause it
    bills: tuple[str, ...]
    count: int
    share: str
    regions: tuple[RegionFinding, ...]
    assumptions: tuple[str, ...]  # assumptions some region relies on
    cases: tuple[str, ...]  # titles of documented cases in it
    assumption_texts: tuple[str, ...] = ()  # the descriptions of ``assumptions``, in the same order


def _list(items: list[str], last: str = "or") -> str:
    items = list(dict.fromkeys(items))
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


_ANY_CONDUCT = "act as described"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Words:
    """Agency and conduct names from the laws' fact declarations."""

    def __init__(self, laws: tuple[ir.Law, ...]):
        self.facts: dict[str, ir.Fact] = {}
        for law in reversed(laws):
            self.facts.update(law.fact_map)

    def ordered(self, name: str, values: tuple[str, ...]) -> tuple[str, ...]:
        """``values`` in declaration order; () when they are all the fact's values."""
        if name not in self.facts:
            return values
        every = self.facts[name].values
        if set(every) <= set(values):
            return ()
        return tuple(v for v in every if v in values)

    def agencies(self, values: tuple[str, ...], last: str = "and") -> str:
        if not values:
            return "a city agency"
        fact = self.facts["agency"]
        return _list([value_label(fact, v) for v in values], last)

    def conducts(self, values: tuple[str, ...]) -> str:
        if not values:
            return _ANY_CONDUCT
        fact = self.facts["conduct"]
        return _list([fact.describe_value(v) for v in values], "or")


def remedy_words(state: State) -> str:
    """Who may sue and for what, in words: 'the person and relatives may sue for legal or equitable relief'."""
    match state.remedy:
        case RemedyStatus.AVAILABLE:
            who = _list([("the " if p == "person" else "") + p.replace("_", " ") for p in state.plaintiffs], "and")
            return f"{who} may sue for {_list([r.replace('_', ' ') for r in state.relief], 'or')}"
        case RemedyStatus.NONE:
            return "no one may sue"
        case RemedyStatus.CONFLICT:
            return "whether anyone may sue is unsettled"
        case RemedyStatus.NOT_A_VIOLATION:
            return "there is no violation"
    raise AssertionError(state.remedy)


def _clause(kind: str, subject: str, conduct: str, after: str) -> str:
    unlawful = (f"where {subject} breaks the law" if conduct == _ANY_CONDUCT
                else f"where it is unlawful for {subject} to {conduct}")
    match ChangeKind(kind):
        case ChangeKind.LOOPHOLE_CLOSED:
            return f"{subject} may no longer {conduct}"
        case ChangeKind.LOOPHOLE_OPENED:
            return f"{subject} may now {conduct}"
        case ChangeKind.REMEDY_GAINED:
            return f"{unlawful}, a violation now gives a remedy: {after}"
        case ChangeKind.REMEDY_LOST:
            return f"{unlawful}, a violation no longer gives a remedy"
        case ChangeKind.REMEDY_CHANGED:
            return f"{unlawful}, who may sue, or for what, changes: {after}"
        case ChangeKind.CONFLICT_INTRODUCED:
            return f"whether {subject} may {conduct} becomes unsettled: the rules now conflict"
        case ChangeKind.CONFLICT_RESOLVED:
            return f"whether {subject} may {conduct} is no longer unsettled ({after})"
        case ChangeKind.REMEDY_CONFLICT_INTRODUCED:
            return f"{unlawful}, whether a violation gives a remedy becomes unsettled"
        case ChangeKind.REMEDY_CONFLICT_RESOLVED:
            return f"{unlawful}, whether a violation gives a remedy is settled: {after}"
    raise AssertionError(kind)


def clause_text(term: Term) -> str:
    """A term as a clause after 'when' or 'unless'.

    Definition captions are written either as clauses ("the agents presented
    a warrant") or as noun phrases ("a person the law lets the city cooperate
    about: ...", "convicted of ..."); a noun phrase is made a clause.
    """
    text = term.text.replace(": ", " (", 1) + ")" if ": " in term.text and term.definition else term.text
    if term.definition is None:
        return text
    first = text.split(" ", 1)[0]
    if text.startswith(("a person", "an person")) or first.endswith("ed"):
        return "the person is " + text
    if first in ("a", "an"):
        return "there is " + text
    return text


def _join(texts: list[str], word: str) -> str:
    """Clauses joined by 'and' / 'or'; with a semicolon when a clause has its own commas or 'or'."""
    glue = f"; {word} " if any("," in t or " or " in t or " and " in t for t in texts) else f" {word} "
    return glue.join(texts)


def sentence(wording: Wording, kind: str, after: str, words: _Words, cite: str = "") -> str:
    """A region as one sentence: who, what change, when, unless, and the citation."""
    text = _clause(kind, words.agencies(wording.agencies), words.conducts(wording.conducts), after)
    when, unless = wording.when, wording.unless
    if when:
        text += " when " + _join([clause_text(t) for t in when], "and")
    if unless:
        text += (", unless " if when else " unless ") + _join([clause_text(t) for t in unless], "or")
    return _capital(text) + (f" ({cite})" if cite else "") + "."


def _changed(comparison: Comparison) -> dict[str, str]:
    """Changed provision id -> the bill that changed it ('' when none is recorded)."""
    out = {}
    for change in comparison.structure.provisions:
        match change:
            case Added(provision=p, attribution=att) | Removed(provision=p, attribution=att):
                out[p.id] = att.bill if att else ""
            case Modified(reform=p, attribution=att):
                out[p.id] = att.bill if att else ""
    return out


def _cause(region: Region, changed: dict[str, str]) -> tuple[str, ...]:
    provisions = sorted({r.provision for r in region.responsible})
    inside = tuple(p for p in provisions if p in changed)
    return inside or tuple(provisions)


def _pair_totals(comparison: Comparison) -> dict[tuple[str, str], int]:
    return {(p.agency, p.conduct): p.scenarios for p in comparison.semantics.pairs}


def _share(count: int, agencies: tuple[str, ...], conducts: tuple[str, ...], totals, words: _Words) -> str:
    pairs = [(a, c) for (a, c) in totals if (not agencies or a in agencies) and (not conducts or c in conducts)]
    whole = sum(totals[p] for p in pairs)
    noun = "situation" if count == 1 else "situations"
    if not whole:
        return f"{number(count)} {noun}"
    pct = 100 * count / whole
    shown = f"{pct:.1f}%" if pct >= 0.1 else "under 0.1%"
    return (f"{number(count)} {noun}: {shown} of the {number(whole)} in which "
            f"{words.agencies(agencies, 'or')} might {words.conducts(conducts)}")


def findings(comparison: Comparison, view: CompareView) -> tuple[Finding, ...]:
    """The comparison's regions as findings, largest first within each kind (kinds in report order)."""
    laws = (comparison.reform.law, comparison.baseline.law)
    words = _Words(laws)
    changed = _changed(comparison)
    totals = _pair_totals(comparison)
    region_views = {r.number: r for k in view.kinds for r in k.regions}
    cases: dict[int, list[str]] = {}
    for case in view.cases:
        if case.region is not None:
            cases.setdefault(case.region, []).append(case.title)
    groups: dict[tuple[str, tuple[str, ...]], list[RegionFinding]] = {}
    numbers: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for n, (region, wording) in enumerate(zip(comparison.semantics.regions, wordings(comparison)), 1):
        cause = _cause(region, changed)
        rv = region_views[n]
        cite = _cite(cause, changed)
        groups.setdefault((region.kind, cause), []).append(RegionFinding(
            sentence(wording, region.kind, remedy_words(region.after), words, cite), region.count,
            _share(region.count, wording.agencies, wording.conducts, totals, words), rv, wording,
            readings_text(region.readings)))
        numbers.setdefault((region.kind, cause), []).append(n)
    described = {name: a.description for law in reversed(laws) for name, a in law.assumptions.items()}
    out = []
    ordered = sorted(groups.items(), key=lambda kv: (KINDS.index(ChangeKind(kv[0][0])),
                                                     -sum(r.count for r in kv[1]), kv[0][1]))
    for i, ((kind, cause), regions) in enumerate(ordered, 1):
        agencies = tuple(dict.fromkeys(a for r in regions for a in r.wording.agencies))
        conducts = tuple(dict.fromkeys(c for r in regions for c in r.wording.conducts))
        # In the law's order; every value of a fact is the same as no restriction on it.
        agencies, conducts = words.ordered("agency", agencies), words.ordered("conduct", conducts)
        if any(not r.wording.agencies for r in regions):
            agencies = ()
        if any(not r.wording.conducts for r in regions):
            conducts = ()
        count = sum(r.count for r in regions)
        if len(regions) == 1:
            headline = regions[0].sentence
        else:
            clause = _clause(kind, words.agencies(agencies), words.conducts(conducts),
                             remedy_words(comparison.semantics.regions[numbers[(kind, cause)][0] - 1].after))
            headline = (_capital(clause) + f" in {len(regions)} kinds of situation, each described below"
                        + f" ({_cite(cause, changed)}).")
        relied = tuple(sorted({a for r in regions for a in r.view.assumptions}))
        out.append(Finding(
            i, kind, headline, cause, tuple(dict.fromkeys(changed[p] for p in cause if changed.get(p))), count,
            _share(count, agencies, conducts, totals, words), tuple(regions), relied,
            tuple(t for n in numbers[(kind, cause)] for t in cases.get(n, ())),
            tuple(described.get(a, a.replace("_", " ")) for a in relied)))
    return tuple(out)


def _cite(cause: tuple[str, ...], changed: dict[str, str]) -> str:
    bills = list(dict.fromkeys(changed[p] for p in cause if changed.get(p)))
    sections = ", ".join(f"§ {p}" for p in cause)
    return ", ".join(bills + [sections]) if sections else ", ".join(bills)
