"""Which bills, and which of their amendments, change any outcome at all.

Stage: compare.  Input: :class:`lawsim.semantics.Version` values (each
carries its base law's AST and its bills).  Output: warnings:

* W601 - a bill whose removal from the version changes no verdict and no
  remedy in any scenario;
* W602 - one amendment of a bill (with several) whose removal changes
  nothing.

"Changes nothing" is checked over the whole scenario space, under the
default assumptions and with each assumption flipped.  An amendment that
other amendments need (so the version does not check without it) is not
reported: it cannot be removed on its own.

Every variant (the version without one bill, or one amendment) is built
from the version's own ASTs, never from disk, and at most once per
:class:`Variants` however many versions share the bill; so is the check of
whether it changes anything.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, assert_never

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError, Severity
from lawsim.semantics import Version, build_law
from lawsim.syntax import ast

#: Whether two laws give every scenario the same outcome under every reading.
SameEverywhere = Callable[[ir.Law, ir.Law], bool]


def describe_amendment(item: ast.BillItem) -> str:
    match item:
        case ast.ReplaceProvision(cite=cite):
            return f"replace § {cite.id}"
        case ast.InsertProvision(cite=cite):
            return f"insert § {cite.id}"
        case ast.RepealProvision(cite=cite):
            return f"repeal § {cite.id}"
        case ast.RenumberProvision(cite=cite, to=to):
            return f"renumber § {cite.id} as § {to.id}"
        case ast.Constraint(name=name):
            return f"constraint {name}"
        case ast.ReplaceDefinition(name=name):
            return f"replace definition {name}"
        case ast.RepealDefinition(name=name):
            return f"repeal definition {name}"
        case ast.FactsBlock():
            return "facts"
        case _:
            assert_never(item)


# A variant: the version's bills, each kept whole (None), left out (-1) or without its amendment number k.
_Plan = tuple[tuple[int, int | None], ...]


class Variants:
    """Variants of versions, built and judged once each.

    A variant is keyed by the identity of the base AST and of each bill block
    with what is left out of it; a :class:`lawsim.semantics.Loader` shares
    these objects between the versions it builds, so a bill that two versions
    both apply is judged once.
    """

    def __init__(self, same_everywhere: SameEverywhere):
        self._same = same_everywhere
        self._laws: dict[tuple[int, _Plan], ir.Law | None] = {}
        self._verdicts: dict[tuple[int, _Plan, int], bool] = {}
        self._keep: list[object] = []  # the keyed objects stay alive, so their ids stay unique

    def _law(self, version: Version, plan: _Plan) -> ir.Law | None:
        key = (id(version.base), plan)
        if key not in self._laws:
            bills = []
            for block, (_, drop) in zip(version.bills, plan):
                if drop == -1:
                    continue
                if drop is not None:
                    block = replace(block, items=tuple(x for k, x in enumerate(block.items) if k != drop))
                bills.append(block)
            try:
                self._laws[key] = build_law(version.base, bills)[0]
            except LawError:
                self._laws[key] = None
        return self._laws[key]

    def changes_nothing(self, version: Version, bill: int, item: int | None = None) -> bool:
        """True if the version without bill number ``bill`` (or only its item ``item``) is the same everywhere."""
        plan = tuple((id(b), (-1 if item is None else item) if i == bill else None)
                     for i, b in enumerate(version.bills))
        key = (id(version.base), plan, id(version.law))
        if key not in self._verdicts:
            self._keep += [version.base, version.law, *version.bills]
            variant = self._law(version, plan)
            self._verdicts[key] = variant is not None and self._same(variant, version.law)
        return self._verdicts[key]


def ineffective(version: Version, variants: Variants) -> list[Diagnostic]:
    """W601/W602 warnings for the bills of one version."""
    out: list[Diagnostic] = []
    for i, block in enumerate(version.bills):
        if variants.changes_nothing(version, i):
            out.append(Diagnostic("W601", f"bill {block.number} changes no verdict or remedy in any scenario",
                                  block.span, severity=Severity.WARNING,
                                  notes=("the version without this bill gives every scenario the same outcome",)))
            continue
        amendments = [k for k, item in enumerate(block.items) if not isinstance(item, ast.FactsBlock)]
        if len(amendments) < 2:
            continue
        for k in amendments:
            item = block.items[k]
            if variants.changes_nothing(version, i, k):
                out.append(Diagnostic(
                    "W602", f"the amendment '{describe_amendment(item)}' of bill {block.number} changes no verdict "
                    f"or remedy in any scenario", item.span, severity=Severity.WARNING,
                    notes=("the version without this amendment gives every scenario the same outcome",)))
    return out
