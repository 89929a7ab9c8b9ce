"""Commands that run scenario files: simulate and test."""

from __future__ import annotations

import os
import sys

import click

from lawsim import locate
from lawsim.cli.app import EXIT_LAW, EXIT_OK, cli, dump_json, handles_errors
from lawsim.cli.options import (
    assignments,
    assume_option,
    color_option,
    format_option,
    laws_option,
    param_option,
    scenarios_option,
)
from lawsim.cli.output import emit, emit_diagnostics, emit_json
from lawsim.diagnostics import UsageError, render_all, to_json


@cli.command()
@click.argument("versions", nargs=-1, required=True, metavar="VERSION...")
@scenarios_option()
@assume_option
@param_option
@click.option("--explain", is_flag=True, help="Show why each verdict was reached.")
@laws_option
@format_option
@handles_errors
def simulate(versions, scenario_paths, assumptions, params, explain, laws_dir, fmt):
    """Evaluate scenarios under several versions of the law, side by side.

    VERSION is a law file, a bill file (its base law with the bill applied),
    FILE+FILE for several bills applied in order, or, as in scenario files,
    law file names looked up in the laws folder (current, powers+hanif).
    Scenario files (*.yaml, *.yml) and folders given among the VERSIONs are
    taken as scenarios, so a shell glob after --scenarios works.  A '*' in
    the table marks a verdict or remedy that differs from the first version.

    \b
    Example:
      lawsim simulate bills/current.law bills/powers.law --scenarios scenarios/
      lawsim simulate current powers powers+hanif -s scenarios/ --explain
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api
    from lawsim.report.simulate import simulation_json, simulation_text
    from lawsim.scenarios.load import SUFFIXES

    specs: list[str] = []
    paths = list(scenario_paths)
    for arg in versions:
        (paths if arg.endswith(SUFFIXES) or os.path.isdir(arg) else specs).append(arg)
    if not paths:
        raise UsageError("name the scenarios to run with --scenarios FILE_OR_DIR")
    sim = api.simulate(specs, paths, assignments(assumptions, "--assume"), laws_dir, assignments(params, "--param"))
    if fmt == "json":
        emit_json(dump_json(simulation_json(sim, explain, [to_json(w) for w in sim.warnings])))
    else:
        if sim.warnings:
            emit_diagnostics(render_all(sim.warnings))
        emit(simulation_text(sim, explain))


@cli.command(name="test")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@laws_option
@click.option("--update", is_flag=True,
              help="Rewrite each failed expectation in its file to what the law says, after showing the change.")
@format_option
@color_option
@handles_errors
def test_command(paths, laws_dir, update, fmt, color):
    """Check the expected verdicts written in scenario files.

    PATH is a scenario file or a folder of them (searched recursively);
    without one, ./scenarios if it exists, else the documented cases
    bundled with lawsim.  Each expectation is evaluated under its version; a failure is shown as
    expected versus actual with the trace.  The last line reads
    'N passed, M failed' (counting expectations).  Exits 1 if any
    expectation fails or a file has an error.  With --update, each failed
    expectation is rewritten in place to what the law now says (only the
    verdict, remedy or names that differ; comments and order are kept),
    after the change is shown as a diff; the exit status is then 0.

    \b
    Example:
      lawsim test scenarios/
      lawsim test scenarios/ --laws bills --format json
      lawsim test scenarios/ --update
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api
    from lawsim.report.simulate import expectations_json, expectations_text

    if update and fmt == "json":
        raise UsageError("--update shows what it changes as text: leave out --format json")
    if not paths:
        paths = (locate.scenarios_folder(),)
    run = api.run_scenario_tests(paths, laws_dir)
    if update:
        from lawsim.cli.test_update import write_updates

        sys.exit(write_updates(run))
    if fmt == "json":
        emit_json(dump_json(expectations_json(run, [to_json(w) for w in run.warnings])))
    else:
        if run.warnings:
            emit_diagnostics(render_all(run.warnings), color)
        emit(expectations_text(run), color=color)
    sys.exit(EXIT_OK if run.failed == 0 else EXIT_LAW)
