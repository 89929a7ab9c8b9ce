"""Stage 3, IR: a checked law version as typed predicate trees.

Produced by :func:`lawsim.semantics.lower`; consumed by the engine, the
comparison and the reports.  All names are resolved: a condition refers to
facts by name with values known to be in their domain, to definitions by
name, and to assumptions by name.  Spans and origins (which bill last
changed a provision) never count for equality.
"""

from lawsim.ir.nodes import (
    AnyOf,
    AllOf,
    Assumption,
    AssumeRef,
    BillInfo,
    Cmp,
    Const,
    DefRef,
    Definition,
    Expr,
    Fact,
    In,
    Law,
    Neg,
    Provision,
    Remedy,
    Rule,
)

__all__ = [
    "AnyOf", "AllOf", "Assumption", "AssumeRef", "BillInfo", "Cmp", "Const", "DefRef", "Definition",
    "Expr", "Fact", "In", "Law", "Neg", "Provision", "Remedy", "Rule",
]
