"""The library API: one function per thing a user can ask lawsim to do.

The CLI (and any other front end) calls these and renders what they return;
nothing here prints.  Errors in user input are raised as
:class:`lawsim.diagnostics.LawError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Mapping

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError, did_you_mean
from lawsim.engine.interpreter import MissingFact, Outcome, evaluate
from lawsim.ir.values import domain_text, parse_fact_value
from lawsim.semantics.load import Version, check_file, load_version
from lawsim.syntax import ast
from lawsim.syntax.parser import parse_file
from lawsim.syntax.printer import format_document


class UsageError(Exception):
    """A bad command-line value (exit status 2), as opposed to bad law text."""


# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class FileCheck:
    path: str
    ok: bool
    summary: str
    diagnostics: tuple[Diagnostic, ...]


def check(paths: Iterable[str]) -> list[FileCheck]:
    """Check each file on its own (a bill together with its base law)."""
    results = []
    for path in paths:
        try:
            doc, warnings = check_file(path)
        except LawError as err:
            results.append(FileCheck(path, False, "", err.diagnostics))
            continue
        results.append(FileCheck(path, True, _summary(doc), warnings))
    return results


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(doc: ast.Document) -> str:
    if isinstance(doc, ast.LawDoc):
        items = [i for p in doc.provisions for i in p.items]
        rules = sum(isinstance(i, ast.Rule) for i in items)
        return (f"law, {_plural(len(doc.provisions), 'provision')}, {_plural(rules, 'rule')}, "
                f"{_plural(len(doc.facts), 'fact')}")
    amendments = sum(1 for b in doc.blocks for i in b.items if not isinstance(i, ast.FactsBlock))
    return f"{_plural(len(doc.blocks), 'bill')}, {_plural(amendments, 'amendment')} to {doc.amends}"


# ---------------------------------------------------------------- fmt


@dataclass(frozen=True)
class Formatted:
    path: str
    original: str
    formatted: str

    @property
    def changed(self) -> bool:
        return self.original != self.formatted


def format_file(path: str) -> Formatted:
    """Canonical text of one file (parsing it first, so errors are reported)."""
    doc = parse_file(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        original = handle.read()
    return Formatted(path, original, format_document(doc))


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` so that a reader never sees a half-written file."""
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.lawsim-tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# ---------------------------------------------------------------- facts


def parse_assignments(pairs: Iterable[str], what: str) -> dict[str, str]:
    """Split NAME=VALUE strings given on the command line."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{what} '{pair}' must look like NAME=VALUE")
        if name.strip() in out:
            raise UsageError(f"{what} '{name.strip()}' is given twice")
        out[name.strip()] = value.strip()
    return out


def resolve_facts(law: ir.Law, raw: Mapping[str, object]) -> dict[str, str | int]:
    facts: dict[str, str | int] = {}
    for name, value in raw.items():
        fact = law.fact_map.get(name)
        if fact is None:
            hint = " ".join(did_you_mean(name, law.fact_map))
            raise UsageError(f"unknown fact '{name}'{'; ' + hint if hint else ''}")
        try:
            facts[name] = parse_fact_value(fact, value)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return facts


def resolve_assumptions(laws: ir.Law | Iterable[ir.Law], raw: Mapping[str, str]) -> dict[str, bool]:
    """Check ``--assume`` settings (NAME -> 'on'/'off') against the versions they apply to.

    Each name must be declared by at least one of ``laws`` (a bill may add or
    remove an assumption, so not necessarily by all).
    """
    declared = {name for law in ([laws] if isinstance(laws, ir.Law) else laws) for name in law.assumptions}
    out = {}
    for name, value in raw.items():
        if name not in declared:
            hint = " ".join(did_you_mean(name, declared))
            raise UsageError(f"unknown assumption '{name}': no version here declares it{'; ' + hint if hint else ''}")
        if value.lower() not in ("on", "off"):
            raise UsageError(f"assumption '{name}' is on or off, not '{value}'")
        out[name] = value.lower() == "on"
    return out


# ---------------------------------------------------------------- explain


@dataclass(frozen=True)
class Explanation:
    version: Version
    facts: dict[str, str | int]
    assumptions: dict[str, bool]
    outcome: Outcome


def explain(spec: str, facts: Mapping[str, str], assumptions: Mapping[str, str] | None = None,
            scenario_path: str | None = None) -> Explanation:
    """Evaluate one scenario under one version, with the trace.

    The scenario is ``facts`` (NAME -> text as typed), on top of the facts
    and assumptions of the scenario file ``scenario_path`` if one is given.
    """
    from lawsim.scenarios import load_scenarios, scenario_facts
    from lawsim.scenarios import resolve_assumptions as scenario_assumptions

    version = load_version(spec)
    law = version.law
    scenario: dict[str, str | int] = {}
    assume: dict[str, bool] = {}
    if scenario_path is not None:
        cases = load_scenarios([scenario_path])
        if len(cases) != 1:
            raise UsageError(f"--scenario {scenario_path}: name one scenario file, not a folder of {len(cases)}")
        (case,) = cases
        scenario = scenario_facts(case, law)
        assume = scenario_assumptions(case, law)
    scenario.update(resolve_facts(law, facts))
    assume.update(resolve_assumptions(law, assumptions or {}))
    try:
        outcome = evaluate(law, scenario, assume)
    except MissingFact as missing:
        fact = law.fact_map[missing.fact]
        values = ", ".join(str(v) for v in fact.values) if fact.kind != ir.FactKind.INT else domain_text(fact)
        raise UsageError(f"the verdict depends on fact '{missing.fact}' ({fact.description}), needed by "
                         f"{missing.needed_by}: add --fact {missing.fact}=VALUE (values: {values})") from None
    return Explanation(version, scenario, {**law.default_assumptions(), **assume}, outcome)


# ---------------------------------------------------------------- scenarios: simulate and test
#
# Scenario files (scenarios/README.md) are read and evaluated by
# lawsim.scenarios; these two functions are what the CLI calls.

from lawsim.scenarios import (  # noqa: E402  (kept with the section that uses it)
    Simulation,
    TestRun,
    default_laws_dir,
    load_scenarios,
    run_expectations,
)
from lawsim.scenarios import simulate as _simulate  # noqa: E402


def resolve_version_spec(spec: str, laws_dir: str) -> str:
    """Let a version on the command line name laws by file name, as scenario files do.

    Each '+'-joined part that is not an existing file, has no folder and no
    '.law' suffix is looked up as ``<laws_dir>/<part>.law``; anything else
    is kept as written (and reported by the loader if it cannot be read).
    """
    parts = []
    for part in spec.split("+"):
        bare = part and "/" not in part and os.sep not in part and not part.endswith(".law")
        if bare and not os.path.exists(part):
            candidate = os.path.join(laws_dir, part + ".law")
            if not os.path.isfile(candidate):
                raise UsageError(f"version '{spec}': there is no file '{part}' and no {candidate}")
            part = candidate
        parts.append(part)
    return "+".join(parts)


def simulate(versions: Iterable[str], scenario_paths: Iterable[str],
             assumptions: Mapping[str, str] | None = None, laws_dir: str | None = None) -> Simulation:
    """Evaluate every scenario under every version (expectations are not checked).

    ``versions`` are version specs (``bills/current.law``,
    ``bills/powers.law+bills/hanif.law``) or, as in scenario files, file
    names looked up in ``laws_dir`` (``current``, ``powers+hanif``).
    ``assumptions`` (NAME -> 'on'/'off') apply to every version that
    declares them, after each scenario's own.
    """
    if laws_dir is not None and not os.path.isdir(laws_dir):
        raise UsageError(f"--laws {laws_dir}: no such folder")
    scenario_paths = list(scenario_paths)
    if not scenario_paths:
        raise UsageError("name the scenarios to run with --scenarios FILE_OR_DIR")
    scenarios = load_scenarios(scenario_paths)
    folder = laws_dir if laws_dir is not None else default_laws_dir(scenarios[0].path)
    loaded: list[Version] = []
    for spec in versions:
        version = load_version(resolve_version_spec(spec, folder))
        clash = next((v for v in loaded if v.name == version.name), None)
        if clash is not None:
            raise UsageError(f"two versions are both named '{version.name}': {clash.spec} and {version.spec}")
        loaded.append(version)
    if not loaded:
        raise UsageError("name at least one version to simulate")
    extra = resolve_assumptions([v.law for v in loaded], assumptions or {})
    return _simulate(scenarios, loaded, extra)


def run_scenario_tests(paths: Iterable[str], laws_dir: str | None = None) -> TestRun:
    """Check every expectation in the scenario files under ``paths`` (``lawsim test``).

    Version names in a file are looked up in ``laws_dir`` if given, else in
    the ``bills`` folder next to the file's folder, else ``./bills``, else
    the bundled laws.  Raises LawError for problems in the files; failed
    expectations are results (see :attr:`TestRun.failed`).
    """
    if laws_dir is not None and not os.path.isdir(laws_dir):
        raise UsageError(f"--laws {laws_dir}: no such folder")
    return run_expectations(load_scenarios(list(paths)), laws_dir)


# ---------------------------------------------------------------- compare

from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:  # the comparison pulls in numpy: import it only when comparing
    from lawsim.compare import Comparison


@dataclass(frozen=True)
class CompareReport:
    """The comparison of two versions plus what only the files can tell.

    ``warnings`` holds the comparison's own warnings and those about bills
    that change nothing (see :mod:`lawsim.compare.effects`); ``cases`` how
    each documented scenario fares (:mod:`lawsim.compare.cases`), from
    ``scenarios`` (the files or folders read, if any).
    """

    baseline: Version
    reform: Version
    comparison: "Comparison"
    warnings: tuple[Diagnostic, ...]
    cases: tuple = ()
    scenarios: tuple[str, ...] = ()
    # Assumptions read other than by default (``--assume``), applied to both versions.
    assumptions: tuple[tuple[str, bool], ...] = ()

    @property
    def changed(self) -> bool:
        return self.comparison.changed


def compare(baseline_spec: str, reform_spec: str, scenarios: Iterable[str] | None = None,
            assumptions: Mapping[str, str] | None = None) -> CompareReport:
    """Compare two law versions (each a version spec, as for :func:`explain`).

    ``scenarios`` are scenario files or folders to report on; ``None`` means
    the ``scenarios`` folder beside the baseline's law folder, if there is
    one, and an empty list means none.  ``assumptions`` (NAME -> 'on'/'off')
    sets assumptions in both versions before comparing; each name must be
    declared by at least one of them.
    """
    from dataclasses import replace

    from lawsim.semantics.assume import with_assumptions

    from lawsim.compare import compare as compare_laws
    from lawsim.compare.cases import default_scenarios, document_cases
    from lawsim.compare.effects import amendment_map, ineffective, version_sources
    from lawsim.compare.lint import by_version

    baseline, reform = load_version(baseline_spec), load_version(reform_spec)
    settings = resolve_assumptions([baseline.law, reform.law], assumptions or {})
    sources = {"baseline": version_sources(baseline), "reform": version_sources(reform)}
    # Warnings about ineffective bills are judged under every reading (effects.same_everywhere),
    # so they use the versions as written; everything else sees the chosen reading.
    found = {side: ineffective(sources[side], version.law)
             for side, version in (("baseline", baseline), ("reform", reform))}
    if settings:
        baseline = replace(baseline, law=with_assumptions(baseline.law, settings))
        reform = replace(reform, law=with_assumptions(reform.law, settings))
    comparison = compare_laws(baseline.law, reform.law, amendment_map(sources["baseline"]),
                              amendment_map(sources["reform"]))
    # A bill applied in both versions is judged in each; the same warning is then given once.
    warnings = [*comparison.warnings, *by_version(found)]
    if scenarios is None:
        folder = default_scenarios(baseline)
        paths: tuple[str, ...] = (folder,) if folder else ()
    else:
        paths = tuple(scenarios)
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"--scenarios {path}: no such file or folder")
    cases: tuple = ()
    if paths:
        cases, case_warnings = document_cases(paths, baseline, reform, comparison.semantics)
        warnings += case_warnings
    return CompareReport(baseline, reform, comparison, tuple(sorted(warnings, key=Diagnostic.sort_key)), cases,
                         paths, tuple(sorted(settings.items())))
