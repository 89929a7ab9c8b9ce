"""Shared pieces of the command line: the group, JSON output, error handling.

Each command parses its arguments, calls one API function, renders the
result and maps errors to exit statuses: 0 ok, 1 law or scenario errors (or
failed expectations), 2 usage errors, 3 for ``compare --fail-on-change``
when something changed, 4 when lawsim ran out of memory or stack, 5 when
its output could not be written (a full disk, a closed pipe).  The table is
in docs/limits.md; 70 is left for a bug in lawsim itself.
"""

from __future__ import annotations

import errno
import functools
import gc
import json
import os
import sys

import click

from lawsim.cli.output import emit_diagnostics, emit_json
from lawsim.diagnostics import MAX_MESSAGE, LawError, UsageError, render_all, to_json
from lawsim.printable import clip, json_safe, printable, printable_styled

EXIT_OK, EXIT_LAW, EXIT_USAGE, EXIT_CHANGED, EXIT_RESOURCES, EXIT_OUTPUT = 0, 1, 2, 3, 4, 5
EXIT_BUG, EXIT_INTERRUPTED = 70, 130

#: Errors writing output that are about the destination, not about lawsim: a full disk or quota, a
#: file too large for the file system, an I/O error, a reader that closed its end of a pipe.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE, errno.EROFS})


class OutputFailed(Exception):
    """Writing a command's output failed for a reason outside lawsim (see :data:`OUTPUT_ERRNOS`)."""

    def __init__(self, where: str, error: OSError):
        super().__init__(f"{where}: {error.strerror or error}")
        self.where = where
        self.error = error


def _say(message: str) -> None:
    """A last message on standard error, which may itself be closed or full."""
    try:
        click.echo(printable(f"lawsim: {message}"), err=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit cannot fail again."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing will flush it at exit


def output_failed(where: str, error: OSError) -> int:
    """Report a failed write of output (``where``: a file, or 'standard output'); the exit status."""
    to_stdout = where == "standard output"
    if to_stdout:
        _silence_stdout()
    if error.errno == errno.EPIPE:
        _say(f"{where} was closed before all the output was written (broken pipe); the output is incomplete")
    elif to_stdout:
        _say(f"cannot write {where}: {error.strerror or error}; the output is incomplete")
    else:
        _say(f"cannot write {where}: {error.strerror or error}; {where} was left as it was")
    return EXIT_OUTPUT


def out_of_resources(error: BaseException) -> int:
    """Report a MemoryError or RecursionError that no limit caught first; return the exit status."""
    if isinstance(error, RecursionError):
        _say("the input is nested or chained too deeply for lawsim to follow (Python's stack ran out); "
             "see docs/limits.md for the limits lawsim checks")
    else:
        _say("lawsim ran out of memory; the laws or scenarios are too large for this machine "
             "(see docs/limits.md)")
    return EXIT_RESOURCES


def dump_json(data) -> str:
    """A JSON document for output: readable UTF-8, with control and bidi characters as ``\\u`` escapes."""
    return json_safe(json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False)) + "\n"


def say(text: str, *, err: bool = False, nl: bool = True, styled: bool = False) -> None:
    """Print text output, with characters from input files that could steer a terminal escaped.

    ``styled`` keeps lawsim's own colour sequences (and only those).
    """
    click.echo(printable_styled(text) if styled else printable(text), err=err, nl=nl, color=True if styled else None)


def handles_errors(func):
    """Render LawError / UsageError once, here at the edge."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        fmt = kwargs.get("fmt", "text")
        try:
            try:
                return func(*args, **kwargs)
            except LawError as err:
                if fmt == "json":
                    emit_json(dump_json({"ok": False, "diagnostics": [to_json(d) for d in err.diagnostics]}))
                else:
                    emit_diagnostics(render_all(err.diagnostics), kwargs.get("color", "auto"))
                sys.exit(EXIT_LAW)
        except UsageError as err:
            raise click.UsageError(printable(clip(str(err), MAX_MESSAGE))) from None
        except OutputFailed as failed:
            sys.exit(output_failed(failed.where, failed.error))
        except OSError as exc:
            # Every read goes through lawsim.files, which turns its errors into diagnostics, so an
            # OSError of this kind here is standard output (or error) refusing what is printed.
            if exc.errno not in OUTPUT_ERRNOS:
                raise
            sys.exit(output_failed("standard output", exc))
        except (MemoryError, RecursionError) as exc:
            sys.exit(out_of_resources(exc))
        except KeyboardInterrupt:  # click would say 'Aborted!' and exit 1, like a failed command
            _say("interrupted")
            sys.exit(EXIT_INTERRUPTED)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             invoke_without_command=True)
@click.version_option(package_name="lawsim")
@click.pass_context
def cli(ctx: click.Context):
    """lawsim: which custody situations does a bill change, and how?

    Reads laws and bills written in the .law language, checks them, and
    evaluates custody scenarios under each version.

    \b
    Example:
      lawsim check bills/*.law
      lawsim explain bills/current.law --fact agency=doc --fact conduct=hold_past_release ...
    """
    if ctx.invoked_subcommand is None:
        # `lawsim` alone is a request for help, not a mistake: show it and succeed.
        click.echo(ctx.get_help())
        ctx.exit(EXIT_OK)


def main() -> None:
    """Console entry point; turns unexpected failures into a message and a documented status.

    Commands map their own errors (:func:`handles_errors`); this catches
    what happens outside them: click's own output (``--help``) on a closed
    pipe or a full disk, the final flush of standard output, and a bug.
    """
    # One command is one short process.  Python's cyclic collector would pass over the millions of
    # objects a large law becomes again and again (checking a 3 MB law took 16 s with it, 9 s
    # without), to free the little cyclic garbage lawsim makes; reference counting frees the rest.
    gc.disable()
    code: int | str | None = EXIT_OK
    try:
        try:
            cli(prog_name="lawsim")
        except SystemExit as stop:
            code = stop.code
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRNOS:
            code = _bug(exc)
        else:
            code = output_failed("standard output", exc)
    except (MemoryError, RecursionError) as exc:
        code = out_of_resources(exc)
    except Exception as exc:  # pragma: no cover - a bug in lawsim itself
        code = _bug(exc)
    sys.exit(code)


def _bug(exc: Exception) -> int:
    if os.environ.get("LAWSIM_DEBUG"):
        raise exc
    _say(f"internal error: {type(exc).__name__}: {exc}\n"
         "This is a bug in lawsim; set LAWSIM_DEBUG=1 to see where it happened.")
    return EXIT_BUG
