"""The lawsim command line: a thin layer over :mod:`lawsim.api`.

Each command parses its arguments, calls one API function, renders the
result and maps errors to exit statuses: 0 ok, 1 law or scenario errors (or
failed expectations), 2 usage errors, 3 for ``compare --fail-on-change``
when something changed.  One module per group of commands registers them
on the shared :data:`cli` group; importing this package imports them all.
"""

from lawsim.cli import (
    basic,  # noqa: F401  (registers check, fmt, explain)
    compare,  # noqa: F401  (registers compare)
    pipeline,  # noqa: F401  (registers pipeline, graph)
    report,  # noqa: F401  (registers report)
    scenarios,  # noqa: F401  (registers simulate, test)
    schema,  # noqa: F401  (registers schema)
)
from lawsim.cli.app import cli, main

__all__ = ["cli", "main"]
