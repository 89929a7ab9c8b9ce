"""The view model of a multi-bill report: one baseline against several reforms.

Stage: report.  Input: :class:`lawsim.compare.several.Comparisons`.
Output: a :class:`ReportView` of plain strings, numbers and tuples, in the
report's reading order (summary per bill, loophole matrix, documented
cases, findings, redline with badges, assumptions, sources), for
``templates/report.html.j2`` to lay out.  Deterministic: no clock is read;
the date is shown only when given.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from lawsim import ir
from lawsim.compare.kinds import KINDS, TITLES, ChangeKind
from lawsim.compare.several import Comparisons
from lawsim.report.compare_view import MAIN_KINDS, CompareView, ProvisionView, build, number
from lawsim.report.findings import MEASURE, Finding, findings


def _lawsim_version() -> str:
    # From the installed distribution: the package's __init__ sits above every stage.
    try:
        return version("lawsim")
    except PackageNotFoundError:
        return "unknown"


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) address a reader may follow, else None (shown as text)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in "\"'<> \t\n"):
        return url.strip()
    return None


@dataclass(frozen=True)
class Source:
    text: str
    href: str | None  # None: not a web address, shown as text only


@dataclass(frozen=True)
class BillView:
    number: str
    title: str
    sponsors: str
    status: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Badge:
    text: str  # 'closes 2 findings', 'no effect on any situation'
    effect: bool


@dataclass(frozen=True)
class RedlineView:
    provision: ProvisionView
    badge: Badge


@dataclass(frozen=True)
class ReformView:
    key: str  # an HTML id: 'v1', 'v2', ...
    name: str
    spec: str
    title: str
    bills: tuple[BillView, ...]  # the bills this reform adds to the baseline
    view: CompareView
    findings: tuple[Finding, ...]
    headline: str  # one sentence on what changes
    redlines: tuple[RedlineView, ...]


@dataclass(frozen=True)
class MatrixRow:
    kind: str
    title: str
    cells: tuple[str, ...]  # per reform


@dataclass(frozen=True)
class CaseRow:
    id: str
    title: str
    story: str
    baseline: str
    reforms: tuple[tuple[str, bool], ...]  # per reform: outcome, whether it differs from the baseline's


@dataclass(frozen=True)
class AssumptionRow:
    name: str
    provision: str
    description: str
    default: str
    relied: tuple[str, ...]  # 'powers: findings 1, 2'
    #: Per reform that the reading affects: how many situations it would change if read the other way.
    other_way: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportView:
    title: str
    baseline_name: str
    baseline_title: str
    baseline_spec: str
    lawsim_version: str
    date: str
    reading: str
    measure: str
    reforms: tuple[ReformView, ...]
    matrix: tuple[MatrixRow, ...]
    cases: tuple[CaseRow, ...]
    scenarios: tuple[str, ...]
    assumptions: tuple[AssumptionRow, ...]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...]


def _sources(items) -> tuple[Source, ...]:
    return tuple(Source(s, safe_url(s)) for s in items)


def _bills(reform: ir.Law, baseline: ir.Law) -> tuple[BillView, ...]:
    had = {b.number for b in baseline.bills}
    return tuple(BillView(b.number, b.title, ", ".join(b.sponsors) or "not recorded", b.status or "not recorded",
                          _sources(b.sources)) for b in reform.bills if b.number not in had)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_BADGE = {
    ChangeKind.LOOPHOLE_CLOSED: "closes", ChangeKind.LOOPHOLE_OPENED: "opens",
    ChangeKind.REMEDY_GAINED: "adds a remedy in", ChangeKind.REMEDY_LOST: "removes the remedy in",
}


def _badge(provision: str, found: tuple[Finding, ...]) -> Badge:
    parts = []
    for kind in KINDS:
        n = sum(1 for f in found if f.kind == kind and provision in f.provisions)
        if n:
            parts.append(f"{_BADGE.get(kind, 'changes')} {_count(n, 'finding')}")
    if not parts:
        return Badge("no effect on any situation", False)
    return Badge("; ".join(parts), True)


def _headline(view: CompareView, found: tuple[Finding, ...]) -> str:
    if not view.changed:
        return "No custody situation gets a different outcome."
    kinds = [f"{TITLES[k].split(' (')[0].lower()}: {_count(sum(1 for f in found if f.kind == k), 'finding')}"
             for k in KINDS if any(f.kind == k for f in found)]
    share = 100 * view.changed / view.total
    return (f"{number(view.changed)} of {number(view.total)} possible situations ({share:.1f}%) get a different "
            f"outcome; " + "; ".join(kinds) + ".")


def build_report(comparisons: Comparisons, date: str | None = None) -> ReportView:
    """The view of a multi-bill report."""
    reforms = []
    for i, comparison in enumerate(comparisons.comparisons, 1):
        view = build(comparison)
        found = findings(comparison, view)
        reforms.append(ReformView(
            f"v{i}", comparison.reform.name, comparison.reform.spec, comparison.reform.law.title,
            _bills(comparison.reform.law, comparison.baseline.law), view, found, _headline(view, found),
            tuple(RedlineView(p, _badge(p.id, found)) for p in view.provisions)))
    baseline = comparisons.baseline
    matrix = []
    for kind in KINDS:
        totals = [sum(f.count for f in r.findings if f.kind == kind) for r in reforms]
        if not any(totals) and kind not in MAIN_KINDS:
            continue
        cells = tuple(f"{_count(sum(1 for f in r.findings if f.kind == kind), 'finding')}, "
                      f"{number(t)} situations" if t else "none" for r, t in zip(reforms, totals))
        matrix.append(MatrixRow(kind, TITLES[kind], cells))
    stories = {s.id: s.story for s in comparisons.scenarios}
    cases = []
    if reforms:
        for case in reforms[0].view.cases:
            per = []
            for r in reforms:
                other = next(c for c in r.view.cases if c.id == case.id)
                per.append((other.after, bool(other.change)))
            cases.append(CaseRow(case.id, case.title, " ".join(stories.get(case.id, "").split()), case.before,
                                 tuple(per)))
    cases.sort(key=lambda c: (not any(changed for _, changed in c.reforms), c.id))
    assumptions: dict[str, AssumptionRow] = {}
    for law in [baseline.law, *(c.reform.law for c in comparisons.comparisons)]:
        for a in law.assumptions.values():
            if a.name not in assumptions:
                relied = []
                for r in reforms:
                    numbers = [str(f.number) for f in r.findings if a.name in f.assumptions]
                    if numbers:
                        relied.append(f"{r.name}: finding{'' if len(numbers) == 1 else 's'} {', '.join(numbers)}")
                other_way = []
                for r, c in zip(reforms, comparisons.comparisons):
                    flips = [s for s in c.semantics.sensitivity if s.assumption == a.name]
                    for s in flips:
                        if s.changed != c.semantics.changed:
                            other_way.append(f"{r.name}: {number(s.changed)} situations would change, "
                                         f"not {number(c.semantics.changed)}")
                assumptions[a.name] = AssumptionRow(a.name, a.provision, a.description,
                                                    "on" if a.default else "off", tuple(relied), tuple(other_way))
    sources = list(baseline.law.sources)
    for r in reforms:
        for b in r.bills:
            sources += [s.text for s in b.sources]
    warnings = tuple(dict.fromkeys(w for r in reforms for w in r.view.warnings))
    reading = reforms[0].view.reading if reforms else ""
    names = ", ".join(r.name for r in reforms)
    return ReportView(
        f"What {names} would change in {baseline.law.title}", baseline.name, baseline.law.title, baseline.spec,
        _lawsim_version(), date or "", reading, MEASURE, tuple(reforms), tuple(matrix), tuple(cases),
        comparisons.comparisons[0].scenarios if comparisons.comparisons else (),
        tuple(sorted(assumptions.values(), key=lambda a: a.name)), _sources(dict.fromkeys(sources)), warnings)
