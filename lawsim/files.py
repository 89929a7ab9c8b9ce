"""Reading the files lawsim is given, and writing the files it makes, without losing a byte.

Reading: a path in, a :class:`lawsim.source.SourceFile` out, with the text
as an editor shows it (strict UTF-8, byte-order mark dropped, line endings
made LF), or a :class:`lawsim.diagnostics.LawError` saying why not.  Only
regular files are read, and at most :data:`MAX_INPUT_BYTES` of them, so a
device, a named pipe or an endless file is refused rather than read until
memory runs out.

Writing: :func:`check_output` refuses (a :class:`UsageError`) an output path
that is one of the command's inputs or is not a regular file, before any
work is done; :func:`write_atomically` replaces a file so that a reader (or
a crash) never sees it half-written.

This module sits above :mod:`lawsim.source` and :mod:`lawsim.diagnostics` so
that neither of those needs the other's module to exist first.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Iterable

from lawsim.diagnostics import Diagnostic, LawError, UsageError
from lawsim.source import SourceFile, Span

#: Largest input file read, in bytes.  The largest law in the corpus is a few dozen kilobytes; a
#: file hundreds of times larger than that is a mistake (or a device), and reading it whole would
#: take memory and, to check, minutes (docs/limits.md).
MAX_INPUT_BYTES = 16 * 1024 * 1024


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


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str) -> bytes:
    """The contents of the regular file ``path`` (at most :data:`MAX_INPUT_BYTES`).

    Raises :class:`LawError` (E001) when the file is missing, unreadable, a
    directory, a device or pipe, or too large.  The type is checked before
    opening, because opening a named pipe waits for a writer.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise LawError([Diagnostic(
                "E001", f"cannot read {path}: it is a directory, not a file", file=path,
                notes=(f"to name every .law file in it, write {os.path.join(path, '*.law')}",))])
        if not stat.S_ISREG(info.st_mode):
            raise LawError([Diagnostic("E001", f"cannot read {path}: it is {_kind(info.st_mode)}, not a regular file",
                                       file=path, notes=("lawsim reads .law and scenario files saved on disk",))])
        with open(path, "rb") as handle:
            # One byte more than the cap tells a file at the cap from a larger one (whatever its
            # size says: files under /proc report 0).
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise LawError([Diagnostic("E001", f"cannot read {path}: no such file", file=path)]) from None
    except OSError as exc:
        raise LawError([Diagnostic("E001", f"cannot read {path}: {exc.strerror or exc}", file=path)]) from None
    if len(raw) > MAX_INPUT_BYTES:
        raise LawError([Diagnostic(
            "E001", f"cannot read {path}: it is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, the most "
            "lawsim reads from one file", file=path, notes=("see docs/limits.md",))])
    return raw


def read_source(path: str) -> SourceFile:
    """Read a law or scenario file as text.

    Decoding is strict UTF-8 (a leading byte-order mark is dropped and CRLF
    or CR endings become LF) so that positions reported later match what an
    editor shows.  Raises :class:`lawsim.diagnostics.LawError` (E001) when
    the file cannot be read (see :func:`read_bytes`) and (E002) when it is
    not UTF-8 text.
    """
    return decode_source(path, read_bytes(path))


# ---------------------------------------------------------------- writing


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_output(path: str, inputs: Iterable[str] = (), option: str = "-o/--output") -> str:
    """Check that ``path`` may receive a command's output; return the file that will be replaced.

    Refused with a :class:`UsageError`: an empty path; a path that is, or
    links to, one of ``inputs`` (compared by resolved path and by device and
    inode, so ``..``, links and hard links are seen through); a directory,
    device, named pipe or socket; a path whose folder does not exist.  A
    link is followed (the returned path is its target), as shell
    redirection would.  Call it before doing any work, so that a refusal
    costs nothing.
    """
    if not path:
        raise UsageError(f"{option} needs a file name")
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"{option} {path}: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{option} {path}: it is {_kind(info.st_mode)}; lawsim writes only to a regular file "
                         "or a new one (leave out -o to write to standard output)")
    if info is None and not os.path.isdir(os.path.dirname(target)):
        raise UsageError(f"cannot write {path}: the folder {os.path.dirname(path) or '.'} does not exist")
    for given in inputs:
        try:
            theirs: os.stat_result | None = os.stat(given)
        except OSError:
            theirs = None
        if os.path.realpath(given) == target or (info is not None and theirs is not None
                                                 and _same_file(info, theirs)):
            raise UsageError(f"{option} {path} is {given}, one of this command's inputs: lawsim will not "
                             "write over its own input; name another file")
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: str, text: str) -> None:
    """Replace the file ``path`` with ``text`` so that a reader never sees a half-written file.

    The text goes to a new temporary file with a unique name in the target's
    folder (so that two runs never share one, and the rename stays on one
    file system), is flushed and fsynced, takes the mode (and, where
    allowed, the owner) of the file it replaces, and is renamed over it.  A
    link is followed and its target replaced.  Anything but a regular file
    or a new path is refused (:class:`UsageError`), checked again here in
    case it changed since :func:`check_output`.  On failure (a full disk,
    say) the target is left as it was and the temporary file removed; the
    OSError is raised.
    """
    target = check_output(path, option="cannot write")
    directory = os.path.dirname(target)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".lawsim-tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            if old is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode))
                if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                    try:
                        os.fchown(handle.fileno(), old.st_uid, old.st_gid)
                    except PermissionError:
                        pass  # not ours to give away: the file becomes the writer's, as with an editor
            else:
                # A new file gets the mode the shell would give it (mkstemp's is 0600).
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable; not every file system lets a folder be fsynced
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(dir_fd)
