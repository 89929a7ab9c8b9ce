"""Load a version of the law from files.

A *version spec* is one of:

* ``current.law`` - a law file;
* ``powers.law`` - a bill file: its base law (``amends``) with the bill applied;
* ``powers.law+hanif.law`` - the first file's base with every bill applied in order
  (the first part may also be a law file: ``current.law+powers.law``).

Parts are joined with '+'.  Every bill in a compound must amend the same base.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError
from lawsim.semantics.amend import apply_bills
from lawsim.semantics.lower import lower
from lawsim.syntax import ast
from lawsim.syntax.parser import parse_file


@dataclass(frozen=True)
class Version:
    """A checked law version plus where it came from."""

    name: str
    spec: str
    law: ir.Law
    paths: tuple[str, ...]
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)


def load_document(path: str) -> ast.Document:
    """Parse one file (law or bill)."""
    return parse_file(path)


def _stem(path: str) -> str:
    base = os.path.basename(path)
    return base[:-4] if base.endswith(".law") else base


def _base_path(bill_path: str, doc: ast.BillDoc) -> str:
    first = doc.blocks[0]
    if first.amends is None:
        raise LawError([Diagnostic("E305", f"bill {first.number} does not say which law it amends", first.span,
                                   notes=('add a line after the bill\'s title: amends "current.law"',))])
    for block in doc.blocks[1:]:
        if block.amends is not None and block.amends != first.amends:
            raise LawError([Diagnostic(
                "E305", f"bill {block.number} amends '{block.amends}', but the first bill in this file "
                f"amends '{first.amends}'", block.amends_span or block.span,
                labels=(Label(first.amends_span, "the first bill's base law"),),
                notes=("every bill in one file amends the same law; put the other bill in its own file",))])
    return os.path.normpath(os.path.join(os.path.dirname(bill_path), first.amends))


def _load_base(bill_path: str, doc: ast.BillDoc) -> tuple[str, ast.LawDoc]:
    """The law a bill file amends, read and parsed; errors point at the 'amends' line."""
    base_path = _base_path(bill_path, doc)
    first = doc.blocks[0]
    where = first.amends_span or first.span
    if not os.path.isfile(base_path):
        what = "is a directory" if os.path.isdir(base_path) else "does not exist"
        raise LawError([Diagnostic(
            "E305", f"this bill amends '{first.amends}', which {what}", where,
            notes=(f"looked for {base_path} (the name is read relative to the bill's folder)",))])
    loaded = load_document(base_path)
    if not isinstance(loaded, ast.LawDoc):
        raise LawError([Diagnostic(
            "E305", f"this bill amends '{first.amends}', which is a bill, not a law", where,
            notes=("name the law file that the bill changes (one that starts with 'law \"title\"')",))])
    return base_path, loaded


def split_spec(spec: str) -> list[str]:
    parts = [p for p in spec.split("+")]
    if any(not p.strip() for p in parts):
        raise LawError([Diagnostic("E306", f"'{spec}' is not a version: write FILE or FILE+FILE", file=spec)])
    return parts


def load_version(spec: str) -> Version:
    """Read, check and build the law version that ``spec`` names."""
    return _build(spec, split_spec(spec))


def _build(spec: str, parts: list[str]) -> Version:
    docs = [(p, load_document(p)) for p in parts]
    base_doc: ast.LawDoc | None = None
    base_path: str | None = None
    bill_docs: list[tuple[str, ast.BillDoc]] = []
    for i, (path, doc) in enumerate(docs):
        if isinstance(doc, ast.LawDoc):
            if i != 0:
                raise LawError([Diagnostic("E306", f"{path} is a law, not a bill: only the first part of "
                                           f"'{spec}' may be a law", doc.span)])
            base_doc, base_path = doc, path
            continue
        bill_docs.append((path, doc))
    if base_doc is None:
        base_path, base_doc = _load_base(*bill_docs[0])
    for path, doc in bill_docs:
        amended = _base_path(path, doc)
        if os.path.abspath(amended) != os.path.abspath(base_path):
            raise LawError([Diagnostic(
                "E306", f"{path} amends {amended}, but this version is built on {base_path}",
                doc.blocks[0].amends_span or doc.blocks[0].span,
                notes=("every bill in a compound version must amend the same law",))])
    blocks = [b for _, doc in bill_docs for b in doc.blocks]
    origins: dict[str, str] = {}
    law_doc = base_doc
    if blocks:
        law_doc, origins = apply_bills(base_doc, blocks)
    bills = tuple(ir.BillInfo(b.number, b.title, b.sponsors, b.status, b.sources) for b in blocks)
    name = "+".join(_stem(p) for p in parts)
    law, warnings = lower(law_doc, name=name, origins=origins, bills=bills)
    paths = tuple(dict.fromkeys([base_path] + [p for p, _ in bill_docs]))
    return Version(name, spec, law, paths, tuple(warnings))


def check_file(path: str) -> tuple[ast.Document, tuple[Diagnostic, ...]]:
    """Check one file on its own: a law is lowered; a bill is applied to its base.

    Returns the parsed document and any warnings; raises LawError on errors.
    """
    doc = load_document(path)
    if isinstance(doc, ast.LawDoc):
        _, warnings = lower(doc, name=_stem(path))
        return doc, tuple(warnings)
    version = _build(path, [path])  # not split on '+': this is one file
    # Warnings about the base law belong to the base file's own check.
    own = tuple(w for w in version.warnings if w.span is None or w.span.source.name == path)
    return doc, own
