"""Structural diff of two law versions: which provisions and items changed.

Stage: compare.  Input: a *baseline* and a *reform* :class:`lawsim.ir.Law`
(and, optionally, each version's provenance: which bill amended what).  Output: a
:class:`StructuralDiff`, a closed set of small frozen records.

Provisions are matched by citation id, items inside a provision by their
identity: a rule by its id (``9-131(b):honour_detainer``, or
``9-131(b):rule2`` for the second unnamed rule), a definition or an
assumption by its name, a remedy by its id.  Equality is IR equality, which
ignores spans, so reformatting a provision changes nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union, assert_never

from lawsim import ir
from lawsim.semantics.cites import cite_sort_key
from lawsim.semantics.provenance import Provenance, Target


@dataclass(frozen=True, slots=True)
class Attribution:
    """Which bill a change comes from.

    ``side`` is 'reform' when a bill of the reform made the change, and
    'baseline' when the change undoes what a bill of the baseline did
    (e.g. comparing a bill version back to the law it amends).
    """

    bill: str
    side: str


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One rule, definition, assumption or remedy added, removed or modified.

    ``aspects`` names what changed in a modified item, e.g. ``('when',
    'exception 2')`` for a rule; it is empty for added and removed items.
    """

    kind: str  # 'rule' | 'definition' | 'assumption' | 'parameter' | 'remedy'
    key: str
    change: str  # 'added' | 'removed' | 'modified'
    aspects: tuple[str, ...]
    attribution: Attribution | None


@dataclass(frozen=True, slots=True)
class Added:
    provision: ir.Provision
    attribution: Attribution | None


@dataclass(frozen=True, slots=True)
class Removed:
    provision: ir.Provision
    attribution: Attribution | None


@dataclass(frozen=True, slots=True)
class Modified:
    baseline: ir.Provision
    reform: ir.Provision
    items: tuple[ItemChange, ...]
    caption_changed: bool
    attribution: Attribution | None

    @property
    def id(self) -> str:
        return self.reform.id

    @property
    def renumbered(self) -> bool:
        """The provision moved to a new citation (the baseline's citation is ``baseline.id``)."""
        return self.baseline.id != self.reform.id


ProvisionChange = Union[Added, Removed, Modified]


@dataclass(frozen=True, slots=True)
class FactChange:
    """A fact that only one version declares, or whose domain differs."""

    name: str
    change: str  # 'added' | 'removed' | 'modified'
    baseline: ir.Fact | None
    reform: ir.Fact | None


@dataclass(frozen=True, slots=True)
class StructuralDiff:
    provisions: tuple[ProvisionChange, ...]
    facts: tuple[FactChange, ...]
    default_changed: bool

    @property
    def empty(self) -> bool:
        return not (self.provisions or self.facts or self.default_changed)


def provision_id(change: ProvisionChange) -> str:
    match change:
        case Added(provision=p) | Removed(provision=p):
            return p.id
        case Modified():
            return change.id
        case _:
            assert_never(change)


# ---------------------------------------------------------------- items


def _item_key(item: ir.Item) -> tuple[str, str]:
    match item:
        case ir.Rule(id=key):
            return "rule", key
        case ir.Definition(name=key):
            return "definition", key
        case ir.Assumption(name=key):
            return "assumption", key
        case ir.Parameter(name=key):
            return "parameter", key
        case ir.Remedy(id=key):
            return "remedy", key
        case _:
            assert_never(item)


def _rule_aspects(a: ir.Rule, b: ir.Rule) -> list[str]:
    out = []
    if a.agents != b.agents:
        out.append("agencies")
    if a.conducts != b.conducts:
        out.append("conducts")
    if a.prohibits != b.prohibits or a.duty != b.duty:
        out.append("modality")
    if a.when != b.when:
        out.append("when")
    for i in range(max(len(a.exceptions), len(b.exceptions))):
        if i >= len(a.exceptions):
            out.append(f"exception {i + 1} added")
        elif i >= len(b.exceptions):
            out.append(f"exception {i + 1} removed")
        elif a.exceptions[i] != b.exceptions[i]:
            out.append(f"exception {i + 1}")
    if a.overrides != b.overrides:
        out.append("overrides")
    return out


def _covers(before: frozenset[str], after: frozenset[str]) -> str:
    """'covers (now also § 9-131(f); no longer § 9-131(d))'.

    A remedy citing a whole section covers whatever that section holds, so
    this changes when another amendment adds or repeals a subdivision.
    """
    parts = []
    for word, ids in (("now also", after - before), ("no longer", before - after)):
        if ids:
            parts.append(f"{word} " + ", ".join(f"§ {i}" for i in sorted(ids, key=cite_sort_key)))
    return f"covers ({'; '.join(parts)})"


def _aspects(a: ir.Item, b: ir.Item) -> list[str]:
    match a, b:
        case ir.Rule(), ir.Rule():
            return _rule_aspects(a, b)
        case ir.Definition(), ir.Definition():
            return [n for n, x, y in (("caption", a.caption, b.caption), ("condition", a.expr, b.expr)) if x != y]
        case ir.Assumption(), ir.Assumption():
            return [n for n, x, y in (("description", a.description, b.description),
                                      ("default", a.default, b.default)) if x != y]
        case ir.Parameter(), ir.Parameter():
            return [n for n, x, y in (("caption", a.caption, b.caption), ("value", a.value, b.value)) if x != y]
        case ir.Remedy(), ir.Remedy():
            out = [] if a.covers == b.covers else [_covers(a.covers, b.covers)]
            return out + [n for n, x, y in (("plaintiffs", a.plaintiffs, b.plaintiffs), ("relief", a.relief, b.relief),
                                            ("when", a.when, b.when)) if x != y]
    return ["kind"]


class _Attributor:
    """Finds the bill behind a change: from each version's provenance, else from IR origins.

    A law built without its bills' provenance (in tests, say) can still name
    the bill that replaced or inserted an item, from the IR's origins, but not
    the one that repealed it.
    """

    def __init__(self, baseline: ir.Law, reform: ir.Law, baseline_provenance: Provenance | None,
                 reform_provenance: Provenance | None):
        self.sides = (("reform", reform, reform_provenance), ("baseline", baseline, baseline_provenance))

    @staticmethod
    def _origin(law: ir.Law, target: Target, key: str) -> str | None:
        if target == Target.PROVISION:
            prov = law.provision_map.get(key)
            return prov.origin if prov else None
        definition = law.definitions.get(key)
        return definition.origin if definition else None

    def __call__(self, *keys: tuple[Target, str]) -> Attribution | None:
        for side, law, provenance in self.sides:
            for target, key in keys:
                bill = (provenance.touched_by(target, key) if provenance is not None
                        else self._origin(law, target, key))
                if bill:
                    return Attribution(bill, side)
        return None


def _local(item: ir.Item, pid: str) -> ir.Item:
    """The item as it would be in provision ``pid`` (rules and remedies carry their provision)."""
    match item:
        case ir.Rule() | ir.Remedy():
            return replace(item, id=f"{pid}:{item.id.split(':', 1)[1]}", provision=pid)
        case ir.Definition() | ir.Assumption() | ir.Parameter():
            return replace(item, provision=pid)
        case _:
            assert_never(item)


def _item_changes(a: ir.Provision, b: ir.Provision, attribute: _Attributor) -> tuple[ItemChange, ...]:
    """Items added, removed and modified from ``a`` to ``b``, matched by their identity within the provision.

    When the provision was renumbered, ``a``'s items are read as if they stood under ``b``'s citation.
    """
    before = {_item_key(i): i for i in (_local(i, b.id) for i in a.items)}
    after = {_item_key(i): i for i in b.items}
    out = []
    pkey = (Target.PROVISION, b.id)
    for key in sorted(before.keys() | after.keys()):
        kind, name = key
        keys = ((Target.DEFINITION, name), pkey) if kind == "definition" else (pkey,)
        shown = name if key in after or b.id == a.id else f"{a.id}:{name.split(':', 1)[1]}"
        if key not in after:
            out.append(ItemChange(kind, shown, "removed", (), attribute(*keys)))
        elif key not in before:
            out.append(ItemChange(kind, name, "added", (), attribute(*keys)))
        elif before[key] != after[key]:
            aspects = tuple(_aspects(before[key], after[key]))
            out.append(ItemChange(kind, name, "modified", aspects, attribute(*keys)))
    return tuple(out)


def _renumbered(baseline: ir.Law, reform: ir.Law, baseline_provenance: Provenance | None,
                reform_provenance: Provenance | None) -> dict[str, str]:
    """Baseline citation -> reform citation, for each provision a bill renumbered (either way round)."""
    pairs: dict[str, str] = {}
    if reform_provenance is not None:
        for new, old in reform_provenance.renumbered().items():
            pairs[old] = new
    if baseline_provenance is not None:  # comparing back: the baseline's bill renumbered old as new
        for new, old in baseline_provenance.renumbered().items():
            pairs[new] = old
    return {old: new for old, new in pairs.items() if old in baseline.provision_map and new in reform.provision_map}


def structural_diff(baseline: ir.Law, reform: ir.Law, baseline_provenance: Provenance | None = None,
                    reform_provenance: Provenance | None = None) -> StructuralDiff:
    """Provisions and facts added, removed and modified from baseline to reform.

    Each version's provenance says which of its bills amended what; without
    it only the IR origins are used, which cannot attribute a repeal.
    """
    attribute = _Attributor(baseline, reform, baseline_provenance, reform_provenance)
    before = baseline.provision_map
    after = reform.provision_map
    moved = _renumbered(baseline, reform, baseline_provenance, reform_provenance)
    moved_to = set(moved.values())
    changes: list[ProvisionChange] = []
    for pid in sorted(before.keys() | after.keys(), key=cite_sort_key):
        who = attribute((Target.PROVISION, pid))
        if pid in moved:
            a, b = before[pid], after[moved[pid]]
            moved_who = attribute((Target.PROVISION, b.id), (Target.PROVISION, pid))
            changes.append(Modified(a, b, _item_changes(a, b, attribute), a.caption != b.caption, moved_who))
        # What is left on each side once a move has taken its provisions (a moved provision may land
        # on a citation whose old provision was repealed, or leave its old citation to a new one).
        old = None if pid in moved else before.get(pid)
        new = None if pid in moved_to else after.get(pid)
        if old is None and new is None:
            continue
        if new is None:
            assert old is not None
            changes.append(Removed(old, who))
        elif old is None:
            changes.append(Added(new, who))
        elif old != new:
            a, b = old, new
            items = _item_changes(a, b, attribute)
            who = who or next((i.attribution for i in items if i.attribution), None)
            changes.append(Modified(a, b, items, a.caption != b.caption, who))
    facts = []
    for name in sorted(baseline.fact_map.keys() | reform.fact_map.keys()):
        fold, fnew = baseline.fact_map.get(name), reform.fact_map.get(name)
        if fold is None:
            facts.append(FactChange(name, "added", None, fnew))
        elif fnew is None:
            facts.append(FactChange(name, "removed", fold, None))
        elif (fold.kind, fold.values) != (fnew.kind, fnew.values):
            facts.append(FactChange(name, "modified", fold, fnew))
    return StructuralDiff(tuple(changes), tuple(facts), baseline.default_prohibited != reform.default_prohibited)
