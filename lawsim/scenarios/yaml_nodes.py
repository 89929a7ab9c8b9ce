"""Reading composed YAML nodes of a scenario file, with positions for every problem.

Part of :mod:`lawsim.scenarios.load`.  :class:`NodeReader` holds the source
and the diagnostics found so far and knows how to read the shapes scenario
files use (a mapping with no repeated keys, a line of text, a fact value, an
on/off setting), reporting anything else at its file:line:column.

Plain scalars are converted by hand: decimal numbers become ints, YAML 1.1
booleans (``yes``/``no``/``on``/``off``/``true``/``false``) become bools,
everything else stays the text as written, which keeps YAML's surprises
(``010`` as octal, ``1:30`` as sexagesimal) out of fact values.
"""

from __future__ import annotations

import re

import yaml

from lawsim.diagnostics import Diagnostic, Label
from lawsim.scenarios.model import RawValue
from lawsim.source import SourceFile, Span

YAML_TAG = "tag:yaml.org,2002:"
_YAML = YAML_TAG
# libyaml's loader is several times faster and gives the same character-based marks; fall back to
# the pure-Python one where PyYAML was built without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A plain decimal of bounded length (the law's own numbers have at most 9 digits); anything else,
# longer numbers included, stays text and is refused with a message by lawsim.ir.values.
_DECIMAL = re.compile(r"-?[0-9]{1,18}")
# PyYAML's context for an error, e.g. "while parsing a flow sequence".
_CONTEXT = re.compile(r"while (?:parsing|scanning) an? (.+)")


class NodeReader:
    """Walks the composed YAML of one file, collecting diagnostics."""

    def __init__(self, source: SourceFile):
        self.src = source
        self.errors: list[Diagnostic] = []

    # -- helpers ----------------------------------------------------------
    def span(self, node: yaml.Node) -> Span:
        return Span.at(self.src, node.start_mark.index, node.end_mark.index)

    def content_span(self, node: yaml.Node) -> Span:
        """From the node's start to the end of its last scalar: a block collection's own end mark
        lies past the line break (and any comment lines) after it."""
        last = node
        # A flow collection ('[a, b]', '{...}') ends at its closing bracket; only block ones run on.
        while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and not last.flow_style and last.value:
            last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
        return Span.at(self.src, node.start_mark.index, last.end_mark.index)

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


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _YAML + "null":
        return "empty"
    return f"'{node.value}'" if len(node.value) <= 40 else f"'{node.value[:37]}...'"
