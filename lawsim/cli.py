"""The lawsim command line: a thin layer over :mod:`lawsim.api`.

Each command parses its arguments, calls one API function, renders the
result and maps errors to exit statuses: 0 ok, 1 law or scenario errors (or
failed expectations), 2 usage errors, 3 for ``compare --fail-on-change``
when something changed.
"""

from __future__ import annotations

import functools
import json
import os
import sys

import click

from lawsim import api
from lawsim.diagnostics import LawError, render_all, to_json

EXIT_OK, EXIT_LAW, EXIT_USAGE, EXIT_CHANGED = 0, 1, 2, 3


def format_option(func):
    """``--format text|json``, shared by every command that reports."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output as readable text or as JSON.")(func)


def dump_json(data) -> str:
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def handles_errors(func):
    """Render LawError / UsageError once, here at the edge."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        fmt = kwargs.get("fmt", "text")
        try:
            return func(*args, **kwargs)
        except LawError as err:
            if fmt == "json":
                click.echo(dump_json({"ok": False, "diagnostics": [to_json(d) for d in err.diagnostics]}), nl=False)
            else:
                click.echo(render_all(err.diagnostics), err=True)
            sys.exit(EXIT_LAW)
        except api.UsageError as err:
            raise click.UsageError(str(err)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="lawsim")
def cli():
    """lawsim: which custody situations does a bill change, and how?

    Reads laws and bills written in the .law language, checks them, and
    evaluates custody scenarios under each version.

    \b
    Example:
      lawsim check bills/*.law
      lawsim explain bills/current.law --fact agency=doc --fact conduct=hold_past_release ...
    """


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


def main() -> None:
    """Console entry point; turns unexpected failures into a message, not a traceback."""
    try:
        cli(prog_name="lawsim")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug in lawsim itself
        if os.environ.get("LAWSIM_DEBUG"):
            raise
        click.echo(f"lawsim: internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in lawsim; set LAWSIM_DEBUG=1 to see where it happened.", err=True)
        sys.exit(70)
