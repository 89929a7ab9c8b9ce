"""``lawsim compare``: the structural and semantic diff of two law versions."""

from __future__ import annotations

import os
import sys

import click

from lawsim import api
from lawsim.cli.app import EXIT_CHANGED, EXIT_OK, cli, dump_json, handles_errors
from lawsim.resources import data_dir


def use_color(choice: str, to_file: bool) -> bool:
    """``--color auto`` colours only a terminal, and never when NO_COLOR is set.

    An explicit ``--color always`` wins over NO_COLOR (as no-color.org asks).
    """
    if choice == "always":
        return True
    if choice == "never" or to_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@cli.command()
@click.argument("baseline")
@click.argument("reform")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Readable text, JSON (schema lawsim.compare/1), or one self-contained HTML page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output: auto colours a terminal unless NO_COLOR is set.")
@click.option("--regions", "limit", type=click.IntRange(min=0), default=20, show_default=True, metavar="N",
              help="Text: show at most N regions of each kind, largest first (0: all).")
@click.option("--traces", is_flag=True, help="Text: show each witness's full trace, not only the decision.")
@click.option("--scenarios", "scenarios", multiple=True, type=click.Path(), metavar="PATH",
              help="Scenario files or folders to report on (repeat). Default: the 'scenarios' folder beside "
                   "the baseline's law folder, if there is one.")
@click.option("--no-scenarios", is_flag=True, help="Report on no scenario files.")
@click.option("--assume", "assumptions", multiple=True, metavar="NAME=on|off",
              help="Read both versions with an assumption set other than its default (repeat).")
@click.option("--fail-on-change", is_flag=True, help="Exit 3 if anything differs between the two versions.")
@handles_errors
def compare(baseline, reform, fmt, output, color, limit, traces, scenarios, no_scenarios, assumptions,
            fail_on_change):
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
    if no_scenarios and scenarios:
        raise api.UsageError("--scenarios and --no-scenarios cannot be given together")
    laws_dir = "bills" if os.path.isdir("bills") else str(data_dir("bills"))
    report = api.compare(api.resolve_version_spec(baseline, laws_dir), api.resolve_version_spec(reform, laws_dir),
                         () if no_scenarios else (scenarios or None),
                         api.parse_assignments(assumptions, "--assume"))
    if fmt == "json":
        from lawsim.report.compare_json import report_json

        text = dump_json(report_json(report))
    elif fmt == "html":
        from lawsim.report.compare_html import render_html

        text = render_html(report)
    else:
        from lawsim.report.compare_text import render
        from lawsim.report.compare_view import build

        text = render(build(report), color=use_color(color, output is not None), limit=limit, traces=traces)
    if output:
        try:
            api.write_atomically(output, text)
        except OSError as exc:
            raise api.UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        # The text already has colour or not, as decided above: keep click from stripping it.
        click.echo(text, nl=False, color=True)
    sys.exit(EXIT_CHANGED if fail_on_change and report.changed else EXIT_OK)
