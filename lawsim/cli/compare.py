"""``lawsim compare``: the structural and semantic diff of two law versions."""

from __future__ import annotations

import sys

import click

from lawsim.cli.app import EXIT_CHANGED, EXIT_OK, OutputFailed, cli, dump_json, handles_errors
from lawsim.cli.options import (
    assignments,
    assume_option,
    color_option,
    output_option,
    param_option,
    scenarios_option,
)
from lawsim.cli.output import emit, emit_json
from lawsim.diagnostics import UsageError
from lawsim.files import write_atomically
from lawsim.printable import printable


@cli.command()
@click.argument("baseline")
@click.argument("reform")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Readable text, JSON (schema lawsim.compare/1), or one self-contained HTML page.")
@output_option
@color_option
@click.option("--regions", "limit", type=click.IntRange(min=0), default=20, show_default=True, metavar="N",
              help="Text: show at most N regions of each kind, largest first (0: all).")
@click.option("--traces", is_flag=True, help="Text: show each witness's full trace, not only the decision.")
@scenarios_option("Default: the 'scenarios' folder beside the baseline's law folder, if there is one.")
@click.option("--no-scenarios", is_flag=True, help="Report on no scenario files.")
@assume_option
@param_option
@click.option("--fail-on-change", is_flag=True, help="Exit 3 if anything differs between the two versions.")
@click.option("--engine", type=click.Choice(["auto", "space", "symbolic"]), default="auto", show_default=True,
              help="space enumerates every scenario class; symbolic uses decision diagrams, for laws too large "
                   "to enumerate; auto picks by the size of the space.")
@click.option("--max-regions", "max_regions", type=click.IntRange(min=1), default=None, metavar="N",
              help="Describe at most N regions, the largest first; the rest are counted exactly per kind "
                   "(symbolic engine).")
@handles_errors
def compare(baseline, reform, fmt, output, color, limit, traces, scenario_paths, no_scenarios, assumptions, params,
            fail_on_change, engine, max_regions):
    """Show exactly what changes from BASELINE to REFORM, with witnesses.

    Each version is a law file, a bill file (its base law with the bill
    applied) or FILE+FILE; a bare name such as 'powers' is looked up in
    ./bills, else in the laws bundled with lawsim.  The report lists provisions added, removed and
    modified (with a redline), then every changed scenario, grouped into
    regions: loopholes closed or opened, remedies gained or lost, and
    more.  Each region has an exact scenario count, a witness scenario with
    its trace under both versions, the provisions responsible and the
    assumptions it relies on.  See docs/compare.md.

    \b
    Example:
      lawsim compare current powers
      lawsim compare bills/current.law bills/powers.law
      lawsim compare bills/current.law bills/hanif.law --format json -o out.json
      lawsim compare current powers --assume specific_sections_prevail=off
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api

    if no_scenarios and scenario_paths:
        raise UsageError("--scenarios and --no-scenarios cannot be given together")
    if output is not None:
        # Refuse to overwrite an input (or a device) now, not after minutes of work.
        api.output_path(output, (baseline, reform), scenario_paths)
    comparison = api.compare(baseline, reform, () if no_scenarios else (scenario_paths or None),
                             assignments(assumptions, "--assume"), assignments(params, "--param"), output=output,
                             engine=engine, max_regions=max_regions)
    text_out = None
    if fmt == "json":
        from lawsim.report.compare_json import report_json

        text = dump_json(report_json(comparison))
    elif fmt == "html":
        from lawsim.compare.several import Comparisons
        from lawsim.report.report_html import render_report

        # The same page as ``lawsim report``, for one reform.  The page has no control characters of
        # its own: any there came from an input file.
        text = printable(render_report(Comparisons(comparison.baseline, (comparison,), ())))
    else:
        from lawsim.report.compare_text import render
        from lawsim.report.compare_view import build
        from lawsim.report.findings import findings
        from lawsim.report.terminal import detect

        view = build(comparison)
        found = findings(comparison, view)
        text = printable(render(view, found, color=False, limit=limit, traces=traces))
        if not output:
            terminal = detect(sys.stdout, color)
            text_out = render(view, found, color=terminal.color, limit=limit, traces=traces)
    if output:
        try:
            write_atomically(output, text)
        except OSError as exc:
            raise OutputFailed(output, exc) from None
    elif fmt == "json":
        emit_json(text)
    elif fmt == "html":
        stream = sys.stdout
        encoding = getattr(stream, "encoding", None) or "utf-8"
        # A character the stream cannot encode becomes a character reference: the same page.
        stream.write(text.encode(encoding, "xmlcharrefreplace").decode(encoding))
    else:
        emit(text_out or text, color=color)
    sys.exit(EXIT_CHANGED if fail_on_change and comparison.changed else EXIT_OK)
