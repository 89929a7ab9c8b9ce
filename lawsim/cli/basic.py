"""Commands that work on one law at a time: check, fmt, explain."""

from __future__ import annotations

import sys

import click

from lawsim import api
from lawsim.cli.app import EXIT_LAW, EXIT_OK, cli, dump_json, format_option, handles_errors
from lawsim.diagnostics import render_all, to_json


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option
@handles_errors
def check(files, fmt):
    """Check .law files for syntax, name, type and reference errors.

    A bill is checked together with the law it amends.  Exits 1 if any
    file has an error.

    \b
    Example:
      lawsim check bills/current.law bills/powers.law
    """
    results = api.check(files)
    if fmt == "json":
        click.echo(dump_json({
            "schema": "lawsim.check/1",
            "ok": all(r.ok for r in results),
            "files": [{"file": r.path, "ok": r.ok, "summary": r.summary,
                       "diagnostics": [to_json(d) for d in r.diagnostics]} for r in results],
        }), nl=False)
    else:
        for r in results:
            if r.diagnostics:
                click.echo(render_all(r.diagnostics), err=True)
            if r.ok:
                click.echo(f"{r.path}: ok ({r.summary})")
    sys.exit(EXIT_OK if all(r.ok for r in results) else EXIT_LAW)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not formatted.")
@handles_errors
def fmt(files, check_only):
    """Rewrite .law files in the canonical layout.

    Comments are kept.  With --check, list the files that would change and
    exit 1 if there are any.

    \b
    Example:
      lawsim fmt bills/*.law
      lawsim fmt --check bills/*.law
    """
    results = [api.format_file(f) for f in files]
    changed = [r for r in results if r.changed]
    for r in changed:
        if check_only:
            click.echo(f"{r.path}: not formatted")
        else:
            api.write_atomically(r.path, r.formatted)
            click.echo(f"{r.path}: formatted")
    if check_only and changed:
        sys.exit(EXIT_LAW)


@cli.command()
@click.argument("version")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE", help="A fact of the scenario (repeat).")
@click.option("--assume", "assumptions", multiple=True, metavar="NAME=on|off",
              help="Override an assumption's default (repeat).")
@format_option
@handles_errors
def explain(version, facts, assumptions, fmt):
    """Evaluate one scenario under one version of the law and show why.

    VERSION is a law file, a bill file (its base law with the bill applied),
    or FILE+FILE for several bills applied in order.

    \b
    Example:
      lawsim explain bills/current.law --fact agency=doc \\
        --fact conduct=hold_past_release --fact judicial_warrant=no
    """
    from lawsim.report.explain import explanation_json, explanation_text

    exp = api.explain(version, api.parse_assignments(facts, "--fact"),
                      api.parse_assignments(assumptions, "--assume"))
    if fmt == "json":
        click.echo(dump_json(explanation_json(exp)), nl=False)
    else:
        click.echo(explanation_text(exp), nl=False)
