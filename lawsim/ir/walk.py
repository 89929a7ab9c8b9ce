"""Generic traversal of IR conditions, so passes that only collect or substitute need not repeat the match."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Mapping, assert_never

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


def replace_comparisons(expr: Expr, values: Mapping[str, int]) -> Expr:
    """``expr`` with every comparison against a parameter named in ``values`` using that value."""
    match expr:
        case Cmp(parameter=str() as parameter) if parameter in values:
            return replace(expr, value=values[parameter])
        case Const() | In() | Cmp() | DefRef() | AssumeRef():
            return expr
        case Neg(operand=operand):
            return replace(expr, operand=replace_comparisons(operand, values))
        case AllOf(items=items) | AnyOf(items=items):
            return replace(expr, items=tuple(replace_comparisons(i, values) for i in items))
        case _:
            assert_never(expr)
