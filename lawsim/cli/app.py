"""Shared pieces of the command line: the group, JSON output, error handling.

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

from lawsim.diagnostics import LawError, UsageError, render_all, to_json

EXIT_OK, EXIT_LAW, EXIT_USAGE, EXIT_CHANGED = 0, 1, 2, 3


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
            from lawsim.cli.output import emit_diagnostics, emit_json

            if fmt == "json":
                emit_json(dump_json({"ok": False, "diagnostics": [to_json(d) for d in err.diagnostics]}))
            else:
                emit_diagnostics(render_all(err.diagnostics), kwargs.get("color", "auto"))
            sys.exit(EXIT_LAW)
        except UsageError as err:
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
