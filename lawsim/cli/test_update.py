"""``lawsim test --update``: show and write the rewritten expectations (see lawsim.scenarios.update)."""

from __future__ import annotations

import click

from lawsim import api
from lawsim.cli.app import EXIT_LAW, EXIT_OK, OutputFailed, say
from lawsim.diagnostics import render_all
from lawsim.files import write_atomically
from lawsim.scenarios import TestRun


def write_updates(run: TestRun) -> int:
    """Print each file's diff, write the files, then say what was done; the exit status to use."""
    if run.warnings:
        click.echo(render_all(run.warnings), err=True)
    changes = api.update_expectations(run)
    if not changes:
        say(f"nothing to update: all {run.passed} expectations hold")
        return EXIT_OK
    for change in changes:
        say(change.diff(), nl=False)  # text from the scenario files: escaped like every other output
    for change in changes:
        try:
            write_atomically(change.path, change.updated)
        except OSError as exc:  # the file is left as it was (exit 5, as for compare -o)
            raise OutputFailed(change.path, exc) from None
        noun = "expectation" if change.expectations == 1 else "expectations"
        say(f"{change.path}: updated {change.expectations} {noun}")
    say(f"{run.passed} passed, {run.failed} updated")
    return EXIT_OK if sum(c.expectations for c in changes) == run.failed else EXIT_LAW
