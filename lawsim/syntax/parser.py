"""Parse .law text into an AST.

Input: a :class:`~lawsim.source.SourceFile`.  Output: a
:class:`~lawsim.syntax.ast.LawDoc` or :class:`~lawsim.syntax.ast.BillDoc`.
Errors: :class:`~lawsim.diagnostics.LawError` only, never a Lark exception.

The Lark tree is converted to AST nodes by
:class:`lawsim.syntax.build.ToAst` at once and is never returned.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from pathlib import Path

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput, VisitError

from lawsim.diagnostics import Diagnostic, LawError
from lawsim.files import read_source
from lawsim.resources import grammar_path
from lawsim.source import SourceFile, Span
from lawsim.syntax import ast
from lawsim.syntax.build import MAX_DIGITS, ToAst
from lawsim.syntax.build_common import _span_of
from lawsim.syntax.errors import syntax_error

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "OPTIONS", "parse_file", "parse_source", "parse_text"]

#: Deepest nesting of ``not``/``and``/``or`` accepted.  Deeper input is
#: rejected with a diagnostic rather than risking Python's recursion limit in
#: the recursive passes that follow (each level costs a few stack frames).
MAX_DEPTH = 100
_NESTING = frozenset({"not_", "and_", "or_"})


#: How the grammar is compiled: LALR(1) with a contextual lexer, positions kept for spans.
OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=True, strict=True, maybe_placeholders=False)


def cache_path() -> Path:
    """Where the built parser is kept between runs (under the user's cache folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lawsim" / "law-grammar.lark-cache"


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    """The one LALR parser.

    Building the LALR tables takes about half a second, most of a short
    command's run time, so Lark's own ``cache`` keeps the built tables in a
    file, which Lark checks against a digest of the grammar, the options and
    its version, and rebuilds when stale or unreadable.  A cache folder that
    cannot be made only means building the parser every time.
    """
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return Lark(grammar_path().read_text(encoding="utf-8"), **OPTIONS, cache=str(path))


def _check_depth(source: SourceFile, tree: Tree) -> None:
    """Reject conditions nested absurdly deep before any recursive pass sees them.

    Only ``not``/``and``/``or`` nodes count: parentheses leave no node in the
    tree (``(((a)))`` is just ``a``), so they cannot make later passes recurse.
    """
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in _NESTING:
            depth += 1
            if depth > MAX_DEPTH:
                span = _span_of(source, node.meta) or Span.at(source, 0, 0)
                raise LawError([Diagnostic(
                    "E013", f"this condition is nested more than {MAX_DEPTH} levels deep",
                    span=Span.at(source, span.start, span.start + 1),
                    notes=("split the condition into named definitions",))])
        stack.extend((c, depth) for c in node.children if isinstance(c, Tree))


def _comments(source: SourceFile) -> tuple[ast.Comment, ...]:
    """Find '#' comments outside quoted text (quotes never span lines)."""
    found = []
    for number, line in enumerate(source.text.split("\n"), start=1):
        quoted = False
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == "#" and not quoted:
                found.append(ast.Comment(text=line[i:].rstrip(), line=number))
                break
    return tuple(found)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause Python's cyclic garbage collector while a file is parsed and its AST built.

    Parsing allocates millions of small objects and frees almost none until
    it ends, so the collector's full passes, each over every live object,
    made checking a large file take time growing faster than its size (a
    3 MB law: 16 s with the collector, 9 s without).  Reference counting
    still frees what it can; any cycles made meanwhile are found at the next
    collection after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_text(text: str, name: str = "<text>") -> ast.Document:
    """Parse .law text; ``name`` is used in diagnostics."""
    return parse_source(SourceFile(name, text.replace("\r\n", "\n").replace("\r", "\n")))


def parse_file(path: str) -> ast.Document:
    """Read and parse a .law file."""
    return parse_source(read_source(path))


def parse_source(source: SourceFile) -> ast.Document:
    """Parse a :class:`SourceFile` into a LawDoc or BillDoc (a :class:`lawsim.semantics.Loader`
    parses each file of a command once)."""
    text = source.text[1:] if source.text.startswith("\ufeff") else source.text
    if text is not source.text:
        source = SourceFile(source.name, text)
    with _no_cyclic_gc():
        try:
            tree = _parser().parse(source.text)
        except UnexpectedInput as exc:
            raise LawError([syntax_error(source, exc, _parser())]) from None
        _check_depth(source, tree)
        builder = ToAst(source)
        try:
            doc = builder.transform(tree)
        except VisitError as exc:  # a bug in the converter, not in the input
            raise exc.orig_exc from None
    if builder.diags:
        raise LawError(builder.diags)
    comments = _comments(source)
    if isinstance(doc, ast.LawDoc):
        return ast.LawDoc(doc.title, doc.jurisdiction, doc.in_force, doc.sources, doc.items, doc.span, comments)
    return ast.BillDoc(doc.blocks, doc.span, comments)
