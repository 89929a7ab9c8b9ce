"""Evaluate scenarios under versions of the law, and check their expectations.

Input: scenarios (from :mod:`lawsim.scenarios.load`) and versions (loaded
once each with :func:`lawsim.semantics.load_version`).  Output: a
:class:`Simulation` (a scenario x version grid of outcomes) or a
:class:`TestRun` (one result per expectation).  Every verdict comes from
:func:`lawsim.engine.interpreter.evaluate`.  Problems in the scenario files
(unknown versions, facts or assumptions, a fact a rule needs but the file
does not give) are collected and raised together as one
:class:`~lawsim.diagnostics.LawError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError, Severity, did_you_mean
from lawsim.engine.interpreter import MissingFact, Outcome, evaluate
from lawsim.locate import MissingLaw, laws_folder, version_paths
from lawsim.scenarios.check import (
    check_assumption_names,
    check_parties,
    missing_fact,
    resolve_assumptions,
    scenario_facts,
)
from lawsim.scenarios.model import Expectation, Scenario
from lawsim.semantics import Loader, Version


class _Errors:
    """Diagnostics collected across scenarios, each reported once.

    A fact missing under several versions (for the same reason) becomes one
    diagnostic naming all of them.
    """

    def __init__(self):
        self.found: dict[tuple, Diagnostic] = {}
        self.missing: dict[tuple[str, str, str], tuple[Scenario, Version, list[str]]] = {}
        # (folder, law file) -> the first diagnostic for it and how many more scenario files needed it
        self.no_law: dict[tuple[str, str], list] = {}

    def add(self, diags: Iterable[Diagnostic]) -> None:
        for d in diags:
            key = (d.code, d.message, d.location, d.span.start if d.span else None)
            self.found.setdefault(key, d)

    def add_missing(self, scenario: Scenario, version: Version, missing: MissingFact) -> None:
        key = (scenario.path, missing.fact, missing.needed_by)
        _, _, names = self.missing.setdefault(key, (scenario, version, []))
        if version.name not in names:
            names.append(version.name)

    def add_missing_law(self, missing: MissingLaw, diagnostic: Diagnostic) -> None:
        """A law file a version name needs is not there: said once per folder and file, with a count."""
        entry = self.no_law.setdefault((missing.folder, missing.stem), [diagnostic, 0])
        if entry[0] is not diagnostic:
            entry[1] += 1

    def raise_if_any(self) -> None:
        for diagnostic, more in self.no_law.values():
            if more:
                diagnostic = replace(diagnostic, notes=diagnostic.notes + (
                    f"{more} other scenario file{'s' if more > 1 else ''} need{'' if more > 1 else 's'} it too",))
            self.add([diagnostic])
        for (_, fact, needed_by), (scenario, version, names) in self.missing.items():
            self.add([missing_fact(scenario, version.law, ", ".join(names), fact, needed_by)])
        # Warnings go along with errors: a misspelt fact often explains a missing one.
        if any(d.severity == Severity.ERROR for d in self.found.values()):
            raise LawError(self.found.values())

    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(sorted((d for d in self.found.values() if d.severity != Severity.ERROR), key=Diagnostic.sort_key))


class VersionLoader:
    """Resolves the version names of scenario files to files and loads each version once."""

    def __init__(self, laws_dir: str | None = None, loader: Loader | None = None):
        self.laws_dir = laws_dir
        self.loader = loader or Loader()

    def folder_for(self, scenario: Scenario) -> str:
        return laws_folder(self.laws_dir, scenario.path)

    def spec(self, name: str, scenario: Scenario, expectation: Expectation) -> str:
        """The version spec (paths joined by '+') for a version name; :class:`MissingLaw` if a file is not there."""
        return "+".join(version_paths(name, self.folder_for(scenario)))

    def missing_law(self, missing: MissingLaw, scenario: Scenario, expectation: Expectation) -> Diagnostic:
        """E420: where the file was looked for, what is there, and how to look elsewhere."""
        if self.laws_dir is not None:
            how = "the folder given with --laws"
        else:
            how = ("the bills folder next to the scenarios folder, else ./bills, else the laws bundled with "
                   "lawsim; to use another folder, pass --laws DIR")
        return Diagnostic(
            "E420", str(missing), expectation.span, file=scenario.path,
            notes=(*missing.suggestion(), f"law files in {missing.folder}: {', '.join(missing.known) or '(none)'}",
                   f"version names are looked up in {how}"))

    def load(self, spec: str) -> Version:
        """The version for ``spec``, loading it the first time only (failures are remembered too)."""
        return self.loader.version(spec)


# ---------------------------------------------------------------- simulate


@dataclass(frozen=True)
class Cell:
    """One scenario evaluated under one version."""

    scenario: Scenario
    version: Version
    facts: Mapping[str, str | int]
    assumptions: Mapping[str, bool]
    outcome: Outcome


@dataclass(frozen=True)
class Simulation:
    """Every scenario under every version: ``rows[i][j]`` is scenario i under version j."""

    versions: tuple[Version, ...]
    scenarios: tuple[Scenario, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Facts and assumptions that no simulated version declares (W410, W431).
    warnings: tuple[Diagnostic, ...] = ()


def simulate(scenarios: Sequence[Scenario], versions: Sequence[Version],
             assumptions: Mapping[str, bool] | None = None) -> Simulation:
    """Evaluate each scenario under each version.

    The scenario's own ``assume`` applies, then ``assumptions`` (each only
    where the version declares it).  Expectations are not looked at.  A
    fact or assumption that none of ``versions`` declares is ignored with a
    warning rather than refused: a scenario may be written for a bill that
    is not being simulated, and a misspelt fact that a verdict needs is
    still caught, as a missing fact.
    """
    errors = _Errors()
    laws = [v.law for v in versions]
    rows = []
    for sc in scenarios:
        errors.add(undeclared(sc, laws))
        row = []
        for version in versions:
            try:
                # Facts this version does not declare are skipped (the warnings above
                # cover those that no version declares).
                facts = scenario_facts(sc, version.law, also_known=sc.facts.keys())
                assume = resolve_assumptions(sc, version.law, extra=assumptions)
                row.append(Cell(sc, version, facts, assume, evaluate(version.law, facts, assume)))
            except LawError as err:
                errors.add(err.diagnostics)
            except MissingFact as missing:
                errors.add_missing(sc, version, missing)
        rows.append(tuple(row))
    errors.raise_if_any()
    return Simulation(tuple(versions), tuple(scenarios), tuple(rows), errors.warnings())


def undeclared(scenario: Scenario, laws: Sequence[ir.Law]) -> list[Diagnostic]:
    """Warnings for the scenario's facts and assumptions that none of ``laws`` declares."""
    facts = {name for law in laws for name in law.fact_map}
    assumptions = {name for law in laws for name in law.assumptions}
    found = [Diagnostic("W410", f"fact '{name}' is not declared by any version simulated, so it is ignored",
                        scenario.fact_name_spans.get(name), notes=did_you_mean(name, facts), severity=Severity.WARNING,
                        file=scenario.path)
             for name in scenario.facts if name not in facts]
    found += [Diagnostic("W431", f"assumption '{name}' is not declared by any version simulated, so it is ignored",
                         scenario.assumption_spans.get(name), notes=did_you_mean(name, assumptions),
                         severity=Severity.WARNING, file=scenario.path)
              for name in scenario.assumptions if name not in assumptions]
    return found


# ---------------------------------------------------------------- test


@dataclass(frozen=True)
class ExpectationResult:
    """One expectation checked: what the file expects against what the law says."""

    scenario: Scenario
    expectation: Expectation
    version: Version
    facts: Mapping[str, str | int]
    assumptions: Mapping[str, bool]
    outcome: Outcome

    @property
    def mismatches(self) -> tuple[str, ...]:
        """The parts that differ: 'verdict', 'remedy', 'plaintiffs', 'relief'."""
        exp, out = self.expectation, self.outcome
        found = []
        if exp.verdict != out.verdict:
            found.append("verdict")
        if exp.remedy is not None and exp.remedy != out.remedy.status:
            found.append("remedy")
        if exp.plaintiffs is not None and exp.plaintiffs != tuple(sorted(out.remedy.plaintiffs)):
            found.append("plaintiffs")
        if exp.relief is not None and exp.relief != tuple(sorted(out.remedy.relief)):
            found.append("relief")
        return tuple(found)

    @property
    def passed(self) -> bool:
        return not self.mismatches


@dataclass(frozen=True)
class TestRun:
    """Every expectation of every scenario, in file order."""

    __test__ = False  # not a pytest test class, despite the name

    scenarios: tuple[Scenario, ...]
    results: tuple[ExpectationResult, ...]
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed


def run_expectations(scenarios: Sequence[Scenario], laws_dir: str | None = None,
                     loader: Loader | None = None) -> TestRun:
    """Check every expectation of every scenario.

    Version names are looked up in ``laws_dir``, or per file as
    :func:`lawsim.locate.laws_folder` says.  A failed expectation is a
    result, not an error; errors are problems that stop a verdict being
    reached at all.
    """
    versions_of = VersionLoader(laws_dir, loader)
    errors = _Errors()
    warnings = []
    results: list[ExpectationResult] = []
    for sc in scenarios:
        if not sc.expectations:
            warnings.append(Diagnostic("W401", "this scenario has no 'expect', so there is nothing to test in it",
                                       sc.facts_span, severity=Severity.WARNING, file=sc.path))
            continue
        versions: dict[str, Version] = {}
        failed = False
        for exp in sc.expectations:
            if exp.version in versions:
                continue
            try:
                versions[exp.version] = versions_of.load(versions_of.spec(exp.version, sc, exp))
            except MissingLaw as missing:
                errors.add_missing_law(missing, versions_of.missing_law(missing, sc, exp))
                failed = True
            except LawError as err:
                errors.add(err.diagnostics)
                failed = True
        if failed:
            # Without every version, facts and assumptions that only the missing
            # one declares would be reported as unknown: the errors above suffice.
            continue
        laws = [v.law for v in versions.values()]
        known = {name for law in laws for name in law.fact_map}
        try:
            check_assumption_names(sc, laws)
        except LawError as err:
            errors.add(err.diagnostics)
        for exp in sc.expectations:
            version = versions[exp.version]
            try:
                facts = scenario_facts(sc, version.law, also_known=known)
                assume = resolve_assumptions(sc, version.law, exp)
                check_parties(sc, exp, version.law)
                outcome = evaluate(version.law, facts, assume)
            except LawError as err:
                errors.add(err.diagnostics)
                continue
            except MissingFact as missing:
                errors.add_missing(sc, version, missing)
                continue
            results.append(ExpectationResult(sc, exp, version, facts, assume, outcome))
    errors.raise_if_any()
    return TestRun(tuple(scenarios), tuple(results), tuple(warnings))

