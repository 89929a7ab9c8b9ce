"""``lawsim report``: one self-contained HTML report of several bills against one baseline."""

from __future__ import annotations

import re

import click

from lawsim.cli.app import EXIT_OK, OutputFailed, cli, handles_errors
from lawsim.cli.options import assignments, assume_option, param_option, scenarios_option
from lawsim.cli.output import emit_line
from lawsim.diagnostics import UsageError
from lawsim.files import check_output, write_atomically


def _date(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"--date {value}: give the date as YYYY-MM-DD, for example 2023-02-15")
    return value


@cli.command()
@click.argument("versions", nargs=-1, metavar="[BASELINE REFORM...]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="report.html",
              show_default=True, help="Write the report to this file (atomically).")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="Print this date on the report (none by default, so the same inputs give the same file).")
@scenarios_option("Default: the 'scenarios' folder beside the baseline's law folder, if there is one.")
@click.option("--no-scenarios", is_flag=True, help="Report on no scenario files.")
@assume_option
@param_option
@handles_errors
def report(versions, output, date, scenario_paths, no_scenarios, assumptions, params):
    """Write one HTML report comparing BASELINE with each REFORM, side by side.

    With no versions: current law against Powers' bills, Hanif's bill, both
    together and the Safer Sanctuary Act (the laws bundled with lawsim).
    The file holds a summary per bill, the kinds of change by bill, the
    documented cases, the findings with examples, a scenario explorer, the
    redline, the assumptions and the sources; it opens from disk and makes
    no network request.  See docs/report.md.

    \b
    Example:
      lawsim report
      lawsim report current powers hanif powers+hanif -o bills.html --date 2023-02-15
    """
    if no_scenarios and scenario_paths:
        raise UsageError("--scenarios and --no-scenarios cannot be given together")
    date = _date(date)
    if len(versions) == 1:
        raise UsageError(f"name at least one reform to compare with {versions[0]}")
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api
    from lawsim.printable import printable
    from lawsim.report.pipeline_svg import pipeline_svgs
    from lawsim.report.report_html import render_report

    # Refuse to overwrite an input (or a device) now, not after the comparisons.
    api.output_path(output, versions or (api.REPORT_BASELINE, *api.REPORT_REFORMS), scenario_paths)
    found = api.report(versions[0] if versions else None, versions[1:],
                       () if no_scenarios else (scenario_paths or None),
                       assignments(assumptions, "--assume"), assignments(params, "--param"), output=output)
    # The custody pipeline's drawing, one per reform, when a pipeline file lies beside the baseline.
    drawn = api.pipeline_differentials_loaded(found.baseline, [c.reform for c in found.comparisons],
                                              assignments(assumptions, "--assume"), assignments(params, "--param"))
    if drawn:  # the pipeline file is an input too: never written over
        check_output(output, [drawn[0].pipeline.path])
    # The page has no control characters of its own: any there came from an input file.
    text = printable(render_report(found, date, pipeline=pipeline_svgs(drawn)))
    try:
        write_atomically(output, text)
    except OSError as exc:
        raise OutputFailed(output, exc) from None
    names = [c.reform.name for c in found.comparisons]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    emit_line(f"wrote {output}: {found.baseline.name} against {listed}")
    raise SystemExit(EXIT_OK)
