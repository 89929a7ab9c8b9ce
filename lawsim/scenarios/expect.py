"""Reading the ``expect:`` part of a scenario file: what each version must conclude.

Part of :mod:`lawsim.scenarios.load`: a mixin of its reader.  Reports bad
version names (E420), verdicts and remedies (E421), and two expectations
for one version under the same assumptions (E405).
"""

from __future__ import annotations

import re

import yaml

from lawsim.diagnostics import Label, did_you_mean
from lawsim.ir.vocab import REMEDY_STATUSES, VERDICTS, RemedyStatus, Verdict
from lawsim.scenarios.model import Expectation
from lawsim.scenarios.yaml_nodes import YAML_TAG as _YAML
from lawsim.scenarios.yaml_nodes import NodeReader, _kind
from lawsim.source import Span

EXPECT_KEYS = ("verdict", "remedy", "plaintiffs", "relief", "assume")
# One part of a version name: a law or bill file in the laws folder, by name.
_STEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class ExpectationReader(NodeReader):
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
                                                            spans={"verdict": self.span(node), "node": self.span(node)})
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
        # 'node' and the name lists are where `lawsim test --update` rewrites the expectation.
        spans: dict[str, Span] = {"verdict": self.span(fields["verdict"]), "node": self.content_span(node)}
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
            spans[part] = self.content_span(fields[part])
            for item in (fields[part].value if isinstance(fields[part], yaml.SequenceNode) else [fields[part]]):
                spans[f"{label}:{item.value}"] = self.span(item)
            if remedy not in ("available", "conflict"):
                self.error("E421", f"'{part}' can only be checked when the remedy is 'available' or 'conflict'",
                           fields[part], notes=("add 'remedy: available'",))
        assume: dict[str, bool] = {}
        assume_spans: dict[str, Span] = {}
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
