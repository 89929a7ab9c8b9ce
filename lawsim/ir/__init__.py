"""Stage 3, IR: a checked law version as typed predicate trees.

Produced by :mod:`lawsim.semantics` (which lowers checked ASTs to these
nodes); consumed by the engine, the comparison and the reports.  All names
are resolved: a condition refers to facts by name with values known to be
in their domain, to definitions by name, and to assumptions by name.  Spans
and origins (the bill whose text an item is) never count for equality.

The IR imports nothing from the stages that build it: it is the vocabulary
every later stage shares (:mod:`lawsim.ir.vocab`), the one parser of fact
values (:mod:`lawsim.ir.values`) and one traversal (:mod:`lawsim.ir.walk`).
"""

from lawsim.ir.nodes import (
    AllOf,
    AnyOf,
    AssumeRef,
    Assumption,
    BillInfo,
    Cmp,
    Const,
    Constraint,
    Definition,
    DefRef,
    Expr,
    Fact,
    In,
    Item,
    Law,
    Neg,
    Parameter,
    Provision,
    Remedy,
    Rule,
)
from lawsim.ir.vocab import CmpOp, FactKind, RemedyStatus, StepStatus, Verdict

__all__ = [
    "AllOf", "AnyOf", "AssumeRef", "Assumption", "BillInfo", "Cmp", "CmpOp", "Const", "Constraint", "DefRef",
    "Definition", "Expr", "Fact", "FactKind", "In", "Item", "Law", "Neg", "Parameter", "Provision", "Remedy",
    "RemedyStatus", "Rule", "StepStatus", "Verdict",
]
