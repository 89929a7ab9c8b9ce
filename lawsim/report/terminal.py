"""Text for a terminal: width, word wrapping, colour and characters the output can encode, through rich.

Stage: report.  Input: report text as the text renderers make it (lines,
indented; styled spans marked by :class:`Style`) and a :class:`Terminal`
(what the output stream can show).  Output: the text laid out for that
terminal.  rich does the work: it decides whether colour is wanted
(``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``, whether the stream is a
terminal), wraps prose at word boundaries with a hanging indent, and
writes the ANSI styles.  Lines that are laid out by column (tables, the
source excerpts of diagnostics, redlines) are left unwrapped, since
re-wrapping them would misalign them.

Characters the output's encoding cannot carry (a Windows console
redirected to a file is often cp1252) fall back to ASCII: "->" for "→",
"<=" for "≤", and so on, so no output ever fails to encode.

rich is imported only when text is laid out, to keep start-up fast for
commands that never print much.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import IO

#: ASCII stand-ins for the non-ASCII characters lawsim prints.
FALLBACKS = {
    "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "≠": "!=", "–": "-", "—": "--", "·": "*", "•": "*", "…": "...",
    "“": '"', "”": '"', "‘": "'", "’": "'", "§": "S", "×": "x", "✓": "ok", "✗": "x", "\u00a0": " ",
}

_STYLE_OPEN = "\x1b["
_KEEP = "\ue000"  # a private-use character standing for a space that must not break a line
_TABLE = re.compile(r"\S {2,}\S")  # two or more spaces between words: a line laid out in columns
_HANGING = re.compile(r"(- |\* |\[\d+\] |\d+\. )")
# Words that carry a verdict on a check or a test, coloured wherever they appear at the start of a
# status (rich's regular-expression highlighter).
_HIGHLIGHTS = [
    (re.compile(r"\berror(\[E\d+\])?(?=:)"), "bold red"),
    (re.compile(r"\bwarning(\[W\d+\])?(?=:)"), "bold yellow"),
    (re.compile(r"(?<![\w-])FAIL(?=\b)"), "bold red"),
    (re.compile(r"^\s*ok\b"), "green"),
    (re.compile(r": ok\b"), "green"),
    (re.compile(r"\b\d+ failed\b"), "bold red"),
    (re.compile(r"\b[1-9]\d* errors?\b"), "bold red"),
]


@dataclass(frozen=True)
class Terminal:
    """What an output stream can show."""

    width: int
    color: bool
    encoding: str  # the stream's encoding, normalised ('utf-8', 'cp1252', ...)

    @property
    def unicode(self) -> bool:
        return codecs.lookup(self.encoding).name in ("utf-8", "utf-16", "utf-32")


def _columns() -> int | None:
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and int(value) >= 20 else None


def detect(stream: IO[str], choice: str = "auto") -> Terminal:
    """The terminal behind ``stream``: ``choice`` is 'auto', 'always' or 'never' (``--color``).

    Width: ``COLUMNS`` if set, else the terminal's width, else 80 (a pipe or a file).
    Colour with 'auto': as rich decides (a terminal, and neither ``NO_COLOR`` nor ``TERM=dumb``;
    ``FORCE_COLOR`` colours even a pipe).  An explicit 'always' wins over ``NO_COLOR``.
    """
    from rich.console import Console

    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    probe = Console(file=stream, force_terminal=True if choice == "always" else None)
    if choice == "always":
        color = True
    elif choice == "never":
        color = False
    else:
        color = probe.color_system is not None and not probe.no_color
    width = _columns() or (probe.width if tty else 80)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "ascii"
    return Terminal(max(20, width), color, encoding)


def encodable(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot carry replaced by an ASCII stand-in."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            plain = FALLBACKS.get(ch) or unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?"
            out.append(plain)
    return "".join(out)


class Style:
    """Marks spans of report text to be styled ('bold', 'dim', 'underline', 'red', ...) when colour is on.

    The marks are ANSI sequences, written by rich, so :func:`layout` can read them back into
    styled text (``Text.from_ansi``); with colour off the text stays plain.
    """

    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not text:
            return text
        from rich.style import Style as RichStyle

        style = RichStyle.parse(" ".join(styles))
        # Style each line on its own so indentation and line ends stay plain.
        return "\n".join(style.render(line, color_system=_standard()) if line.strip() else line
                         for line in text.split("\n"))


def _standard():
    from rich.color import ColorSystem

    return ColorSystem.STANDARD


def _highlight(text) -> None:
    plain = text.plain
    for pattern, style in _HIGHLIGHTS:
        for m in pattern.finditer(plain):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" :")))
            text.stylize(style, start, m.end())


def layout(text: str, term: Terminal, *, wrap: bool = True) -> str:
    """``text`` laid out for ``term``: prose wrapped at words with a hanging indent, colour or none.

    ``wrap=False`` keeps every line as it is (diagnostics, whose carets point at columns).
    """
    from rich.console import Console
    from rich.text import Text

    if not term.unicode:
        text = encodable(text, term.encoding)
    lines = text.split("\n")
    trailing = text.endswith("\n")
    if trailing:
        lines = lines[:-1]
    out: list[str] = []
    console = Console(file=io.StringIO(), width=10_000, force_terminal=term.color,
                      color_system="standard" if term.color else None, no_color=not term.color,
                      highlight=False, emoji=False, markup=False, soft_wrap=True, tab_size=1)

    def show(rows) -> None:
        with console.capture() as captured:
            for row in rows:
                console.print(row, soft_wrap=True, end="\n")
        out.append(captured.get().replace(_KEEP, " "))

    for line in lines:
        # A section sign stays with its number ("§ 9-131(b)") however the line wraps.
        line = line.replace("§ ", "§" + _KEEP)
        styled = Text.from_ansi(line) if _STYLE_OPEN in line else Text(line)
        plain = styled.plain
        indent = len(plain) - len(plain.lstrip(" "))
        body = plain[indent:]
        if not wrap or len(plain) <= term.width or _TABLE.search(body) or body.startswith(("|", "^")):
            if not term.color:
                out.append(plain.replace(_KEEP, " ") + "\n")  # as it is, tabs and all
                continue
            _highlight(styled)
            show([styled])
            continue
        if term.color:
            _highlight(styled)
        hang = _HANGING.match(body)
        inner = indent + (len(hang.group(0)) if hang else 2)
        content = styled[indent:]
        pieces = content.wrap(console, max(10, term.width - inner), overflow="fold")
        rows = []
        for k, piece in enumerate(pieces):
            piece.rstrip()
            rows.append(Text(" " * (indent if k == 0 else inner)) + piece)
        show(rows)
    result = "".join(out)
    if not trailing and result.endswith("\n"):
        result = result[:-1]
    return result

    def isatty(self) -> bool:
        return False
