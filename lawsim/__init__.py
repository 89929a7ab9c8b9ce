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

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Comparison", "Law", "LawError", "compare", "load"]

if TYPE_CHECKING:
    from lawsim.notebook import Comparison, Law, LawError, load


def __getattr__(name: str) -> Any:
    if name in __all__:
        from lawsim import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'lawsim' has no attribute {name!r}")


class _CompareEntry:
    """``lawsim.compare``: called, the notebook's ``compare(baseline, reform)``; otherwise the compare stage.

    The name is both the notebook function users call and the stage package
    (``lawsim/compare/``).  Python sets a package's attribute to each
    submodule it imports, which would hide the function once the stage is
    loaded; the package's ``compare`` attribute is therefore this object,
    which calls the function and hands any other attribute (``Comparison``,
    ``semantic``, ...) to the stage package.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from lawsim.notebook import compare

        return compare(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        import importlib

        return getattr(importlib.import_module("lawsim.compare"), name)

    def __repr__(self) -> str:
        return "<lawsim.compare: compare(baseline, reform, ...) and the compare stage>"


_COMPARE: _CompareEntry = _CompareEntry()


class _Package(types.ModuleType):
    @property
    def compare(self) -> _CompareEntry:
        return _COMPARE

    @compare.setter
    def compare(self, module: object) -> None:
        """The import system setting the stage package: it stays reachable through sys.modules."""


sys.modules[__name__].__class__ = _Package
