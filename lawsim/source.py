"""Source files and spans: where a piece of law text came from.

A :class:`Span` is a half-open byte range ``[start, end)`` into the text of a
:class:`SourceFile`, plus the line and column of its start, so diagnostics
can point at it.  Spans never take part in equality of AST or IR nodes.
"""

from __future__ import annotations

import os
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


def _looks_binary(raw: bytes) -> bool:
    """Many control bytes early on: a binary file rather than mistyped text."""
    head = raw[:512]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in head or controls * 10 > len(head)


def decode_source(path: str, raw: bytes) -> SourceFile:
    """Decode file contents as strict UTF-8; see :func:`read_source`."""
    from lawsim.diagnostics import Diagnostic, LawError

    if raw.startswith(b"\xef\xbb\xbf"):
        # An editor's byte-order mark is not part of the text: dropping it
        # keeps columns on line 1 the same as the editor shows.
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LawError([Diagnostic(
            "E002", "the file is UTF-16 text; lawsim reads UTF-8", file=path,
            notes=("save the file as UTF-8 (most editors offer this under 'encoding')",))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Point at the bad byte in a lossy decoding (the prefix decodes
        # exactly, so the offset is right) without printing raw bytes.
        shown = SourceFile(path, raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n"))
        offset = len(raw[: exc.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
        if _looks_binary(raw):
            message = "the file looks like binary data, not text"
        else:
            message = f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x})"
        raise LawError([Diagnostic("E002", message, span=Span.at(shown, offset, offset + 1),
                                   notes=("lawsim reads .law and scenario files as UTF-8 text",))])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _looks_binary(raw):
        offset = text.index("\x00") if "\x00" in text else 0
        message = ("the file contains a NUL byte: it looks like binary data, not text" if "\x00" in text
                   else "the file looks like binary data, not text")
        raise LawError([Diagnostic("E002", message,
                                   span=Span.at(SourceFile(path, text), offset, offset + 1),
                                   notes=("lawsim reads .law and scenario files as UTF-8 text",))])
    return SourceFile(path, text)


def read_source(path: str) -> SourceFile:
    """Read a law or scenario file as text.

    Decoding is strict UTF-8 (a leading byte-order mark is dropped and CRLF
    or CR endings become LF) so that positions reported later match what an
    editor shows.  Raises :class:`lawsim.diagnostics.LawError` (E001) when
    the file cannot be read and (E002) when it is not UTF-8 text.
    """
    from lawsim.diagnostics import Diagnostic, LawError

    if os.path.isdir(path):
        raise LawError([Diagnostic("E001", f"cannot read {path}: it is a directory, not a file", file=path,
                                   notes=(f"to name every .law file in it, write {os.path.join(path, '*.law')}",))])
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise LawError([Diagnostic("E001", f"cannot read {path}: no such file", file=path)]) from None
    except OSError as exc:
        raise LawError([Diagnostic("E001", f"cannot read {path}: {exc.strerror or exc}", file=path)]) from None
    return decode_source(path, raw)
