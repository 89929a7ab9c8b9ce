"""lawsim: a legislative text-diff and impact simulator.

The package is organised by stage, in the order data flows through it:
``syntax`` (text to AST), ``semantics`` (AST to checked IR, bills applied),
``ir`` (the predicate trees), ``engine`` (evaluation), ``compare`` (diffs),
``report`` (rendering).  ``api`` wires the stages together and ``cli`` is a
thin command-line layer over ``api``.

For notebooks and scripts, :func:`load`, :func:`compare` and
:class:`LawError` come from :mod:`lawsim.notebook` (docs/api.md).  They are
imported on first use, so ``import lawsim`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Comparison", "Law", "LawError", "compare", "load"]

if TYPE_CHECKING:
    from lawsim.notebook import Comparison, Law, LawError, compare, load


def __getattr__(name: str) -> Any:
    if name in __all__:
        from lawsim import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'lawsim' has no attribute {name!r}")
