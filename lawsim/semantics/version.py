"""A law version, built once from its files: the value every later stage consumes.

A *version spec* is one of:

* ``current.law`` - a law file;
* ``powers.law`` - a bill file: its base law (``amends``) with the bill applied;
* ``powers.law+hanif.law`` - the first file's base with every bill applied in order
  (the first part may also be a law file: ``current.law+powers.law``).

Parts are joined with '+'.  Every bill in a compound must amend the same base.

A :class:`Loader` reads and parses each file once, however many versions
use it, and builds each version once.  A :class:`Version` keeps what it was
built from (the base law's AST, the bills in order, the provenance of every
change), so a later stage that needs a variant (the version without one of
its bills, say) builds it from these values with :func:`build_law`, never
from disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Sequence

from lawsim import ir
from lawsim.diagnostics import Diagnostic, Label, LawError
from lawsim.files import read_source
from lawsim.ir.pipeline import Pipeline
from lawsim.locate import law_stems
from lawsim.semantics.amend import apply_bills
from lawsim.semantics.lower import lower
from lawsim.semantics.pipeline import bind, binding_warnings, lower_pipeline, pipeline_warnings
from lawsim.semantics.provenance import Provenance
from lawsim.syntax import ast
from lawsim.syntax.parser import parse_source


@dataclass(frozen=True)
class Version:
    """One checked law version and everything it was built from."""

    name: str  # file stems joined by '+': 'current', 'powers+hanif'
    spec: str  # the paths joined by '+', as given
    law: ir.Law
    base: ast.LawDoc  # the base law as written
    bills: tuple[ast.BillBlock, ...]  # the bills applied to it, in order
    provenance: Provenance  # which bill changed what
    paths: tuple[str, ...]  # the base law's file first, then each bill file once
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def with_law(self, law: ir.Law) -> "Version":
        """The same version with its law replaced (for example read under other assumptions)."""
        return Version(self.name, self.spec, law, self.base, self.bills, self.provenance, self.paths, self.warnings)


def bill_info(block: ast.BillBlock) -> ir.BillInfo:
    return ir.BillInfo(block.number, block.title, block.sponsors, block.status, block.sources)


def build_law(base: ast.LawDoc, bills: Sequence[ast.BillBlock], name: str = "law"
              ) -> tuple[ir.Law, Provenance, list[Diagnostic]]:
    """Apply ``bills`` to ``base`` and check the result: the law, its provenance and its warnings.

    Raises :class:`LawError` when the bills do not apply or the result does not check.
    """
    doc, provenance = apply_bills(base, bills) if bills else (base, Provenance())
    if bills:  # a version with bills is titled after them, not only after its base law
        doc = replace(doc, title=amended_title(base.title, [b.number for b in bills]))
    law, warnings = lower(doc, name=name, provenance=provenance, bills=tuple(bill_info(b) for b in bills))
    return law, provenance, warnings


def amended_title(title: str, numbers: Sequence[str]) -> str:
    """'<title>, as amended by Int 0185-2022 and Int 0158-2022'."""
    named = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"{title}, as amended by {named}"


def stem(path: str) -> str:
    base = os.path.basename(path)
    return base[:-4] if base.endswith(".law") else base


def split_spec(spec: str) -> list[str]:
    parts = spec.split("+")
    if any(not p.strip() for p in parts):
        raise LawError([Diagnostic("E306", f"'{spec}' is not a version: write FILE or FILE+FILE", file=spec)])
    return parts


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
                labels=(Label(first.amends_span, "the first bill's base law"),) if first.amends_span else (),
                notes=("every bill in one file amends the same law; put the other bill in its own file",))])
    return os.path.normpath(os.path.join(os.path.dirname(bill_path), first.amends))


class Loader:
    """Reads, parses and builds on demand, each file and each version at most once.

    One loader serves one command, so a comparison of ``current`` with
    ``powers`` (whose base is ``current.law``) reads ``current.law`` once.
    """

    def __init__(self) -> None:
        self._documents: dict[str, ast.Document] = {}
        self._versions: dict[str, Version | LawError] = {}

    def document(self, path: str) -> ast.Document:
        """The parsed file at ``path`` (raises LawError if it cannot be read or parsed)."""
        key = os.path.abspath(path)
        if key not in self._documents:
            self._documents[key] = parse_source(read_source(path))
        return self._documents[key]

    def _check_pipeline(self, pipeline: Pipeline, path: str) -> tuple[Diagnostic, ...]:
        """Bind a pipeline to each law of its jurisdiction in its folder (raises LawError on errors).

        Only a pipeline that names its jurisdiction is read against laws, and only against laws of
        the same jurisdiction that check on their own.
        """
        folder = os.path.dirname(path) or "."
        warnings = pipeline_warnings(pipeline)
        if pipeline.jurisdiction is None:  # nothing says which laws it is for
            return tuple(warnings)
        for name in law_stems(folder):
            other = os.path.join(folder, name + ".law")
            try:
                doc = self.document(other)
                if not isinstance(doc, ast.LawDoc) or doc.jurisdiction != pipeline.jurisdiction:
                    continue
                law, _ = lower(doc, name=stem(other))
            except LawError:
                continue  # that file's own check reports it
            bind(pipeline, law)
            warnings += binding_warnings(pipeline, law)
        return tuple(warnings)

    def pipeline(self, path: str) -> Pipeline:
        """The pipeline file at ``path``, checked on its own (raises LawError)."""
        doc = self.document(path)
        if not isinstance(doc, ast.PipelineDoc):
            what = "a law" if isinstance(doc, ast.LawDoc) else "a bill"
            raise LawError([Diagnostic("E244", f"{path} is {what}, not a pipeline", doc.span,
                                       notes=("a pipeline file starts with 'pipeline \"title\"' (docs/pipeline.md)",))])
        return lower_pipeline(doc, path)

    def version(self, spec: str) -> Version:
        """The version ``spec`` names, built the first time only (a failure is remembered too)."""
        if spec not in self._versions:
            try:
                self._versions[spec] = self._build(spec, split_spec(spec))
            except LawError as err:
                self._versions[spec] = err
        found = self._versions[spec]
        if isinstance(found, LawError):
            raise found
        return found

    def _base(self, bill_path: str, doc: ast.BillDoc) -> tuple[str, ast.LawDoc]:
        """The law a bill file amends, read and parsed; errors point at the 'amends' line."""
        base_path = _base_path(bill_path, doc)
        first = doc.blocks[0]
        where = first.amends_span or first.span
        if not os.path.isfile(base_path):
            what = "is a directory" if os.path.isdir(base_path) else "does not exist"
            raise LawError([Diagnostic(
                "E305", f"this bill amends '{first.amends}', which {what}", where,
                notes=(f"looked for {base_path} (the name is read relative to the bill's folder)",))])
        loaded = self.document(base_path)
        if isinstance(loaded, ast.PipelineDoc):
            raise LawError([Diagnostic("E305", f"this bill amends '{first.amends}', which is a pipeline, not a law",
                                       where)])
        if not isinstance(loaded, ast.LawDoc):
            raise LawError([Diagnostic(
                "E305", f"this bill amends '{first.amends}', which is a bill, not a law", where,
                notes=("name the law file that the bill changes (one that starts with 'law \"title\"')",))])
        return base_path, loaded

    def _build(self, spec: str, parts: list[str]) -> Version:
        base_doc: ast.LawDoc | None = None
        base_path = ""
        bill_docs: list[tuple[str, ast.BillDoc]] = []
        for i, path in enumerate(parts):
            doc = self.document(path)
            if isinstance(doc, ast.PipelineDoc):
                raise LawError([Diagnostic("E306", f"{path} is a pipeline, not a law or a bill", doc.span,
                                           notes=("give it to 'lawsim pipeline' with --pipeline",))])
            if isinstance(doc, ast.LawDoc):
                if i != 0:
                    raise LawError([Diagnostic("E306", f"{path} is a law, not a bill: only the first part of "
                                               f"'{spec}' may be a law", doc.span)])
                base_doc, base_path = doc, path
                continue
            bill_docs.append((path, doc))
        if base_doc is None:
            base_path, base_doc = self._base(*bill_docs[0])
        for path, doc in bill_docs:
            amended = _base_path(path, doc)
            if os.path.abspath(amended) != os.path.abspath(base_path):
                raise LawError([Diagnostic(
                    "E306", f"{path} amends {amended}, but this version is built on {base_path}",
                    doc.blocks[0].amends_span or doc.blocks[0].span,
                    notes=("every bill in a compound version must amend the same law",))])
        blocks = tuple(b for _, doc in bill_docs for b in doc.blocks)
        name = "+".join(stem(p) for p in parts)
        law, provenance, warnings = build_law(base_doc, blocks, name)
        paths = tuple(dict.fromkeys([base_path] + [p for p, _ in bill_docs]))
        return Version(name, spec, law, base_doc, blocks, provenance, paths, tuple(warnings))

    def check_file(self, path: str) -> tuple[ast.Document, tuple[Diagnostic, ...]]:
        """Check one file on its own: a law is lowered; a bill is applied to its base; a pipeline is
        read against every law of its jurisdiction in its folder.

        Returns the parsed document and its warnings; raises LawError on errors.
        """
        doc = self.document(path)
        if isinstance(doc, ast.LawDoc):
            _, warnings = lower(doc, name=stem(path))
            return doc, tuple(warnings)
        if isinstance(doc, ast.PipelineDoc):
            return doc, self._check_pipeline(lower_pipeline(doc, path), path)
        version = self._build(path, [path])  # not split on '+': this is one file
        # Warnings about the base law belong to the base file's own check.
        own = tuple(w for w in version.warnings if w.span is None or w.span.source.name == path)
        return doc, own


def from_document(base: ast.LawDoc, name: str = "law", bills: Sequence[ast.BillBlock] = ()) -> Version:
    """The version of a law given as an AST (built in code, or parsed from text), with ``bills`` applied.

    Raises LawError when the bills do not apply or the result does not check.
    """
    law, provenance, warnings = build_law(base, tuple(bills), name)
    return Version(name, name, law, base, tuple(bills), provenance, (), tuple(warnings))


def load_version(spec: str) -> Version:
    """Read, check and build the version ``spec`` names (with a loader of its own)."""
    return Loader().version(spec)


def check_file(path: str) -> tuple[ast.Document, tuple[Diagnostic, ...]]:
    """Check one file on its own (see :meth:`Loader.check_file`)."""
    return Loader().check_file(path)
