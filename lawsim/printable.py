"""Text that is safe to print: input can neither steer a terminal nor hide what it says.

Base layer, below every stage.  Input files are quoted in lawsim's output
(captions, titles, names, file names), and a quoted ESC sequence could
retitle or clear the reader's terminal, while a right-to-left override
(U+202E) or a zero-width character could make printed text read
differently from the file.  So every text output passes through
:func:`printable`, which writes such characters as visible escapes
(``\\x1b``, ``\\u202e``) and leaves everything else, including line breaks
and tabs, alone; JSON output passes through :func:`json_safe`, which writes
them as JSON's own ``\\uXXXX`` escapes, so a JSON reader gets the text
exactly as it was in the file.  :func:`clip` shortens text quoted from input
to a bounded length.

All three are plain ``str -> str`` functions, so any renderer can call them.
"""

from __future__ import annotations

import re

# Characters written as escapes: C0 controls but tab and line feed, DEL and the C1 controls;
# format characters that are invisible or change the direction of text (Arabic letter mark,
# Mongolian vowel separator, zero-width space and joiners, left-to-right and right-to-left
# marks, embeddings, overrides and isolates, word joiner and invisible operators, the byte-order
# mark, interlinear annotation, tags); line and paragraph separators; lone surrogates (a file name
# that is not UTF-8 reaches Python as these, and could not be encoded for output).  Soft hyphens
# are included: invisible in most terminals, they would make two different names look alike.
_UNSAFE = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
           "\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f")
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
# The styles lawsim's own coloured output uses (bold, dim, underline, red, green, yellow, cyan,
# reset), as whole SGR sequences; anything else starting with ESC is escaped.
_OWN_STYLE = re.compile(r"\x1b\[(?:(?:0|1|2|4|31|32|33|36)(?:;(?:0|1|2|4|31|32|33|36))*)?m")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with control, bidirectional and invisible characters written as visible escapes.

    Line feeds and tabs are kept.  Fast for large text: one regular
    expression pass, and none at all when nothing needs escaping.
    """
    if not _UNSAFE_RE.search(text):
        return text
    return _UNSAFE_RE.sub(_escape, text)


def printable_styled(text: str) -> str:
    """As :func:`printable`, but keeping the colour sequences lawsim's own reports emit.

    For coloured terminal output only: an input's own ESC sequence is still
    escaped unless it is one of those few styles (which can only make text
    bold, dim, underlined or coloured, never hide it or move the cursor).
    """
    if "\x1b" not in text:
        return printable(text)
    out = []
    at = 0
    for match in _OWN_STYLE.finditer(text):
        out.append(printable(text[at:match.start()]))
        out.append(match.group())
        at = match.end()
    out.append(printable(text[at:]))
    return "".join(out)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON writes characters beyond the basic plane
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(document: str) -> str:
    """A JSON document (as ``json.dumps(..., ensure_ascii=False)`` writes it) with unsafe characters escaped.

    Such characters can only occur inside JSON strings, so writing them as
    ``\\uXXXX`` escapes keeps the document's meaning exactly: a JSON reader
    gets the same strings back.
    """
    if not _UNSAFE_RE.search(document):
        return document
    return _UNSAFE_RE.sub(_json_escape, document)


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to about ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    keep = max(limit - 40, 10)
    return f"{text[:keep]}... ({len(text) - keep:,} more characters)"
