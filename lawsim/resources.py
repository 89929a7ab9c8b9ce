"""Locate files that ship with lawsim: the grammar and the bundled laws.

In a wheel they live inside the package (``lawsim/_data/grammars``,
``lawsim/_data/bills`` and ``lawsim/_data/scenarios``, mapped there by the
build configuration; not ``lawsim/scenarios``, which is the Python package
that reads scenario files); in a source checkout they are the top-level
folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``grammars``, ``bills`` or ``scenarios``, wherever it is installed."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawsim's bundled '{name}' folder is missing from this installation")


def grammar_path() -> Path:
    return data_dir("grammars") / "law.lark"
