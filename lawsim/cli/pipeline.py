"""``lawsim pipeline`` and ``lawsim graph``: the custody pipeline to ICE, and a law's graph."""

from __future__ import annotations

import click

from lawsim import api
from lawsim.cli.app import OutputFailed, cli, dump_json, handles_errors, say
from lawsim.cli.options import assignments, assume_option, fact_option, output_option, param_option
from lawsim.files import write_atomically
from lawsim.printable import printable


def _emit(text: str, output: str | None) -> None:
    """Write the output (already made printable) to ``output`` atomically, or to standard output."""
    if output:
        try:
            write_atomically(output, text)
        except OSError as exc:
            raise OutputFailed(output, exc) from None
    else:
        say(text, nl=False)


@cli.command()
@click.argument("versions", nargs=-1, required=True)
@click.option("--against", metavar="REFORM", help="Compare with this version: which paths it cuts, keeps and opens.")
@fact_option
@click.option("--scenario", "scenario_path", type=click.Path(), metavar="FILE",
              help="Hold the person facts of this scenario file (its other facts are not read).")
@click.option("--pipeline", "pipeline_path", type=click.Path(), metavar="FILE",
              help="The pipeline file [default: the *-pipeline.law beside the law, for its jurisdiction].")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "dot", "svg"]), default="text",
              show_default=True, help="Readable text, JSON (schema lawsim.pipeline/1), Graphviz dot, or an SVG "
                                      "drawing.")
@click.option("--regions", "limit", type=click.IntRange(min=0), default=10, show_default=True, metavar="N",
              help="Text: show at most N groups of people per contact point, largest first (0: all).")
@assume_option
@param_option
@output_option
@handles_errors
def pipeline(versions, against, facts, scenario_path, pipeline_path, fmt, limit, assumptions, params, output):
    """Every path from arrest to ICE through city custody, and for whom each is open.

    A path runs through the stages of city custody (arrest, arraignment,
    DOC custody, probation) and ends at a contact point where ICE learns
    of the person or takes them. It is open for a person when the law
    version permits the contact point's conduct for that person's facts.
    With --against REFORM, says which paths the reform cuts, keeps and
    opens, and for which people, exactly over every person profile.
    See docs/pipeline.md.

    \b
    Example:
      lawsim pipeline bills/current.law --against bills/powers.law
      lawsim pipeline current --fact record=violent_or_serious --fact presented=nothing
      lawsim pipeline current powers hanif int-1412 --scenario scenarios/ukrainian-multi-agency-handoff.yaml
      lawsim pipeline current --against powers --format dot -o pipeline.dot
    """
    from lawsim.pipeline import PipelineDiff

    if output is not None:
        # Refuse to overwrite an input (or a device) now, before any work; api.pipeline checks the
        # files found while loading (the base law, the pipeline beside it) again.
        api.output_path(output, (*versions, *([against] if against else [])),
                        [p for p in (scenario_path, pipeline_path) if p])
    result = api.pipeline(versions, against, assignments(facts, "--fact"), scenario_path, pipeline_path,
                          assignments(assumptions, "--assume"), assignments(params, "--param"), output=output)
    if fmt == "json":
        from lawsim.report.pipeline_json import pipeline_json

        text = dump_json(pipeline_json(result))
    elif fmt == "dot":
        from lawsim.report.pipeline_dot import pipeline_dot

        text = printable(pipeline_dot(result))
    elif fmt == "svg":
        from lawsim.report.pipeline_svg import pipeline_svg

        text = printable(pipeline_svg(result)) + "\n"
    else:
        from lawsim.report.pipeline_text import render_diff, render_reachability

        text = printable(render_diff(result, limit) if isinstance(result, PipelineDiff)
                         else render_reachability(result, limit))
    _emit(text, output)


@cli.command()
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["dot", "json"]), default="dot", show_default=True,
              help="Graphviz dot, or JSON (schema lawsim.graph/1).")
@output_option
@handles_errors
def graph(version, fmt, output):
    """The law VERSION as a graph: provisions, rules, definitions and what they use, refer to and override.

    Every edge says what made it (a provision contains an item; a rule or
    definition uses a definition, fact, assumption or parameter; a rule
    overrides a provision; a remedy covers one) and, in JSON, the file,
    line and column of that item.

    \b
    Example:
      lawsim graph current | dot -Tsvg > law.svg
      lawsim graph bills/int-1412.law --format json
    """
    from lawsim.report.law_graph import graph_dot, graph_json

    if output is not None:
        api.output_path(output, (version,))
    law_graph = api.law_graph(version, output=output)
    _emit(dump_json(graph_json(law_graph)) if fmt == "json" else printable(graph_dot(law_graph)), output)
