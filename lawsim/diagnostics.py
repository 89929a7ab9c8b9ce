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
import os
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

from lawsim.printable import clip, printable
from lawsim.source import SourceFile, Span

#: Most diagnostics rendered from one command; the rest are counted ("... and 1,234 more errors").
MAX_DIAGNOSTICS = 200
#: Longest message, note or label shown: input quoted in a message (a name, a value) is cut to this.
MAX_MESSAGE = 300


class Severity(StrEnum):
    ERROR = "error"  # the input cannot be used; the command exits 1
    WARNING = "warning"  # worth reading, but the command goes on


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
    severity: Severity = Severity.ERROR
    # Location for inputs that have no parsed source (e.g. unreadable files).
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __post_init__(self):
        # A label without a place to point at (e.g. on an AST built in code,
        # which has no spans) would only confuse the reader: drop it here so
        # that every producer may pass labels freely.
        if any(label.span is None for label in self.labels):
            object.__setattr__(self, "labels", tuple(lb for lb in self.labels if lb.span is not None))

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


class UsageError(Exception):
    """A bad value given by the user outside any file: a flag, an option, an API argument.

    The command line reports it as a usage error (exit status 2), as opposed
    to a :class:`LawError` about the text of a law or scenario file.  The
    message is worded for the command line ('add --fact ...'); ``python``,
    when given, says the same to a Python caller ('pass ... in facts'), and
    :attr:`for_python` is whichever applies.
    """

    def __init__(self, message: str, python: str | None = None):
        super().__init__(message)
        self.python = python

    @property
    def for_python(self) -> str:
        return self.python if self.python is not None else str(self)


class LawError(Exception):
    """Raised with one or more diagnostics; the CLI renders them and exits 1."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(d.message for d in self.diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """A note suggesting the closest known names, if any are close.

    Close spellings come first (difflib); when there are none, a candidate
    that starts with or contains ``name`` is offered, because people often
    type the first word of a long name ('hold' for 'hold_past_release').
    """
    close = closest(name, candidates)
    if not close:
        return ()
    return ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?",)


def closest(name: str, candidates: Iterable[str]) -> list[str]:
    """The known names :func:`did_you_mean` would suggest for ``name`` (at most three)."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not close and len(name) >= 3:
        close = [c for c in pool if c.startswith(name)][:3] or [c for c in pool if name in c][:3]
    return close


#: Longest source line shown in full; longer lines are cut around the span.
MAX_SHOWN = 100


def _shown_char(ch: str) -> str:
    """A character as it is safe to print: control characters become '?'.

    Raw control characters (ESC, NUL, ...) in a snippet could reset or
    recolour the user's terminal; tabs are kept because the caret line
    reproduces them.
    """
    if ch == "\t":
        return ch
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return "?"
    return ch


def _cells(ch: str) -> int:
    """Terminal cells taken by ``ch``: wide East Asian characters take two."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pad_for(ch: str) -> str:
    """Blank space as wide as ``ch``; a tab stays a tab so the caret lines up."""
    return "\t" if ch == "\t" else " " * _cells(ch)


def _snippet(span: Span, marker: str) -> list[str]:
    line_text = span.source.line_text(span.line)
    end_line, end_col = span.end_position
    first = span.column - 1  # 0-based index of the span's first character
    last = (end_col - 1) if end_line == span.line else len(line_text)
    last = max(last, first + 1)  # at least one caret, even for an empty span
    lo, hi = 0, len(line_text)
    if hi > MAX_SHOWN:
        # Show a window around the start of the span, marking the cuts.
        lo = max(0, min(first - MAX_SHOWN // 3, hi - MAX_SHOWN))
        hi = min(hi, lo + MAX_SHOWN)
        last = min(last, hi)
    body = "".join(_shown_char(c) for c in line_text[lo:hi])
    lead = "".join(_pad_for(c) for c in line_text[lo:first])
    width = max(1, sum(_cells(c) for c in line_text[first:last]))
    before = "..." if lo > 0 else ""
    after = "..." if hi < len(line_text) else ""
    gutter = f"{span.line:>5} | "
    pad = " " * (len(gutter) - 2) + "| "
    return [gutter + before + body + after, pad + " " * len(before) + lead + marker * width]


#: Most bytes read from a file only to quote one of its lines.
MAX_QUOTED_FILE = 16 * 1024 * 1024


def _file_snippet(path: str, line: int, column: int) -> list[str]:
    """The source line of a diagnostic that has a file position but no span.

    Such diagnostics come from places that did not keep the parsed text (a
    second scenario file with the same name, say); the file is read again,
    leniently, only to show the line.
    """
    try:
        if not os.path.isfile(path):  # never open a pipe or a device just to quote it
            return []
        with open(path, "rb") as handle:
            text = handle.read(MAX_QUOTED_FILE).decode("utf-8", errors="replace")
    except OSError:
        return []
    source = SourceFile(path, text.replace("\r\n", "\n").replace("\r", "\n"))
    if not 1 <= line <= source.line_count:
        return []
    offset = source.offset(line, min(column, len(source.line_text(line)) + 1))
    return _snippet(Span.at(source, offset, offset + 1), "^")


def render_text(diag: Diagnostic) -> str:
    """Render one diagnostic in GNU style with the source line and a caret.

    Text quoted from input is made safe to print (:func:`lawsim.printable.printable`)
    and long messages are cut (:data:`MAX_MESSAGE`), so a hostile or huge
    input cannot steer the terminal or flood it.
    """
    lines = [f"{clip(diag.location, MAX_MESSAGE)}: {diag.severity}[{diag.code}]: {clip(diag.message, MAX_MESSAGE)}"]
    if diag.span is not None:
        lines += _snippet(diag.span, "^")
    elif diag.file and diag.line:
        lines += _file_snippet(diag.file, diag.line, diag.column or 1)
    for label in diag.labels:
        lines.append(f"{clip(label.span.location(), MAX_MESSAGE)}: note: {clip(label.message, MAX_MESSAGE)}")
        lines += _snippet(label.span, "-")
    for note in diag.notes:
        first, *rest = clip(note, MAX_MESSAGE).split("\n")
        lines.append(f"  = {first}")
        lines += [f"    {line}" for line in rest]
    return printable("\n".join(lines))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def render_all(diags: Iterable[Diagnostic], limit: int = MAX_DIAGNOSTICS) -> str:
    """Render diagnostics (at most ``limit`` of them) and a count of errors and warnings.

    Past the limit the rest are only counted, so a file with tens of
    thousands of mistakes gives a readable report in bounded time.
    """
    diags = list(diags)
    out = [render_text(d) for d in diags[:limit]]
    if len(diags) > limit:
        rest = diags[limit:]
        errors_left = sum(d.severity == Severity.ERROR for d in rest)
        parts = [_plural(n, w) for n, w in ((errors_left, "more error"), (len(rest) - errors_left, "more warning"))
                 if n]
        out.append(f"... and {' and '.join(parts)}, not shown (lawsim shows the first {limit:,}; "
                   "fix these and run again)")
    errors = sum(d.severity == Severity.ERROR for d in diags)
    warnings = len(diags) - errors
    summary = []
    if errors:
        summary.append(_plural(errors, "error"))
    if warnings:
        summary.append(_plural(warnings, "warning"))
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

    out: dict = {"code": diag.code, "severity": diag.severity, "message": clip(diag.message, MAX_MESSAGE)}
    if diag.span is not None:
        out["span"] = span_json(diag.span)
    elif diag.file:
        where = {"file": diag.file, "line": diag.line, "column": diag.column}
        out["span"] = {k: v for k, v in where.items() if v is not None}
    out["labels"] = [{"message": clip(lb.message, MAX_MESSAGE), "span": span_json(lb.span)} for lb in diag.labels]
    out["notes"] = [clip(note, MAX_MESSAGE) for note in diag.notes]
    return out
