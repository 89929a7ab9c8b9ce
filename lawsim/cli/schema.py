"""``lawsim schema NAME``: print one of the JSON Schemas of lawsim.schemas."""

from __future__ import annotations

import click

from lawsim import schemas
from lawsim.cli.app import cli, dump_json, handles_errors, say
from lawsim.diagnostics import UsageError, did_you_mean


@cli.command()
@click.argument("name", required=False)
@handles_errors
def schema(name):
    """Print the JSON Schema (draft 2020-12) of a JSON output or of scenario files.

    NAME is 'scenario' (scenario files, for an editor to check them as you
    type), an output ('check', 'explain', 'simulate', 'test', 'compare') or
    'error' (what any command prints with --format json when its input has
    errors).  Without NAME, the names are listed.

    \b
    Examples:
      lawsim schema
      lawsim schema scenario > scenario.schema.json
    """
    if name is None:
        for known in schemas.names():
            say(known)
        return
    try:
        document = schemas.load(name)
    except KeyError:
        hint = "".join(f"; {n}" for n in did_you_mean(name, schemas.names()))
        raise UsageError(f"there is no schema '{name}'{hint} (the schemas: {', '.join(schemas.names())})") from None
    click.echo(dump_json(document), nl=False)
