"""Command-line options shared by several commands, each defined once.

Every option that more than one command takes is made here, with one help
text, so ``--assume`` or ``--scenarios`` means the same everywhere.
``NAME=VALUE`` pairs (``--fact``, ``--assume``) are split by
:func:`assignments`.
"""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

import click

from lawsim.diagnostics import UsageError

F = TypeVar("F", bound=Callable)


def format_option(func: F) -> F:
    """``--format text|json``, for every command that reports."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output as readable text or as JSON.")(func)


def fact_option(func: F) -> F:
    return click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE",
                        help="A fact of the scenario (repeat).")(func)


def assume_option(func: F) -> F:
    return click.option("--assume", "assumptions", multiple=True, metavar="NAME=on|off",
                        help="Read the law with an assumption on or off instead of its default, in every "
                             "version that declares it (repeat).")(func)


def param_option(func: F) -> F:
    return click.option("--param", "params", multiple=True, metavar="NAME=NUMBER",
                        help="Read the law with a parameter (a threshold such as a look-back period) set to "
                             "another whole number, in every version that declares it (repeat).")(func)


def scenarios_option(default: str = "") -> Callable[[F], F]:
    """``-s/--scenarios PATH`` (repeatable); ``default`` says what a command reads without it."""
    text = "A scenario file, or a folder of them (repeat)."
    return click.option("--scenarios", "-s", "scenario_paths", multiple=True, type=click.Path(), metavar="PATH",
                        help=f"{text} {default}".strip())


def laws_option(func: F) -> F:
    return click.option(
        "--laws", "laws_dir", metavar="DIR", type=click.Path(file_okay=False),
        help="Folder where version names such as 'powers+hanif' are looked up "
             "[default: the bills/ folder next to the scenarios folder, else ./bills, else the bundled laws].")(func)


def color_option(func: F) -> F:
    """``--color auto|always|never``: auto colours a terminal unless NO_COLOR or TERM=dumb says not to."""
    return click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
                        show_default=True,
                        help="Colour text output: auto colours a terminal unless NO_COLOR is set or TERM is "
                             "dumb; FORCE_COLOR colours a pipe too.")(func)


def output_option(func: F) -> F:
    # The path is checked by lawsim.files.check_output (not click), which also refuses the
    # command's own inputs, devices and pipes, and follows a link to the file it names.
    return click.option("-o", "--output", metavar="FILE",
                        help="Write the report to this file (atomically) instead of standard output; "
                             "never one of the command's input files.")(func)


def assignments(pairs: Iterable[str], what: str) -> dict[str, str]:
    """Split NAME=VALUE strings given on the command line (``what`` is the option, for messages)."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{what} '{pair}' must look like NAME=VALUE")
        if name.strip() in out:
            raise UsageError(f"{what} '{name.strip()}' is given twice")
        out[name.strip()] = value.strip()
    return out
