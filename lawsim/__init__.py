"""lawsim: a legislative text-diff and impact simulator.

The package is organised by stage, in the order data flows through it:
``syntax`` (text to AST), ``semantics`` (AST to checked IR, bills applied),
``ir`` (the predicate trees), ``engine`` (evaluation), ``compare`` (diffs),
``report`` (rendering).  ``api`` wires the stages together and ``cli`` is a
thin command-line layer over ``api``.
"""

__version__ = "0.1.0"
