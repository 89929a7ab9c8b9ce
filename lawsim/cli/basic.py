"""Commands that work on one law at a time: check, fmt, explain."""

from __future__ import annotations

import sys

import click

from lawsim.cli.app import EXIT_LAW, EXIT_OK, cli, dump_json, handles_errors, say
from lawsim.cli.options import assignments, assume_option, color_option, fact_option, format_option, param_option
from lawsim.cli.output import emit, emit_diagnostics, emit_json, emit_line
from lawsim.diagnostics import Diagnostic, LawError, UsageError, render_all, to_json
from lawsim.files import write_atomically


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option
@color_option
@handles_errors
def check(files, fmt, color):
    """Check .law files for syntax, name, type and reference errors.

    Each file is checked on its own; a bill is checked together with the
    law it amends.  Every error found is reported (file:line:column, the
    line, a caret under the problem), then the exit status is 0 if all
    files are correct and 1 otherwise.  Warnings do not fail the check.

    \b
    Examples:
      lawsim check bills/current.law bills/powers.law
      lawsim check --format json bills/*.law
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api

    results = api.check(files)
    if fmt == "json":
        emit_json(dump_json({
            "schema": "lawsim.check/1",
            "ok": all(r.ok for r in results),
            "files": [{"file": r.path, "ok": r.ok, "summary": r.summary,
                       "diagnostics": [to_json(d) for d in r.diagnostics]} for r in results],
        }))
    else:
        for r in results:
            if r.diagnostics:
                emit_diagnostics(render_all(r.diagnostics), color)
            if r.ok:
                emit_line(f"{r.path}: ok ({r.summary})", color=color)
    sys.exit(EXIT_OK if all(r.ok for r in results) else EXIT_LAW)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not formatted.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Change nothing; print what formatting would change, as a unified diff.")
@handles_errors
def fmt(files, check_only, show_diff):
    """Rewrite .law files in the canonical layout.

    Comments are kept (a comment inside a multi-line item moves in front
    of it).  Files are replaced atomically, so a reader never sees a half-
    written file.  A file that does not parse is reported and left alone;
    the others are still formatted, and the exit status is then 1.  With
    --check, nothing is written: the files that would change are listed and
    the exit status is 1 if there are any.  With --diff, nothing is written
    either: the changes are printed as a unified diff (exit status 0, or 1
    with --check too when there are changes).

    \b
    Examples:
      lawsim fmt bills/*.law
      lawsim fmt --check bills/*.law
      lawsim fmt --diff bills/powers.law
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api

    errors: list[Diagnostic] = []
    changed = []
    for path in files:
        try:
            result = api.format_file(path)
        except LawError as err:
            errors += err.diagnostics
            continue
        if not result.changed:
            continue
        changed.append(path)
        if show_diff:
            say(result.diff(), nl=False)  # the file's own text: escaped like every other output
            continue
        if check_only:
            emit_line(f"{path}: not formatted")
            continue
        try:
            write_atomically(path, result.formatted)
        except UsageError as exc:  # the file became a device or a pipe since it was read
            errors.append(Diagnostic("E001", str(exc), file=path))
            continue
        except OSError as exc:
            errors.append(Diagnostic("E001", f"cannot write {path}: {exc.strerror or exc}; it was left as it was",
                                     file=path))
            continue
        emit_line(f"{path}: formatted")
    if errors:
        emit_diagnostics(render_all(errors))
    if errors or (check_only and changed):
        sys.exit(EXIT_LAW)


@cli.command()
@click.argument("version")
@fact_option
@assume_option
@param_option
@click.option("--scenario", "scenario_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Take the facts (and assumptions) from a scenario file; --fact and --assume override them.")
@format_option
@handles_errors
def explain(version, facts, assumptions, params, scenario_path, fmt):
    """Evaluate one scenario under one version of the law and show why.

    VERSION is a law file, a bill file (its base law with the bill applied),
    or FILE+FILE for several bills applied in order; a bare name such as
    'current' or 'powers+hanif' is looked up in ./bills, else among the
    laws bundled with lawsim.  Give the scenario's
    facts with --fact; only the facts the verdict depends on are needed,
    and lawsim says which one is missing.  The output gives the verdict,
    the remedy, every rule that governs the agency and conduct with the
    conditions it turned on, and the definitions and assumptions relied on.

    \b
    Examples:
      lawsim explain bills/current.law --fact agency=doc \\
        --fact conduct=hold_past_release --fact judicial_warrant=no
      lawsim explain bills/powers.law --scenario scenarios/apr-2017-pickup-coordination.yaml
    """
    # Imported here, not at the top: `lawsim --help` need not load the parser and engines.
    from lawsim import api
    from lawsim.report.explain import explanation_json, explanation_text

    exp = api.explain(version, assignments(facts, "--fact"), assignments(assumptions, "--assume"), scenario_path,
                      assignments(params, "--param"))
    if fmt == "json":
        emit_json(dump_json(explanation_json(exp)))
    else:
        if exp.warnings:
            emit_diagnostics(render_all(exp.warnings))
        emit(explanation_text(exp))
