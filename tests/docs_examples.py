"""Find and run the shell examples of the documentation (used by tests/test_docs_examples.py).

A *shell example* is a fenced block of a Markdown file that is either

* a **session**: its first line starts with ``$ ``; each ``$ `` line (with
  ``\\`` continuation lines) is a command and the lines after it, up to the
  next ``$``, are the output it shows (standard output and standard error
  together, as a terminal shows them); or
* a **command block** (fence language ``sh``, ``shell``, ``bash`` or
  ``console``) without ``$``: every line is a command that must succeed;
  nothing is shown, so nothing is compared.

Shown output may be abridged: a line that is only ``...`` stands for any
number of lines, and ``...`` inside a line for any text on that line.

An HTML comment on the line just before a fence changes how its block runs:
``<!-- docs-test: PART; PART -->`` where each part is one of

* ``cwd=DIR``: run in DIR (relative to the repository) instead of its root;
* ``exit=N``: every command must exit with status N (a session's exit
  status is otherwise not checked: its output is);
* ``file=PATH``: the block is not a command; its text is written to PATH
  before the later blocks of the same file run (for a scenario file shown
  in the docs and then run);
* ``not compared: REASON``: (last, as a reason may hold ';') run the commands, check their exit status, but
  do not compare the output (a reason is required);
* ``not run: REASON``: do not run the block at all (a reason is required).

Each block runs in a fresh copy of the repository, so an example that
rewrites a file does not change the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SHELL_LANGUAGES = {"sh", "shell", "bash", "console"}
MARKER = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
# A fence may be indented (inside a list item); the block's lines lose that indentation.
FENCE = re.compile(r"^( *)(`{3,}|~{3,})\s*([\w+-]*)\s*$")


@dataclass
class Command:
    line: int  # 1-based line of the command in its Markdown file
    text: str  # the command as bash runs it (continuations joined)
    shown: list[str] | None  # the output shown for it, or None when the block shows none


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    language: str
    body: list[str]
    options: dict[str, str] = field(default_factory=dict)
    commands: list[Command] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.path.as_posix()}:{self.line}"

    @property
    def is_example(self) -> bool:
        return bool(self.commands) or "file" in self.options


def doc_files(root: Path) -> list[Path]:
    """Every Markdown file whose examples are run: README.md, docs/, and each folder's README.md."""
    found = {root / "README.md", *root.glob("docs/**/*.md"), *root.glob("*/README.md"),
             *root.glob("examples/**/*.md")}
    return sorted(p for p in found if p.is_file())


def _options(marker: str, where: str) -> dict[str, str]:
    options: dict[str, str] = {}
    rest = marker
    while rest.strip():
        part, _, rest = rest.strip().partition(";")
        part = part.strip()
        if part.startswith(("not run", "not compared")):
            key, sep, value = (part + ";" + rest if rest else part).partition(":")  # a reason ends the marker
            rest = ""
        else:
            key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key not in ("cwd", "exit", "file", "not run", "not compared") or not sep or not value:
            raise ValueError(f"{where}: bad docs-test marker part {part!r} (see tests/docs_examples.py)")
        options[key] = value
    return options


def _commands(block: Block) -> list[Command]:
    body = block.body
    first = next((line for line in body if line.strip()), "")
    session = first.startswith("$ ")
    if not session and block.language not in SHELL_LANGUAGES:
        return []
    commands: list[Command] = []
    i = 0
    while i < len(body):
        line = body[i]
        start = block.line + 1 + i
        if session and not line.startswith("$"):
            raise ValueError(f"{block.where}: a session line outside any command's output: {line!r}")
        text = line[2:] if session else line
        if not text.strip() or text.lstrip().startswith("#"):
            i += 1
            continue
        parts = [text]
        while parts[-1].endswith("\\") and i + 1 < len(body):
            i += 1
            parts.append(body[i])
        i += 1
        shown: list[str] | None = None
        if session:
            shown = []
            while i < len(body) and not body[i].startswith("$"):
                shown.append(body[i])
                i += 1
        commands.append(Command(start, "\n".join(parts), shown))
    return commands


def blocks(path: Path, root: Path) -> list[Block]:
    """The fenced blocks of one file, with their markers and commands."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, language = match.groups()
        end = next((j for j in range(i + 1, len(lines))
                    if lines[j].strip().startswith(fence) and not lines[j].strip().strip(fence[0])), len(lines))
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:end]]
        block = Block(path.relative_to(root), i + 1, language, body)
        marker = MARKER.match(lines[i - 1].strip()) if i > 0 else None
        if marker:
            block.options = _options(marker.group(1), block.where)
        if "file" not in block.options:
            block.commands = _commands(block)
        out.append(block)
        i = end + 1
    return out


def all_examples(root: Path) -> list[Block]:
    return [b for path in doc_files(root) for b in blocks(path, root) if b.is_example]


def shown_pattern(shown: list[str], whole: bool = True) -> re.Pattern[str]:
    """The shown output as a regular expression: ``...`` lines and ``...`` inside lines are wildcards."""
    while shown and not shown[-1].strip():
        shown = shown[:-1]
    parts = []
    for line in shown:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\\n]*?".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.compile("".join(parts) + (r"\s*" if whole else ""), re.S)


def _terminated(actual: str) -> str:
    return actual if actual.endswith("\n") or not actual else actual + "\n"


def output_matches(shown: list[str], actual: str) -> bool:
    return shown_pattern(shown).fullmatch(_terminated(actual)) is not None


def first_mismatch(shown: list[str], actual: str) -> int:
    """The index of the first shown line that the output cannot match (for the failure message)."""
    actual = _terminated(actual)
    for end in range(1, len(shown) + 1):
        if shown_pattern(shown[:end], whole=False).match(actual) is None:
            return end - 1
    return len(shown)
