"""``lawsim test --update``: rewrite failed expectations in scenario files to what the law says.

Input: a :class:`~lawsim.scenarios.run.TestRun`.  Output: one
:class:`FileUpdate` per file with failures: the new text and a unified
diff.  Nothing here writes a file.

The edits are textual and minimal: each expectation remembers where its
verdict, remedy and name lists were written (spans from the YAML nodes),
and only those characters are replaced, so comments, key order, quoting
elsewhere and blank lines stay as they were.  Only when a list of
plaintiffs or relief has to go (the remedy is no longer one that has
plaintiffs) is the whole expectation rewritten, in flow style
(``{verdict: prohibited, remedy: none}``).  The new text is read back with
the scenario reader before it is offered, so an update never leaves a file
that lawsim cannot read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from lawsim.ir.vocab import RemedyStatus
from lawsim.scenarios.load import parse_scenario
from lawsim.scenarios.model import Expectation
from lawsim.scenarios.run import ExpectationResult, TestRun
from lawsim.source import SourceFile, Span

_WITH_PARTIES = (RemedyStatus.AVAILABLE, RemedyStatus.CONFLICT)


@dataclass(frozen=True)
class FileUpdate:
    """The new text of one scenario file and what changed in it."""

    path: str
    original: str
    updated: str
    expectations: int  # how many expectations were rewritten

    def diff(self) -> str:
        lines = difflib.unified_diff(self.original.splitlines(keepends=True), self.updated.splitlines(keepends=True),
                                     f"{self.path} (expected)", f"{self.path} (what the law says)")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _names(names, written: Span | None = None) -> str:
    """A list of names, in block style ('- a' lines) if it was written so, else in flow style."""
    if written is not None and written.text.startswith("-") and names:
        return ("\n" + " " * (written.column - 1)).join(f"- {name}" for name in sorted(names))
    return "[" + ", ".join(sorted(names)) + "]"


def _flow(exp: Expectation, result: ExpectationResult) -> str:
    """The whole expectation in flow style, checking the parts the file checked."""
    remedy = result.outcome.remedy
    parts = [f"verdict: {result.outcome.verdict}"]
    if exp.remedy is not None:
        parts.append(f"remedy: {remedy.status}")
    if remedy.status in _WITH_PARTIES:
        if exp.plaintiffs is not None:
            parts.append(f"plaintiffs: {_names(remedy.plaintiffs)}")
        if exp.relief is not None:
            parts.append(f"relief: {_names(remedy.relief)}")
    if exp.assumptions:
        spans = exp.spans
        settings = ", ".join(f"{name}: {spans[f'assume:{name}'].text if f'assume:{name}' in spans else on}"
                             for name, on in exp.assumptions.items())
        parts.append(f"assume: {{{settings}}}")
    return "{" + ", ".join(parts) + "}"


def _edits(result: ExpectationResult) -> list[tuple[Span, str]]:
    """(span, new text) pairs that make the expectation say what the law says."""
    exp, outcome, spans = result.expectation, result.outcome, result.expectation.spans
    wrong = set(result.mismatches)
    remedy = outcome.remedy
    drops_parties = remedy.status not in _WITH_PARTIES and (exp.plaintiffs is not None or exp.relief is not None)
    if drops_parties and "node" in spans:
        return [(spans["node"], _flow(exp, result))]
    edits = []
    if "verdict" in wrong:
        edits.append((spans["verdict"], str(outcome.verdict)))
    if "remedy" in wrong:
        edits.append((spans["remedy"], str(remedy.status)))
    if "plaintiffs" in wrong:
        edits.append((spans["plaintiffs"], _names(remedy.plaintiffs, spans["plaintiffs"])))
    if "relief" in wrong:
        edits.append((spans["relief"], _names(remedy.relief, spans["relief"])))
    return edits


def _apply(text: str, edits: list[tuple[Span, str]]) -> str:
    for span, new in sorted(edits, key=lambda e: e[0].start, reverse=True):
        text = text[:span.start] + new + text[span.end:]
    return text


def updates(run: TestRun) -> list[FileUpdate]:
    """The rewritten scenario files, one per file with a failed expectation, in file order."""
    by_file: dict[str, list[ExpectationResult]] = {}
    for result in run.results:
        if not result.passed:
            by_file.setdefault(result.scenario.path, []).append(result)
    out = []
    for path, failed in by_file.items():
        edits = [edit for result in failed for edit in _edits(result)]
        source = next(span.source for span, _ in edits)
        updated = _apply(source.text, edits)
        parse_scenario(SourceFile(path, updated))  # raises LawError if the edit broke the file
        out.append(FileUpdate(path, source.text, updated, len(failed)))
    return out
