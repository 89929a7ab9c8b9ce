"""Source files and spans: where a piece of law text came from.

A :class:`Span` is a half-open byte range ``[start, end)`` into the text of a
:class:`SourceFile`, plus the line and column of its start, so diagnostics
can point at it.  Spans never take part in equality of AST or IR nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A named text: a file on disk, or text given directly (e.g. in tests)."""

    name: str
    text: str = field(repr=False)

    def line_text(self, line: int) -> str:
        """The text of 1-based line ``line`` without its line ending."""
        lines = self.text.split("\n")
        if 1 <= line <= len(lines):
            return lines[line - 1].rstrip("\r")
        return ""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of character ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col


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


def read_source(path: str) -> SourceFile:
    """Read a law or scenario file as text.

    Decoding is strict UTF-8 (a leading byte-order mark is dropped and CRLF
    endings are normalised) so that positions reported later match what an
    editor shows.  Raises :class:`lawsim.diagnostics.LawError` on I/O or
    decoding problems.
    """
    from lawsim.diagnostics import Diagnostic, LawError

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except IsADirectoryError:
        raise LawError([Diagnostic("E001", f"{path} is a directory, not a file", file=path)])
    except OSError as exc:
        raise LawError([Diagnostic("E001", f"cannot read {path}: {exc.strerror or exc}", file=path)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start]
        line = prefix.count(b"\n") + 1
        col = exc.start - (prefix.rfind(b"\n") + 1) + 1
        raise LawError(
            [
                Diagnostic(
                    "E002",
                    f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x})",
                    file=path,
                    line=line,
                    column=col,
                    notes=("lawsim reads .law and scenario files as UTF-8 text",),
                )
            ]
        )
    if "\x00" in text:
        offset = text.index("\x00")
        src = SourceFile(path, text.replace("\x00", " "))
        raise LawError(
            [Diagnostic("E002", "the file contains a NUL byte: it looks like binary data, not text",
                        span=Span.at(src, offset, offset + 1))]
        )
    return SourceFile(path, text.replace("\r\n", "\n").replace("\r", "\n"))
