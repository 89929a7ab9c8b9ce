"""Read scenario files: YAML text to :class:`Scenario` values.

Input: paths of scenario files or folders.  Output: a list of
:class:`~lawsim.scenarios.model.Scenario`, sorted by path.  Errors: every
problem in every file is collected and raised in one
:class:`~lawsim.diagnostics.LawError` (E40x for the file and its shape,
E42x for expectations, E430 for assumption values), never a YAML exception.

The YAML is *composed* (PyYAML's node graph, safe tags only) rather than
loaded, so each key and value keeps its position and the checks here can
point at it.  Plain scalars are converted by hand: decimal numbers become
ints, YAML 1.1 booleans (``yes``/``no``/``on``/``off``/``true``/``false``)
become bools, everything else stays the text as written.  This keeps
YAML's surprises (``010`` as octal, ``1:30`` as sexagesimal) out of fact
values.  Checks that need a law version live in
:mod:`lawsim.scenarios.check`.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Sequence

import yaml

from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS, RemedyStatus, Verdict
from lawsim.scenarios.model import Expectation, RawValue, Scenario
from lawsim.files import read_source
from lawsim.source import SourceFile, Span

SUFFIXES = (".yaml", ".yml")
KEYS = ("title", "source", "story", "facts", "assume", "expect")
REQUIRED = ("title", "facts")
EXPECT_KEYS = ("verdict", "remedy", "plaintiffs", "relief", "assume")

_YAML = "tag:yaml.org,2002:"
# libyaml's loader is several times faster and gives the same character-based marks; fall back to
# the pure-Python one where PyYAML was built without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DECIMAL = re.compile(r"[-+]?[0-9]+")
# One part of a version name: a law or bill file in the laws folder, by name.
_STEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# PyYAML's context for an error, e.g. "while parsing a flow sequence".
_CONTEXT = re.compile(r"while (?:parsing|scanning) an? (.+)")


def scenario_files(paths: Sequence[str]) -> list[str]:
    """The scenario files named by ``paths`` (files, or folders searched recursively).

    A folder contributes its ``*.yaml`` and ``*.yml`` files (hidden ones
    skipped); a file is taken whatever its name.  The result is sorted by
    path with duplicates removed.  A folder without scenario files is an
    error (E407).
    """
    files, errors = _expand(paths)
    if errors:
        raise LawError(errors)
    return files


def _expand(paths: Sequence[str]) -> tuple[list[str], list[Diagnostic]]:
    found: dict[str, str] = {}
    errors = []
    for path in paths:
        if not os.path.isdir(path):
            found.setdefault(os.path.realpath(path), os.path.normpath(path))
            continue
        before = len(found)
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.endswith(SUFFIXES) and not name.startswith("."):
                    full = os.path.normpath(os.path.join(root, name))
                    found.setdefault(os.path.realpath(full), full)
        if len(found) == before:
            errors.append(Diagnostic("E407", f"no scenario files (*.yaml, *.yml) in {path}", file=path))
    return sorted(found.values()), errors


def load_scenarios(paths: Sequence[str]) -> list[Scenario]:
    """Read every scenario file under ``paths`` (see :func:`scenario_files`).

    Raises :class:`LawError` with the problems of all files together.  Two
    files with the same name (the scenario id) are an error.
    """
    files, errors = _expand(paths)
    scenarios: list[Scenario] = []
    for path in files:
        try:
            scenarios.append(parse_scenario(read_source(path)))
        except LawError as err:
            errors += err.diagnostics
    first: dict[str, Scenario] = {}
    for sc in scenarios:
        if sc.id in first:
            other = first[sc.id]
            errors.append(Diagnostic(
                "E406", f"two scenario files are both named '{sc.id}': {other.path} and {sc.path}",
                file=sc.path, line=1, column=1, notes=("a scenario's id is its file name; rename one of them",)))
        else:
            first[sc.id] = sc
    if errors:
        raise LawError(errors)
    return scenarios


def parse_scenario(source: SourceFile) -> Scenario:
    """Build one scenario from the text of a scenario file."""
    return _Reader(source).scenario()


class _Reader:
    """Walks the composed YAML of one file, collecting diagnostics."""

    def __init__(self, source: SourceFile):
        self.src = source
        self.errors: list[Diagnostic] = []

    # -- helpers ----------------------------------------------------------
    def span(self, node: yaml.Node) -> Span:
        return Span.at(self.src, node.start_mark.index, node.end_mark.index)

    def start(self, node: yaml.Node) -> Span:
        return Span.at(self.src, node.start_mark.index, node.start_mark.index)

    def error(self, code: str, message: str, where: yaml.Node | Span, notes=(), labels=()) -> None:
        span = where if isinstance(where, Span) else self.span(where)
        self.errors.append(Diagnostic(code, message, span, tuple(labels), tuple(notes)))

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]] | None:
        """The (key, key node, value node) entries of a mapping, checked for duplicates."""
        if not isinstance(node, yaml.MappingNode):
            self.error("E402", f"{what} must be a mapping of 'name: value' lines, not {_kind(node)}", node)
            return None
        entries = []
        seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if key.tag == _YAML + "merge":
                self.error("E402", "YAML merge keys ('<<') are not supported in scenario files", key,
                           notes=("write each key out in full",))
                continue
            if not isinstance(key, yaml.ScalarNode) or not key.value:
                self.error("E402", f"a key in {what} must be a plain name, not {_kind(key)}", key)
                continue
            if key.value in seen:
                self.error("E405", f"'{key.value}' is given twice in {what}", key,
                           labels=(Label(self.span(seen[key.value]), "first given here"),))
                continue
            seen[key.value] = key
            entries.append((key.value, key, value))
        return entries

    def text(self, node: yaml.Node, what: str) -> str | None:
        """A non-empty text scalar, whatever YAML would have typed it as."""
        if not isinstance(node, yaml.ScalarNode):
            self.error("E402", f"{what} must be a single line of text, not {_kind(node)}", node)
            return None
        if not self.standard_tag(node):
            return None
        if node.tag == _YAML + "null" or not node.value.strip():
            self.error("E402", f"{what} is empty", node)
            return None
        # Block scalars ('story: >') end with a line break that is not part of the text.
        return node.value.strip()

    def texts(self, node: yaml.Node, what: str) -> tuple[str, ...] | None:
        """One text, or a list of texts."""
        if isinstance(node, yaml.SequenceNode):
            out = [self.text(item, f"each entry of {what}") for item in node.value]
            return None if any(o is None for o in out) else tuple(o for o in out if o is not None)
        one = self.text(node, what)
        return None if one is None else (one,)

    def standard_tag(self, node: yaml.Node) -> bool:
        if node.tag.startswith(_YAML):
            return True
        self.error("E402", f"YAML tags such as '{node.tag}' are not used in scenario files", node)
        return False

    def value(self, node: yaml.Node, what: str) -> RawValue | None:
        """A fact value: a bool, a whole number or text (see the module docstring)."""
        if not isinstance(node, yaml.ScalarNode):
            self.error("E402", f"{what} must be a single value, not {_kind(node)}", node)
            return None
        if not self.standard_tag(node):
            return None
        if node.tag == _YAML + "null":
            self.error("E402", f"{what} has no value", self.start(node) if not node.value else node)
            return None
        if node.tag == _YAML + "bool":
            return node.value.lower() in ("yes", "true", "on")
        if node.tag == _YAML + "int" and _DECIMAL.fullmatch(node.value):
            return int(node.value)
        return node.value

    def on_off(self, node: yaml.Node, name: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _YAML + "bool":
            return node.value.lower() in ("yes", "true", "on")
        if isinstance(node, yaml.ScalarNode) and node.value.strip().lower() in ("on", "off"):
            return node.value.strip().lower() == "on"
        shown = node.value if isinstance(node, yaml.ScalarNode) else _kind(node)
        self.error("E430", f"assumption '{name}' is on or off, not '{shown}'", node)
        return None

    def assumptions(self, node: yaml.Node, what: str) -> tuple[dict[str, bool], dict[str, Span]]:
        values: dict[str, bool] = {}
        spans: dict[str, Span] = {}
        for name, key, value in self.mapping(node, what) or ():
            on = self.on_off(value, name)
            if on is not None:
                values[name] = on
                spans[name] = self.span(key)
        return dict(sorted(values.items())), spans

    # -- the file ---------------------------------------------------------
    def compose(self) -> yaml.Node | None:
        try:
            return yaml.compose(self.src.text, Loader=_LOADER)
        except yaml.YAMLError:
            pass
        # Malformed: compose again with the pure-Python loader, whose messages are clearer
        # (it names the offending character, e.g. a tab).
        try:
            return yaml.compose(self.src.text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            index = mark.index if mark is not None else 0
            notes, labels = [], []
            if "'\\t'" in (exc.problem or ""):
                notes.append("YAML does not allow tabs for indentation: use spaces")
            thing = _CONTEXT.fullmatch(exc.context or "")
            if thing and exc.context_mark is not None and exc.context_mark.index != index:
                at = exc.context_mark.index
                labels.append(Label(Span.at(self.src, at, at + 1), f"in the {thing.group(1)} that starts here"))
            self.error("E401", f"invalid YAML: {exc.problem or exc.context}", Span.at(self.src, index, index + 1),
                       notes=notes, labels=labels)
        except yaml.reader.ReaderError as exc:
            char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
            self.error("E401", f"invalid YAML: the character {char} is not allowed in a YAML file",
                       Span.at(self.src, exc.position, exc.position + 1))
        except RecursionError:
            self.error("E401", "invalid YAML: the file is nested too deeply", Span.at(self.src, 0, 0))
        except yaml.YAMLError as exc:  # any other PyYAML complaint, without a position
            self.error("E401", f"invalid YAML: {exc}", Span.at(self.src, 0, 0))
        return None

    def scenario(self) -> Scenario:
        root = self.compose()
        if self.errors:
            raise LawError(self.errors)
        if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _YAML + "null"):
            self.error("E400", "the scenario file is empty", Span.at(self.src, 0, 0),
                       notes=("a scenario file needs at least 'title:' and 'facts:' (see scenarios/README.md)",))
            raise LawError(self.errors)
        entries = self.mapping(root, "a scenario file")
        if entries is None:
            raise LawError(self.errors)
        nodes: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        suggested: set[str] = set()
        for name, key, value in entries:
            if name not in KEYS:
                suggested.update(difflib.get_close_matches(name, KEYS, n=3, cutoff=0.6))
                self.error("E403", f"unknown key '{name}' in a scenario file", key,
                           notes=(*did_you_mean(name, KEYS), f"the keys are: {', '.join(KEYS)}"))
                continue
            nodes[name] = (key, value)
        for name in REQUIRED:
            # A misspelt required key has been reported already, with its correction.
            if name not in nodes and name not in suggested:
                self.error("E404", f"the scenario has no '{name}'", self.start(root),
                           notes=(f"add a line '{name}: ...' (see scenarios/README.md)",))
        title = self.text(nodes["title"][1], "'title'") if "title" in nodes else None
        source = self.texts(nodes["source"][1], "'source'") if "source" in nodes else ()
        story = self.text(nodes["story"][1], "'story'") if "story" in nodes else ""
        facts, fact_spans, name_spans = self.facts(nodes["facts"][1]) if "facts" in nodes else ({}, {}, {})
        assume, assume_spans = self.assumptions(nodes["assume"][1], "'assume'") if "assume" in nodes else ({}, {})
        expectations = self.expectations(nodes["expect"][1]) if "expect" in nodes else ()
        if self.errors:
            raise LawError(self.errors)
        stem = os.path.splitext(os.path.basename(self.src.name))[0]
        return Scenario(
            id=stem, path=self.src.name, title=title or "", source=source or (), story=story or "",
            facts=facts, expectations=expectations, assumptions=assume,
            facts_span=self.span(nodes["facts"][0]), fact_spans=fact_spans, fact_name_spans=name_spans,
            assumption_spans=assume_spans,
        )

    def facts(self, node: yaml.Node):
        facts: dict[str, RawValue] = {}
        spans: dict[str, Span] = {}
        names: dict[str, Span] = {}
        for name, key, value in self.mapping(node, "'facts'") or ():
            raw = self.value(value, f"fact '{name}'")
            if raw is not None:
                facts[name] = raw
                spans[name] = self.span(value)
                names[name] = self.span(key)
        return facts, spans, names

    # -- expectations -----------------------------------------------------
    def expectations(self, node: yaml.Node) -> tuple[Expectation, ...]:
        out: list[Expectation] = []
        seen: dict[tuple, Expectation] = {}
        for name, key, value in self.mapping(node, "'expect'") or ():
            version = self.version_name(name, key)
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if not items:
                self.error("E402", f"the expectations for '{name}' are an empty list", value)
            for item in items:
                exp = self.expectation(version, key, item) if version else None
                if exp is None:
                    continue
                ident = (exp.version, tuple(sorted(exp.assumptions.items())))
                if ident in seen:
                    under = " under the same assumptions" if exp.assumptions else ""
                    self.error("E405", f"two expectations for '{name}'{under}", item,
                               labels=(Label(seen[ident].spans["verdict"], "the other one"),))
                    continue
                seen[ident] = exp
                out.append(exp)
        return tuple(out)

    def version_name(self, name: str, key: yaml.Node) -> str | None:
        parts = [p.strip() for p in name.split("+")]
        for part in parts:
            if "/" in part or "\\" in part:
                self.error("E420", f"'{name}' names a file with its folder; a version in a scenario file names "
                           "law files by name only", key,
                           notes=("write e.g. 'powers+hanif'; set the folder with --laws",))
                return None
            if not _STEM.fullmatch(part):
                self.error("E420", f"'{name}' is not a version name: write law file names joined by '+', "
                           "e.g. 'current' or 'powers+hanif'", key)
                return None
        return "+".join(p[:-4] if p.endswith(".law") else p for p in parts)

    def expectation(self, version: str, key: yaml.Node, node: yaml.Node) -> Expectation | None:
        what = f"the expectation for '{key.value}'"
        if isinstance(node, yaml.ScalarNode):
            verdict = self.verdict(node)
            return None if verdict is None else Expectation(version, verdict, span=self.span(key),
                                                            spans={"verdict": self.span(node)})
        entries = self.mapping(node, what)
        if entries is None:
            return None
        fields: dict[str, yaml.Node] = {}
        for name, k, value in entries:
            if name not in EXPECT_KEYS:
                self.error("E403", f"unknown key '{name}' in {what}", k,
                           notes=(*did_you_mean(name, EXPECT_KEYS), f"the keys are: {', '.join(EXPECT_KEYS)}"))
                continue
            fields[name] = value
        if "verdict" not in fields:
            self.error("E404", f"{what} has no 'verdict'", self.start(node),
                       notes=(f"the verdicts are: {', '.join(VERDICTS)}",))
            return None
        spans: dict[str, Span] = {"verdict": self.span(fields["verdict"])}
        verdict = self.verdict(fields["verdict"])
        remedy = self.remedy(fields["remedy"]) if "remedy" in fields else None
        if "remedy" in fields:
            spans["remedy"] = self.span(fields["remedy"])
        parties: dict[str, tuple[str, ...] | None] = {"plaintiffs": None, "relief": None}
        for part, label in (("plaintiffs", "plaintiff"), ("relief", "relief")):
            if part not in fields:
                continue
            names = self.names(fields[part], f"'{part}'")
            if names is None:
                continue
            parties[part] = tuple(sorted(set(names)))
            for item in (fields[part].value if isinstance(fields[part], yaml.SequenceNode) else [fields[part]]):
                spans[f"{label}:{item.value}"] = self.span(item)
            if remedy not in ("available", "conflict"):
                self.error("E421", f"'{part}' can only be checked when the remedy is 'available' or 'conflict'",
                           fields[part], notes=("add 'remedy: available'",))
        assume, assume_spans = ({}, {})
        if "assume" in fields:
            assume, assume_spans = self.assumptions(fields["assume"], f"'assume' of {what}")
        spans.update({f"assume:{n}": s for n, s in assume_spans.items()})
        if verdict is None or ("remedy" in fields and remedy is None):
            return None
        if remedy is not None and (remedy == "not a violation") != (verdict != "prohibited"):
            hint = ("a verdict of 'prohibited' has remedy 'none', 'available' or 'conflict'"
                    if verdict == "prohibited" else
                    f"only a prohibition raises a remedy question: with '{verdict}' the remedy is 'not a violation'")
            self.error("E421", f"remedy '{remedy}' does not go with verdict '{verdict}'", fields["remedy"],
                       notes=(hint,))
            return None
        return Expectation(version, verdict, remedy, parties["plaintiffs"], parties["relief"], assume,
                           span=self.span(key), spans=spans)

    def verdict(self, node: yaml.Node) -> Verdict | None:
        word = self.choice(node, "verdict", VERDICTS)
        return None if word is None else Verdict(word)

    def remedy(self, node: yaml.Node) -> RemedyStatus | None:
        word = self.choice(node, "remedy", REMEDY_STATUSES)
        return None if word is None else RemedyStatus(word)

    def choice(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> str | None:
        shown = ", ".join(f"'{a}'" if " " in a else a for a in allowed)
        if isinstance(node, yaml.ScalarNode) and node.tag not in (_YAML + "bool", _YAML + "null"):
            word = " ".join(node.value.split())
            if word in allowed:
                return word
            self.error("E421", f"'{node.value}' is not a {what}", node,
                       notes=(*did_you_mean(word, allowed), f"a {what} is one of: {shown}"))
            return None
        is_bool = isinstance(node, yaml.ScalarNode) and node.tag == _YAML + "bool"
        got = "a yes/no answer" if is_bool else ("empty" if isinstance(node, yaml.ScalarNode) else _kind(node))
        notes = ["YAML reads unquoted yes, no, on, off, true and false as yes/no answers"] if is_bool else []
        if is_bool and what == "remedy":
            notes.append("for no remedy, write 'remedy: none'")
        self.error("E421", f"a {what} is one of: {shown}; this is {got}", node, notes=notes)
        return None

    def names(self, node: yaml.Node, what: str) -> tuple[str, ...] | None:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or item.tag != _YAML + "str" or not item.value.strip():
                self.error("E402", f"{what} is a list of names, such as [detained_person, relatives]", item)
                return None
            out.append(item.value.strip())
        return tuple(out)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _YAML + "null":
        return "empty"
    return f"'{node.value}'" if len(node.value) <= 40 else f"'{node.value[:37]}...'"
