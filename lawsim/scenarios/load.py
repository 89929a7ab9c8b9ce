"""Read scenario files: YAML text to :class:`Scenario` values.

Input: paths of scenario files or folders.  Output: a list of
:class:`~lawsim.scenarios.model.Scenario`, sorted by path.  Errors: every
problem in every file is collected and raised in one
:class:`~lawsim.diagnostics.LawError` (E40x for the file and its shape,
E42x for expectations, E430 for assumption values), never a YAML exception.

The YAML is *composed* (PyYAML's node graph, safe tags only) rather than
loaded, so each key and value keeps its position and the checks here can
point at it (:mod:`~lawsim.scenarios.yaml_nodes`; the ``expect:`` part in
:mod:`~lawsim.scenarios.expect`).  Checks that need a law version live in
:mod:`lawsim.scenarios.check`.
"""

from __future__ import annotations

import difflib
import os
from typing import Sequence

import yaml

from lawsim.diagnostics import Diagnostic, LawError, closest, did_you_mean
from lawsim.files import read_source
from lawsim.scenarios.expect import ExpectationReader
from lawsim.scenarios.model import RawValue, Scenario
from lawsim.scenarios.yaml_nodes import YAML_TAG as _YAML
from lawsim.source import SourceFile, Span

SUFFIXES = (".yaml", ".yml")
KEYS = ("title", "source", "story", "facts", "assume", "expect")
REQUIRED = ("title", "facts")


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
        if not os.path.exists(path) and (near := _near_scenarios(path)):
            errors.append(Diagnostic("E001", f"cannot read {path}: no such file", file=path, notes=near))
            continue
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


def _near_scenarios(path: str) -> tuple[str, ...]:
    """'did you mean' for a scenario file that is not there: files of its folder with a close id.

    A path without a folder is also looked up in ./scenarios, where people keep them.
    """
    folder, name = os.path.split(path)
    stem = name[: -len(ext)] if (ext := os.path.splitext(name)[1]) in SUFFIXES else name
    for where in dict.fromkeys([folder or ".", *([] if folder else ["scenarios"])]):
        try:
            files = sorted(n for n in os.listdir(where) if n.endswith(SUFFIXES))
        except OSError:
            continue
        ids = {os.path.splitext(n)[0]: n for n in files}
        close = [ids[i] for i in closest(stem, ids)]
        if close:
            shown = [os.path.join(where, n) if (folder or where != ".") else n for n in close]
            return ("did you mean " + " or ".join(f"'{s}'" for s in shown) + "?",)
    return ()


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


class _Reader(ExpectationReader):
    """Reads one scenario file: its top-level keys and its facts."""

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
