"""Which bills, and which of their amendments, change any outcome at all.

Stage: compare.  Input: the documents a version is built from (its base
law and its bills, as ASTs).  Output: the amendment maps used to attribute
structural changes to bills, and warnings:

* W601 - a bill whose removal from the version changes no verdict and no
  remedy in any scenario;
* W602 - one amendment of a bill (with several) whose removal changes
  nothing.

"Changes nothing" is checked over the whole scenario space, under the
default assumptions and with each assumption flipped.  An amendment that
other amendments need (so the version does not check without it) is not
reported: it cannot be removed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence, assert_never

from lawsim import ir
from lawsim.diagnostics import Diagnostic, LawError
from lawsim.semantics import apply_bills, lower
from lawsim.semantics.load import Version, load_document
from lawsim.syntax import ast


@dataclass(frozen=True)
class Sources:
    """The ASTs a version was built from: its base law and its bills in order."""

    base: ast.LawDoc
    bills: tuple[ast.BillBlock, ...]


def version_sources(version: Version) -> Sources:
    """Re-read the files of ``version`` (its first path is the base law)."""
    base = load_document(version.paths[0])
    assert isinstance(base, ast.LawDoc)
    blocks: list[ast.BillBlock] = []
    for path in version.paths[1:]:
        doc = load_document(path)
        assert isinstance(doc, ast.BillDoc)
        blocks += doc.blocks
    return Sources(base, tuple(blocks))


def _targets(item: ast.BillItem) -> list[str]:
    match item:
        case ast.FactsBlock():
            return []
        case ast.ReplaceProvision(cite=cite, items=items) | ast.InsertProvision(cite=cite, items=items):
            return [f"provision:{cite.id}"] + [f"definition:{i.name}" for i in items if isinstance(i, ast.Definition)]
        case ast.RepealProvision(cite=cite):
            return [f"provision:{cite.id}"]
        case ast.ReplaceDefinition(name=name) | ast.RepealDefinition(name=name):
            return [f"definition:{name}"]
        case _:
            assert_never(item)


def amendment_map(sources: Sources) -> dict[str, str]:
    """'provision:<id>' / 'definition:<name>' -> number of the bill that amended it."""
    out: dict[str, str] = {}
    for block in sources.bills:
        for item in block.items:
            for key in _targets(item):
                out[key] = block.number
    return out


def describe_amendment(item: ast.BillItem) -> str:
    match item:
        case ast.ReplaceProvision(cite=cite):
            return f"replace § {cite.id}"
        case ast.InsertProvision(cite=cite):
            return f"insert § {cite.id}"
        case ast.RepealProvision(cite=cite):
            return f"repeal § {cite.id}"
        case ast.ReplaceDefinition(name=name):
            return f"replace definition {name}"
        case ast.RepealDefinition(name=name):
            return f"repeal definition {name}"
        case ast.FactsBlock():
            return "facts"
        case _:
            assert_never(item)


def _build(sources: Sources, bills: Sequence[ast.BillBlock]) -> ir.Law | None:
    try:
        doc, origins = apply_bills(sources.base, bills) if bills else (sources.base, {})
        law, _ = lower(doc, origins=origins)
    except LawError:
        return None
    return law


def _changes_nothing(law: ir.Law, variant: ir.Law | None) -> bool:
    from lawsim.compare.semantic import same_everywhere

    return variant is not None and same_everywhere(variant, law)


def ineffective(sources: Sources, law: ir.Law) -> list[Diagnostic]:
    """W601/W602 warnings for the bills of one version (``law`` is the version itself)."""
    out: list[Diagnostic] = []
    bills = list(sources.bills)
    for i, block in enumerate(bills):
        others = bills[:i] + bills[i + 1:]
        if _changes_nothing(law, _build(sources, others)):
            out.append(Diagnostic("W601", f"bill {block.number} changes no verdict or remedy in any scenario",
                                  block.span, severity="warning",
                                  notes=("the version without this bill gives every scenario the same outcome",)))
            continue
        amendments = [item for item in block.items if not isinstance(item, ast.FactsBlock)]
        if len(amendments) < 2:
            continue
        for item in amendments:
            trimmed = replace(block, items=tuple(x for x in block.items if x is not item))
            if _changes_nothing(law, _build(sources, bills[:i] + [trimmed] + bills[i + 1:])):
                out.append(Diagnostic(
                    "W602", f"the amendment '{describe_amendment(item)}' of bill {block.number} changes no verdict "
                    f"or remedy in any scenario", item.span, severity="warning",
                    notes=("the version without this amendment gives every scenario the same outcome",)))
    return out
