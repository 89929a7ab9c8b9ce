"""Apply bills to a base law, at the AST level.

Input: a base :class:`LawDoc` and bills (in order).  Output: a new LawDoc
(the base is never modified) and the :class:`Provenance` of the result:
which bill added, replaced or repealed each provision, definition and fact.
Amending something that does not exist, inserting something that does, and
two amendments to the same provision or definition (including replacing a
provision and, apart, a definition inside it) are all errors, reported
together.

Each kind of amendment is one function over the shared :class:`_Amending`
state, called in bill order by :func:`apply_bills`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence, assert_never

from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean
from lawsim.semantics.cites import cite_sort_key
from lawsim.semantics.provenance import Action, Change, Provenance, Target
from lawsim.source import Span
from lawsim.syntax import ast

_Node = ast.BillItem


@dataclass
class _Amending:
    """The law as it is being amended, and what has happened to it so far."""

    provisions: list[ast.Provision]
    new_facts: list[ast.FactDecl] = field(default_factory=list)
    new_constraints: list[ast.Constraint] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    # 'provision:<id>' / 'definition:<name>' -> (bill number, amendment), to refuse a second amendment
    touched: dict[str, tuple[str, _Node]] = field(default_factory=dict)

    def index_of(self, cite_id: str) -> int | None:
        return next((i for i, p in enumerate(self.provisions) if p.cite.id == cite_id), None)

    def find_definition(self, name: str) -> tuple[int, int] | None:
        for pi, prov in enumerate(self.provisions):
            for ii, item in enumerate(prov.items):
                if isinstance(item, ast.Definition) and item.name == name:
                    return pi, ii
        return None

    def definition_names(self) -> list[str]:
        return [i.name for p in self.provisions for i in p.items if isinstance(i, ast.Definition)]

    def record(self, bill: ast.BillBlock, action: Action, target: Target, key: str, span: Span | None) -> None:
        self.changes.append(Change(bill.number, action, target, key, span))

    def claim(self, key: str, bill: ast.BillBlock, node: _Node, what: str, also: str | None = None) -> bool:
        """Record that ``node`` amends ``key``; an error (E303) if it, or ``also``, was amended already."""
        clash = key if key in self.touched else also if also is not None and also in self.touched else None
        if clash is None:
            self.touched[key] = (bill.number, node)
            return True
        other_bill, other_node = self.touched[clash]
        if clash != key:
            what = f"{what} (in § {clash.split(':', 1)[1]})"
        message = (f"{what} is amended twice by bill {bill.number}" if other_bill == bill.number
                   else f"{what} is amended by both {other_bill} and {bill.number}")
        self.errors.append(Diagnostic(
            "E303", message, node.span,
            labels=(Label(other_node.span, f"first amended here by {other_bill}"),) if other_node.span else (),
            notes=("each provision and definition may be amended once per version; merge the two amendments",)))
        return False


def _definitions(items: Sequence[ast.ProvisionItem]) -> list[ast.Definition]:
    return [i for i in items if isinstance(i, ast.Definition)]


def _insert_position(provisions: list[ast.Provision], cite_id: str) -> int:
    """Index after the last provision that sorts before ``cite_id``."""
    key = cite_sort_key(cite_id)
    position = 0
    for i, prov in enumerate(provisions):
        if cite_sort_key(prov.cite.id) < key:
            position = i + 1
    return position


def _facts(state: _Amending, bill: ast.BillBlock, item: ast.FactsBlock) -> None:
    state.new_facts += item.decls
    for decl in item.decls:
        state.record(bill, Action.ADDED, Target.FACT, decl.name, decl.span)


def _replace_or_repeal_provision(state: _Amending, bill: ast.BillBlock,
                                 item: ast.ReplaceProvision | ast.RepealProvision) -> None:
    cite = item.cite
    if not state.claim(f"provision:{cite.id}", bill, item, f"§ {cite.id}"):
        return
    at = state.index_of(cite.id)
    inner = [] if at is None else [d.name for d in _definitions(state.provisions[at].items)]
    clashing = [n for n in inner if f"definition:{n}" in state.touched]
    if clashing:
        state.claim(f"definition:{clashing[0]}", bill, item, f"definition '{clashing[0]}'")
        return
    for name in inner:
        state.touched[f"definition:{name}"] = (bill.number, item)
    if at is None:
        verb = "replace" if isinstance(item, ast.ReplaceProvision) else "repeal"
        state.errors.append(Diagnostic(
            "E301", f"cannot {verb} § {cite.id}: the base law has no such provision", cite.span,
            notes=(*did_you_mean(cite.id, [p.cite.id for p in state.provisions]),
                   "use 'insert' to add a new provision")))
        return
    if isinstance(item, ast.RepealProvision):
        del state.provisions[at]
        state.record(bill, Action.REPEALED, Target.PROVISION, cite.id, item.span)
        for name in inner:
            state.record(bill, Action.REPEALED, Target.DEFINITION, name, item.span)
        return
    state.provisions[at] = ast.Provision(cite, item.caption, item.items, item.span)
    state.record(bill, Action.REPLACED, Target.PROVISION, cite.id, item.span)
    kept = set()
    for definition in _definitions(item.items):
        kept.add(definition.name)
        action = Action.REPLACED if definition.name in inner else Action.ADDED
        state.record(bill, action, Target.DEFINITION, definition.name, definition.span)
    for name in inner:
        if name not in kept:  # the new text leaves the definition out: it is gone
            state.record(bill, Action.REPEALED, Target.DEFINITION, name, item.span)


def _constraint(state: _Amending, bill: ast.BillBlock, item: ast.Constraint) -> None:
    state.new_constraints.append(item)
    state.record(bill, Action.ADDED, Target.CONSTRAINT, item.name, item.span)


def _renumber_provision(state: _Amending, bill: ast.BillBlock, item: ast.RenumberProvision) -> None:
    old, new = item.cite, item.to
    if not state.claim(f"provision:{old.id}", bill, item, f"§ {old.id}"):
        return
    at = state.index_of(old.id)
    if at is None:
        state.errors.append(Diagnostic(
            "E301", f"cannot renumber § {old.id}: the base law has no such provision", old.span,
            notes=did_you_mean(old.id, [p.cite.id for p in state.provisions])))
        return
    clash = state.index_of(new.id)
    if clash is not None or old.id == new.id:
        existing = state.provisions[clash].cite.span if clash is not None else None
        state.errors.append(Diagnostic(
            "E302", f"cannot renumber § {old.id} as § {new.id}: the law already has § {new.id}", new.span,
            labels=(Label(existing, "it is here"),) if existing else (),
            notes=("renumber or repeal that provision first, in the same bill",)))
        return
    moved = state.provisions.pop(at)
    state.provisions.insert(_insert_position(state.provisions, new.id),
                            ast.Provision(new, moved.caption, moved.items, moved.span))
    state.changes.append(Change(bill.number, Action.RENUMBERED, Target.PROVISION, new.id, item.span, old.id))


def _insert_provision(state: _Amending, bill: ast.BillBlock, item: ast.InsertProvision) -> None:
    cite = item.cite
    if not state.claim(f"provision:{cite.id}", bill, item, f"§ {cite.id}"):
        return
    at = state.index_of(cite.id)
    if at is not None:
        existing = state.provisions[at].cite.span
        state.errors.append(Diagnostic(
            "E302", f"cannot insert § {cite.id}: the base law already has it", cite.span,
            labels=(Label(existing, "it is here"),) if existing else (),
            notes=("use 'replace' to change an existing provision",)))
        return
    state.provisions.insert(_insert_position(state.provisions, cite.id),
                            ast.Provision(cite, item.caption, item.items, item.span))
    state.record(bill, Action.ADDED, Target.PROVISION, cite.id, item.span)
    for definition in _definitions(item.items):
        state.record(bill, Action.ADDED, Target.DEFINITION, definition.name, definition.span)


def _amend_definition(state: _Amending, bill: ast.BillBlock,
                      item: ast.ReplaceDefinition | ast.RepealDefinition) -> None:
    name = item.name
    found = state.find_definition(name)
    home = f"provision:{state.provisions[found[0]].cite.id}" if found else None
    if not state.claim(f"definition:{name}", bill, item, f"definition '{name}'", also=home):
        return
    if found is None:
        verb = "replace" if isinstance(item, ast.ReplaceDefinition) else "repeal"
        state.errors.append(Diagnostic(
            "E304", f"cannot {verb} definition '{name}': the base law has no such definition",
            item.name_span or item.span, notes=did_you_mean(name, state.definition_names())))
        return
    pi, ii = found
    prov = state.provisions[pi]
    items = list(prov.items)
    if isinstance(item, ast.ReplaceDefinition):
        items[ii] = ast.Definition(name, item.caption, item.cond, item.span, item.name_span)
        state.record(bill, Action.REPLACED, Target.DEFINITION, name, item.span)
    else:
        del items[ii]
        state.record(bill, Action.REPEALED, Target.DEFINITION, name, item.span)
    state.provisions[pi] = replace(prov, items=tuple(items))


def apply_bills(base: ast.LawDoc, bills: Sequence[ast.BillBlock]) -> tuple[ast.LawDoc, Provenance]:
    """Return ``base`` with every amendment of ``bills`` applied in order, and its provenance."""
    state = _Amending(list(base.provisions))
    for bill in bills:
        for item in bill.items:
            match item:
                case ast.FactsBlock():
                    _facts(state, bill, item)
                case ast.ReplaceProvision() | ast.RepealProvision():
                    _replace_or_repeal_provision(state, bill, item)
                case ast.InsertProvision():
                    _insert_provision(state, bill, item)
                case ast.RenumberProvision():
                    _renumber_provision(state, bill, item)
                case ast.Constraint():
                    _constraint(state, bill, item)
                case ast.ReplaceDefinition() | ast.RepealDefinition():
                    _amend_definition(state, bill, item)
                case _:
                    assert_never(item)
    if state.errors:
        raise LawError(state.errors)
    items: list[ast.TopItem] = [i for i in base.items if not isinstance(i, ast.Provision)]
    if state.new_facts:
        items.append(ast.FactsBlock(tuple(state.new_facts)))
    items += state.new_constraints
    items += state.provisions
    return replace(base, items=tuple(items)), Provenance(tuple(state.changes))
