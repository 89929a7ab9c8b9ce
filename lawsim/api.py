"""The library API: one function per thing a user can ask lawsim to do.

Each function wires the stages together and returns the result type of
the stage that made it; nothing here prints.  Errors in law or scenario
files are raised as :class:`lawsim.diagnostics.LawError`; a bad value given
outside any file (a version name, a fact, an assumption setting) as
:class:`lawsim.diagnostics.UsageError`.

Version arguments are version specs (``bills/current.law``,
``bills/powers.law+bills/hanif.law``) or, as in scenario files, law file
names looked up in the laws folder (``current``, ``powers+hanif``; see
:mod:`lawsim.locate`).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from lawsim import locate
from lawsim.diagnostics import Diagnostic, UsageError
from lawsim.files import check_output
from lawsim.ir.constraints import broken_by, facts_of
from lawsim.ir.values import domain_text, resolve_assumptions, resolve_facts, resolve_parameters
from lawsim.ir.vocab import FactKind
from lawsim.semantics import FileCheck, Loader, Version, check_files
from lawsim.semantics.assume import with_parameters
from lawsim.syntax.printer import Formatted, format_file

if TYPE_CHECKING:  # the comparison needs numpy, so lawsim.compare is imported only to compare
    from lawsim.compare import Comparison
    from lawsim.compare.several import Comparisons

    # Scenario files need YAML and explanations the interpreter, and pipelines networkx: imported by
    # the functions that use them, so that `lawsim check` starts quickly.
    from lawsim.engine.explanation import Explanation
    from lawsim.ir.pipeline import Pipeline
    from lawsim.pipeline import PipelineDiff, Reachability
    from lawsim.scenarios import Simulation, TestRun
    from lawsim.scenarios.update import FileUpdate
    from lawsim.semantics.lawgraph import LawGraph

#: What ``lawsim report`` compares when given no versions: current law against each bundled bill.
REPORT_BASELINE = "current"
REPORT_REFORMS = ("powers", "hanif", "powers+hanif", "int-1412")

__all__ = ["FileCheck", "Formatted", "UsageError", "check", "compare", "compare_loaded", "explain", "explain_loaded",
           "format_file", "law_graph", "load_version", "output_path", "pipeline", "pipeline_differentials",
           "pipeline_differentials_loaded", "report", "resolve_version", "run_scenario_tests", "simulate",
           "update_expectations"]


def resolve_version(spec: str, laws_dir: str | None = None) -> str:
    """A version as typed (``powers+hanif``) with bare law names turned into paths in the laws folder."""
    folder = locate.laws_folder(laws_dir)
    try:
        return locate.command_line_version(spec, folder)
    except locate.MissingLaw as missing:
        hint = "".join(f"; {note}" for note in missing.suggestion())
        raise UsageError(f"version '{spec}': there is no file '{missing.stem}' and no "
                         f"{os.path.join(folder, missing.stem + locate.LAW_SUFFIX)}{hint}") from None


def output_path(output: str, versions: Iterable[str], scenario_paths: Iterable[str] = ()) -> str:
    """Check, before any work, that a command may write ``output``; the file it will replace.

    ``output`` must not be any file the versions or scenario paths name as
    typed (see :func:`lawsim.files.check_output`); the law a bill amends is
    known only once the bill is read, so :func:`compare` checks again after
    loading.  Raises :class:`UsageError`.
    """
    from lawsim.scenarios.load import scenario_files

    inputs: list[str] = []
    for spec in versions:
        inputs += resolve_version(spec).split("+")
    for path in scenario_paths:
        inputs += scenario_files([path]) if os.path.isdir(path) else [path]
    return check_output(output, inputs)


def _laws_dir(laws_dir: str | None) -> str | None:
    if laws_dir is not None and not os.path.isdir(laws_dir):
        raise UsageError(f"--laws {laws_dir}: no such folder", python=f"laws_dir {laws_dir!r}: no such folder")
    return laws_dir


def check(paths: Iterable[str]) -> list[FileCheck]:
    """Check each file on its own (a bill together with its base law)."""
    return check_files(paths)


def explain(spec: str, facts: Mapping[str, str], assumptions: Mapping[str, str] | None = None,
            scenario_path: str | None = None, parameters: Mapping[str, str] | None = None) -> Explanation:
    """Evaluate one scenario under one version, with the trace.

    The scenario is ``facts`` (NAME -> text as typed), on top of the facts
    and assumptions of the scenario file ``scenario_path`` if one is given.
    """
    return explain_loaded(Loader().version(resolve_version(spec)), facts, assumptions, scenario_path, parameters)


def explain_loaded(version: Version, facts: Mapping[str, str], assumptions: Mapping[str, str] | None = None,
                   scenario_path: str | None = None, parameters: Mapping[str, str] | None = None) -> Explanation:
    """:func:`explain` for a version already built."""
    from lawsim.engine.explanation import explain_scenario
    from lawsim.engine.interpreter import MissingFact
    from lawsim.scenarios import load_scenarios, scenario_facts, undeclared
    from lawsim.scenarios import resolve_assumptions as scenario_assumptions

    version = version.with_law(with_parameters(version.law, resolve_parameters(version.law, parameters or {})))
    law = version.law
    scenario, assume = {}, {}
    warnings: tuple[Diagnostic, ...] = ()
    if scenario_path is not None:
        cases = load_scenarios([scenario_path])
        if len(cases) != 1:
            raise UsageError(f"--scenario {scenario_path}: name one scenario file, not a folder of {len(cases)}",
                             python=f"scenario {scenario_path!r}: name one scenario file, not a folder of {len(cases)}")
        # As simulate does: facts and assumptions this version does not declare (a bill's, say) are
        # left out with a warning.
        case = cases[0]
        scenario = scenario_facts(case, law, also_known=case.facts.keys(), check_constraints=False)
        assume, warnings = scenario_assumptions(case, law), tuple(undeclared(case, [law]))
    scenario.update(resolve_facts(law, facts))
    assume.update(resolve_assumptions(law, assumptions or {}))
    broken = broken_by(law.constraints, scenario)
    if broken:
        raise UsageError(f"this situation cannot happen: it breaks the constraint '{broken[0].name}' "
                         f"({broken[0].caption}); change the facts it tests: "
                         + ", ".join(facts_of(broken[0].impossible)))
    try:
        return replace(explain_scenario(version, scenario, assume), warnings=warnings)
    except MissingFact as missing:
        fact = law.fact_map[missing.fact]
        values = domain_text(fact) if fact.kind == FactKind.INT else ", ".join(map(str, fact.values))
        needs = f"the verdict depends on fact '{missing.fact}' ({fact.description}), needed by {missing.needed_by}"
        raise UsageError(f"{needs}: add --fact {missing.fact}=VALUE (values: {values})",
                         python=f"{needs}: pass {missing.fact}=VALUE among the facts (values: {values})") from None


def simulate(versions: Iterable[str], scenario_paths: Iterable[str],
             assumptions: Mapping[str, str] | None = None, laws_dir: str | None = None,
             parameters: Mapping[str, str] | None = None) -> Simulation:
    """Evaluate every scenario under every version (expectations are not checked).

    ``assumptions`` (NAME -> 'on'/'off') apply to every version that
    declares them, after each scenario's own.
    """
    from lawsim.scenarios import load_scenarios
    from lawsim.scenarios import simulate as simulate_scenarios

    paths = list(scenario_paths)
    _laws_dir(laws_dir)
    if not paths:
        raise UsageError("name the scenarios to run with --scenarios FILE_OR_DIR",
                         python="name the scenario files or folders to run")
    scenarios = load_scenarios(paths)
    folder = locate.laws_folder(laws_dir, scenarios[0].path)
    loader = Loader()
    loaded: list[Version] = []
    for spec in versions:
        version = loader.version(resolve_version(spec, folder))
        clash = next((v for v in loaded if v.name == version.name), None)
        if clash is not None:
            raise UsageError(f"two versions are both named '{version.name}': {clash.spec} and {version.spec}")
        loaded.append(version)
    if not loaded:
        raise UsageError("name at least one version to simulate")
    values = resolve_parameters([v.law for v in loaded], parameters or {})
    loaded = [v.with_law(with_parameters(v.law, values)) for v in loaded]
    return simulate_scenarios(scenarios, loaded, resolve_assumptions([v.law for v in loaded], assumptions or {}))


def run_scenario_tests(paths: Iterable[str], laws_dir: str | None = None) -> TestRun:
    """Check every expectation in the scenario files under ``paths`` (``lawsim test``).

    Raises LawError for problems in the files; failed expectations are
    results (see :attr:`TestRun.failed`).
    """
    from lawsim.scenarios import load_scenarios, run_expectations

    return run_expectations(load_scenarios(list(paths)), _laws_dir(laws_dir))


def update_expectations(run: TestRun) -> "list[FileUpdate]":
    """The scenario files of ``run`` with each failed expectation rewritten to the actual outcome.

    Nothing is written; each :class:`~lawsim.scenarios.update.FileUpdate` has
    the new text and a diff (``lawsim test --update`` shows and writes them).
    """
    from lawsim.scenarios.update import updates

    return updates(run)


def compare(baseline_spec: str, reform_spec: str, scenarios: Iterable[str] | None = None,
            assumptions: Mapping[str, str] | None = None, parameters: Mapping[str, str] | None = None,
            output: str | None = None, engine: str = "auto", max_regions: int | None = None) -> "Comparison":
    """Compare two versions: structure, every scenario, and the documented cases.

    ``scenarios`` are scenario files or folders to report on; ``None`` means
    the ``scenarios`` folder beside the baseline's law folder, if there is
    one, and an empty list means none.  ``assumptions`` (NAME -> 'on'/'off')
    are read in both versions; each must be declared by one of them.
    ``output``, the file the report will be written to, is checked against
    every file the versions and scenarios were read from before the
    comparison runs (UsageError if it is one of them).
    ``engine`` is 'auto', 'space' or 'symbolic'; ``max_regions`` caps the
    regions described (the largest first).
    """
    from lawsim.compare import Engine

    try:
        Engine(engine)
    except ValueError:
        raise UsageError(f"--engine {engine}: expected one of {', '.join(e.value for e in Engine)}",
                         python=f"engine {engine!r}: expected one of {', '.join(e.value for e in Engine)}") from None
    if max_regions is not None and max_regions < 1:
        raise UsageError(f"--max-regions {max_regions}: expected a whole number of at least 1",
                         python=f"max_regions {max_regions}: expected a whole number of at least 1")

    loader = Loader()
    baseline = loader.version(resolve_version(baseline_spec))
    reform = loader.version(resolve_version(reform_spec))
    return compare_loaded(baseline, reform, scenarios, assumptions, parameters, output, engine, max_regions)


def load_version(spec: str, laws_dir: str | None = None) -> Version:
    """One version of the law, built from its files (a law, a bill, or FILE+FILE; a bare name in the laws folder)."""
    return Loader().version(resolve_version(spec, _laws_dir(laws_dir)))


def compare_loaded(baseline: Version, reform: Version, scenarios: Iterable[str] | None = None,
                   assumptions: Mapping[str, str] | None = None, parameters: Mapping[str, str] | None = None,
                   output: str | None = None, engine: str = "auto", max_regions: int | None = None
                   ) -> "Comparison":
    """:func:`compare` for versions already built (as the notebook API holds them)."""
    from lawsim.compare import Engine
    from lawsim.compare import compare as compare_versions
    from lawsim.scenarios import load_scenarios

    chosen = Engine(engine)
    settings = resolve_assumptions([baseline.law, reform.law], assumptions or {})
    values = resolve_parameters([baseline.law, reform.law], parameters or {})
    beside = locate.scenarios_beside(baseline.paths[0]) if scenarios is None else None
    paths = tuple(scenarios) if scenarios is not None else (beside,) if beside else ()
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"--scenarios {path}: no such file or folder",
                             python=f"scenarios: {path!r} is no file or folder")
    cases = load_scenarios(list(paths)) if paths else []
    if output is not None:
        check_output(output, [*baseline.paths, *reform.paths, *(case.path for case in cases)])
    return compare_versions(baseline, reform, cases, settings, scenario_paths=paths, parameters=values,
                            engine=chosen, max_regions=max_regions)


def _find_pipeline(loader: Loader, version: Version, explicit: str | None) -> "Pipeline":
    """The pipeline file given, else the ``*-pipeline.law`` beside the version's law of its jurisdiction."""
    if explicit is not None:
        if not os.path.isfile(explicit):
            raise UsageError(f"--pipeline {explicit}: no such file")
        return loader.pipeline(explicit)
    folder = os.path.dirname(version.paths[0]) or "."
    found = locate.pipeline_files(folder)
    pipelines = [loader.pipeline(path) for path in found]
    matching = [p for p in pipelines if p.jurisdiction == version.law.jurisdiction] if len(pipelines) > 1 else pipelines
    if len(matching) != 1:
        what = "no pipeline file (*-pipeline.law)" if not found else (
            f"{len(matching)} pipeline files for {version.law.jurisdiction or 'its jurisdiction'}")
        raise UsageError(f"{folder} has {what}; name one with --pipeline FILE")
    return matching[0]


def _person_facts(binding_facts, raw: Mapping[str, object], what: str) -> dict:
    from lawsim.ir.values import parse_fact_value

    known = {f.name: f for f in binding_facts}
    out = {}
    for name, value in raw.items():
        if name not in known:
            raise UsageError(f"{what} '{name}' is not a person fact of this pipeline (a contact point fixes the "
                             f"facts about conduct); person facts: {', '.join(known)}")
        try:
            out[name] = parse_fact_value(known[name], value)
        except ValueError as exc:
            raise UsageError(f"{what} {exc}") from None
    return out


def pipeline(versions: Iterable[str], against: str | None = None, facts: Mapping[str, str] | None = None,
             scenario_path: str | None = None, pipeline_path: str | None = None,
             assumptions: Mapping[str, str] | None = None, parameters: Mapping[str, str] | None = None,
             output: str | None = None) -> "Reachability | PipelineDiff":
    """The paths to ICE through city custody under each version, or what ``against`` changes.

    With ``against``, ``versions`` is one baseline and the answer is the
    differential (:class:`~lawsim.pipeline.PipelineDiff`); otherwise the
    paths under every version given (:class:`~lawsim.pipeline.Reachability`).
    Person facts come from the scenario file ``scenario_path`` (only its
    person facts are read) and then ``facts`` (NAME -> text as typed).
    ``assumptions`` (NAME -> 'on'/'off') and ``parameters`` (NAME -> number)
    apply to every version that declares them, as for ``compare``.
    ``output``, the file the result will be written to, must not be any
    file read (UsageError), checked before the pipeline is evaluated.
    """
    from lawsim.pipeline import differential, reachability
    from lawsim.scenarios import load_scenarios
    from lawsim.semantics.pipeline import bind

    specs = list(versions)
    if not specs:
        raise UsageError("name at least one version")
    if against is not None and len(specs) != 1:
        raise UsageError("--against compares one baseline with one reform: name one version before it")
    loader = Loader()
    loaded = [loader.version(resolve_version(spec)) for spec in specs + ([against] if against else [])]
    settings = resolve_assumptions([v.law for v in loaded], assumptions or {})
    values = resolve_parameters([v.law for v in loaded], parameters or {})
    loaded = [v.with_law(with_parameters(v.law, values)) for v in loaded]
    chosen = _find_pipeline(loader, loaded[0], pipeline_path)
    if output is not None:
        check_output(output, [*(p for v in loaded for p in v.paths), chosen.path,
                              *([scenario_path] if scenario_path else [])])
    person = bind(chosen, loaded[0].law).person
    given: dict = {}
    if scenario_path is not None:
        cases = load_scenarios([scenario_path])
        if len(cases) != 1:
            raise UsageError(f"--scenario {scenario_path}: name one scenario file, not a folder of {len(cases)}")
        names = {f.name for f in person}
        given.update(_person_facts(person, {k: v for k, v in cases[0].facts.items() if k in names}, "--scenario:"))
    given.update(_person_facts(person, facts or {}, "--fact"))
    result = differential(chosen, loaded[0], loaded[1], given, settings) if against is not None else \
        reachability(chosen, loaded, given, settings)
    readings = tuple(f"{k}={'on' if v else 'off'}" for k, v in sorted(settings.items())) + \
        tuple(f"{k}={v}" for k, v in sorted(values.items()))
    result = replace(result, readings=readings)
    if result.profiles == 0:
        raise UsageError("no person can have these facts together (they break a constraint of the law): "
                         + ", ".join(f"{k}={v}" for k, v in given.items()))
    return result


def pipeline_differentials(baseline_spec: str, reform_specs: Iterable[str],
                           assumptions: Mapping[str, str] | None = None,
                           parameters: Mapping[str, str] | None = None) -> "list[PipelineDiff]":
    """The pipeline differential of the baseline against each reform, named as typed (see below)."""
    loader = Loader()
    return pipeline_differentials_loaded(loader.version(resolve_version(baseline_spec)),
                                         [loader.version(resolve_version(spec)) for spec in reform_specs],
                                         assumptions, parameters)


def pipeline_differentials_loaded(baseline: Version, reforms: Sequence[Version],
                                  assumptions: Mapping[str, str] | None = None,
                                  parameters: Mapping[str, str] | None = None) -> "list[PipelineDiff]":
    """The pipeline differential of the baseline against each reform, for a report.

    Takes the versions already built (``lawsim report`` has them from its
    comparisons, so no law is read twice).  Empty when the baseline's folder
    has no pipeline file for its jurisdiction: a report then simply has no
    drawing.  Errors in a pipeline file that is found are raised as for
    ``lawsim pipeline``.
    """
    from lawsim.pipeline import differential

    loader = Loader()
    try:
        chosen = _find_pipeline(loader, baseline, None)
    except UsageError:
        return []
    laws = [baseline.law, *(r.law for r in reforms)]
    settings = resolve_assumptions(laws, assumptions or {})
    values = resolve_parameters(laws, parameters or {})
    baseline = baseline.with_law(with_parameters(baseline.law, values))
    return [differential(chosen, baseline, reform.with_law(with_parameters(reform.law, values)), {}, settings)
            for reform in reforms]


def law_graph(spec: str, output: str | None = None) -> "LawGraph":
    """The graph of one version's definitions, rules, cross-references and overrides (``lawsim graph``).

    ``output`` is checked against the files the version was read from, as for :func:`compare`.
    """
    from lawsim.semantics.lawgraph import LawGraph

    version = Loader().version(resolve_version(spec))
    if output is not None:
        check_output(output, version.paths)
    return LawGraph(version.law)


def report(baseline_spec: str | None = None, reform_specs: Iterable[str] = (), scenarios: Iterable[str] | None = None,
           assumptions: Mapping[str, str] | None = None, parameters: Mapping[str, str] | None = None,
           output: str | None = None) -> "Comparisons":
    """The baseline against each reform, for one report (``lawsim report``).

    With no baseline, current law against every bundled bill
    (:data:`REPORT_BASELINE`, :data:`REPORT_REFORMS`).  ``scenarios`` as for
    :func:`compare`.  Each version is built once, whatever number of
    reforms apply the same bill.  ``output`` is checked as for :func:`compare`.
    """
    from lawsim.compare.several import compare_several
    from lawsim.scenarios import load_scenarios

    reforms = list(reform_specs)
    if baseline_spec is None:
        if reforms:
            raise UsageError("name the baseline before the reforms")
        baseline_spec, reforms = REPORT_BASELINE, list(REPORT_REFORMS)
    if not reforms:
        raise UsageError("name at least one reform to compare with the baseline")
    loader = Loader()
    baseline = loader.version(resolve_version(baseline_spec))
    versions = [baseline]
    for spec in reforms:
        version = loader.version(resolve_version(spec))
        clash = next((v for v in versions if v.name == version.name), None)
        if clash is not None:
            raise UsageError(f"two versions are both named '{version.name}': {clash.spec} and {version.spec}")
        versions.append(version)
    laws = [v.law for v in versions]
    settings = resolve_assumptions(laws, assumptions or {})
    values = resolve_parameters(laws, parameters or {})
    beside = locate.scenarios_beside(baseline.paths[0]) if scenarios is None else None
    paths = tuple(scenarios) if scenarios is not None else (beside,) if beside else ()
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"--scenarios {path}: no such file or folder")
    cases = load_scenarios(list(paths)) if paths else []
    if output is not None:
        check_output(output, [path for v in versions for path in v.paths] + [case.path for case in cases])
    return compare_several(baseline, versions[1:], cases, settings, scenario_paths=paths, parameters=values)
