"""Writing to the terminal: every command's text, JSON and diagnostics go out through here.

Input text is made printable first (control and bidi characters from input
files escaped, :func:`lawsim.printable.printable`); JSON is already made
safe by ``dump_json``.

Text is laid out for the stream it goes to (:mod:`lawsim.report.terminal`:
width, wrapping, colour, characters the stream can encode); diagnostics
keep their lines as they are, so carets stay under their columns; JSON
falls back to ``\\u`` escapes when the stream cannot encode a character,
so it stays valid and means the same.
"""

from __future__ import annotations

import json
import sys

from lawsim.printable import printable, printable_styled
from lawsim.report.terminal import detect, layout


def _stream(err: bool):
    return sys.stderr if err else sys.stdout


def emit(text: str, *, err: bool = False, color: str = "auto", wrap: bool = True) -> None:
    """Write report text (already ending in a newline when it should).

    Characters from input files that could steer a terminal are escaped first
    (:mod:`lawsim.printable`); with colour, lawsim's own styles are kept.
    """
    stream = _stream(err)
    terminal = detect(stream, color)
    safe = printable_styled(text) if terminal.color else printable(text)
    stream.write(layout(safe, terminal, wrap=wrap))
    stream.flush()


def emit_line(text: str, *, err: bool = False, color: str = "auto") -> None:
    emit(text + "\n", err=err, color=color, wrap=False)


def emit_diagnostics(text: str, color: str = "auto") -> None:
    """Rendered diagnostics, to standard error, unwrapped."""
    emit(text + "\n", err=True, color=color, wrap=False)


def emit_json(text: str) -> None:
    """JSON text, escaped to ASCII where the stream's encoding needs it."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=True) + "\n"
    stream.write(text)
    stream.flush()


__all__ = ["emit", "emit_diagnostics", "emit_json", "emit_line"]
