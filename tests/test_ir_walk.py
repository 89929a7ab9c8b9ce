"""subexpressions visits every node of a condition once, in order."""

from lawsim import ir
from lawsim.ir.walk import subexpressions


def test_every_node_is_visited_once_in_order():
    a, b, c = ir.In("x", frozenset({"yes"})), ir.Cmp("n", "<=", 5), ir.DefRef("d")
    inner = ir.AnyOf((b, ir.Neg(c)))
    expr = ir.AllOf((a, inner, ir.AssumeRef("s"), ir.Const(True)))
    nodes = list(subexpressions(expr))
    assert nodes == [expr, a, inner, b, ir.Neg(c), c, ir.AssumeRef("s"), ir.Const(True)]
