"""Apply bills to a base law, at the AST level.

Input: a base :class:`LawDoc` and bills (in order).  Output: a new LawDoc
(the base is never modified) and a map of origins saying which bill last
changed each provision, definition or fact (keys 'provision:<id>',
'definition:<name>', 'fact:<name>') and which bill repealed a provision or
definition ('repealed:provision:<id>', 'repealed:definition:<name>'), so
that later errors can say "repealed by bill ...".  Amending something that
does not exist, inserting something that does, and two amendments to the
same provision or definition (including replacing a provision and, apart,
a definition inside it) are all errors, reported together.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence, assert_never

from lawsim.diagnostics import Diagnostic, Label, LawError, did_you_mean
from lawsim.semantics.cites import cite_sort_key
from lawsim.syntax import ast


def _insert_position(provisions: list[ast.Provision], cite_id: str) -> int:
    """Index after the last provision that sorts before ``cite_id``."""
    key = cite_sort_key(cite_id)
    position = 0
    for i, prov in enumerate(provisions):
        if cite_sort_key(prov.cite.id) < key:
            position = i + 1
    return position


def apply_bills(base: ast.LawDoc, bills: Sequence[ast.BillBlock]) -> tuple[ast.LawDoc, dict[str, str]]:
    """Return ``base`` with every amendment of ``bills`` applied in order."""
    errors: list[Diagnostic] = []
    origins: dict[str, str] = {}
    touched: dict[str, tuple[str, object]] = {}  # key -> (bill number, amendment node)
    others = [i for i in base.items if not isinstance(i, ast.Provision)]
    provisions = list(base.provisions)
    new_facts: list[ast.FactDecl] = []

    def index_of(cite_id: str) -> int | None:
        return next((i for i, p in enumerate(provisions) if p.cite.id == cite_id), None)

    def claim(key: str, bill: ast.BillBlock, node, what: str, also: str | None = None) -> bool:
        """Record that ``node`` amends ``key``; an error if it (or ``also``) was amended already."""
        clash = key if key in touched else also if also in touched else None
        if clash is not None:
            other_bill, other_node = touched[clash]
            if clash != key:
                what = f"{what} (in § {clash.split(':', 1)[1]})"
            message = (f"{what} is amended twice by bill {bill.number}" if other_bill == bill.number
                       else f"{what} is amended by both {other_bill} and {bill.number}")
            errors.append(Diagnostic(
                "E303", message, node.span,
                labels=(Label(other_node.span, f"first amended here by {other_bill}"),),
                notes=("each provision and definition may be amended once per version; merge the two "
                       "amendments",)))
            return False
        touched[key] = (bill.number, node)
        return True

    def find_definition(name: str) -> tuple[int, int] | None:
        for pi, prov in enumerate(provisions):
            for ii, item in enumerate(prov.items):
                if isinstance(item, ast.Definition) and item.name == name:
                    return pi, ii
        return None

    def definition_names() -> list[str]:
        return [i.name for p in provisions for i in p.items if isinstance(i, ast.Definition)]

    for bill in bills:
        for item in bill.items:
            match item:
                case ast.FactsBlock(decls=decls):
                    new_facts += decls
                    for decl in decls:
                        origins[f"fact:{decl.name}"] = bill.number
                case ast.ReplaceProvision(cite=cite) | ast.RepealProvision(cite=cite):
                    if not claim(f"provision:{cite.id}", bill, item, f"§ {cite.id}"):
                        continue
                    at = index_of(cite.id)
                    inner = [] if at is None else [i.name for i in provisions[at].items
                                                   if isinstance(i, ast.Definition)]
                    clashing = [n for n in inner if f"definition:{n}" in touched]
                    if clashing:
                        claim(f"definition:{clashing[0]}", bill, item, f"definition '{clashing[0]}'")
                        continue
                    for name in inner:
                        touched[f"definition:{name}"] = (bill.number, item)
                    at = index_of(cite.id)
                    if at is None:
                        verb = "replace" if isinstance(item, ast.ReplaceProvision) else "repeal"
                        errors.append(Diagnostic(
                            "E301", f"cannot {verb} § {cite.id}: the base law has no such provision", cite.span,
                            notes=(*did_you_mean(cite.id, [p.cite.id for p in provisions]),
                                   "use 'insert' to add a new provision")))
                        continue
                    if isinstance(item, ast.ReplaceProvision):
                        provisions[at] = ast.Provision(cite, item.caption, item.items, item.span)
                        origins[f"provision:{cite.id}"] = bill.number
                        for sub in item.items:
                            if isinstance(sub, ast.Definition):
                                origins[f"definition:{sub.name}"] = bill.number
                    else:
                        del provisions[at]
                        origins[f"repealed:provision:{cite.id}"] = bill.number
                        for name in inner:
                            origins[f"repealed:definition:{name}"] = bill.number
                case ast.InsertProvision(cite=cite):
                    if not claim(f"provision:{cite.id}", bill, item, f"§ {cite.id}"):
                        continue
                    at = index_of(cite.id)
                    if at is not None:
                        errors.append(Diagnostic(
                            "E302", f"cannot insert § {cite.id}: the base law already has it", cite.span,
                            labels=(Label(provisions[at].cite.span, "it is here"),) if provisions[at].cite.span else (),
                            notes=("use 'replace' to change an existing provision",)))
                        continue
                    provisions.insert(_insert_position(provisions, cite.id),
                                      ast.Provision(cite, item.caption, item.items, item.span))
                    origins[f"provision:{cite.id}"] = bill.number
                    for sub in item.items:
                        if isinstance(sub, ast.Definition):
                            origins[f"definition:{sub.name}"] = bill.number
                case ast.ReplaceDefinition(name=name) | ast.RepealDefinition(name=name):
                    found = find_definition(name)
                    home = f"provision:{provisions[found[0]].cite.id}" if found else None
                    if not claim(f"definition:{name}", bill, item, f"definition '{name}'", also=home):
                        continue
                    if found is None:
                        verb = "replace" if isinstance(item, ast.ReplaceDefinition) else "repeal"
                        errors.append(Diagnostic(
                            "E304", f"cannot {verb} definition '{name}': the base law has no such definition",
                            item.name_span or item.span, notes=did_you_mean(name, definition_names())))
                        continue
                    pi, ii = found
                    prov = provisions[pi]
                    items = list(prov.items)
                    if isinstance(item, ast.ReplaceDefinition):
                        items[ii] = ast.Definition(name, item.caption, item.cond, item.span, item.name_span)
                        origins[f"definition:{name}"] = bill.number
                    else:
                        del items[ii]
                        origins[f"repealed:definition:{name}"] = bill.number
                    provisions[pi] = replace(prov, items=tuple(items))
                case _:
                    assert_never(item)
    if errors:
        raise LawError(errors)
    items: list[ast.TopItem] = []
    for other in others:
        items.append(other)
    if new_facts:
        items.append(ast.FactsBlock(tuple(new_facts)))
    items += provisions
    return replace(base, items=tuple(items)), origins
