"""Generic traversal of IR conditions, so passes that only collect nodes need not repeat the match."""

from __future__ import annotations

from typing import Iterator, assert_never

from lawsim.ir.nodes import AllOf, AnyOf, AssumeRef, Cmp, Const, DefRef, Expr, In, Neg


def subexpressions(expr: Expr) -> Iterator[Expr]:
    """Every node of ``expr``, itself first, depth first, left to right.

    Definitions are not followed: a :class:`DefRef` is yielded as a leaf.
    """
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        match node:
            case Neg(operand=operand):
                stack.append(operand)
            case AllOf(items=items) | AnyOf(items=items):
                stack.extend(reversed(items))
            case Const() | In() | Cmp() | DefRef() | AssumeRef():
                pass
            case _:
                assert_never(node)
