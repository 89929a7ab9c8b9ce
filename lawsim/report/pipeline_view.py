"""Words for pipeline results, shared by the text, JSON, dot and SVG renderers.

Stage: report.  Input: parts of a :class:`~lawsim.pipeline.Reachability` or
:class:`~lawsim.pipeline.PipelineDiff`.  Output: short phrases a reader
understands without the .law language (identifiers stay in the detail).
"""

from __future__ import annotations

from lawsim.ir.pipeline import Contact
from lawsim.ir.vocab import ContactKind, Verdict
from lawsim.pipeline.graph import Path
from lawsim.pipeline.model import PersonRegion, RuleRef, Side
from lawsim.report.compare_view import description, item_label, number


def profiles(n: int) -> str:
    return f"{number(n)} person profile{'' if n == 1 else 's'}"


def kind_words(contact: Contact) -> str:
    match contact.kind:
        case ContactKind.INFORMATION:
            return "information flow"
        case ContactKind.HANDOFF:
            return "physical hand-off"


def conduct_words(contact: Contact) -> str:
    return f"{contact.agency.upper() if len(contact.agency) <= 4 else contact.agency}: {contact.conduct}"


def path_text(path: Path) -> str:
    """'arrest → arraignment (CPL § 140.20) → ... ⇒ ice_knowledge': stage names, each move with the
    authority for it; the last step (⇒) is the contact point, whose provisions the regions name."""
    steps = [path.stages[0]] + [f"{m.target} ({'; '.join(m.sources)})" for m in path.moves]
    return " → ".join(steps) + f" ⇒ {path.stages[-1]}"


def rule_text(rule: RuleRef) -> str:
    origin = f", text of {rule.origin}" if rule.origin else ""
    return f'{item_label("rule", rule.id)} ("{rule.caption}"{origin})'


def side_text(side: Side) -> str:
    """'permitted by § 9-131(h)(2) rule communication_allowed (...)'; the default when no rule decides."""
    verdict = {Verdict.PERMITTED: "permitted", Verdict.PROHIBITED: "prohibited",
               Verdict.CONFLICT: "in conflict"}[side.verdict]
    if not side.rules:
        return f"{verdict}: no rule applies, so the law's default decides"
    return f"{verdict} by " + "; ".join(rule_text(r) for r in side.rules)


def region_text(region: PersonRegion) -> str:
    return description(region.conditions).replace("every scenario", "every person profile considered")


def witness_text(region: PersonRegion) -> str:
    return ", ".join(f"{k}={v}" for k, v in region.witness)
