"""Source files and spans: where a piece of law text came from.

A :class:`Span` is a half-open byte range ``[start, end)`` into the text of a
:class:`SourceFile`, plus the line and column of its start, so diagnostics
can point at it.  Spans never take part in equality of AST or IR nodes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return tuple(starts)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A named text: a file on disk, or text given directly (e.g. in tests).

    The offsets where lines start are computed once, so turning a span's
    offset into a line and column, or fetching a line's text, costs a
    binary search rather than a scan from the start of the file (a large
    file gets many spans).
    """

    name: str
    text: str = field(repr=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", _line_starts(self.text))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_text(self, line: int) -> str:
        """The text of 1-based line ``line`` without its line ending."""
        if not 1 <= line <= len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of character ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of 1-based ``line`` and ``column`` (clamped to the text)."""
        line = max(1, min(line, len(self._starts)))
        start = self._starts[line - 1]
        return min(start + max(column, 1) - 1, len(self.text))


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; ``line``/``column`` are 1-based."""

    source: SourceFile
    start: int
    end: int
    line: int
    column: int

    @classmethod
    def at(cls, source: SourceFile, start: int, end: int) -> "Span":
        line, col = source.position(start)
        return cls(source, start, max(end, start), line, col)

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    @property
    def end_position(self) -> tuple[int, int]:
        return self.source.position(self.end)

    def location(self) -> str:
        return f"{self.source.name}:{self.line}:{self.column}"

    def merge(self, other: "Span") -> "Span":
        """The smallest span covering both (same source)."""
        return Span.at(self.source, min(self.start, other.start), max(self.end, other.end))
