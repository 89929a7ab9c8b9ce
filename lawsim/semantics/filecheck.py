"""``lawsim check``: each file checked on its own, a bill together with the law it amends.

Input: paths.  Output: one :class:`FileCheck` per path, in order, with its
errors or warnings and a one-line summary of what the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from lawsim.diagnostics import Diagnostic, LawError
from lawsim.semantics.version import Loader
from lawsim.syntax import ast


@dataclass(frozen=True)
class FileCheck:
    path: str
    ok: bool
    summary: str  # e.g. 'law, 8 provisions, 12 rules, 16 facts'; '' when the file has errors
    diagnostics: tuple[Diagnostic, ...]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(doc: ast.Document) -> str:
    if isinstance(doc, ast.LawDoc):
        items = [i for p in doc.provisions for i in p.items]
        rules = sum(isinstance(i, ast.Rule) for i in items)
        return (f"law, {_plural(len(doc.provisions), 'provision')}, {_plural(rules, 'rule')}, "
                f"{_plural(len(doc.facts), 'fact')}")
    if isinstance(doc, ast.PipelineDoc):
        stages = sum(isinstance(i, ast.StageDecl) for i in doc.items)
        contacts = sum(isinstance(i, ast.ContactDecl) for i in doc.items)
        return f"pipeline, {_plural(stages, 'stage')}, {_plural(contacts, 'contact point')}"
    amendments = sum(1 for b in doc.blocks for i in b.items if not isinstance(i, ast.FactsBlock))
    return f"{_plural(len(doc.blocks), 'bill')}, {_plural(amendments, 'amendment')} to {doc.amends}"


def check_files(paths: Iterable[str], loader: Loader | None = None) -> list[FileCheck]:
    """Check each file on its own (a bill together with its base law, read once for all)."""
    loader = loader or Loader()
    results = []
    for path in paths:
        try:
            doc, warnings = loader.check_file(path)
        except LawError as err:
            results.append(FileCheck(path, False, "", err.diagnostics))
            continue
        results.append(FileCheck(path, True, summary(doc), warnings))
    return results
