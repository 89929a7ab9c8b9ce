"""Diagnostics: errors and warnings as data, rendered once at the edge.

Every stage reports problems by building :class:`Diagnostic` values and
raising them together in a :class:`LawError`.  Rendering to text (GNU
``file:line:col:`` header, the source line and a caret under the span) or to
JSON happens only in :func:`render_text` / :func:`to_json`, called by the CLI.

Codes are stable per stage: E0xx input and syntax, E1xx names and types,
E2xx structure and cross-references, E3xx amendments and versions,
E4xx scenarios, E5xx evaluation; W-codes are warnings.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from lawsim.source import Span


@dataclass(frozen=True, slots=True)
class Label:
    """A secondary location that explains a diagnostic (e.g. 'first defined here')."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in user input."""

    code: str
    message: str
    span: Span | None = None
    labels: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()
    severity: str = "error"
    # Location for inputs that have no parsed source (e.g. unreadable files).
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        if self.span is not None:
            return self.span.location()
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts) if parts else "lawsim"

    def sort_key(self) -> tuple:
        if self.span is not None:
            return (self.span.source.name, self.span.start, self.code, self.message)
        return (self.file or "", self.line or 0, self.code, self.message)


class LawError(Exception):
    """Raised with one or more diagnostics; the CLI renders them and exits 1."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(d.message for d in self.diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """A note suggesting the closest known names, if any are close."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=3, cutoff=0.6)
    if not close:
        return ()
    return ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?",)


def _snippet(span: Span, marker: str) -> list[str]:
    line_text = span.source.line_text(span.line)
    end_line, end_col = span.end_position
    width = (end_col - span.column) if end_line == span.line else len(line_text) - span.column + 1
    width = max(1, width)
    gutter = f"{span.line:>5} | "
    pad = " " * (len(gutter) - 2) + "| "
    # Keep tabs in the padding so the caret lines up in a terminal.
    lead = "".join(ch if ch == "\t" else " " for ch in line_text[: span.column - 1])
    return [gutter + line_text, pad + lead + marker * width]


def render_text(diag: Diagnostic) -> str:
    """Render one diagnostic in GNU style with the source line and a caret."""
    lines = [f"{diag.location}: {diag.severity}[{diag.code}]: {diag.message}"]
    if diag.span is not None:
        lines += _snippet(diag.span, "^")
    elif diag.file and diag.line:
        # No parsed source, but we know the line: show it when we can read it.
        try:
            with open(diag.file, encoding="utf-8", errors="replace") as handle:
                text = handle.read().split("\n")
            if diag.line <= len(text):
                lines.append(f"{diag.line:>5} | {text[diag.line - 1].rstrip()}")
                lines.append("      | " + " " * ((diag.column or 1) - 1) + "^")
        except OSError:
            pass
    for label in diag.labels:
        lines.append(f"{label.span.location()}: note: {label.message}")
        lines += _snippet(label.span, "-")
    for note in diag.notes:
        lines.append(f"  = {note}")
    return "\n".join(lines)


def render_all(diags: Iterable[Diagnostic]) -> str:
    diags = list(diags)
    out = [render_text(d) for d in diags]
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    summary = []
    if errors:
        summary.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        summary.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if summary:
        out.append(", ".join(summary))
    return "\n\n".join(out[:-1]) + ("\n" if len(out) > 1 else "") + (out[-1] if out else "")


def to_json(diag: Diagnostic) -> dict:
    """A JSON-ready dict for ``--format json``."""

    def span_json(span: Span) -> dict:
        end_line, end_col = span.end_position
        return {
            "file": span.source.name,
            "line": span.line,
            "column": span.column,
            "end_line": end_line,
            "end_column": end_col,
        }

    out: dict = {"code": diag.code, "severity": diag.severity, "message": diag.message}
    if diag.span is not None:
        out["span"] = span_json(diag.span)
    elif diag.file:
        out["span"] = {"file": diag.file, "line": diag.line, "column": diag.column}
    out["labels"] = [{"message": l.message, "span": span_json(l.span)} for l in diag.labels]
    out["notes"] = list(diag.notes)
    return out
