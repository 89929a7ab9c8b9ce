"""Reading the files lawsim is given.

Input: a path.  Output: a :class:`lawsim.source.SourceFile` with the text
as an editor shows it (strict UTF-8, byte-order mark dropped, line endings
made LF), or a :class:`lawsim.diagnostics.LawError` saying why not.  This
module sits above :mod:`lawsim.source` and :mod:`lawsim.diagnostics` so that
neither of those needs the other's module to exist first.
"""

from __future__ import annotations

import os

from lawsim.diagnostics import Diagnostic, LawError
from lawsim.source import SourceFile, Span


def _looks_binary(raw: bytes) -> bool:
    """Many control bytes early on: a binary file rather than mistyped text."""
    head = raw[:512]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in head or controls * 10 > len(head)


def decode_source(path: str, raw: bytes) -> SourceFile:
    """Decode file contents as strict UTF-8; see :func:`read_source`."""
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
                                   notes=("lawsim reads .law and scenario files as UTF-8 text",))]) from None
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


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` so that a reader never sees a half-written file."""
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.lawsim-tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
